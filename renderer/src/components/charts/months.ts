/** Swedish month names for chart axes and tables (no Intl: abbreviations stable across ICU versions). */
export const monthNamesShort = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'] as const;
export const monthNamesLong = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** 'YYYY-MM' → 'januari 2026'. */
export function monthLong(month: string): string {
  const m = Number(month.slice(5, 7));
  return `${monthNamesLong[m - 1] ?? month} ${month.slice(0, 4)}`;
}

/** 'YYYY-MM' → 'jan 2026'. */
export function monthShort(month: string): string {
  const m = Number(month.slice(5, 7));
  return `${monthNamesShort[m - 1] ?? month} ${month.slice(0, 4)}`;
}
