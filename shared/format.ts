/** Swedish number and date formatting (Intl sv-SE) shared by the UI and the report. */
const intFmt = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const dec1 = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatInt(n: number | null | undefined): string {
  return n == null ? '–' : intFmt.format(n);
}
export function formatDecimal(n: number | null | undefined, digits = 1): string {
  if (n == null || !Number.isFinite(n)) return '–';
  if (digits === 1) return dec1.format(n);
  return new Intl.NumberFormat('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}
export function formatPercent(share: number | null | undefined, digits = 0): string {
  if (share == null || !Number.isFinite(share)) return '–';
  return `${formatDecimal(share * 100, digits)} %`;
}
/**
 * An amount in kronor exactly as recorded: whole kronor without decimals ("12 500 kr"), an amount
 * with öre with two decimals ("12 500,50 kr"), so a printed total equals indicators --json.
 * Rounded to whole öre first so a sum's floating-point noise (0,1 + 0,2) never shows.
 */
export function formatSek(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return '–';
  const ore = Math.round(n * 100);
  return ore % 100 === 0 ? `${intFmt.format(ore / 100)} kr` : `${formatDecimal(ore / 100, 2)} kr`;
}

/** "1 ärende", "12 ärenden": a count with the noun in the right number (sv-SE digits). */
export function countOf(n: number, singular: string, plural: string): string {
  return `${intFmt.format(n)} ${n === 1 ? singular : plural}`;
}
