import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { importFile } from './import-file';
import { BULK_MIN_ROWS, isBulkLoad, newRowsRecurringSql, secondaryIndexes, withIndexesRebuilt } from './bulk-insert';
import { refreshRecurring } from '../indicators/recurring';
import { devCells, genDeviations, STD_HEADERS, tempWorkspace, toCsv, TEST_TODAY, type TestWorkspace } from './test-helpers';

let t: TestWorkspace;
afterEach(() => t?.cleanup());

const indexSql = (s: Database.Database) =>
  (s.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deviations' AND sql IS NOT NULL ORDER BY name`).all() as { name: string; sql: string }[]);

describe('bulk load decision', () => {
  it('rebuilds indexes only for many rows that are at least half of the table afterwards', () => {
    expect(isBulkLoad(BULK_MIN_ROWS, 0)).toBe(true);
    expect(isBulkLoad(BULK_MIN_ROWS - 1, 0)).toBe(false);
    expect(isBulkLoad(30_000, 30_000)).toBe(true);
    expect(isBulkLoad(30_000, 30_001)).toBe(false);
    expect(isBulkLoad(200_000, 1_000_000)).toBe(false);
  });
});

describe('withIndexesRebuilt', () => {
  it('drops the secondary indexes during the work, keeps the unique key, and restores every definition', async () => {
    t = await tempWorkspace();
    const s = t.ws.sqlite;
    const before = indexSql(s);
    expect(before.length).toBeGreaterThan(5);
    expect(() => withIndexesRebuilt(s, 'deviations', () => 0)).toThrow(/inside a transaction/);
    const during = s.transaction(() => withIndexesRebuilt(s, 'deviations', () => indexSql(s).map((i) => i.name)))();
    expect(during).toEqual(['deviations_key']);
    expect(secondaryIndexes(s, 'deviations').map((i) => i.name)).not.toContain('deviations_key');
    expect(indexSql(s)).toEqual(before);
  });

  it('rolls the dropped indexes back with the transaction when the work fails', async () => {
    t = await tempWorkspace();
    const s = t.ws.sqlite;
    const before = indexSql(s);
    expect(() =>
      s.transaction(() =>
        withIndexesRebuilt(s, 'deviations', () => {
          throw new Error('avbrutet');
        }),
      )(),
    ).toThrow('avbrutet');
    expect(indexSql(s)).toEqual(before);
  });
});

describe('recurring flag of new rows', () => {
  it('counts the new rows together with the stored rows of the same triple, 364 days back inclusive', async () => {
    t = await tempWorkspace();
    const s = t.ws.sqlite;
    const stored = s.prepare(
      `INSERT INTO deviations (source_system, external_id, reported_at, reporting_org, reporting_party_type, receiving_org, receiving_party_type,
         kommun_code, kommun, category, status, content_hash, created_at, updated_at)
       VALUES ('x', ?, ?, ?, 'kommun', 'Mottagare', 'region', '1496', 'Skövde', ?, 'ny', 'h', 'now', 'now')`,
    );
    // triple (sip, A): stored 2024-01-01 (outside the year before 2025-01-01), 2024-06-01, 2024-12-20
    stored.run('S1', '2024-01-01', 'A', 'sip');
    stored.run('S2', '2024-06-01', 'A', 'sip');
    stored.run('S3', '2024-12-20', 'A', 'sip');
    // triple (sip, B): stored exactly 364 and 365 days before 2025-12-31
    stored.run('S4', '2025-01-01', 'B', 'sip'); // 364 days before 2025-12-31: inside
    stored.run('S5', '2024-12-31', 'B', 'sip'); // 365 days: outside
    s.exec(`CREATE TEMP TABLE stage (s_row INTEGER, s_outcome INTEGER, s_target INTEGER, category TEXT, reporting_org TEXT, receiving_org TEXT, reported_at TEXT)`);
    const st = s.prepare(`INSERT INTO temp.stage VALUES (?, ?, ?, ?, ?, 'Mottagare', ?)`);
    st.run(1, 0, null, 'sip', 'A', '2025-01-01'); // S2, S3, itself → 3 → recurring
    st.run(2, 0, null, 'sip', 'B', '2025-12-31'); // S4, itself, row 3 (same day) → 3 → recurring
    st.run(3, 0, null, 'sip', 'B', '2025-12-31'); // same
    st.run(4, 0, null, 'lakemedel', 'A', '2025-01-01'); // alone → 0
    st.run(5, 1, null, 'sip', 'C', '2025-01-01'); // quarantined: not a new row
    st.run(6, 0, 99, 'sip', 'C', '2025-01-01'); // an update of a stored row: not a new row
    const flags = s.prepare(`${newRowsRecurringSql('temp.stage')} ORDER BY s_row`).raw().all();
    expect(flags).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 0],
    ]);
  });
});

describe('bulk import', () => {
  const csv = (rows: ReturnType<typeof genDeviations>) => ({ bytes: new Uint8Array(toCsv(STD_HEADERS, rows.map(devCells))) });

  it('a first import large enough to rebuild the indexes leaves every index, the search index and the recurring flags exact', async () => {
    t = await tempWorkspace();
    const s = t.ws.sqlite;
    const before = indexSql(s);
    const rows = genDeviations(BULK_MIN_ROWS + 500, 7);
    const r1 = await importFile(t.ws, csv(rows), 'stor.csv', { kind: 'deviations', now: TEST_TODAY });
    expect(r1.inserted).toBe(rows.length - r1.quarantined - r1.outsideDelregion - r1.duplicatesInFile);
    expect(r1.inserted).toBeGreaterThan(BULK_MIN_ROWS);
    expect(indexSql(s)).toEqual(before);
    expect(s.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(Number(s.prepare('SELECT count(*) FROM search_fts').pluck().get())).toBe(r1.inserted);
    const recurring = Number(s.prepare('SELECT sum(recurring) FROM deviations').pluck().get());
    expect(recurring).toBeGreaterThan(0);
    expect(recurring).toBeLessThan(r1.inserted);
    // a full recomputation changes nothing: the flags written on the way in were exact
    expect(s.transaction(() => refreshRecurring(s))()).toBe(0);

    // a smaller second import (no rebuild) into the same triples keeps every flag exact too
    const more = genDeviations(2_000, 8, { prefix: 'NY' });
    const r2 = await importFile(t.ws, csv(more), 'liten.csv', { kind: 'deviations', now: TEST_TODAY });
    expect(r2.inserted).toBeGreaterThan(1_000);
    expect(s.transaction(() => refreshRecurring(s))()).toBe(0);
    expect(indexSql(s)).toEqual(before);
  }, 60_000);
});
