/**
 * Period presets for the indicators (INDICATORS.md "Period P"): month, quarter ('2026-Q3'),
 * tertial ('2026-T2'), half-year ('2026-H1'), year ('2026') and custom ranges.
 * Pure calendar arithmetic on 'YYYY-MM-DD' strings (UTC, no time zones involved).
 */
import { addDays, daysBetween, isIsoDate, toDate, toIso } from './dates';

export interface Period {
  from: string;
  to: string;
}

export type PeriodPreset = 'month' | 'quarter' | 'tertial' | 'half' | 'year' | 'custom';

export const periodPresetLabels: Record<PeriodPreset, string> = {
  month: 'Månad',
  quarter: 'Kvartal',
  tertial: 'Tertial',
  half: 'Halvår',
  year: 'År',
  custom: 'Eget intervall',
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Last day of a month (month 1–12). */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The months [firstMonth, firstMonth + count − 1] of a year as a period. */
export function monthsPeriod(year: number, firstMonth: number, count: number): Period {
  const endMonth = firstMonth + count - 1;
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(endMonth)}-${pad(lastDayOfMonth(year, endMonth))}` };
}

const PRESET_RE = /^(\d{4})(?:-(\d{2})|-Q([1-4])|-T([1-3])|-H([12]))?$/;

/**
 * Parses a preset code: '2026' (year), '2026-07' (month), '2026-Q3' (quarter), '2026-T2'
 * (tertial: Jan–Apr, May–Aug, Sep–Dec), '2026-H1' (half-year). Returns null when not a preset.
 */
export function parsePeriodCode(code: string): (Period & { preset: Exclude<PeriodPreset, 'custom'> }) | null {
  const m = PRESET_RE.exec(code.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return { ...monthsPeriod(year, month, 1), preset: 'month' };
  }
  if (m[3]) return { ...monthsPeriod(year, (Number(m[3]) - 1) * 3 + 1, 3), preset: 'quarter' };
  if (m[4]) return { ...monthsPeriod(year, (Number(m[4]) - 1) * 4 + 1, 4), preset: 'tertial' };
  if (m[5]) return { ...monthsPeriod(year, (Number(m[5]) - 1) * 6 + 1, 6), preset: 'half' };
  return { ...monthsPeriod(year, 1, 12), preset: 'year' };
}

/** The period of a preset that contains the given date. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, date: string): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (preset) {
    case 'month':
      return monthsPeriod(year, month, 1);
    case 'quarter':
      return monthsPeriod(year, Math.floor((month - 1) / 3) * 3 + 1, 3);
    case 'tertial':
      return monthsPeriod(year, Math.floor((month - 1) / 4) * 4 + 1, 4);
    case 'half':
      return monthsPeriod(year, month <= 6 ? 1 : 7, 6);
    case 'year':
      return monthsPeriod(year, 1, 12);
  }
}

/** Code of a preset period ('2026-Q3' …) for the period containing `date`. */
export function presetCode(preset: Exclude<PeriodPreset, 'custom'>, date: string): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  switch (preset) {
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'tertial':
      return `${year}-T${Math.floor((month - 1) / 4) + 1}`;
    case 'half':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'year':
      return year;
  }
}

/** Number of days in a period, both ends inclusive. */
export function periodLength(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}

/** True when the period is whole calendar months (from = 1st, to = last day of its month). */
function wholeMonths(p: Period): number | null {
  if (p.from.slice(8) !== '01') return null;
  const ty = Number(p.to.slice(0, 4));
  const tm = Number(p.to.slice(5, 7));
  if (Number(p.to.slice(8)) !== lastDayOfMonth(ty, tm)) return null;
  const fy = Number(p.from.slice(0, 4));
  const fm = Number(p.from.slice(5, 7));
  const n = (ty - fy) * 12 + (tm - fm) + 1;
  return n > 0 ? n : null;
}

function shiftMonths(iso: string, months: number): { year: number; month: number } {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  return { year: y + Math.floor(m / 12), month: (((m % 12) + 12) % 12) + 1 };
}

/**
 * The previous period of equal length, ending the day before `from`. A period of whole calendar
 * months (a month, quarter, tertial, half-year, year, or several months) gives the same number of
 * whole months before it (Q3 → Q2, '2026-03' → '2026-02'); any other period the same number of days.
 */
export function previousPeriod(p: Period): Period {
  const n = wholeMonths(p);
  if (n !== null) {
    const s = shiftMonths(p.from, -n);
    const e = shiftMonths(p.from, -1);
    return { from: `${s.year}-${pad(s.month)}-01`, to: `${e.year}-${pad(e.month)}-${pad(lastDayOfMonth(e.year, e.month))}` };
  }
  const len = periodLength(p);
  return { from: addDays(p.from, -len), to: addDays(p.from, -1) };
}

/** Same calendar date a year earlier; 29 February becomes 28 February. */
export function sameDateYearEarlier(iso: string): string {
  const y = Number(iso.slice(0, 4)) - 1;
  const m = Number(iso.slice(5, 7));
  const d = Math.min(Number(iso.slice(8, 10)), lastDayOfMonth(y, m));
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** The same period a year earlier (a to-date on the last day of February stays the last day). */
export function yearEarlierPeriod(p: Period): Period {
  const ty = Number(p.to.slice(0, 4));
  const tm = Number(p.to.slice(5, 7));
  const toIsMonthEnd = Number(p.to.slice(8)) === lastDayOfMonth(ty, tm);
  const to = toIsMonthEnd ? `${pad(ty - 1, 4)}-${pad(tm)}-${pad(lastDayOfMonth(ty - 1, tm))}` : sameDateYearEarlier(p.to);
  return { from: sameDateYearEarlier(p.from), to };
}

/** 'YYYY-MM' of a date. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

/** Adds months to a 'YYYY-MM' month. */
export function addMonths(month: string, n: number): string {
  const s = shiftMonths(`${month}-01`, n);
  return `${s.year}-${pad(s.month)}`;
}

/** Whole months from a to b ('YYYY-MM'), b − a. */
export function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + (Number(b.slice(5, 7)) - Number(a.slice(5, 7)));
}

/** First and last day of a 'YYYY-MM' month. */
export function monthRange(month: string): Period {
  return monthsPeriod(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);
}

/** Validates a period (valid dates, from ≤ to). Returns a Swedish message or null. */
export function periodProblem(p: Period): string | null {
  for (const d of [p.from, p.to]) {
    if (!isIsoDate(d)) return `Ogiltigt datum "${d}". Skriv datum som ÅÅÅÅ-MM-DD.`;
  }
  if (p.from > p.to) return `Periodens början (${p.from}) ligger efter dess slut (${p.to}).`;
  return null;
}
