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
export function formatSek(n: number | null | undefined): string {
  return n == null ? '–' : `${intFmt.format(n)} kr`;
}
