/**
 * The staging half of the importer: duplicates without a key index, and the unchanged-row fast
 * path (rows already stored with the same content are counted, not staged). Every report and
 * every table must be exactly what a full staging gives.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importFile, type ImportFileOptions } from './import-file';
import { sqliteBindingOption } from '../db/open-workspace';
import { devCells, genDeviations, STD_HEADERS, tempWorkspace, toCsv, TEST_TODAY, type DevRow, type TestWorkspace } from './test-helpers';

const csv = (rows: DevRow[] | string[][]) => ({ bytes: new Uint8Array(toCsv(STD_HEADERS, rows.map((r) => (Array.isArray(r) ? r : devCells(r))))) });
const run = (t: TestWorkspace, rows: DevRow[] | string[][], extra: Partial<ImportFileOptions> = {}) =>
  importFile(t.ws, csv(rows), 'fil.csv', { kind: 'deviations', now: TEST_TODAY, ...extra });

/** Everything an import writes, in a comparable form. */
function contents(t: TestWorkspace) {
  const q = (sql: string) => t.ws.sqlite.prepare(sql).all();
  return {
    deviations: q('SELECT * FROM deviations ORDER BY id'),
    history: q('SELECT * FROM deviation_history ORDER BY id'),
    quarantine: q('SELECT batch_id, kind, row_number, raw, errors, status FROM quarantine ORDER BY id'),
    batches: q('SELECT * FROM import_batches ORDER BY id'),
    fts: q('SELECT rowid, title, body FROM search_fts ORDER BY rowid'),
  };
}

function balance(r: { rows: number; inserted: number; updated: number; unchanged: number; quarantined: number; outsideDelregion: number; duplicatesInFile: number }) {
  return r.inserted + r.updated + r.unchanged + r.quarantined + r.outsideDelregion + r.duplicatesInFile;
}

const changed = (d: DevRow, n: number): DevRow => ({ ...d, description: `${d.description} (ändrad ${n})` });

