/**
 * Staging and applying one file.
 *
 * Rows are first staged into a private TEMP table of the connection (written in small synchronous
 * chunks; temp tables never touch the workspace file). Then ONE synchronous transaction applies
 * the staging: upsert with history, dispute timeline, quarantine rows and the import_batches row.
 * A crash or kill at any moment therefore leaves the workspace exactly as before or exactly as
 * after; a cancel before the apply writes nothing.
 */
import type Database from 'better-sqlite3';
import { normalizeKey } from '../../../shared/text';
import type { ImportCaseKind, ImportError, ImportReport, Mapping } from '../../../shared/domain/import';
import { columnsOf, type CellValue } from './validate';
import type { Stage } from './stage';
import { refreshRecurring, triplesOf, type RecurrenceTriple } from '../indicators/recurring';
import { refreshSummary, touchDaysFrom, touchWrittenDays } from '../indicators/summary';
import { dropNewRecurring, isBulkLoad, markNewRecurring, withIndexesRebuilt } from './bulk-insert';

export { Stage } from './stage';

export interface ApplyInput {
  kind: ImportCaseKind;
  sourceSystem: string;
  fileName: string;
  fileSize: number;
  sha256: string;
  nowIso: string;
  today: string;
  userName: string;
  rows: number;
  duplicatesInFile: number;
  duplicates: ImportReport['duplicates'];
  pseudonymised: number;
  unmappedColumns: string[];
  mapping: Mapping;
  headerRowNumber: number;
  format: string;
  encoding: string | null;
  sheet: string | null;
  profile: { id: number; name: string } | null;
  /** Save the mapping as a profile in the same transaction. */
  saveProfile?: { name: string; headerSignature: string } | null;
}

const MAX_ERRORS = 1000;

function target(kind: ImportCaseKind): { table: string; history: string; historyFk: string } {
  return kind === 'deviations'
    ? { table: 'deviations', history: 'deviation_history', historyFk: 'deviation_id' }
    : { table: 'disputes', history: 'dispute_history', historyFk: 'dispute_id' };
}

