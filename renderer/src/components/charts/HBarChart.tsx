import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Text, XAxis, YAxis } from 'recharts';
import { formatInt } from '../../../../shared/format';
import { ChartFrame, type ChartMode } from './ChartFrame';
import { chartColors } from './colors';

export interface HBarItem {
  /** Stable key (e.g. category code), passed to onBarClick/renderValue. */
  key: string;
  label: string;
  value: number;
  /** Text at the end of the bar and in the table, e.g. "35 (34,7 %)"; default: the value. */
  valueLabel?: string;
  /** Extra table column text (e.g. the share). */
  extra?: string;
}

export interface HBarChartProps {
  name: string;
  items: HBarItem[];
  summary: ReactNode;
  /** Table headers: [label column, value column, extra column?]. */
  columns: [string, string, string?];
  caption?: string;
  mode?: ChartMode;
  width?: number;
  /** Height per bar in px (default 30). */
  barSize?: number;
  onBarClick?(key: string): void;
  renderValue?(item: HBarItem): ReactNode;
  onRendered?(): void;
  initialTable?: boolean;
}

/** Horizontal bars with category labels on the left and values at the bar ends. */
export function HBarChart({ name, items, summary, columns, caption, mode, width, barSize = 30, onBarClick, renderValue, onRendered, initialTable }: HBarChartProps) {
  const longest = items.reduce((m, i) => Math.max(m, i.label.length), 0);
  const maxValueLabel = items.reduce((m, i) => Math.max(m, (i.valueLabel ?? formatInt(i.value)).length), 0);
  const height = Math.max(80, items.length * barSize + 40);
  const key = JSON.stringify(items.map((i) => [i.key, i.value]));

  const table = (
    <table>
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">{columns[0]}</th>
          <th scope="col" className="num">
            {columns[1]}
          </th>
          {columns[2] ? (
            <th scope="col" className="num">
              {columns[2]}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.key}>
            <th scope="row">{i.label}</th>
            <td className="num">{renderValue ? renderValue(i) : formatInt(i.value)}</td>
            {columns[2] ? <td className="num">{i.extra ?? ''}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFrame name={name} summary={summary} table={table} mode={mode} width={width} dataKey={key} onRendered={onRendered} initialTable={initialTable}>
      {(w) => {
        const labelWidth = Math.min(Math.round(longest * 7.4) + 16, Math.round(w * 0.45));
        const rightPad = Math.max(40, maxValueLabel * 7.5 + 12);
        const Tick = (props: { x?: number | string; y?: number | string; payload?: { value: string } }) => (
          <Text
            x={Number(props.x ?? 0) - 6}
            y={Number(props.y ?? 0)}
            width={labelWidth - 10}
            textAnchor="end"
            verticalAnchor="middle"
            fontSize={13}
            fill={chartColors.text}
            maxLines={2}
          >
            {props.payload?.value ?? ''}
          </Text>
        );
        return (
          <BarChart
            width={w}
            height={height}
            data={items}
            layout="vertical"
            margin={{ top: 4, right: rightPad, bottom: 4, left: 0 }}
            accessibilityLayer={false}
            barCategoryGap={6}
          >
            <CartesianGrid stroke={chartColors.grid} horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: chartColors.text }} stroke={chartColors.axis} />
            <YAxis type="category" dataKey="label" width={labelWidth} tick={Tick} interval={0} stroke={chartColors.axis} tickLine={false} />
            <Bar
              dataKey="value"
              fill={chartColors.bar}
              isAnimationActive={false}
              maxBarSize={22}
              onClick={onBarClick ? (d: unknown) => onBarClick(String((d as { payload?: HBarItem }).payload?.key ?? (d as HBarItem).key)) : undefined}
              style={onBarClick ? { cursor: 'pointer' } : undefined}
            >
              <LabelList
                dataKey="value"
                content={(p) => {
                  const idx = Number(p.index ?? 0);
                  const item = items[idx];
                  const x = Number(p.x ?? 0) + Number(p.width ?? 0) + 6;
                  const y = Number(p.y ?? 0) + Number(p.height ?? 0) / 2;
                  return (
                    <text x={x} y={y} dominantBaseline="central" fontSize={12} fill={chartColors.text}>
                      {item?.valueLabel ?? formatInt(item?.value ?? 0)}
                    </text>
                  );
                }}
              />
            </Bar>
          </BarChart>
        );
      }}
    </ChartFrame>
  );
}