describe('unchanged rows counted without staging them', () => {
  let t: TestWorkspace;
  afterEach(() => t?.cleanup());

  it('counts changed, unchanged, older-version, duplicate, quarantined and outside rows exactly as a full staging does', async () => {
    const v1 = genDeviations(40, 7);
    const v2 = v1.map((d, i) => (i % 4 === 0 ? changed(d, 2) : d)); // rows 0, 4, 8 … changed in v2
    const file: DevRow[] = [
      ...v2.slice(0, 20), // 5 of them (0, 4 … 16) are v2's changes: unchanged now
      v1[20]!, // v1 = an older version of a record v2 changed → unchanged, olderVersions
      changed(v2[21]!, 3), // changed → updated
      v2[22]!, // unchanged, but replaced later in the file by a changed row → 1 duplicate, 1 updated
      v2[23]!, // changed first, unchanged later → 1 duplicate, 1 unchanged
      { ...v2[24]!, kommun: 'Borås' }, // outside the delregion
      { ...v2[25]!, reported: 'igår' }, // quarantined (the stored record stays)
      { ...v2[26]!, category: 'Okänd etikett' }, // unknown category: staged, then counted as updated
      ...genDeviations(3, 8, { prefix: 'NY' }), // new
      changed(v2[22]!, 4),
      v2[23]!,
      v2[27]!, // unchanged, then the same row again: 1 duplicate, 1 unchanged
      v2[27]!,
    ];
    file[23] = changed(v2[23]!, 5);
    const expected = { rows: 34, inserted: 3, updated: 3, unchanged: 20 + 1 + 1 + 1, quarantined: 1, outsideDelregion: 1, duplicatesInFile: 3, olderVersions: 1 };

    const reports = [];
    for (const fast of [true, false]) {
      for (const chunkRows of [1, 3, 2000]) {
        t = await tempWorkspace();
        await run(t, v1);
        const r2 = await run(t, v2);
        expect(r2).toMatchObject({ inserted: 0, updated: 10, unchanged: 30 });
        const r = await run(t, file, { unchangedFastPath: fast, chunkRows });
        expect(r).toMatchObject(expected);
        expect(balance(r)).toBe(r.rows);
        expect(r.duplicates.map((d) => d.row).sort((a, b) => a - b)).toEqual([24, 25, 34]);
        reports.push({ r, contents: contents(t) });
        t.cleanup();
      }
    }
    for (const x of reports.slice(1)) {
      expect(x.r).toEqual(reports[0]!.r);
      expect(x.contents).toEqual(reports[0]!.contents);
    }
  });

  it('re-imports an unchanged file: nothing staged, nothing written but the batch', async () => {
    t = await tempWorkspace();
    const rows = genDeviations(50, 9);
    await run(t, rows);
    const before = contents(t);
    const r = await run(t, rows, { chunkRows: 7 });
    expect(r).toMatchObject({ rows: 50, inserted: 0, updated: 0, unchanged: 50, olderVersions: 0 });
    const after = contents(t);
    expect(after.deviations).toEqual(before.deviations);
    expect(after.history).toEqual([]);
    expect(after.batches.length).toBe(2);
  });

  it('stages the file again when the workspace changes during staging or just before the write (this connection or another one)', async () => {
    for (const [other, moment] of [
      [false, 'Läser rad'],
      [true, 'Läser rad'],
      [false, 'Sparar'],
      [true, 'Sparar'],
    ] as const) {
      t = await tempWorkspace();
      const rows = genDeviations(30, 10);
      await run(t, rows);
      const messages: string[] = [];
      let wrote = false;
      const r = await run(t, rows, {
        chunkRows: 5,
        onProgress: (p) => {
          messages.push(p.message);
          // after the first chunk or the last one (rows counted unchanged without staging), MC-000001 changes
          if (!wrote && p.message.startsWith(moment)) {
            wrote = true;
            const sql = `UPDATE deviations SET description = 'ändrad under importen', content_hash = 'annan' WHERE external_id = 'MC-000001'`;
            if (other) {
              const db2 = new Database(t.file, sqliteBindingOption());
              db2.pragma('busy_timeout = 5000');
              db2.prepare(sql).run();
              db2.close();
            } else t.ws.sqlite.prepare(sql).run();
          }
        },
      });
      expect(messages.some((m) => m.startsWith('Arbetsytan ändrades under importen'))).toBe(true);
      expect(r).toMatchObject({ rows: 30, inserted: 0, updated: 1, unchanged: 29 });
      expect(t.ws.sqlite.prepare(`SELECT description FROM deviations WHERE external_id = 'MC-000001'`).pluck().get()).toBe(rows[0]!.description);
      t.cleanup();
    }
  });

  it('a write to the workspace during staging before anything was counted needs no second pass', async () => {
    t = await tempWorkspace();
    const rows = genDeviations(20, 11, { prefix: 'A' });
    await run(t, rows);
    const messages: string[] = [];
    const fresh = genDeviations(20, 12, { prefix: 'B' });
    const r = await run(t, fresh, {
      chunkRows: 5,
      onProgress: (p) => {
        messages.push(p.message);
        if (p.message.startsWith('Läser rad 5 ')) t.ws.sqlite.prepare(`UPDATE workspace SET user_name = 'Någon annan' WHERE id = 1`).run();
      },
    });
    expect(r).toMatchObject({ rows: 20, inserted: 20 });
    expect(messages.some((m) => m.startsWith('Arbetsytan ändrades'))).toBe(false);
  });
});

describe('fast path against full staging, random files', () => {
  let fast: TestWorkspace;
  let full: TestWorkspace;
  beforeAll(async () => {
    fast = await tempWorkspace();
    full = await tempWorkspace();
  });
  afterAll(() => {
    fast.cleanup();
    full.cleanup();
  });

  it('gives the same reports and the same workspace after every import of a random sequence', async () => {
    const base = genDeviations(30, 21);
    const variants = (d: DevRow, v: number): string[] => {
      const c = devCells(d);
      if (v === 1) c[13] = `${c[13]} (version 1)`;
      if (v === 2) c[13] = `${c[13]} (version 2)`;
      if (v === 3) c[1] = '2026-02-30'; // quarantined
      if (v === 4) c[7] = 'Borås'; // outside
      if (v === 5) c[8] = 'Bemötande'; // unknown category
      return c;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ row: fc.nat(29), version: fc.nat(5) }), { minLength: 1, maxLength: 45 }),
        fc.constantFrom(1, 2, 4, 2000),
        async (picks, chunkRows) => {
          const file = picks.map((p) => variants(base[p.row]!, p.version));
          const a = await run(fast, file, { chunkRows });
          const b = await run(full, file, { chunkRows, unchangedFastPath: false });
          expect(a).toEqual(b);
          expect(balance(a)).toBe(a.rows);
          expect(contents(fast)).toEqual(contents(full));
        },
      ),
      { numRuns: 40, seed: 77 },
    );
  });
});
