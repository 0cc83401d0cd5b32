/**
 * Exact per-day summaries of the stored deviations, read by the dashboard instead of the cohort's
 * rows (migration 0006 creates and fills them; docs/DESIGN.md, "Indicators").
 *
 * Every table is the deviations grouped by `reported_at` and the columns that some figure
 * predicate of figures.ts reads, with the number of rows `n`:
 *
 *   dev_sum_day            (reported_at)  n, severe, recurring, unanswered, unclosed
 *   dev_sum_category_flow  (reported_at, category, reporting_party_type, receiving_party_type)  n
 *   dev_sum_kommun         (reported_at, kommun_code)  n
 *   dev_sum_answered       (reported_at, answered_at)  n   answered_at not NULL
 *   dev_sum_closed         (reported_at, closed_at)    n   closed_at not NULL
 *
 * The columns keep the names and values of `deviations`, so a figure's predicate (which reads only
 * those columns, alias `d`) is evaluated verbatim on a summary row and weighted by `n`: the sum
 * equals the count over the rows, for every period, as-of date E and deadline D. The rows with no
 * answered_at / closed_at are the day's `unanswered` / `unclosed` (compute.ts adds them as rows
 * with a NULL date: a WITHOUT ROWID key cannot hold NULL, and leaving them out of the grouped
 * tables keeps them out of the sort). The predicates without parameters (devPred.severe,
 * devPred.recurring) are evaluated when the day is summarised.
 *
 * Maintenance: a writer marks the `reported_at` days it changes (old and new values) with
 * `touchDays`/`touchDaysFrom`, `refreshRecurring` marks the days of rows whose recurring flag
 * changed, and `refreshSummary` — called last in the writer's transaction — recomputes the marked
 * days from the base table (set-based: one grouped INSERT per table, over the covering
 * `deviations_cohort` index). A day whose rows only changed their recurring flag refreshes only
 * `dev_sum_day`. Marks live in TEMP tables of the connection, so a rollback also drops them.
 */
import type Database from 'better-sqlite3';
import { devPred } from './figures';

interface SummaryTable {
  name: string;
  /** grouping columns of `deviations` besides reported_at */
  keys: readonly string[];
  /** measure columns (name → aggregate over the day's rows, alias d) */
  measures: Readonly<Record<string, string>>;
  /** only the rows matching this are grouped */
  rows?: string;
  /** depends on the rows' recurring flag (refreshed also for days marked recurring-only) */
  recurring: boolean;
  /**
   * An index on (key, reported_at): when most days are refreshed, one ordered pass over it
   * replaces the seeks into the cohort index and the sort by (reported_at, key).
   */
  bulkIndex?: string;
}

const count = (pred: string) => `count(CASE WHEN ${pred} THEN 1 END)`;

export const SUMMARY_TABLES: readonly SummaryTable[] = [
  {
    name: 'dev_sum_day',
    keys: [],
    measures: {
      n: 'count(*)',
      severe: count(devPred.severe),
      recurring: count(devPred.recurring),
      unanswered: 'count(*) - count(d.answered_at)',
      unclosed: 'count(*) - count(d.closed_at)',
    },
    recurring: true,
  },
  { name: 'dev_sum_category_flow', keys: ['category', 'reporting_party_type', 'receiving_party_type'], measures: { n: 'count(*)' }, recurring: false },
  { name: 'dev_sum_kommun', keys: ['kommun_code'], measures: { n: 'count(*)' }, recurring: false, bulkIndex: 'deviations_kommun_reported' },
  { name: 'dev_sum_answered', keys: ['answered_at'], measures: { n: 'count(*)' }, rows: 'd.answered_at IS NOT NULL', recurring: false },
  { name: 'dev_sum_closed', keys: ['closed_at'], measures: { n: 'count(*)' }, rows: 'd.closed_at IS NOT NULL', recurring: false },
];

/** Days whose rows changed (every table is refreshed). */
const CHANGED = 'summary_days_changed';
/** Days whose rows only changed their recurring flag (dev_sum_day is refreshed). */
const FLAGGED = 'summary_days_flagged';

