/**
 * drizzle/0007 + repairs.ts: a workspace made while Tranemo and Svenljunga had each other's SCB
 * codes is corrected on open — reference tables, the kommun set, population, the deviations, the
 * dashboard summary and the history — and the content hashes are recomputed, so re-importing the
 * same export is still "unchanged".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace } from '../workspace/workspace';
import { importFile } from '../import/import-file';
import { columnsOf, contentHash, type CellValue } from '../import/validate';
import { STD_HEADERS, toCsv, TEST_TODAY } from '../import/test-helpers';
import { openWorkspace } from './open-workspace';
import { forgetMigrationsAfter } from './test-helpers';
import type Database from 'better-sqlite3';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-repair-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const row = (id: string, kommun: string, org: string, status: string, description: string) => [
  id, '2026-03-02', '', 'Södra Älvsborgs Sjukhus', 'region', `${org} kommun`, 'kommun', kommun, 'SIP', '2', status, '', '', description, '',
];
const v1 = toCsv(STD_HEADERS, [row('T-1', 'Tranemo', 'Tranemo', 'Ny', 'SIP kallades inte.'), row('S-1', 'Svenljunga', 'Svenljunga', 'Ny', 'Hjälpmedel saknades.'), row('B-1', 'Borås', 'Borås', 'Ny', 'Läkemedelslista saknades.')]);
const v2 = toCsv(STD_HEADERS, [row('T-1', 'Tranemo', 'Tranemo', 'Pågående', 'SIP kallades inte.'), row('S-1', 'Svenljunga', 'Svenljunga', 'Ny', 'Hjälpmedel saknades.'), row('B-1', 'Borås', 'Borås', 'Ny', 'Läkemedelslista saknades.')]);

/** Puts a workspace back in the state the old reference data made: codes swapped, hashes over the swapped codes, 0007 not applied. */
function makeOld(sqlite: Database.Database): void {
  const swap = (table: string, col: string) => {
    sqlite.prepare(`UPDATE ${table} SET ${col} = '#' || ${col} WHERE ${col} IN ('1452', '1465')`).run();
    sqlite.prepare(`UPDATE ${table} SET ${col} = CASE ${col} WHEN '#1452' THEN '1465' ELSE '1452' END WHERE ${col} IN ('#1452', '#1465')`).run();
  };
  for (const [t, c] of [['ref_kommuner', 'code'], ['workspace_kommuner', 'code'], ['ref_population', 'kommun_code'], ['dev_sum_kommun', 'kommun_code'], ['deviations', 'kommun_code']]) swap(t!, c!);
  sqlite
    .prepare(`UPDATE deviation_history SET data = json_set(data, '$.kommun_code', CASE json_extract(data, '$.kommun_code') WHEN '1452' THEN '1465' ELSE '1452' END) WHERE json_extract(data, '$.kommun_code') IN ('1452', '1465')`)
    .run();
  const cols = columnsOf('deviations');
  for (const r of sqlite.prepare(`SELECT id, ${cols.join(', ')} FROM deviations`).all() as Record<string, CellValue>[]) {
    sqlite.prepare('UPDATE deviations SET content_hash = ? WHERE id = ?').run(contentHash('deviations', cols.map((c) => r[c] ?? null)), r.id);
  }
  for (const h of sqlite.prepare('SELECT id, data FROM deviation_history').all() as { id: number; data: string }[]) {
    const d = JSON.parse(h.data) as Record<string, CellValue>;
    sqlite.prepare('UPDATE deviation_history SET content_hash = ? WHERE id = ?').run(contentHash('deviations', cols.map((c) => d[c] ?? null)), h.id);
  }
  undoMigrationsFrom0007(sqlite);
}

/** Forgets migrations 0007 and later (and undoes their schema changes) so the next open applies them again. */
function undoMigrationsFrom0007(sqlite: Database.Database): void {
  forgetMigrationsAfter(sqlite, '0006_');
}

const state = (sqlite: Database.Database) => ({
  ref: sqlite.prepare(`SELECT name, code FROM ref_kommuner WHERE name IN ('Tranemo', 'Svenljunga') ORDER BY name`).all(),
  kommuner: sqlite.prepare(`SELECT name, code FROM workspace_kommuner WHERE name IN ('Tranemo', 'Svenljunga') ORDER BY name`).all(),
  population: sqlite.prepare(`SELECT kommun_code, year, value FROM ref_population WHERE kommun_code IN ('1452', '1465') ORDER BY kommun_code, year`).all(),
  deviations: sqlite.prepare('SELECT external_id, kommun, kommun_code, content_hash FROM deviations ORDER BY external_id').all(),
  summary: sqlite.prepare('SELECT reported_at, kommun_code, n FROM dev_sum_kommun ORDER BY kommun_code').all(),
  history: sqlite.prepare(`SELECT json_extract(data, '$.kommun_code') AS code, content_hash FROM deviation_history ORDER BY id`).all(),
});

describe('Tranemo 1452 / Svenljunga 1465 (migration 0007 and its repair)', () => {
  it('corrects an old workspace on open, and the same export is still unchanged', async () => {
    const file = path.join(dir, 'sjuharad.samsyn');
    let ws = await createWorkspace(file, { delregionId: 'sjuharad', userName: 'Testare' });
    expect(state(ws.sqlite).ref).toEqual([{ name: 'Svenljunga', code: '1465' }, { name: 'Tranemo', code: '1452' }]);
    await importFile(ws, { bytes: new Uint8Array(v1) }, 'v1.csv', { kind: 'deviations', now: TEST_TODAY });
    expect(await importFile(ws, { bytes: new Uint8Array(v2) }, 'v2.csv', { kind: 'deviations', now: TEST_TODAY })).toMatchObject({ updated: 1, unchanged: 2 });
    const right = state(ws.sqlite);
    expect(right.deviations.find((d: any) => d.external_id === 'T-1')).toMatchObject({ kommun: 'Tranemo', kommun_code: '1452' });
    makeOld(ws.sqlite);
    expect(state(ws.sqlite)).not.toEqual(right);
    ws.close();

    ws = await openWorkspace(file);
    expect(state(ws.sqlite)).toEqual(right);
    expect(ws.sqlite.prepare('SELECT count(*) FROM pending_repairs').pluck().get()).toBe(0);
    expect(await importFile(ws, { bytes: new Uint8Array(v2) }, 'v2-igen.csv', { kind: 'deviations', now: TEST_TODAY })).toMatchObject({ unchanged: 3, updated: 0 });
    // the older export is still recognised as an older version of T-1
    expect(await importFile(ws, { bytes: new Uint8Array(v1) }, 'v1-igen.csv', { kind: 'deviations', now: TEST_TODAY })).toMatchObject({ unchanged: 3, updated: 0, olderVersions: 1 });
    ws.close();
  });

  it('leaves a workspace made with the right codes as it is', async () => {
    const file = path.join(dir, 'ny.samsyn');
    let ws = await createWorkspace(file, { delregionId: 'sjuharad', userName: 'Testare' });
    await importFile(ws, { bytes: new Uint8Array(v1) }, 'v1.csv', { kind: 'deviations', now: TEST_TODAY });
    const before = state(ws.sqlite);
    // 0007 run again on correct data changes nothing
    undoMigrationsFrom0007(ws.sqlite);
    ws.close();
    ws = await openWorkspace(file);
    expect(state(ws.sqlite)).toEqual(before);
    ws.close();
  });
});
