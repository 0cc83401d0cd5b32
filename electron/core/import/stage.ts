/**
 * The staging half of an import: validated rows of one file go into a private TEMP table of the
 * connection, in small synchronous chunks (temp tables never touch the workspace file); applyStage
 * (upsert.ts) then applies the table in one transaction.
 *
 * - Duplicates in the file: the last row with an external id wins. The Stage keeps the
 *   id → row map; an earlier row is dropped from the pending chunk or deleted from the table
 *   (by its row number, the table's rowid), so the table needs no key index.
 * - Unchanged rows (fast path, when `sourceSystem` is given): a valid row whose stored record
 *   (same source system and external id) already has the same content hash is counted in
 *   `unchangedNotStaged` instead of being staged; one indexed point lookup inside the chunk's
 *   transaction costs a fraction of staging the row. Rows with an unknown category are always
 *   staged (the report lists their labels).
 * - The fast path decides from what the workspace held at that moment. Any other write between
 *   the chunk transactions or before the write transaction (this connection: `total_changes()`;
 *   another connection: `data_version`, read inside each transaction, where it also fixes the
 *   snapshot the lookups see) makes the Stage `stale` once it has counted a row that way; the
 *   importer then stages the file again without the fast path, so the counts always describe
 *   what the write transaction sees.
 */
import type Database from 'better-sqlite3';
import type { ImportCaseKind } from '../../../shared/domain/import';
import { columnsOf, type RowOutcome } from './validate';
import { flatCopy } from './values';

let stageCounter = 0;

interface Pending {
  row: number;
  /** The key in `seen` (external id), null for a row without one. */
  key: string | null;
  outcome: RowOutcome;
  raw: Record<string, string> | null;
  dropped: boolean;
}

export interface StageOptions {
  /** Enables the unchanged-row fast path for records of this source system. */
  sourceSystem?: string;
}

export class Stage {
  readonly name: string;
  readonly table: string;
  readonly cols: readonly string[];
  /** Rows counted as unchanged without being staged (part of the report's `unchanged`). */
  unchangedNotStaged = 0;
  private pending: Pending[] = [];
  /** Rows already written to the table that a later row of the same id replaced. */
  private superseded: number[] = [];
  /** external id → row number of its last row so far; negative for a row counted in unchangedNotStaged. */
  private readonly seen = new Map<string, number>();
  private readonly flushTx: (rows: Pending[]) => void;
  private readonly changesSql: Database.Statement;
  private fast: boolean;
  private fastUsed = false;
  private changes = 0;
  private dataVersion = 0;
  private isStale = false;

  constructor(
    private readonly sqlite: Database.Database,
    readonly kind: ImportCaseKind,
    opts: StageOptions = {},
  ) {
    this.cols = columnsOf(kind);
    this.name = `import_stage_${process.pid}_${++stageCounter}`;
    this.table = `temp.${this.name}`;
    sqlite.exec(
      `CREATE TEMP TABLE ${this.name} (s_row INTEGER PRIMARY KEY, s_outcome INTEGER NOT NULL, s_hash TEXT, s_unknown TEXT, s_raw TEXT, s_errors TEXT, s_outside TEXT, s_target INTEGER, s_old_hash TEXT, ${this.cols.join(', ')})`,
    );
    const okCols = ['s_row', 's_outcome', 's_hash', 's_unknown', ...this.cols];
    const insOk = sqlite.prepare(`INSERT INTO ${this.table} (${okCols.join(', ')}) VALUES (?, 0, ${okCols.slice(2).map(() => '?').join(', ')})`);
    const insQuarantine = sqlite.prepare(`INSERT INTO ${this.table} (s_row, s_outcome, s_raw, s_errors) VALUES (?, 1, ?, ?)`);
    const insOutside = sqlite.prepare(`INSERT INTO ${this.table} (s_row, s_outcome, s_outside) VALUES (?, 2, ?)`);
    const del = sqlite.prepare(`DELETE FROM ${this.table} WHERE s_row = ?`);
    const T = kind === 'deviations' ? 'deviations' : 'disputes';
    this.changesSql = sqlite.prepare('SELECT total_changes()').pluck();
    const source = opts.sourceSystem;
    this.fast = source !== undefined && sqlite.prepare(`SELECT 1 FROM main.${T} WHERE source_system = ? LIMIT 1`).pluck().get(source) !== undefined;
    // deviations_key / disputes_key (source_system, external_id) is unique
    const stored = this.fast ? sqlite.prepare(`SELECT content_hash FROM main.${T} WHERE source_system = ? AND external_id = ?`).pluck() : null;
    this.flushTx = sqlite.transaction((rows: Pending[]) => {
      this.checkForeignWrites();
      for (const r of this.superseded) del.run(r);
      this.superseded = [];
      const fast = this.fast && !this.isStale;
      for (const p of rows) {
        if (p.dropped) continue;
        const o = p.outcome;
        if (o.kind === 'ok') {
          if (fast && p.key !== null && o.unknownCategory === null && stored!.get(source, p.key) === o.hash) {
            this.unchangedNotStaged++;
            this.fastUsed = true;
            this.seen.set(p.key, -p.row);
            continue;
          }
          insOk.run(p.row, o.hash, o.unknownCategory, o.values);
        } else if (o.kind === 'quarantine') {
          insQuarantine.run(p.row, JSON.stringify(p.raw ?? {}), JSON.stringify(o.errors));
        } else {
          insOutside.run(p.row, o.kommun);
        }
      }
    });
    if (this.fast) {
      this.changes = Number(this.changesSql.get());
      this.dataVersion = Number(sqlite.pragma('data_version', { simple: true }));
    }
  }