function ensureMarks(sqlite: Database.Database): void {
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS ${CHANGED} (day TEXT PRIMARY KEY) WITHOUT ROWID;
               CREATE TEMP TABLE IF NOT EXISTS ${FLAGGED} (day TEXT PRIMARY KEY) WITHOUT ROWID`);
}

/** The grouped SELECT that summarises the rows of `deviations` matching `where` into `t`. */
export function summarySelect(t: SummaryTable, where: string, bulk = false): string {
  const keys = t.keys.map((k) => `d.${k}`);
  const measures = Object.values(t.measures);
  const ordered = bulk && t.bulkIndex !== undefined;
  return `SELECT d.reported_at, ${[...keys, ...measures].join(', ')} FROM deviations d INDEXED BY ${ordered ? t.bulkIndex : 'deviations_cohort'}
           WHERE ${t.rows ? `(${where}) AND ${t.rows}` : where} GROUP BY ${(ordered ? [...keys, 'd.reported_at'] : ['d.reported_at', ...keys]).join(', ')}`;
}

const columns = (t: SummaryTable) => ['reported_at', ...t.keys, ...Object.keys(t.measures)].join(', ');

/**
 * Marks days (reported_at values) whose rows were inserted, deleted or changed: their summary is
 * recomputed by the next `refreshSummary`. `full = false` marks days whose rows only changed their
 * recurring flag.
 */
export function touchDays(sqlite: Database.Database, days: Iterable<string>, full = true): void {
  ensureMarks(sqlite);
  const ins = sqlite.prepare(`INSERT OR IGNORE INTO temp.${full ? CHANGED : FLAGGED} (day) VALUES (?)`);
  for (const d of days) ins.run(d);
}

/** Marks the days a query returns (one column of reported_at values), set-based; see `touchDays`. */
export function touchDaysFrom(sqlite: Database.Database, sql: string, ...params: unknown[]): void {
  ensureMarks(sqlite);
  // no DISTINCT (a sort): a repeated day is one key lookup in the small marks table
  sqlite.prepare(`INSERT OR IGNORE INTO temp.${CHANGED} (day) ${sql}`).run(...params);
}

/**
 * Marks the days of the rows a bulk writer (an import) wrote: `sql` returns their reported_at
 * values, `written` is their number. When they are at least as many as the rows stored before
 * (a first import), every day is marked instead (the stored rows' days and the summarised days)
 * — one pass over the narrow reported_at index is cheaper than reading the written rows again,
 * and nearly every day is refreshed anyway.
 */
export function touchWrittenDays(sqlite: Database.Database, sql: string, written: number, ...params: unknown[]): void {
  if (written === 0) return;
  const before = Number(sqlite.prepare('SELECT coalesce(sum(n), 0) FROM dev_sum_day').pluck().get());
  if (written < before) return touchDaysFrom(sqlite, sql, ...params);
  ensureMarks(sqlite);
  sqlite.prepare(`INSERT OR IGNORE INTO temp.${CHANGED} (day) SELECT DISTINCT reported_at FROM deviations INDEXED BY deviations_reported`).run();
  // and the days summarised before, which may have lost all their rows
  sqlite.prepare(`INSERT OR IGNORE INTO temp.${CHANGED} (day) SELECT reported_at FROM dev_sum_day`).run();
}

/**
 * Recomputes the summary of every marked day from `deviations` and clears the marks. Call it last
 * in the writer's transaction, after `refreshRecurring`. Returns the number of days refreshed.
 */
export function refreshSummary(sqlite: Database.Database): number {
  ensureMarks(sqlite);
  const changed = Number(sqlite.prepare(`SELECT count(*) FROM temp.${CHANGED}`).pluck().get());
  const flagged = Number(sqlite.prepare(`SELECT count(*) FROM temp.${FLAGGED} WHERE day NOT IN (SELECT day FROM temp.${CHANGED})`).pluck().get());
  if (changed + flagged === 0) return 0;
  // most days refreshed (e.g. a first import): ordered passes over narrow indexes where one exists
  const bulk = changed * 2 >= Number(sqlite.prepare('SELECT count(*) FROM dev_sum_day').pluck().get());
  for (const t of SUMMARY_TABLES) {
    const marked = t.recurring ? `SELECT day FROM temp.${CHANGED} UNION SELECT day FROM temp.${FLAGGED}` : `SELECT day FROM temp.${CHANGED}`;
    sqlite.prepare(`DELETE FROM ${t.name} WHERE reported_at IN (${marked})`).run();
    sqlite.prepare(`INSERT INTO ${t.name} (${columns(t)}) ${summarySelect(t, `d.reported_at IN (${marked})`, bulk)}`).run();
  }
  sqlite.exec(`DELETE FROM temp.${CHANGED}; DELETE FROM temp.${FLAGGED}`);
  return changed + flagged;
}

/** Recomputes the whole summary from `deviations` (tests, perf-check; migration 0006 does the same in SQL). */
export function rebuildSummary(sqlite: Database.Database): void {
  for (const t of SUMMARY_TABLES) {
    sqlite.prepare(`DELETE FROM ${t.name}`).run();
    sqlite.prepare(`INSERT INTO ${t.name} (${columns(t)}) ${summarySelect(t, 'true', true)}`).run();
  }
}

/**
 * Rows in which the stored summary differs from a summary computed now from `deviations`
 * (empty when consistent). For tests and checks.
 */
export function summaryDifferences(sqlite: Database.Database): { table: string; row: unknown[]; side: 'stored' | 'expected' }[] {
  const out: { table: string; row: unknown[]; side: 'stored' | 'expected' }[] = [];
  for (const t of SUMMARY_TABLES) {
    const stored = `SELECT ${columns(t)} FROM ${t.name}`;
    const expected = summarySelect(t, 'true');
    for (const row of sqlite.prepare(`${stored} EXCEPT ${expected}`).raw().all() as unknown[][]) out.push({ table: t.name, row, side: 'stored' });
    for (const row of sqlite.prepare(`${expected} EXCEPT ${stored}`).raw().all() as unknown[][]) out.push({ table: t.name, row, side: 'expected' });
  }
  return out;
}
