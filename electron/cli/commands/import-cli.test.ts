import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './test-helpers';
import { createWorkspace } from '../../core/workspace/workspace';
import { devCells, genDeviations, STD_HEADERS, toCsv } from '../../core/import/test-helpers';

let dir: string;
let db: string;

const run = runCli;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-cli-import-'));
  process.env.SAMSYN_HOME = path.join(dir, 'home');
  db = path.join(dir, 'ws.samsyn');
  (await createWorkspace(db, { delregionId: 'skaraborg', userName: 'Anna' })).close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('samsyn import: file names', () => {
  it('never stores or prints an identity number that is part of the file name', async () => {
    // 850709-2388: a valid personnummer (Luhn)
    const good = path.join(dir, 'avvikelse_850709-2388.csv');
    fs.writeFileSync(good, toCsv(STD_HEADERS, genDeviations(3, 5).map(devCells)));
    const empty = path.join(dir, 'tom_8507092388.csv');
    fs.writeFileSync(empty, '');
    const r = await run('import', 'deviations', good, empty, '--db', db, '--json');
    expect(r.code).toBe(1); // the empty file is refused
    const doc = JSON.parse(r.out) as { files: { file: string }[]; refused: { file: string; message: string }[] };
    expect(doc.files.map((f) => f.file)).toEqual(['avvikelse_[personnummer].csv']);
    expect(doc.refused).toEqual([{ file: 'tom_[personnummer].csv', message: 'Filen tom_[personnummer].csv är tom.' }]);
    expect(`${r.out}${r.err}`).not.toMatch(/850709|8507092388/);
    const s = new Database(db, { readonly: true });
    try {
      expect(s.prepare('SELECT file_name FROM import_batches').pluck().all()).toEqual(['avvikelse_[personnummer].csv']);
      expect(s.prepare(`SELECT count(*) FROM import_batches WHERE report LIKE '%850709%'`).pluck().get()).toBe(0);
    } finally {
      s.close();
    }
  });
});

describe('samsyn import: text report', () => {
  it('says when unchanged rows were older versions than the stored ones', async () => {
    const rows = genDeviations(3, 9, { prefix: 'OV' });
    const v1 = path.join(dir, 'v1.csv');
    const v2 = path.join(dir, 'v2.csv');
    fs.writeFileSync(v1, toCsv(STD_HEADERS, rows.map(devCells)));
    fs.writeFileSync(v2, toCsv(STD_HEADERS, rows.map((d) => devCells({ ...d, action: `${d.action} Uppföljt.` }))));
    expect((await run('import', 'deviations', v1, v2, '--db', db)).code).toBe(0);
    const again = await run('import', 'deviations', v1, '--db', db);
    expect(again.out).toMatch(/v1\.csv: 3 rader – 0 nya, 0 uppdaterade, 3 oförändrade/);
    expect(again.out).toMatch(/ {2}3 av de oförändrade ärendena fanns i filen i en äldre version än den som redan är sparad; den nyare versionen behölls\./);
  });
});
