/**
 * Formatting of the report's figures (pure; shared by the print layout and its tests). Every
 * number comes from the report model — i.e. from indicators.dashboard — and is only worded here.
 */
import type { LeadTime, Share } from '../../../shared/indicators/schemas';
import { formatDecimal, formatInt, formatPercent } from '../../../shared/format';

/** Small-cell suppression (REPORT.md): counts 1–4 in breakdowns by kommun/organisation print as "<5". */
export function cellCount(n: number, suppress: boolean): string {
  return suppress && n >= 1 && n <= 4 ? '<5' : formatInt(n);
}

export function isSuppressed(n: number, suppress: boolean): boolean {
  return suppress && n >= 1 && n <= 4;
}

/** Rate per 10 000 with two decimals ("–" when unknown). */
export function rateText(r: number | null): string {
  return r === null ? '–' : formatDecimal(r, 2);
}

/**
 * A period's range as header lines: a range of dates ("2026-01-15 – 2026-04-20") breaks after its
 * dash into two lines so a table column stays narrow; a named range ("jan–jun 2026") is one line.
 */
export function rangeLines(range: string): string[] {
  const i = range.indexOf(' – ');
  return i < 0 ? [range] : [`${range.slice(0, i)} –`, range.slice(i + 3)];
}

/** The report's period in words once: "kvartal 3 2026 (2026-07-01 – 2026-09-30)", or only the dates for a custom period. */
export function periodText(p: { label: string; from: string; to: string }): { label: string | null; range: string } {
  const range = `${p.from} – ${p.to}`;
  return { label: p.label.trim() === range ? null : p.label, range };
}

/** "72,3 %" */
export function shareText(s: Share): string {
  return formatPercent(s.share, 1);
}

/** "18 av 25" */
export function shareParts(s: Share): string {
  return `${formatInt(s.numerator)} av ${formatInt(s.denominator)}`;
}

export function daysText(d: number | null): string {
  if (d === null) return '–';
  return `${Number.isInteger(d) ? formatInt(d) : formatDecimal(d, 1)} dagar`;
}

/** "median 12 dagar, 90:e percentil 40 dagar (n = 33)" */
export function leadText(t: LeadTime): string {
  if (t.n === 0 || t.median === null) return 'inga ärenden';
  return `median ${daysText(t.median)}, 90:e percentil ${daysText(t.p90)} (n = ${formatInt(t.n)})`;
}

/** Splits a free text into paragraphs (blank lines) for print. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
