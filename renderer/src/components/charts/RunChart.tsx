import type { ReactNode } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunChart as RunChartData } from '../../../../shared/indicators/schemas';
import { formatDecimal, formatInt } from '../../../../shared/format';
import { ChartFrame, type ChartMode } from './ChartFrame';
import { monthLong, monthNamesShort } from './months';
import { chartColors } from './colors';

/**
 * The months in a run longer than the core's limit (Anhøj "unusually long run"): consecutive
 * points on the same side of the median, points on the median skipped. Only a marking of the
 * core's signal (rc.signals includes 'run'); the figures themselves (longest run, limit) come
 * from the core.
 */
export function longRunMonths(rc: RunChartData): Set<string> {
  const out = new Set<string>();
  if (!rc.signals.includes('run') || rc.median === null || rc.longestRunLimit === null) return out;
  const limit = rc.longestRunLimit;
  let run: string[] = [];
  let side = 0;
  const flush = () => {
    if (run.length > limit) for (const m of run) out.add(m);
  };
  for (const p of rc.points) {
    const s = Math.sign(p.count - rc.median);
    if (s === 0) continue;
    if (s !== side) {
      flush();
      run = [];
      side = s;
    }
    run.push(p.month);
  }
  flush();
  return out;
}

const fmtMedian = (m: number) => (Number.isInteger(m) ? formatInt(m) : formatDecimal(m, 1));

/** The Anhøj analysis in words (Swedish), e.g. "Signal: ovanligt lång serie (9 punkter, gräns 8)". */
export function runChartSignalText(rc: RunChartData): string {
  if (rc.points.length === 0) return 'Inga månader att visa.';
  if (rc.longestRun === null || rc.longestRunLimit === null || rc.crossings === null || rc.crossingsLimit === null) {
    return `Ingen analys av variationen: minst 10 månader med punkter utanför medianen behövs (diagrammet har ${formatInt(rc.points.length)} månader).`;
  }
  const details = `längsta serie ${formatInt(rc.longestRun)} punkter (gräns ${formatInt(rc.longestRunLimit)}), ${formatInt(rc.crossings)} korsningar av medianen (gräns minst ${formatInt(rc.crossingsLimit)})`;
  if (!rc.signal) return `Ingen signal: variationen är slumpmässig (${details}).`;
  const parts: string[] = [];
  if (rc.signals.includes('run')) parts.push(`ovanligt lång serie (${formatInt(rc.longestRun)} punkter, gräns ${formatInt(rc.longestRunLimit)})`);
  if (rc.signals.includes('crossings')) parts.push(`för få korsningar (${formatInt(rc.crossings)}, gräns minst ${formatInt(rc.crossingsLimit)})`);
  return `Signal: ${parts.join(' och ')}. Variationen är sannolikt inte slumpmässig – något har förändrats.`;
}

/** One-paragraph summary of the chart (Swedish). */
export function runChartSummary(rc: RunChartData, what = 'Antal avvikelser per månad'): string {
  if (rc.points.length === 0) return `${what}: inga månader att visa.`;
  const first = rc.points[0]!.month;
  const last = rc.points[rc.points.length - 1]!.month;
  const median = rc.median === null ? '' : ` Medianen är ${fmtMedian(rc.median)}.`;
  return `${what}, ${formatInt(rc.points.length)} månader från ${monthLong(first)} till ${monthLong(last)}.${median} ${runChartSignalText(rc)}`;
}

export interface RunChartProps {
  data: RunChartData;
  /** Visible title of the measure, used in the summary ("Antal avvikelser per månad"). */
  what?: string;
  mode?: ChartMode;
  /** Fixed size for print; default: container width × 300 px. */
  width?: number;
  height?: number;
  /** Mouse: a point was clicked (drill-down). Keyboard users use the table's links. */
  onPointClick?(month: string): void;
  /** Renders the count in the table (e.g. as a drill-down link). */
  renderCount?(month: string, count: number): ReactNode;
  onRendered?(): void;
  initialTable?: boolean;
}

interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
  payload?: { month: string; count: number; signal: boolean };
}

