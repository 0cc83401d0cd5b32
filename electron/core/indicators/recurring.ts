/**
 * The stored `dev.recurring` flag (deviations.recurring, 0/1). A deviation x is recurring when
 * ≥ 3 stored deviations, x included, share x's (category, reporting_org, receiving_org) and have
 * reported_at in [x.reported_at − 364 days, x.reported_at] (INDICATORS.md, dev.recurring).
 *
 * The flag depends on other rows, so every transaction that inserts, updates or deletes
 * deviations calls `refreshRecurring` with the triples it touched — the old values of a changed
 * row as well as the new ones — before it commits. The window function's RANGE frame includes
 * same-day peers, which is exactly "reported_at in [x − 364, x]".
 *
 * The days of rows whose flag changed are marked for the dashboard summary (summary.ts,
 * `dev_sum_day.recurring`); the writer's `refreshSummary` recomputes them.
 */
import type Database from 'better-sqlite3';
import { touchDays } from './summary';

/** (category, reporting_org, receiving_org) */
export type RecurrenceTriple = readonly [category: string, reportingOrg: string, receivingOrg: string];

/** The flag of a row aliased `alias`, as a window expression over its triple (one definition for every writer). */
export const recurringWindow = (alias: string): string =>
  `count(*) OVER (PARTITION BY ${alias}.category, ${alias}.reporting_org, ${alias}.receiving_org
                  ORDER BY julianday(${alias}.reported_at) RANGE BETWEEN 364 PRECEDING AND CURRENT ROW) >= 3`;

const WINDOW = recurringWindow('d');

const TRIPLES = 'recurring_triples';

/** Marks the days of the changed rows (reported_at values) for the summary; returns their number. */
function changedDays(sqlite: Database.Database, days: string[]): number {
  if (days.length > 0) touchDays(sqlite, new Set(days), false);
  return days.length;
}

/**
 * Recomputes the flag of every row of the given triples (all rows when `triples` is omitted).
 * Run it inside the caller's write transaction, before `refreshSummary`. Returns the number of
 * rows whose flag changed.
 */
export function refreshRecurring(sqlite: Database.Database, triples?: Iterable<RecurrenceTriple>): number {
  if (triples === undefined) {
    return changedDays(
      sqlite,
      sqlite
        .prepare(
          `UPDATE deviations SET recurring = w.r FROM (SELECT d.id AS rid, ${WINDOW} AS r FROM deviations d) AS w
           WHERE deviations.id = w.rid AND deviations.recurring IS NOT w.r RETURNING reported_at`,
        )
        .pluck()
        .all() as string[],
    );
  }
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS ${TRIPLES} (category TEXT NOT NULL, reporting_org TEXT NOT NULL, receiving_org TEXT NOT NULL,
                 PRIMARY KEY (category, reporting_org, receiving_org)) WITHOUT ROWID`);
  sqlite.exec(`DELETE FROM temp.${TRIPLES}`);
  const ins = sqlite.prepare(`INSERT OR IGNORE INTO temp.${TRIPLES} (category, reporting_org, receiving_org) VALUES (?, ?, ?)`);
  let n = 0;
  for (const t of triples) {
    ins.run(t[0], t[1], t[2]);
    n++;
  }
  if (n === 0) return 0;
  const changes = changedDays(
    sqlite,
    sqlite
      .prepare(
        `UPDATE deviations SET recurring = w.r FROM (
           SELECT d.id AS rid, ${WINDOW} AS r
             FROM temp.${TRIPLES} t JOIN deviations d INDEXED BY deviations_recurring
               ON d.category = t.category AND d.reporting_org = t.reporting_org AND d.receiving_org = t.receiving_org
         ) AS w
         WHERE deviations.id = w.rid AND deviations.recurring IS NOT w.r RETURNING reported_at`,
      )
      .pluck()
      .all() as string[],
  );
  sqlite.exec(`DELETE FROM temp.${TRIPLES}`);
  return changes;
}

/** The distinct triples a query returns (columns category, reporting_org, receiving_org, in that order). */
export function triplesOf(sqlite: Database.Database, sql: string, ...params: unknown[]): RecurrenceTriple[] {
  return sqlite.prepare(sql).raw().all(...params) as RecurrenceTriple[];
}