/** Applies the stage in one transaction; returns the report (also stored in import_batches). */
export function applyStage(sqlite: Database.Database, stage: Stage, a: ApplyInput): ImportReport {
  const S = stage.table;
  const T = target(a.kind);
  const cols = stage.cols;
  const run = sqlite.transaction((): ImportReport => {
    let profile = a.profile;
    if (a.saveProfile) {
      sqlite
        .prepare(
          `INSERT INTO mapping_profiles (name, kind, header_signature, mapping, source_system, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, header_signature = excluded.header_signature, mapping = excluded.mapping, source_system = excluded.source_system, updated_at = excluded.updated_at`,
        )
        .run(a.saveProfile.name, a.kind, a.saveProfile.headerSignature, JSON.stringify(a.mapping), a.sourceSystem, a.nowIso, a.nowIso);
      const id = sqlite.prepare('SELECT id FROM mapping_profiles WHERE name = ?').pluck().get(a.saveProfile.name) as number;
      profile = { id, name: a.saveProfile.name };
    }
    const batchId = Number(
      sqlite
        .prepare(
          `INSERT INTO import_batches (kind, file_name, file_size, sha256, source_system, profile_id, imported_at, imported_on, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}')`,
        )
        .run(a.kind, a.fileName, a.fileSize, a.sha256, a.sourceSystem, profile?.id ?? null, a.nowIso, a.today).lastInsertRowid,
    );

    sqlite
      .prepare(
        `UPDATE ${S} SET s_target = t.id, s_old_hash = t.content_hash FROM main.${T.table} AS t
         WHERE ${stage.name}.s_outcome = 0 AND t.source_system = ? AND t.external_id = ${stage.name}.external_id`,
      )
      .run(a.sourceSystem);
    // An older version seen again (e.g. an older export re-imported after a newer one) is never
    // re-applied: it counts as unchanged.
    const olderVersions = sqlite
      .prepare(
        `UPDATE ${S} SET s_old_hash = s_hash WHERE s_outcome = 0 AND s_target IS NOT NULL AND s_old_hash <> s_hash
         AND EXISTS (SELECT 1 FROM main.${T.history} AS h WHERE h.${T.historyFk} = ${stage.name}.s_target AND h.content_hash = ${stage.name}.s_hash)`,
      )
      .run().changes;
    const counts = sqlite
      .prepare(
        `SELECT coalesce(sum(s_outcome = 0 AND s_target IS NULL), 0) AS inserted,
                coalesce(sum(s_outcome = 0 AND s_target IS NOT NULL AND s_old_hash <> s_hash), 0) AS updated,
                coalesce(sum(s_outcome = 0 AND s_target IS NOT NULL AND s_old_hash = s_hash), 0) AS unchanged,
                coalesce(sum(s_outcome = 1), 0) AS quarantined,
                coalesce(sum(s_outcome = 2), 0) AS outside
         FROM ${S}`,
      )
      .get() as { inserted: number; updated: number; unchanged: number; quarantined: number; outside: number };

    const changed = `s.s_outcome = 0 AND s.s_target IS NOT NULL AND s.s_old_hash <> s.s_hash`;
    // dev.recurring: the triples of changed rows before (old values) and after (new values) the write.
    const recurrenceTriples: RecurrenceTriple[] = [];
    if (a.kind === 'deviations' && counts.updated > 0) {
      recurrenceTriples.push(
        ...triplesOf(
          sqlite,
          `SELECT DISTINCT t.category, t.reporting_org, t.receiving_org FROM ${S} AS s JOIN main.deviations AS t ON t.id = s.s_target WHERE ${changed}`,
        ),
      );
      // dashboard summary: the days of the changed rows' old values
      touchDaysFrom(sqlite, `SELECT t.reported_at FROM ${S} AS s JOIN main.deviations AS t ON t.id = s.s_target WHERE ${changed}`);
    }
    if (counts.updated > 0) {
      const json = ['batch_id', ...cols].map((c) => `'${c}', t.${c}`).join(', ');
      sqlite
        .prepare(
          `INSERT INTO ${T.history} (${T.historyFk}, version_batch_id, replaced_by_batch_id, replaced_at, data, content_hash)
           SELECT t.id, t.batch_id, ?, ?, json_object(${json}), t.content_hash FROM ${S} AS s JOIN main.${T.table} AS t ON t.id = s.s_target WHERE ${changed}`,
        )
        .run(batchId, a.nowIso);
      const set = cols.filter((c) => c !== 'external_id').map((c) => `${c} = s.${c}`).join(', ');
      sqlite
        .prepare(`UPDATE main.${T.table} SET ${set}, content_hash = s.s_hash, batch_id = ?, updated_at = ? FROM ${S} AS s WHERE ${T.table}.id = s.s_target AND ${changed}`)
        .run(batchId, a.nowIso);
    }
    if (counts.inserted > 0) {
      // deviations: the recurring flag computed on the way in (bulk-insert.ts)
      const flag = a.kind === 'deviations';
      // computed before a bulk load drops the indexes (the stored rows of the triples are read by deviations_recurring)
      const recurring = flag ? markNewRecurring(sqlite, S) : null;
      const insert = () => {
        sqlite
          .prepare(
            `INSERT INTO main.${T.table} (source_system, ${cols.join(', ')}, content_hash, batch_id, created_at, updated_at${flag ? ', recurring' : ''})
             SELECT ?, ${cols.map((c) => `s.${c}`).join(', ')}, s.s_hash, ?, ?, ?${recurring ? `, ${recurring}` : ''} FROM ${S} AS s
             WHERE s.s_outcome = 0 AND s.s_target IS NULL ORDER BY s.s_row`,
          )
          .run(a.sourceSystem, batchId, a.nowIso, a.nowIso);
      };
      const storedBefore = Number(sqlite.prepare(`SELECT count(*) FROM main.${T.table}`).pluck().get());
      // The new rows' flags are exact (computed over the new and the stored rows of their triple);
      // only stored rows can still change: refresh the new rows' triples that already hold rows.
      if (flag && storedBefore > 0) {
        recurrenceTriples.push(
          ...triplesOf(
            sqlite,
            `SELECT DISTINCT s.category, s.reporting_org, s.receiving_org FROM ${S} AS s WHERE s.s_outcome = 0 AND s.s_target IS NULL
               AND EXISTS (SELECT 1 FROM main.deviations AS d WHERE d.category = s.category AND d.reporting_org = s.reporting_org AND d.receiving_org = s.receiving_org)`,
          ),
        );
      }
      if (isBulkLoad(counts.inserted, storedBefore)) withIndexesRebuilt(sqlite, T.table, insert);
      else insert();
      if (recurring) dropNewRecurring(sqlite);
    }
    if (a.kind === 'deviations' && counts.inserted + counts.updated > 0) {
      recurrenceTriples.push(
        ...triplesOf(
          sqlite,
          `SELECT DISTINCT s.category, s.reporting_org, s.receiving_org FROM ${S} AS s WHERE ${changed}`,
        ),
      );
      refreshRecurring(sqlite, recurrenceTriples);
      // dashboard summary: the days of the new values, then every marked day recomputed
      touchWrittenDays(sqlite, `SELECT s.reported_at FROM ${S} AS s WHERE s.s_outcome = 0 AND (s.s_target IS NULL OR s.s_old_hash <> s.s_hash)`, counts.inserted + counts.updated);
      refreshSummary(sqlite);
    }
    if (a.kind === 'disputes' && counts.inserted + counts.updated > 0) {
      const touched = `SELECT d.id, d.opened_at, d.step2_at, d.step3_at, d.resolved_at FROM ${S} AS s JOIN main.disputes AS d ON d.source_system = ? AND d.external_id = s.external_id
                       WHERE s.s_outcome = 0 AND (s.s_target IS NULL OR s.s_old_hash <> s.s_hash)`;
      sqlite
        .prepare(
          `DELETE FROM dispute_events WHERE created_by = 'import' AND type IN ('opened', 'step2', 'step3', 'resolved')
           AND dispute_id IN (SELECT s.s_target FROM ${S} AS s WHERE ${changed})`,
        )
        .run();
      sqlite
        .prepare(
          `INSERT INTO dispute_events (dispute_id, at, type, note, created_at, created_by)
           SELECT id, at, type, NULL, ?, 'import' FROM (
             SELECT id, opened_at AS at, 'opened' AS type, 0 AS o FROM (${touched})
             UNION ALL SELECT id, step2_at, 'step2', 1 FROM (${touched}) WHERE step2_at IS NOT NULL
             UNION ALL SELECT id, step3_at, 'step3', 2 FROM (${touched}) WHERE step3_at IS NOT NULL
             UNION ALL SELECT id, resolved_at, 'resolved', 3 FROM (${touched}) WHERE resolved_at IS NOT NULL
           ) ORDER BY id, o`,
        )
        .run(a.nowIso, a.sourceSystem, a.sourceSystem, a.sourceSystem, a.sourceSystem);
    }
    // A bad row that is already in the quarantine with the same values (open, fixed or discarded,
    // from an earlier import of the same export) is not added again: re-importing a file must not
    // refill the work list with rows the user has fixed or thrown away. It still counts as
    // quarantined in this report, and `quarantineRepeats` says how many were already there.
    // (NOT IN over a list subquery: one ephemeral index, not a scan per row.)
    let quarantineRepeats = 0;
    if (counts.quarantined > 0) {
      quarantineRepeats = Number(
        sqlite.prepare(`SELECT count(*) FROM ${S} WHERE s_outcome = 1 AND s_raw IN (SELECT coalesce(source_raw, raw) FROM quarantine WHERE kind = ?)`).pluck().get(a.kind),
      );
      sqlite
        .prepare(
          `INSERT INTO quarantine (batch_id, kind, row_number, raw, source_raw, errors, status)
           SELECT ?, ?, s_row, s_raw, s_raw, s_errors, 'open' FROM ${S}
           WHERE s_outcome = 1 AND s_raw NOT IN (SELECT coalesce(source_raw, raw) FROM quarantine WHERE kind = ?) ORDER BY s_row`,
        )
        .run(batchId, a.kind, a.kind);
    }

    // report
    const errors: ImportError[] = [];
    let errorsTotal = 0;
    for (const r of sqlite.prepare(`SELECT s_row AS row_number, s_errors AS errors FROM ${S} WHERE s_outcome = 1 ORDER BY s_row`).iterate() as IterableIterator<{ row_number: number; errors: string }>) {
      const list = JSON.parse(r.errors) as Omit<ImportError, 'row'>[];
      errorsTotal += list.length;
      for (const e of list) if (errors.length < MAX_ERRORS) errors.push({ row: r.row_number, field: e.field, column: e.column, value: e.value, message: e.message });
    }
    const outsideByKommun = (
      sqlite.prepare(`SELECT s_outside AS kommun, count(*) AS count FROM ${S} WHERE s_outcome = 2 GROUP BY s_outside ORDER BY count DESC, kommun`).all() as {
        kommun: string;
        count: number;
      }[]
    ).map((r) => ({ kommun: r.kommun, count: r.count }));
    const unknown = new Map<string, string>();
    for (const u of sqlite.prepare(`SELECT DISTINCT s_unknown FROM ${S} WHERE s_outcome = 0 AND s_unknown IS NOT NULL ORDER BY s_unknown`).pluck().all() as string[]) {
      const k = normalizeKey(u);
      if (!unknown.has(k)) unknown.set(k, u);
    }
    const report: ImportReport = {
      file: a.fileName,
      sha256: a.sha256,
      rows: a.rows,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged + stage.unchangedNotStaged, // + rows the Stage counted without staging them
      quarantined: counts.quarantined,
      outsideDelregion: counts.outside,
      duplicatesInFile: a.duplicatesInFile,
      pseudonymised: a.pseudonymised,
      unknownCategories: [...unknown.values()],
      unmappedColumns: a.unmappedColumns,
      errors,
      kind: a.kind,
      batchId,
      sourceSystem: a.sourceSystem,
      headerRowNumber: a.headerRowNumber,
      errorsTotal,
      olderVersions,
      quarantineRepeats,
      outsideByKommun,
      duplicates: a.duplicates,
      mapping: a.mapping,
      profile,
      format: a.format,
      encoding: a.encoding,
      sheet: a.sheet,
    };
    const sum = report.inserted + report.updated + report.unchanged + report.quarantined + report.outsideDelregion + report.duplicatesInFile;
    if (sum !== report.rows) throw new Error(`Importens radbalans stämmer inte (${sum} ≠ ${report.rows}); ingenting sparades.`);
    sqlite
      .prepare(
        `UPDATE import_batches SET rows = ?, inserted = ?, updated = ?, unchanged = ?, quarantined = ?, outside_delregion = ?, duplicates_in_file = ?, pseudonymised = ?, report = ? WHERE id = ?`,
      )
      .run(report.rows, report.inserted, report.updated, report.unchanged, report.quarantined, report.outsideDelregion, report.duplicatesInFile, report.pseudonymised, JSON.stringify(report), batchId);
    return report;
  });
  return run();
}

