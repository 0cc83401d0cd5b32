/**
 * How each figure is shown: its main value (with drill-down links), a detail line, and the
 * number used for comparison. All values come from the core's documents; nothing is counted here.
 */
import type { ReactNode } from 'react';
import type { IndicatorsDocument, LeadTime, Share } from '../../../../shared/indicators/schemas';
import type { IndicatorId } from '../../../../shared/indicators/catalogue';
import { formatDecimal, formatInt, formatPercent, formatSek } from '../../../../shared/format';
import { FigureLink } from './links';
import type { CompareKind } from './compare';
import type { DashboardPeriod } from './period';

export type Doc = IndicatorsDocument;
export type Values = Doc['indicators'];

export interface FigureSpec {
  id: IndicatorId;
  kind: CompareKind;
  /** The number compared between periods (share as 0..1, lead time as the median). */
  compareValue(v: Values): number | null;
  /** The main value, with drill-down links. */
  main(v: Values, p: DashboardPeriod): ReactNode;
  /** A detail line under the value. */
  detail?(v: Values, p: DashboardPeriod, doc: Doc): ReactNode;
  /** Compact value for comparison cells (linked where it is a count of cases). */
  compact(v: Values, p: DashboardPeriod): ReactNode;
}

export function docPeriod(doc: Doc, asOf: string | undefined): DashboardPeriod {
  return { from: doc.period.from, to: doc.period.to, asOf };
}

/** A count that opens its cases (0 is shown plain: nothing to open). */
export function CountLink({ n, indicator, k, p, what }: { n: number; indicator: IndicatorId; k?: string; p: DashboardPeriod; what: string }) {
  if (n === 0) return <>{formatInt(0)}</>;
  return (
    <FigureLink drill={{ indicator, key: k }} period={p} what={what}>
      {formatInt(n)}
    </FigureLink>
  );
}

export function ShareParts({ s, indicator, p, of }: { s: Share; indicator: IndicatorId; p: DashboardPeriod; of: string }) {
  return (
    <>
      <CountLink n={s.numerator} indicator={indicator} k="numerator" p={p} what={`de ${formatInt(s.numerator)} ärendena i täljaren`} /> av{' '}
      <CountLink n={s.denominator} indicator={indicator} k="denominator" p={p} what={`de ${formatInt(s.denominator)} ärendena i nämnaren`} />
      {of ? ` ${of}` : null}
    </>
  );
}

export function leadTimeText(t: LeadTime): string {
  if (t.n === 0 || t.median === null) return 'inga ärenden';
  return `median ${formatDays(t.median)}, 90:e percentil ${formatDays(t.p90)}`;
}

export function formatDays(d: number | null): string {
  if (d === null) return '–';
  return `${Number.isInteger(d) ? formatInt(d) : formatDecimal(d, 1)} dagar`;
}

export const rate = (r: number | null) => (r === null ? '–' : formatDecimal(r, 2));

const count = (id: IndicatorId, what: string): FigureSpec => ({
  id,
  kind: 'count',
  compareValue: (v) => v[id] as number,
  main: (v, p) => <CountLink n={v[id] as number} indicator={id} p={p} what={`de ${formatInt(v[id] as number)} ${what}`} />,
  compact: (v, p) => <CountLink n={v[id] as number} indicator={id} p={p} what={`de ${formatInt(v[id] as number)} ${what}`} />,
});

const shareSpec = (id: IndicatorId, of: string): FigureSpec => ({
  id,
  kind: 'share',
  compareValue: (v) => (v[id] as Share).share,
  main: (v) => formatPercent((v[id] as Share).share, 1),
  detail: (v, p) => <ShareParts s={v[id] as Share} indicator={id} p={p} of={of} />,
  compact: (v, p) => {
    const s = v[id] as Share;
    return (
      <>
        {formatPercent(s.share, 1)}{' '}
        <span className="muted small">
          (<ShareParts s={s} indicator={id} p={p} of="" />)
        </span>
      </>
    );
  },
});

const leadSpec = (id: IndicatorId, what: string): FigureSpec => ({
  id,
  kind: 'days',
  compareValue: (v) => (v[id] as LeadTime).median,
  main: (v) => formatDays((v[id] as LeadTime).median),
  detail: (v, p) => {
    const t = v[id] as LeadTime;
    if (t.n === 0) return <>inga {what} i perioden</>;
    return (
      <>
        median · 90:e percentil {formatDays(t.p90)} · n = <CountLink n={t.n} indicator={id} p={p} what={`de ${formatInt(t.n)} ${what}`} />
      </>
    );
  },
  compact: (v, p) => {
    const t = v[id] as LeadTime;
    return (
      <>
        {leadTimeText(t)}{' '}
        <span className="muted small">
          (n = <CountLink n={t.n} indicator={id} p={p} what={`de ${formatInt(t.n)} ${what}`} />)
        </span>
      </>
    );
  },
});