/** Run chart (serietidsdiagram) with median line; points of an unusually long run drawn as diamonds. */
export function RunChart({ data, what, mode, width, height = 300, onPointClick, renderCount, onRendered, initialTable }: RunChartProps) {
  const marked = longRunMonths(data);
  const rows = data.points.map((p) => ({ ...p, signal: marked.has(p.month) }));
  const key = JSON.stringify([data.points, data.median, data.signals]);
  const summary = runChartSummary(data, what);

  const dot = (props: DotProps) => {
    const { cx, cy, payload, index } = props;
    if (cx === undefined || cy === undefined || !payload) return <g key={`d${index}`} />;
    const click = onPointClick ? () => onPointClick(payload.month) : undefined;
    const common = {
      onClick: click,
      style: click ? { cursor: 'pointer' } : undefined,
      'data-month': payload.month,
      'data-signal': payload.signal ? 'true' : 'false',
    };
    if (payload.signal) {
      const r = 7;
      return (
        <path
          key={`d${index}`}
          className="run-point run-point-signal"
          d={`M${cx},${cy - r} L${cx + r},${cy} L${cx},${cy + r} L${cx - r},${cy} Z`}
          fill={chartColors.signal}
          stroke="#ffffff"
          strokeWidth={1.5}
          {...common}
        />
      );
    }
    return <circle key={`d${index}`} className="run-point" cx={cx} cy={cy} r={4.5} fill={chartColors.primary} stroke="#ffffff" strokeWidth={1.5} {...common} />;
  };

  const narrow = (w: number) => w < 560;

  const tick = (w: number) =>
    function MonthTick(props: { x?: number | string; y?: number | string; payload?: { value: string; index?: number }; index?: number }) {
      const x = Number(props.x ?? 0);
      const y = Number(props.y ?? 0);
      const month = props.payload?.value ?? '';
      const i = props.index ?? 0;
      const m = Number(month.slice(5, 7));
      const showYear = m === 1 || i === 0;
      if (narrow(w) && i % 2 === 1 && !showYear) return <g />;
      return (
        <g transform={`translate(${x},${y})`}>
          <text textAnchor="middle" dy={12} fontSize={12} fill={chartColors.text}>
            {monthNamesShort[m - 1]}
          </text>
          {showYear ? (
            <text textAnchor="middle" dy={27} fontSize={12} fill={chartColors.text} fontWeight={600}>
              {month.slice(0, 4)}
            </text>
          ) : null}
        </g>
      );
    };

  const table = (
    <table className="run-chart-table">
      <caption className="visually-hidden">{what ?? 'Antal avvikelser per månad'}</caption>
      <thead>
        <tr>
          <th scope="col">Månad</th>
          <th scope="col" className="num">
            Antal
          </th>
          <th scope="col">Jämfört med medianen</th>
          <th scope="col">Signal</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.month}>
            <th scope="row">{monthLong(p.month)}</th>
            <td className="num">{renderCount ? renderCount(p.month, p.count) : formatInt(p.count)}</td>
            <td>{data.median === null ? '–' : p.count > data.median ? 'över' : p.count < data.median ? 'under' : 'på medianen'}</td>
            <td>{p.signal ? 'Ja – del av ovanligt lång serie' : ''}</td>
          </tr>
        ))}
      </tbody>
      {data.median !== null ? (
        <tfoot>
          <tr>
            <th scope="row">Median</th>
            <td className="num">{fmtMedian(data.median)}</td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      ) : null}
    </table>
  );

  return (
    <ChartFrame name="run-chart" summary={summary} table={table} mode={mode} width={width} dataKey={key} onRendered={onRendered} initialTable={initialTable}>
      {(w) => (
        <>
          <LineChart width={w} height={height} data={rows} margin={{ top: 16, right: 84, bottom: 12, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke={chartColors.grid} vertical={false} />
            <XAxis dataKey="month" tick={tick(w)} interval={0} height={40} tickLine={false} stroke={chartColors.axis} />
            <YAxis allowDecimals={false} width={44} tick={{ fontSize: 12, fill: chartColors.text }} stroke={chartColors.axis} />
            {data.median !== null ? (
              <ReferenceLine
                y={data.median}
                stroke={chartColors.median}
                strokeDasharray="6 4"
                strokeWidth={1.5}
                ifOverflow="extendDomain"
                label={{ value: `Median ${fmtMedian(data.median)}`, position: 'right', fill: chartColors.text, fontSize: 12 }}
              />
            ) : null}
            <Tooltip
              isAnimationActive={false}
              cursor={{ stroke: chartColors.grid }}
              formatter={(v) => [formatInt(Number(v)), 'Antal']}
              labelFormatter={(l) => monthLong(String(l))}
            />
            <Line type="linear" dataKey="count" stroke={chartColors.primary} strokeWidth={2} dot={dot} activeDot={false} isAnimationActive={false} />
          </LineChart>
          <ul className="chart-legend">
            <li>
              <svg width="18" height="12" aria-hidden="true">
                <line x1="0" y1="6" x2="18" y2="6" stroke={chartColors.primary} strokeWidth="2" />
                <circle cx="9" cy="6" r="4" fill={chartColors.primary} />
              </svg>
              Antal per månad
            </li>
            <li>
              <svg width="22" height="12" aria-hidden="true">
                <line x1="0" y1="6" x2="22" y2="6" stroke={chartColors.median} strokeWidth="1.5" strokeDasharray="6 4" />
              </svg>
              Median
            </li>
            {marked.size > 0 ? (
              <li>
                <svg width="16" height="16" aria-hidden="true">
                  <path d="M8,1 L15,8 L8,15 L1,8 Z" fill={chartColors.signal} />
                </svg>
                Signal: punkt i ovanligt lång serie
              </li>
            ) : null}
          </ul>
        </>
      )}
    </ChartFrame>
  );
}
