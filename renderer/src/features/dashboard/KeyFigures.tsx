import type { ReactNode } from 'react';
import type { Dashboard } from '../../../../shared/indicators/schemas';
import { change, type Change } from './compare';
import { Definition, label } from './links';
import { docPeriod, specs, type FigureSpec } from './figures';
import { periodRange } from './period';

function ChangeBadge({ c }: { c: Change }) {
  return (
    <span className={`change${c.diff === null ? ' change-none' : ''}`}>
      <span aria-hidden="true">
        {c.arrow ? `${c.arrow} ` : ''}
        {c.short}
      </span>
      <span className="visually-hidden">{c.text}</span>
    </span>
  );
}

export function comparisons(spec: FigureSpec, d: Dashboard) {
  const cur = spec.compareValue(d.current.indicators);
  return {
    previous: change(spec.kind, cur, spec.compareValue(d.previous.indicators), 'föregående period'),
    yearEarlier: change(spec.kind, cur, spec.compareValue(d.yearEarlier.indicators), 'samma period ett år tidigare'),
  };
}

/** One key figure: value, detail, and the two comparisons. */
export function FigureTile({ id, d, asOf, extra }: { id: string; d: Dashboard; asOf?: string; extra?: ReactNode }) {
  const spec = specs[id]!;
  const p = docPeriod(d.current, asOf);
  const pp = docPeriod(d.previous, asOf);
  const py = docPeriod(d.yearEarlier, asOf);
  const c = comparisons(spec, d);
  return (
    <article className="kf-tile" data-figure={id}>
      <h3 className="kf-label">
        {label(spec.id)} <Definition id={spec.id} />
      </h3>
      <p className="kf-value">{spec.main(d.current.indicators, p)}</p>
      {spec.detail ? <p className="kf-detail">{spec.detail(d.current.indicators, p, d.current)}</p> : null}
      {extra}
      <dl className="kf-compare">
        <div>
          <dt>Föregående period ({periodRange(d.previous.period)})</dt>
          <dd>
            {spec.compact(d.previous.indicators, pp)} <ChangeBadge c={c.previous} />
          </dd>
        </div>
        <div>
          <dt>Ett år tidigare ({periodRange(d.yearEarlier.period)})</dt>
          <dd>
            {spec.compact(d.yearEarlier.indicators, py)} <ChangeBadge c={c.yearEarlier} />
          </dd>
        </div>
      </dl>
    </article>
  );
}

/** Figures as rows with the period, the previous period and a year earlier as columns. */
export function CompareTable({ ids, d, asOf, caption }: { ids: string[]; d: Dashboard; asOf?: string; caption: string }) {
  const p = docPeriod(d.current, asOf);
  const pp = docPeriod(d.previous, asOf);
  const py = docPeriod(d.yearEarlier, asOf);
  return (
    <div className="table-wrap">
      <table className="compare-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Mått</th>
            <th scope="col">Perioden ({periodRange(d.current.period)})</th>
            <th scope="col">Föregående period ({periodRange(d.previous.period)})</th>
            <th scope="col">Ett år tidigare ({periodRange(d.yearEarlier.period)})</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => {
            const spec = specs[id]!;
            const c = comparisons(spec, d);
            return (
              <tr key={id} data-figure={id}>
                <th scope="row">
                  {label(spec.id)} <Definition id={spec.id} />
                </th>
                <td>
                  <span className="ct-value">{spec.main(d.current.indicators, p)}</span>
                  {spec.detail ? <div className="small">{spec.detail(d.current.indicators, p, d.current)}</div> : null}
                </td>
                <td>
                  {spec.compact(d.previous.indicators, pp)} <ChangeBadge c={c.previous} />
                </td>
                <td>
                  {spec.compact(d.yearEarlier.indicators, py)} <ChangeBadge c={c.yearEarlier} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
