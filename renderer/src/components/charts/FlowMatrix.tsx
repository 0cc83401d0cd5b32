import type { ReactNode } from 'react';
import { partyTypes, type PartyType } from '../../../../shared/domain/enums';
import { partyTypeLabels } from '../../../../shared/labels.sv';
import { formatInt } from '../../../../shared/format';
import { heatColor } from './colors';

export interface FlowCell {
  from: PartyType;
  to: PartyType;
  count: number;
}

export interface FlowMatrixProps {
  flows: FlowCell[];
  caption?: ReactNode;
  /** Renders a cell's number (e.g. as a drill-down link); default: the formatted count. */
  renderCount?(cell: FlowCell): ReactNode;
}

/**
 * Reporter → receiver as a 3×3 table (rows: reporting party type, columns: receiving party type),
 * shaded by size with the number always written in the cell. Carries data-chart-rendered
 * like the charts (it is plain HTML, so it is drawn at once).
 */
export function FlowMatrix({ flows, caption, renderCount }: FlowMatrixProps) {
  const max = flows.reduce((m, f) => Math.max(m, f.count), 0);
  const cell = (from: PartyType, to: PartyType): FlowCell => flows.find((f) => f.from === from && f.to === to) ?? { from, to, count: 0 };
  return (
    <div className="table-wrap" data-chart="flow-matrix" data-chart-rendered="true">
      <table className="flow-matrix">
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            <td className="flow-corner" />
            <th scope="colgroup" colSpan={3} className="flow-group">
              Mottagande huvudman →
            </th>
          </tr>
          <tr>
            <th scope="col" className="flow-corner">
              Rapporterande huvudman ↓
            </th>
            {partyTypes.map((t) => (
              <th key={t} scope="col" className="num">
                {partyTypeLabels[t]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {partyTypes.map((from) => (
            <tr key={from}>
              <th scope="row">{partyTypeLabels[from]}</th>
              {partyTypes.map((to) => {
                const c = cell(from, to);
                return (
                  <td key={to} className="num flow-cell" style={{ background: heatColor(max ? c.count / max : 0) }}>
                    {renderCount ? renderCount(c) : formatInt(c.count)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
