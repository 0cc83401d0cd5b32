import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { UserError } from '../errors';
import { migrationsFolder as defaultMigrationsFolder } from '../paths';
import { backupWorkspace } from './backup';
import { runPendingRepairs } from './repairs';

/** 'SmSy' — marks a SQLite file as a Samsyn workspace (PRAGMA application_id). */
export const SAMSYN_APPLICATION_ID = 0x536d5379;
export const BUSY_TIMEOUT_MS = 5000;

/**
 * better-sqlite3's native addon to load. Tests and the CLI use Node's build in node_modules (the
 * default); the Electron shell sets SAMSYN_SQLITE_BINDING to a build for Electron's ABI kept
 * elsewhere (native/electron/better_sqlite3.node), so the two builds never overwrite each other.
 */
export function sqliteBindingOption(env: NodeJS.ProcessEnv = process.env): { nativeBinding?: string } {
  const binding = env.SAMSYN_SQLITE_BINDING;
  return binding ? { nativeBinding: binding } : {};
}

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenedWorkspace {
  path: string;
  sqlite: Database.Database;
  db: Db;
  /** Path of the backup taken before migrations ran, if any. */
  backupPath: string | null;
  /** 'full' when integrity_check ran at this open, 'unchanged' when the ledger vouched for the file. */
  integrity: 'full' | 'unchanged' | 'new';
  close(): void;
}

interface JournalEntry {
  idx: number;
  tag: string;
  when: number;
}

function readJournal(folder: string): JournalEntry[] {
  const j = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return j.entries;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function fileKind(file: string): 'missing' | 'empty' | 'sqlite' | 'other' {
  if (!fs.existsSync(file)) return 'missing';
  const st = fs.statSync(file);
  if (st.isDirectory()) return 'other';
  if (st.size === 0) return 'empty';
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    return n === 16 && buf.equals(SQLITE_HEADER) ? 'sqlite' : 'other';
  } finally {
    fs.closeSync(fd);
  }
}

export function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  const check = {
    journal: sqlite.pragma('journal_mode', { simple: true }),
    sync: sqlite.pragma('synchronous', { simple: true }),
    fk: sqlite.pragma('foreign_keys', { simple: true }),
    busy: sqlite.pragma('busy_timeout', { simple: true }),
  };
  if (check.journal !== 'wal' || check.sync !== 2 || check.fk !== 1 || Number(check.busy) < BUSY_TIMEOUT_MS) {
    throw new UserError('Arbetsytan kunde inte öppnas med säkra inställningar (WAL, synkron skrivning, främmande nycklar).', 'WORKSPACE_INVALID', check);
  }
}

/** What identifies a file's bytes cheaply: if all three are equal, the file was not written. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

/**
 * Remembers which workspace files Samsyn itself verified (integrity_check ok) and then closed
 * cleanly, with the file's stamp at that moment. Kept by the shell outside the workspace.
 */
export interface IntegrityLedger {
  matches(file: string, stamp: FileStamp): boolean;
  record(file: string, stamp: FileStamp): void;
  forget(file: string): void;
}

