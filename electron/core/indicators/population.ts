import type Database from 'better-sqlite3';

export interface KommunPopulation {
  code: string;
  kommun: string;
  /** Year of the figure used (latest with year ≤ the period's last year), null when none. */
  year: number | null;
  value: number | null;
  source: string | null;
}

export interface PopulationUsed {
  perKommun: KommunPopulation[];
  /** null when any kommun of the workspace lacks a figure. */
  summary: { year: number; total: number; mixedYears: boolean } | null;
}

/**
 * Per kommun of the workspace, the latest population figure whose year ≤ `maxYear`
 * (one indexed lookup per kommun on the primary key (kommun_code, year)).
 */
export function populationFor(sqlite: Database.Database, maxYear: number): PopulationUsed {
  const rows = sqlite
    .prepare(
      `SELECT k.code AS code, k.name AS kommun, p.year AS year, p.value AS value, p.source AS source
         FROM workspace_kommuner k
         LEFT JOIN ref_population p
           ON p.kommun_code = k.code
          AND p.year = (SELECT max(p2.year) FROM ref_population p2 WHERE p2.kommun_code = k.code AND p2.year <= @maxYear)
        ORDER BY k.name`,
    )
    .all({ maxYear }) as KommunPopulation[];
  const years = rows.map((r) => r.year);
  if (rows.length === 0 || years.some((y) => y === null)) return { perKommun: rows, summary: null };
  const ys = years as number[];
  const total = rows.reduce((s, r) => s + (r.value ?? 0), 0);
  const oldest = Math.min(...ys);
  return { perKommun: rows, summary: { year: oldest, total, mixedYears: ys.some((y) => y !== oldest) } };
}