  /**
   * Adds a row. Returns the number of an earlier row of the file with the same external id (which
   * this row replaces: the last one wins), or undefined.
   */
  add(externalId: string | null, row: number, outcome: RowOutcome, raw: Record<string, string> | null): number | undefined {
    let earlier: number | undefined;
    if (externalId !== null) {
      earlier = this.seen.get(externalId);
      if (earlier === undefined) {
        // A flat copy: the parser's cells are slices of its whole input chunk, and keeping a slice
        // for every row kept the whole decoded file in memory (1.7 GB for 1M rows).
        this.seen.set(flatCopy(externalId), row);
      } else {
        this.seen.set(externalId, row); // an existing key keeps its own (flat) string
        this.supersede(earlier);
        if (earlier < 0) earlier = -earlier;
      }
    }
    this.pending.push({ row, key: externalId, outcome, raw, dropped: false });
    return earlier;
  }

  private supersede(earlier: number): void {
    if (earlier < 0) {
      this.unchangedNotStaged--;
      return;
    }
    const p = this.pending;
    if (p.length > 0 && earlier >= p[0]!.row) {
      // rows are added in file order: binary search the pending chunk
      let lo = 0;
      let hi = p.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (p[mid]!.row < earlier) lo = mid + 1;
        else hi = mid;
      }
      if (p[lo]!.row === earlier) p[lo]!.dropped = true;
      return;
    }
    this.superseded.push(earlier);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Writes the pending rows (one short transaction). */
  flush(): void {
    if (this.pending.length === 0 && this.superseded.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    this.flushTx(rows);
    if (this.fast) this.changes = Number(this.changesSql.get()); // our own writes are no foreign writes
  }

  /**
   * Call first thing inside the write transaction (BEGIN IMMEDIATE: no other writer can come in
   * between), after the last flush: false when the rows counted without staging may be stale.
   */
  verify(): boolean {
    if (this.pending.length || this.superseded.length) throw new Error('Stage.verify before the last flush');
    this.checkForeignWrites();
    return !this.isStale;
  }

  /** True once a write by someone else may have changed a record counted as unchanged. */
  get stale(): boolean {
    return this.isStale;
  }

  drop(): void {
    try {
      if (this.sqlite.open) this.sqlite.exec(`DROP TABLE IF EXISTS ${this.table}`);
    } catch {
      /* the connection may be gone */
    }
  }

  /**
   * Call at the start of a transaction, before it reads the workspace: reading data_version there
   * also starts its snapshot, so the version kept is the one the following lookups see.
   */
  private checkForeignWrites(): void {
    if (!this.fast || this.isStale) return;
    const changes = Number(this.changesSql.get());
    const version = Number(this.sqlite.pragma('data_version', { simple: true }));
    if (this.fastUsed && (changes !== this.changes || version !== this.dataVersion)) this.isStale = true;
    this.changes = changes;
    this.dataVersion = version;
  }
}
