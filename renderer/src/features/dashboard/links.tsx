import type { ReactNode } from 'react';
import { href } from '../../router';
import { InfoTip } from '../../components/ui';
import { catalogueEntry, type IndicatorId } from '../../../../shared/indicators/catalogue';
import type { DashboardPeriod } from './period';

export interface Drill {
  indicator: IndicatorId;
  key?: string;
}

/** The drill-down sub-route for a figure: #/oversikt/arenden?indicator=…&key=…&from=…&to=…&asOf=… */
export function casesHref(drill: Drill, period: DashboardPeriod): string {
  return href('/oversikt/arenden', { indicator: drill.indicator, key: drill.key, from: period.from, to: period.to, asOf: period.asOf });
}

/** A figure that opens the list of cases behind it. */
export function FigureLink({ drill, period, children, what }: { drill: Drill; period: DashboardPeriod; children: ReactNode; what?: string }) {
  return (
    <a className="figure-link" href={casesHref(drill, period)} data-indicator={drill.indicator} data-key={drill.key ?? ''}>
      {children}
      {what ? <span className="visually-hidden"> – visa {what}</span> : null}
    </a>
  );
}

/** The catalogue's Swedish definition and how to read the figure, behind an ⓘ. */
export function Definition({ id, extra }: { id: IndicatorId; extra?: ReactNode }) {
  const e = catalogueEntry(id);
  if (!e) return null;
  return (
    <InfoTip label={e.label}>
      <p className="infotip-title">{e.label}</p>
      <p>{e.definition}</p>
      <p>
        <strong>Så läser du talet:</strong> {e.reading}
      </p>
      {extra}
    </InfoTip>
  );
}

export function label(id: IndicatorId): string {
  return catalogueEntry(id)?.label ?? id;
}
