/**
 * The dashboard's period in the URL (#/oversikt?from=…&to=…&asOf=…) and Swedish period labels.
 * Calendar arithmetic comes from shared/periods.ts.
 */
import { periodProblem, presetPeriod, previousPeriod, type Period, type PeriodPreset } from '../../../../shared/periods';
import { isIsoDate, todayIso } from '../../../../shared/dates';
import { monthNamesLong, monthNamesShort } from '../../components/charts/months';

export type Preset = Exclude<PeriodPreset, 'custom'>;
export const presetOrder: Preset[] = ['month', 'quarter', 'tertial', 'half', 'year'];

export interface DashboardPeriod extends Period {
  /** As-of date chosen by the user; undefined = the core's default (newest import date). */
  asOf?: string;
}


/** The last whole quarter on or before the reference date (the default period). */
export function defaultPeriod(ref: string): Period {
  const q = presetPeriod('quarter', ref);
  return ref >= q.to ? q : previousPeriod(q);
}

/** Reads the period from the route's query; falls back to the default (and says why, if invalid). */
export function periodFromQuery(query: URLSearchParams, ref: string): { period: DashboardPeriod; problem: string | null; explicit: boolean } {
  const from = query.get('from');
  const to = query.get('to');
  const asOfRaw = query.get('asOf');
  const asOf = asOfRaw && isIsoDate(asOfRaw) ? asOfRaw : undefined;
  if (from && to) {
    const problem = periodProblem({ from, to });
    if (!problem) return { period: { from, to, asOf }, problem: null, explicit: true };
    return { period: { ...defaultPeriod(ref), asOf }, problem: `${problem} Standardperioden visas i stället.`, explicit: false };
  }
  return { period: { ...defaultPeriod(ref), asOf }, problem: null, explicit: false };
}

export function periodQuery(p: DashboardPeriod): Record<string, string | undefined> {
  return { from: p.from, to: p.to, asOf: p.asOf };
}

/** Which preset a period is (the first whose period containing `from` equals it), else 'custom'. */
export function detectPreset(p: Period): PeriodPreset {
  for (const preset of presetOrder) {
    const q = presetPeriod(preset, p.from);
    if (q.from === p.from && q.to === p.to) return preset;
  }
  return 'custom';
}

/** Swedish name of a period: "juli 2026", "kvartal 3 2026", "tertial 2 2026", "första halvåret 2026", "år 2026", else the dates. */
export function periodLabel(p: Period): string {
  const preset = detectPreset(p);
  const year = p.from.slice(0, 4);
  const m = Number(p.from.slice(5, 7));
  switch (preset) {
    case 'month':
      return `${monthNamesLong[m - 1]} ${year}`;
    case 'quarter':
      return `kvartal ${Math.floor((m - 1) / 3) + 1} ${year}`;
    case 'tertial':
      return `tertial ${Math.floor((m - 1) / 4) + 1} ${year}`;
    case 'half':
      return `${m === 1 ? 'första' : 'andra'} halvåret ${year}`;
    case 'year':
      return `år ${year}`;
    default:
      return `${p.from} – ${p.to}`;
  }
}

/** Short range in words: "jul–sep 2026", "2026-01-05 – 2026-02-10". */
export function periodRange(p: Period): string {
  const preset = detectPreset(p);
  if (preset === 'custom') return `${p.from} – ${p.to}`;
  const fy = p.from.slice(0, 4);
  const ty = p.to.slice(0, 4);
  const fm = monthNamesShort[Number(p.from.slice(5, 7)) - 1];
  const tm = monthNamesShort[Number(p.to.slice(5, 7)) - 1];
  if (preset === 'month') return `${fm} ${fy}`;
  return fy === ty ? `${fm}–${tm} ${fy}` : `${fm} ${fy} – ${tm} ${ty}`;
}

/** Option list for a preset: the periods from `years` years back up to the one containing `ref`, newest first. */
export function presetOptions(preset: Preset, ref: string, years = 5): { value: string; label: string; period: Period }[] {
  const out: { value: string; label: string; period: Period }[] = [];
  let p = presetPeriod(preset, ref);
  const stopYear = Number(ref.slice(0, 4)) - years;
  while (Number(p.from.slice(0, 4)) > stopYear) {
    out.push({ value: `${p.from}_${p.to}`, label: capitalise(periodLabel(p)), period: p });
    p = previousPeriod(p);
  }
  return out;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The next period of the same preset (or, for custom, the same length directly after). */
export function nextPeriod(p: Period): Period {
  const preset = detectPreset(p);
  if (preset !== 'custom') {
    const dayAfter = new Date(`${p.to}T00:00:00Z`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    return presetPeriod(preset, dayAfter.toISOString().slice(0, 10));
  }
  const len = Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;
  const add = (iso: string, d: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
  return { from: add(p.to, 1), to: add(p.to, len) };
}

export function today(): string {
  return todayIso();
}
