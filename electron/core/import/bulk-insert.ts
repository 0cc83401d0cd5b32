/**
 * The insert step of an import's write transaction, made cheap for large files.
 *
 * 1. New deviations are inserted with their `recurring` flag already computed (a window over the
 *    new rows together with the stored rows of the same (category, reporting org, receiving org)
 *    triples) — the same window `refreshRecurring` evaluates, over the same rows, so the flags are
 *    exact. The refresh afterwards covers only what the insert cannot see: the stored rows of the
 *    new rows' triples (a new row can make a later stored row recurring) and the old and new
 *    triples of changed rows. A triple that held no rows before is not recomputed a second time
 *    (a first import of 200 000 rows: refresh 0.8 s → 0). Tests compare with a full refresh.
 * 2. A bulk load (many new rows compared with the rows already stored) drops the table's
 *    secondary indexes, inserts, and creates them again from their stored definitions, inside
 *    the same transaction: building an index once from sorted data is cheaper than updating it
 *    row by row. Unique indexes (the import key) stay. A crash rolls everything back.
 */
import type Database from 'better-sqlite3';
import { recurringWindow } from '../indicators/recurring';

/** Rebuild the indexes when at least this many rows are inserted … */
export const BULK_MIN_ROWS = 20_000;
/** … and they are at least this share of the rows the table will hold afterwards. */
export const BULK_MIN_SHARE = 0.5;

export function isBulkLoad(inserted: number, storedBefore: number): boolean {
  return inserted >= BULK_MIN_ROWS && inserted >= BULK_MIN_SHARE * (inserted + storedBefore);
}

interface IndexDef {
  name: string;
  sql: string;
}

/** Secondary (non-unique, explicitly created) indexes of a table, with their CREATE statements. */
export function secondaryIndexes(sqlite: Database.Database, table: string): IndexDef[] {
  const defs = sqlite
    .prepare(`SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`)
    .all(table) as IndexDef[];
  return defs.filter((d) => !/^\s*CREATE\s+UNIQUE\b/i.test(d.sql));
}

/** Runs `fn` with the table's secondary indexes dropped and re-creates them afterwards (call inside a transaction). */
export function withIndexesRebuilt<T>(sqlite: Database.Database, table: string, fn: () => T): T {
  if (!sqlite.inTransaction) throw new Error('withIndexesRebuilt must run inside a transaction');
  const defs = secondaryIndexes(sqlite, table);
  for (const d of defs) sqlite.exec(`DROP INDEX main."${d.name.replace(/"/g, '""')}"`);
  const result = fn();
  for (const d of defs) sqlite.exec(d.sql);
  return result;
}

/**
 * SQL of a subquery (`s_row`, `r`) giving, for every new staged deviation (s_outcome = 0 and no
 * stored target), its recurring flag: ≥ 3 deviations — itself, the other new rows and the stored
 * rows — with its (category, reporting_org, receiving_org) and reported_at in [x − 364 days, x].
 * The window is the stored flag's own (`recurringWindow` of indicators/recurring.ts).
 */
export function newRowsRecurringSql(stage: string): string {
  const fresh = `SELECT s_row, category, reporting_org, receiving_org, reported_at FROM ${stage} WHERE s_outcome = 0 AND s_target IS NULL`;
  return `SELECT s_row, r FROM (
      SELECT u.s_row AS s_row,
             ${recurringWindow('u')} AS r
        FROM (${fresh}
              UNION ALL
              SELECT NULL, d.category, d.reporting_org, d.receiving_org, d.reported_at FROM main.deviations AS d
               WHERE (d.category, d.reporting_org, d.receiving_org) IN (SELECT category, reporting_org, receiving_org FROM (${fresh}))) AS u
    ) WHERE s_row IS NOT NULL`;
}

const NEW_RECURRING = 'import_new_recurring';

/**
 * Fills `temp.import_new_recurring` with the stage rows (s_row) of the new deviations that are
 * recurring and returns the SQL expression of a stage row `s`'s flag. A table of the recurring rows
 * is cheaper to probe than joining the window's 200 000-row result back onto the stage. Call
 * `dropNewRecurring` after the insert.
 */
export function markNewRecurring(sqlite: Database.Database, stage: string): string {
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS ${NEW_RECURRING} (s_row INTEGER PRIMARY KEY)`);
  sqlite.exec(`DELETE FROM temp.${NEW_RECURRING}`);
  sqlite.prepare(`INSERT INTO temp.${NEW_RECURRING} (s_row) SELECT s_row FROM (${newRowsRecurringSql(stage)}) WHERE r`).run();
  return `(s.s_row IN temp.${NEW_RECURRING})`;
}

export function dropNewRecurring(sqlite: Database.Database): void {
  sqlite.exec(`DROP TABLE IF EXISTS temp.${NEW_RECURRING}`);
}