/** Stores one validated record (a fixed quarantine row) with history, inside the caller's transaction. */
export function upsertOne(
  sqlite: Database.Database,
  kind: ImportCaseKind,
  sourceSystem: string,
  batchId: number,
  values: CellValue[],
  hash: string,
  nowIso: string,
): 'inserted' | 'updated' | 'unchanged' {
  const T = target(kind);
  const cols = columnsOf(kind);
  const existing = sqlite.prepare(`SELECT id, content_hash FROM ${T.table} WHERE source_system = ? AND external_id = ?`).get(sourceSystem, values[0]) as
    | { id: number; content_hash: string }
    | undefined;
  let id: number;
  let result: 'inserted' | 'updated' | 'unchanged';
  const tripleOfRow = (rowId: number) =>
    triplesOf(sqlite, `SELECT category, reporting_org, receiving_org FROM deviations WHERE id = ?`, rowId);
  const oldTriples = kind === 'deviations' && existing ? tripleOfRow(existing.id) : [];
  if (!existing) {
    id = Number(
      sqlite
        .prepare(
          `INSERT INTO ${T.table} (source_system, ${cols.join(', ')}, content_hash, batch_id, created_at, updated_at) VALUES (?, ${cols.map(() => '?').join(', ')}, ?, ?, ?, ?)`,
        )
        .run(sourceSystem, ...values, hash, batchId, nowIso, nowIso).lastInsertRowid,
    );
    result = 'inserted';
  } else if (
    existing.content_hash === hash ||
    sqlite.prepare(`SELECT 1 FROM ${T.history} WHERE ${T.historyFk} = ? AND content_hash = ?`).get(existing.id, hash)
  ) {
    return 'unchanged';
  } else {
    id = existing.id;
    // dashboard summary: the day of the old values
    if (kind === 'deviations') touchDaysFrom(sqlite, `SELECT reported_at FROM deviations WHERE id = ?`, id);
    const json = ['batch_id', ...cols].map((c) => `'${c}', ${c}`).join(', ');
    sqlite
      .prepare(
        `INSERT INTO ${T.history} (${T.historyFk}, version_batch_id, replaced_by_batch_id, replaced_at, data, content_hash) SELECT id, batch_id, ?, ?, json_object(${json}), content_hash FROM ${T.table} WHERE id = ?`,
      )
      .run(batchId, nowIso, id);
    const set = cols.map((c) => `${c} = ?`).join(', ');
    sqlite.prepare(`UPDATE ${T.table} SET ${set}, content_hash = ?, batch_id = ?, updated_at = ? WHERE id = ?`).run(...values, hash, batchId, nowIso, id);
    result = 'updated';
  }
  if (kind === 'deviations') {
    refreshRecurring(sqlite, [...oldTriples, ...tripleOfRow(id)]);
    touchDaysFrom(sqlite, `SELECT reported_at FROM deviations WHERE id = ?`, id);
    refreshSummary(sqlite);
  }
  if (kind === 'disputes') {
    sqlite.prepare(`DELETE FROM dispute_events WHERE dispute_id = ? AND created_by = 'import' AND type IN ('opened', 'step2', 'step3', 'resolved')`).run(id);
    const d = sqlite.prepare('SELECT opened_at, step2_at, step3_at, resolved_at FROM disputes WHERE id = ?').get(id) as Record<string, string | null>;
    const ins = sqlite.prepare(`INSERT INTO dispute_events (dispute_id, at, type, note, created_at, created_by) VALUES (?, ?, ?, NULL, ?, 'import')`);
    for (const [type, col] of [
      ['opened', 'opened_at'],
      ['step2', 'step2_at'],
      ['step3', 'step3_at'],
      ['resolved', 'resolved_at'],
    ] as const) {
      if (d[col]) ins.run(id, d[col], type, nowIso);
    }
  }
  return result;
}
