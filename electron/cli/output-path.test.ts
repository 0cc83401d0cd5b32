/**
 * checkOutputPath / writeOutputFile: the workspace, its companion files, other SQLite databases
 * and folders are never written; an existing file only when it has an allowed extension; an older file of the right kind is
 * replaced atomically.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliFailure } from './io';
import { checkOutputPath, isSqliteFile, writeOutputFile, type OutputPathOptions } from './output-path';

describe('output path guard', () => {
  let dir: string;
  let db: string;
  let report: OutputPathOptions;
  const library = (): OutputPathOptions => ({ db, extensions: ['.samsyn-bibliotek.json', '.json'], what: 'Biblioteksfilen' });

  const refusal = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(CliFailure);
      return (e as Error).message;
    }
    throw new Error('expected a refusal');
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-outpath-'));
    db = path.join(dir, 'ws.samsyn');
    const s = new Database(db);
    s.pragma('journal_mode = WAL');
    s.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    s.close();
    report = { db, extensions: ['.pdf'], what: 'Rapporten', exampleName: 'rapport.pdf' };
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the workspace itself, also by another spelling, a symlink or a hard link', () => {
    expect(refusal(() => checkOutputPath(db, report))).toMatch(/^Rapporten kan inte sparas som .*ws\.samsyn: det är arbetsytan \(--db\).*ws\.pdf\.$/);
    expect(refusal(() => checkOutputPath(path.join(dir, '.', 'sub', '..', 'ws.samsyn'), report))).toMatch(/arbetsytan/);
    const link = path.join(dir, 'link.pdf');
    fs.symlinkSync(db, link);
    expect(refusal(() => checkOutputPath(link, report))).toMatch(/arbetsytan/);
    const hard = path.join(dir, 'hard.pdf');
    fs.linkSync(db, hard);
    expect(refusal(() => checkOutputPath(hard, report))).toMatch(/arbetsytan/);
    // relative --db and absolute --out name the same file
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      expect(refusal(() => checkOutputPath(db, { ...report, db: 'ws.samsyn' }))).toMatch(/arbetsytan/);
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses the -wal, -shm and -journal files, whether they exist or not', () => {
    for (const suffix of ['-wal', '-shm', '-journal']) {
      expect(refusal(() => checkOutputPath(`${db}${suffix}`, report))).toContain(`det är en av arbetsytans databasfiler (ws.samsyn${suffix})`);
      expect(refusal(() => checkOutputPath(`${db}${suffix}`, library()))).toMatch(/^Biblioteksfilen kan inte sparas/);
    }
  });

  it('refuses any existing SQLite database, whatever its name', () => {
    const other = path.join(dir, 'annan.pdf');
    fs.copyFileSync(db, other);
    expect(isSqliteFile(other)).toBe(true);
    expect(refusal(() => checkOutputPath(other, report))).toMatch(/filen är en SQLite-databas/);
    const json = path.join(dir, 'annan.json');
    fs.copyFileSync(db, json);
    expect(refusal(() => checkOutputPath(json, library()))).toMatch(/^Biblioteksfilen .*SQLite-databas/);
    // also without --db
    expect(refusal(() => checkOutputPath(other, { extensions: ['.pdf'], what: 'Rapporten' }))).toMatch(/SQLite-databas/);
  });

  it('refuses a folder and a missing folder', () => {
    const sub = path.join(dir, 'mapp.pdf');
    fs.mkdirSync(sub);
    expect(refusal(() => checkOutputPath(sub, report))).toContain(`det är en mapp – ange ett filnamn som slutar på .pdf, till exempel ${path.join(sub, 'rapport.pdf')}.`);
    expect(refusal(() => checkOutputPath(path.join(dir, 'saknas', 'r.pdf'), report))).toBe(`Mappen ${path.join(dir, 'saknas')} finns inte.`);
  });

  it('never replaces an existing file of another kind, and says what to write', () => {
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'important notes');
    expect(refusal(() => checkOutputPath(notes, report))).toBe(
      `Rapporten skrivs inte över ${notes}: filen finns redan och slutar inte på .pdf, så den är troligen något annat – skriv till exempel --out ${path.join(dir, 'notes.pdf')}.`,
    );
    expect(fs.readFileSync(notes, 'utf8')).toBe('important notes');
    const bib = path.join(dir, 'bib.txt');
    fs.writeFileSync(bib, 'x');
    expect(refusal(() => checkOutputPath(bib, library()))).toMatch(/slutar inte på \.samsyn-bibliotek\.json eller \.json, så den är troligen något annat – skriv till exempel --out .*bib\.samsyn-bibliotek\.json\.$/);
    // a new file may have any name
    expect(checkOutputPath(path.join(dir, 'rapport'), report)).toBe(path.join(dir, 'rapport'));
  });

  it('accepts new files and allowed extensions in any case', () => {
    expect(checkOutputPath(path.join(dir, 'ny.pdf'), report)).toBe(path.join(dir, 'ny.pdf'));
    expect(checkOutputPath(path.join(dir, 'NY.PDF'), report)).toBe(path.join(dir, 'NY.PDF'));
    expect(checkOutputPath(path.join(dir, 'a.samsyn-bibliotek.json'), library())).toBe(path.join(dir, 'a.samsyn-bibliotek.json'));
    expect(checkOutputPath(path.join(dir, 'a.json'), library())).toBe(path.join(dir, 'a.json'));
  });

  it('replaces an older file of the right kind atomically and leaves no temporary file', () => {
    const old = path.join(dir, 'forra.pdf');
    fs.writeFileSync(old, '%PDF-1.4 old report');
    expect(writeOutputFile(old, Buffer.from('%PDF-1.7 new report'), report)).toBe(old);
    expect(fs.readFileSync(old, 'utf8')).toBe('%PDF-1.7 new report');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a failed write leaves the old file as it was and no temporary file', () => {
    const old = path.join(dir, 'behall.pdf');
    fs.writeFileSync(old, '%PDF-1.4 keep me');
    // data the writer cannot take: the write fails after the temp file was created
    expect(refusal(() => writeOutputFile(old, { not: 'bytes' } as unknown as Uint8Array, report))).toMatch(/^Filen .*behall\.pdf kunde inte skrivas/);
    expect(fs.readFileSync(old, 'utf8')).toBe('%PDF-1.4 keep me');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('checks again when writing: the workspace is never written', () => {
    const before = fs.readFileSync(db);
    expect(refusal(() => writeOutputFile(db, Buffer.from('%PDF-'), report))).toMatch(/arbetsytan/);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
    const s = new Database(db, { fileMustExist: true });
    expect(s.prepare('SELECT x FROM t').pluck().get()).toBe(1);
    s.close();
  });
});