export const specs: Record<string, FigureSpec> = {
  'dev.count': count('dev.count', 'avvikelserna'),
  'dev.per10k': {
    id: 'dev.per10k',
    kind: 'rate',
    compareValue: (v) => v['dev.per10k'],
    main: (v) => rate(v['dev.per10k']),
    detail: (v, p, doc) =>
      v['dev.per10k'] === null ? (
        <>Folkmängden saknas för minst en kommun – se Avvikelser per kommun.</>
      ) : (
        <>
          <CountLink n={v['dev.count']} indicator="dev.per10k" p={p} what={`de ${formatInt(v['dev.count'])} avvikelserna`} /> avvikelser, folkmängd{' '}
          {formatInt(doc.population?.total ?? null)}
          {doc.population ? ` (${doc.population.mixedYears ? `blandade år, äldsta ${doc.population.year}` : `år ${doc.population.year}`})` : ''}
        </>
      ),
    compact: (v) => rate(v['dev.per10k']),
  },
  'dev.severe': count('dev.severe', 'allvarliga avvikelserna'),
  'dev.answeredWithinDeadline': shareSpec('dev.answeredWithinDeadline', 'besvarade i tid'),
  'dev.closedShare': shareSpec('dev.closedShare', 'avslutade'),
  'dev.recurring': shareSpec('dev.recurring', 'återkommande'),
  'dev.daysToAnswer': leadSpec('dev.daysToAnswer', 'besvarade avvikelserna'),
  'dev.daysToClose': leadSpec('dev.daysToClose', 'avslutade avvikelserna'),
  'disp.opened': count('disp.opened', 'nya ärendena'),
  'disp.resolved': count('disp.resolved', 'lösta ärendena'),
  'disp.resolvedAtStep1': shareSpec('disp.resolvedAtStep1', 'lösta på steg 1'),
  'disp.reachedTvist': count('disp.reachedTvist', 'ärendena som nådde tvist'),
  'disp.daysToResolve': leadSpec('disp.daysToResolve', 'lösta ärendena'),
  'disp.openAtEnd': {
    id: 'disp.openAtEnd',
    kind: 'count',
    compareValue: (v) => v['disp.openAtEnd'].total,
    main: (v, p) => <CountLink n={v['disp.openAtEnd'].total} indicator="disp.openAtEnd" p={p} what="de öppna ärendena" />,
    detail: (v, p) => {
      const o = v['disp.openAtEnd'];
      return (
        <>
          steg 1: <CountLink n={o.byStep['1']} indicator="disp.openAtEnd" k="1" p={p} what="de öppna ärendena på steg 1" />, steg 2:{' '}
          <CountLink n={o.byStep['2']} indicator="disp.openAtEnd" k="2" p={p} what="de öppna ärendena på steg 2" />, steg 3 (tvist):{' '}
          <CountLink n={o.byStep['3']} indicator="disp.openAtEnd" k="3" p={p} what="de öppna ärendena på steg 3" />
          {o.oldestDays !== null ? `; det äldsta har varit öppet ${formatInt(o.oldestDays)} dagar` : ''}
        </>
      );
    },
    compact: (v, p) => <CountLink n={v['disp.openAtEnd'].total} indicator="disp.openAtEnd" p={p} what="de öppna ärendena" />,
  },
  'disp.temporarySolution': shareSpec('disp.temporarySolution', 'eskalerade ärenden med tillfällig lösning'),
  'disp.economicSettlement': {
    id: 'disp.economicSettlement',
    kind: 'count',
    compareValue: (v) => v['disp.economicSettlement'].count,
    main: (v, p) => (
      <CountLink n={v['disp.economicSettlement'].count} indicator="disp.economicSettlement" p={p} what="ärendena med ekonomisk reglering" />
    ),
    detail: (v) => <>sammanlagt {formatSek(v['disp.economicSettlement'].totalSek)}</>,
    compact: (v, p) => (
      <>
        <CountLink n={v['disp.economicSettlement'].count} indicator="disp.economicSettlement" p={p} what="ärendena med ekonomisk reglering" />{' '}
        <span className="muted small">({formatSek(v['disp.economicSettlement'].totalSek)})</span>
      </>
    ),
  },
  'disp.principled': count('disp.principled', 'principiella ärendena'),
  'learn.lessonCoverage': shareSpec('learn.lessonCoverage', 'med dokumenterad lärdom'),
  'learn.newPrecedents': {
    id: 'learn.newPrecedents',
    kind: 'count',
    compareValue: (v) => v['learn.newPrecedents'],
    // counts precedents, not cases: no case list (the core refuses it); the library lists them
    main: (v) => formatInt(v['learn.newPrecedents']),
    compact: (v) => formatInt(v['learn.newPrecedents']),
  },
};
