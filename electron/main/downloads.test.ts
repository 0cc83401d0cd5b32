/**
 * chooseDownloadPath: the app's save dialog for downloads never lets a PDF, library or CSV file
 * overwrite the open workspace (or its WAL files, another SQLite file, a folder); the user is told
 * why in Swedish and asked again; cancel cancels.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SaveDialogOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseDownloadPath, downloadExtensions } from './downloads';

describe('chooseDownloadPath', () => {
  let dir: string;
  let ws: string;
  let open: Database.Database;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-dl-'));
    ws = path.join(dir, 'Fyrbodal.samsyn');
    // kept open so the -wal/-shm files exist, as in the running app
    open = new Database(ws);
    open.pragma('journal_mode = WAL');
    open.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
  });
  afterAll(() => {
    open.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A dialog that answers from a script; records what it was shown and the errors. */
  function scripted(answers: (string | undefined)[]) {
    const shown: SaveDialogOptions[] = [];
    const errors: string[] = [];
    const deps = {
      workspacePath: () => ws,
      showSaveDialog: (o: SaveDialogOptions) => {
        shown.push(o);
        return answers.shift();
      },
      showError: (m: string) => void errors.push(m),
      defaultDir: dir,
    };
    return { deps, shown, errors };
  }

  it('refuses the open workspace and its WAL file, explains in Swedish, and asks again', () => {
    const ok = path.join(dir, 'rapport.pdf');
    const s = scripted([ws, `${ws}-wal`, ok]);
    expect(chooseDownloadPath('Samsyn-rapport-2026-Q3.pdf', s.deps)).toBe(ok);
    expect(s.shown).toHaveLength(3);
    expect(s.errors).toHaveLength(2);
    expect(s.errors[0]).toContain('det är den öppna arbetsytan');
    expect(s.errors[0]).not.toContain('--db');
    expect(s.errors[1]).toContain('Fyrbodal.samsyn-wal');
    // the workspace is untouched
    expect(fs.readFileSync(ws).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    // the first dialog starts in Documents with the suggested name and offers PDF first
    expect(s.shown[0]!.defaultPath).toBe(path.join(dir, 'Samsyn-rapport-2026-Q3.pdf'));
    expect(s.shown[0]!.filters?.[0]).toEqual({ name: 'PDF', extensions: ['pdf'] });
  });

  it('refuses another SQLite file and an existing file of another kind; a new name is fine', () => {
    const other = path.join(dir, 'Skaraborg.samsyn');
    const o = new Database(other);
    o.exec('CREATE TABLE t (x)');
    o.close();
    const notes = path.join(dir, 'anteckningar.txt');
    fs.writeFileSync(notes, 'mina anteckningar');
    const fresh = path.join(dir, 'ny-lista');
    const s = scripted([other, notes, fresh]);
    expect(chooseDownloadPath('avvikelser.csv', s.deps)).toBe(fresh);
    expect(s.errors[0]).toContain('SQLite-databas');
    expect(s.errors[1]).toContain('filen finns redan och slutar inte på .csv');
    expect(s.errors[1]).toContain('välj till exempel');
    expect(fs.readFileSync(notes, 'utf8')).toBe('mina anteckningar');
  });

  it('returns null when the user cancels', () => {
    const s = scripted([undefined]);
    expect(chooseDownloadPath('Samsyn-rapport.pdf', s.deps)).toBeNull();
    expect(s.errors).toEqual([]);
  });

  it('knows the library file by its compound ending', () => {
    expect(downloadExtensions('Fyrbodal-2026-11-23.samsyn-bibliotek.json')).toEqual(['.samsyn-bibliotek.json', '.json']);
    expect(downloadExtensions('rapport.pdf')).toEqual(['.pdf']);
    const older = path.join(dir, 'förra.json');
    fs.writeFileSync(older, '{}');
    const s = scripted([older]);
    expect(chooseDownloadPath('Fyrbodal.samsyn-bibliotek.json', s.deps)).toBe(older);
  });
});