export function fileStamp(file: string): FileStamp {
  const st = fs.statSync(file);
  return { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
}

export interface OpenOptions {
  /** Create the file if it does not exist (a new, empty workspace). */
  create?: boolean;
  /**
   * The full `PRAGMA integrity_check` reads every page and index (≈ 26 s for a 1.8 GB workspace).
   * With a ledger it is skipped only when the file is exactly as Samsyn left it after a verified
   * check and a clean close (same size, mtime and inode, no WAL left over); any other change —
   * a crash, another program, a copy — brings the full check back.
   */
  ledger?: IntegrityLedger;
  migrationsFolder?: string;
  /** Open read-only (no migration; refuses a workspace needing one). */
  readonly?: boolean;
}

/**
 * Opens (or creates) a workspace file. Checks, in order: that it is a SQLite file, that it is
 * intact (integrity_check), that it is a Samsyn workspace (application_id), that its schema is
 * not newer than this program; then takes a backup and migrates if needed.
 * Every refusal is a UserError with code WORKSPACE_INVALID and one Swedish sentence.
 */
export async function openWorkspace(file: string, opts: OpenOptions = {}): Promise<OpenedWorkspace> {
  const abs = path.resolve(file);
  const name = path.basename(abs);
  const kind = fileKind(abs);
  if (kind === 'missing' && !opts.create) {
    throw new UserError(`Arbetsytan ${name} finns inte.`, 'NOT_FOUND');
  }
  if (kind === 'other') {
    throw new UserError(`Filen ${name} är inte en Samsyn-arbetsyta (det är ingen SQLite-databas).`, 'WORKSPACE_INVALID');
  }
  const isNew = kind === 'missing' || kind === 'empty';
  const stampBefore = isNew ? null : fileStamp(abs);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(abs, { fileMustExist: !isNew, readonly: !!opts.readonly && !isNew, ...sqliteBindingOption() });
  } catch (e) {
    throw new UserError(`Arbetsytan ${name} kunde inte öppnas: ${(e as Error).message}`, 'WORKSPACE_INVALID');
  }
  const walLeft = fs.existsSync(`${abs}-wal`) && fs.statSync(`${abs}-wal`).size > 0;
  const unchanged = !isNew && !walLeft && !!opts.ledger?.matches(abs, stampBefore!);
  opts.ledger?.forget(abs); // while open (or after a crash) the file is no longer as verified
  try {
    if (!isNew && !unchanged) {
      let integrity: string;
      try {
        integrity = String(sqlite.pragma('integrity_check', { simple: true }));
      } catch (e) {
        throw new UserError(`Arbetsytan ${name} är skadad och kan inte läsas (${(e as Error).message}). Återställ en säkerhetskopia.`, 'WORKSPACE_INVALID');
      }
      if (integrity !== 'ok') {
        throw new UserError(`Arbetsytan ${name} är skadad (integritetskontrollen svarade: ${integrity.slice(0, 200)}). Återställ en säkerhetskopia.`, 'WORKSPACE_INVALID');
      }
    }
    if (!isNew) {
      const appId = Number(sqlite.pragma('application_id', { simple: true }));
      const tableCount = Number(sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table'`).pluck().get());
      if (appId !== SAMSYN_APPLICATION_ID && tableCount > 0) {
        throw new UserError(`Filen ${name} är en SQLite-databas men inte en Samsyn-arbetsyta.`, 'WORKSPACE_INVALID');
      }
    }
    if (!opts.readonly) applyPragmas(sqlite);
    const folder = opts.migrationsFolder ?? defaultMigrationsFolder();
    const journal = readJournal(folder);
    const applied = appliedMigrations(sqlite);
    if (applied.length > journal.length || applied.some((a) => !journal.some((j) => j.when === a))) {
      throw new UserError(`Arbetsytan ${name} är skapad av en nyare version av Samsyn. Uppdatera programmet för att öppna den.`, 'WORKSPACE_INVALID');
    }
    let backupPath: string | null = null;
    if (applied.length < journal.length) {
      if (opts.readonly) throw new UserError(`Arbetsytan ${name} behöver uppgraderas och kan inte öppnas skrivskyddad.`, 'WORKSPACE_INVALID');
      if (applied.length > 0) backupPath = await backupWorkspace(sqlite, abs, 'fore-uppgradering');
      sqlite.pragma(`application_id = ${SAMSYN_APPLICATION_ID}`);
      const db0 = drizzle(sqlite, { schema });
      migrate(db0, { migrationsFolder: folder });
    }
    if (!opts.readonly) runPendingRepairs(sqlite);
    const db = drizzle(sqlite, { schema }) as Db;
    return {
      path: abs,
      sqlite,
      db,
      backupPath,
      integrity: isNew ? 'new' : unchanged ? 'unchanged' : 'full',
      close: () => {
        if (!sqlite.open) return;
        sqlite.close(); // the last connection checkpoints the WAL into the file and removes it
        if (opts.ledger && fs.existsSync(abs) && !fs.existsSync(`${abs}-wal`)) opts.ledger.record(abs, fileStamp(abs));
      },
    };
  } catch (e) {
    if (sqlite.open) sqlite.close();
    if (e instanceof UserError) throw e;
    throw new UserError(`Arbetsytan ${name} kunde inte öppnas: ${(e as Error).message}`, 'WORKSPACE_INVALID');
  }
}

function appliedMigrations(sqlite: Database.Database): number[] {
  const exists = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'`).get();
  if (!exists) return [];
  return sqlite
    .prepare(`SELECT created_at FROM __drizzle_migrations ORDER BY created_at`)
    .pluck()
    .all()
    .map((v) => Number(v));
}
