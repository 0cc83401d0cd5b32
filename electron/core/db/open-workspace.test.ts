import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace, SAMSYN_APPLICATION_ID } from './open-workspace';
import { createWorkspace } from '../workspace/workspace';
import { migrationsFolder } from '../paths';
import { backupFolder } from './backup';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-open-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function expectRefusal(file: string, pattern: RegExp) {
  await expect(openWorkspace(file)).rejects.toMatchObject({ name: 'UserError', message: expect.stringMatching(pattern) });
}

describe('openWorkspace', () => {
  it('migrates an empty file and sets the pragmas a record store needs', async () => {
    const ws = await openWorkspace(path.join(dir, 'new.db'), { create: true });
    expect(ws.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(ws.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(ws.sqlite.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
    expect(Number(ws.sqlite.pragma('application_id', { simple: true }))).toBe(SAMSYN_APPLICATION_ID);
    const tables = ws.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name`).pluck().all();
    for (const t of ['deviations', 'deviation_history', 'disputes', 'dispute_events', 'import_batches', 'quarantine', 'mapping_profiles', 'lessons', 'precedents', 'saved_reports', 'workspace', 'ref_population', 'search_fts']) {
      expect(tables).toContain(t);
    }
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')).entries.length;
    expect(ws.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(journal);
    ws.close();
  });

  it('refuses a missing file unless asked to create it', async () => {
    await expect(openWorkspace(path.join(dir, 'nope.db'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a text file, another SQLite database and a damaged file with a Swedish sentence, without changing them', async () => {
    const txt = path.join(dir, 'anteckning.txt');
    fs.writeFileSync(txt, 'Detta är ingen databas');
    await expectRefusal(txt, /inte en Samsyn-arbetsyta/);
    expect(fs.readFileSync(txt, 'utf8')).toBe('Detta är ingen databas');

    const foreign = path.join(dir, 'annan.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE kunder (id INTEGER PRIMARY KEY, namn TEXT)');
    other.close();
    const before = fs.readFileSync(foreign);
    await expectRefusal(foreign, /SQLite-databas men inte en Samsyn-arbetsyta/);
    expect(fs.readFileSync(foreign).equals(before)).toBe(true);

    const good = path.join(dir, 'skadad.db');
    (await createWorkspace(good, { delregionId: 'skaraborg' })).close();
    const bytes = fs.readFileSync(good);
    // overwrite the middle of the file (b-tree pages) with garbage
    bytes.fill(0x5a, 4096 * 2, 4096 * 6);
    fs.writeFileSync(good, bytes);
    fs.rmSync(`${good}-wal`, { force: true });
    fs.rmSync(`${good}-shm`, { force: true });
    await expectRefusal(good, /skadad/);
  });

  it('refuses a workspace made by a newer version of Samsyn', async () => {
    const file = path.join(dir, 'nyare.db');
    (await createWorkspace(file, { delregionId: 'fyrbodal' })).close();
    const db = new Database(file);
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('framtida', 9_999_999_999_999);
    db.close();
    await expectRefusal(file, /nyare version av Samsyn/);
  });

  it('takes a backup with the online backup API before a pending migration runs', async () => {
    // An "older program": the same migrations folder without its newest migration.
    const old = path.join(dir, 'old-drizzle');
    fs.cpSync(migrationsFolder(), old, { recursive: true });
    const journalFile = path.join(old, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const newest = journal.entries.pop()!;
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    const file = path.join(dir, 'gammal.db');
    const first = await openWorkspace(file, { create: true, migrationsFolder: old });
    const countBefore = first.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    first.sqlite.exec(`CREATE TABLE marker (note TEXT); INSERT INTO marker VALUES ('före uppgradering')`);
    first.close();

    const ws = await openWorkspace(file);
    expect(ws.backupPath).not.toBeNull();
    expect(path.dirname(ws.backupPath!)).toBe(backupFolder(file));
    expect(ws.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(Number(countBefore) + 1);
    const copy = new Database(ws.backupPath!, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(countBefore);
    expect(copy.prepare('SELECT note FROM marker').pluck().get()).toBe('före uppgradering');
    copy.close();
    ws.close();
    expect(newest.tag).toMatch(/^\d{4}_/);
  });
});

describe('createWorkspace', () => {
  it('copies the reference data and refuses to overwrite an existing file', async () => {
    const file = path.join(dir, 'ws.db');
    const ws = await createWorkspace(file, { delregionId: 'skaraborg', userName: 'Anna' });
    const q = (s: string) => ws.sqlite.prepare(s).pluck().get();
    expect(q('SELECT count(*) FROM workspace_kommuner')).toBe(15);
    expect(q('SELECT count(*) FROM ref_kommuner')).toBe(49);
    expect(q('SELECT count(*) FROM ref_population')).toBe(49);
    expect(q(`SELECT value FROM ref_population WHERE kommun_code = '1496'`)).toBe(57995); // Skövde per DOMAIN.md
    expect(q('SELECT count(*) FROM ref_categories')).toBe(13);
    expect(q(`SELECT category_code FROM category_synonyms WHERE norm = 'svpl'`)).toBe('in_utskrivning');
    expect(q('SELECT deadline_days FROM workspace')).toBe(60);
    expect((q('SELECT hmac_secret FROM workspace') as Buffer).length).toBe(32);
    ws.close();
    await expect(createWorkspace(file, { delregionId: 'skaraborg' })).rejects.toThrow(/finns redan/);
    await expect(createWorkspace(path.join(dir, 'x.db'), { delregionId: 'halland' })).rejects.toThrow(/Okänd delregion/);
    expect(fs.existsSync(path.join(dir, 'x.db'))).toBe(false);
  });
});

describe('integrity check at open', () => {
  function memoryLedger() {
    const m = new Map<string, { size: number; mtimeMs: number; ino: number }>();
    return {
      m,
      ledger: {
        matches: (p: string, s: { size: number; mtimeMs: number; ino: number }) => {
          const k = m.get(p);
          return !!k && k.size === s.size && k.mtimeMs === s.mtimeMs && k.ino === s.ino;
        },
        record: (p: string, s: { size: number; mtimeMs: number; ino: number }) => void m.set(p, s),
        forget: (p: string) => void m.delete(p),
      },
    };
  }

  it('runs in full unless the file is exactly as Samsyn left it after a verified check', async () => {
    const file = path.join(dir, 'ledger.db');
    (await createWorkspace(file, { delregionId: 'skaraborg' })).close();
    const { m, ledger } = memoryLedger();
    const first = await openWorkspace(file, { ledger });
    expect(first.integrity).toBe('full');
    expect(m.has(file)).toBe(false); // forgotten while open: a crash now means a full check next time
    first.close();
    expect(m.has(file)).toBe(true);
    const second = await openWorkspace(file, { ledger });
    expect(second.integrity).toBe('unchanged');
    second.sqlite.exec(`INSERT INTO kv (key, value) VALUES ('x', 'y')`);
    second.close();
    const third = await openWorkspace(file, { ledger });
    expect(third.integrity).toBe('unchanged'); // our own clean close re-recorded the new stamp
    third.close();
    // touched by someone else (same bytes, new mtime) → full check again
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    const fourth = await openWorkspace(file, { ledger });
    expect(fourth.integrity).toBe('full');
    fourth.close();
  });

  it('still finds damage done outside Samsyn after a verified close', async () => {
    const file = path.join(dir, 'ledger-skadad.db');
    (await createWorkspace(file, { delregionId: 'skaraborg' })).close();
    const { ledger } = memoryLedger();
    (await openWorkspace(file, { ledger })).close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 4096 * 2, 4096 * 6);
    fs.writeFileSync(file, bytes);
    await expect(openWorkspace(file, { ledger })).rejects.toMatchObject({ message: expect.stringMatching(/skadad/) });
  });
});
