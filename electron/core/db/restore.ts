import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../errors';
import { backupFolder } from './backup';
import { SAMSYN_APPLICATION_ID, sqliteBindingOption } from './open-workspace';

export interface BackupEntry {
  path: string;
  fileName: string;
  /** When the copy was written (file time), ISO 8601. */
  createdAt: string;
  sizeBytes: number;
  /** Why it was taken: 'manuell', 'fore-uppgradering', 'fore-biblioteksimport', 'fore-aterstallning' … */
  reason: string;
}

/** Suffix of the copy of the workspace taken just before a restore replaced it. */
export const BEFORE_RESTORE_SUFFIX = '.fore-aterstallning.bak';

export function beforeRestorePath(workspacePath: string): string {
  return `${path.resolve(workspacePath)}${BEFORE_RESTORE_SUFFIX}`;
}

function reasonOf(workspacePath: string, fileName: string): string {
  if (fileName.endsWith(BEFORE_RESTORE_SUFFIX)) return 'fore-aterstallning';
  // "<name>.<YYYY-MM-DDTHH-MM-SS>.<reason>.bak"
  const rest = fileName.slice(path.basename(workspacePath).length + 1).replace(/\.bak$/, '');
  const dot = rest.indexOf('.');
  return dot >= 0 ? rest.slice(dot + 1) : rest;
}

/**
 * The backups of a workspace, newest first: the automatic and manual copies in
 * "<file>.sakerhetskopior/" and the copy taken before the last restore, if any.
 */
export function listBackups(workspacePath: string): BackupEntry[] {
  const abs = path.resolve(workspacePath);
  const dir = backupFolder(abs);
  const files: string[] = [];
  try {
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.bak')) files.push(path.join(dir, f));
  } catch {
    // no backup folder yet
  }
  if (fs.existsSync(beforeRestorePath(abs))) files.push(beforeRestorePath(abs));
  return files
    .flatMap((p) => {
      try {
        const st = fs.statSync(p);
        return st.isFile() ? [{ p, st }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.st.mtimeMs - a.st.mtimeMs || b.p.localeCompare(a.p))
    .map(({ p, st }) => ({
      path: p,
      fileName: path.basename(p),
      createdAt: st.mtime.toISOString(),
      sizeBytes: st.size,
      reason: reasonOf(abs, path.basename(p)),
    }));
}

function removeSidecars(file: string): void {
  for (const s of ['-wal', '-shm', '-journal']) fs.rmSync(`${file}${s}`, { force: true });
}

/** Checks that a file is an intact Samsyn workspace (header, integrity_check, application_id). Closes it again. */
export function checkWorkspaceFile(file: string, label = path.basename(file)): void {
  let db: Database.Database;
  try {
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(16);
    try {
      fs.readSync(fd, head, 0, 16, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (!head.equals(Buffer.from('SQLite format 3\0', 'latin1'))) throw new Error('ingen SQLite-databas');
    db = new Database(file, { fileMustExist: true, ...sqliteBindingOption() });
  } catch (e) {
    throw new UserError(`Säkerhetskopian ${label} kan inte användas (${(e as Error).message}).`, 'WORKSPACE_INVALID');
  }
  try {
    let integrity: string;
    try {
      integrity = String(db.pragma('integrity_check', { simple: true }));
    } catch (e) {
      integrity = (e as Error).message;
    }
    if (integrity !== 'ok') throw new UserError(`Säkerhetskopian ${label} är skadad (${integrity.slice(0, 200)}). Välj en annan.`, 'WORKSPACE_INVALID');
    if (Number(db.pragma('application_id', { simple: true })) !== SAMSYN_APPLICATION_ID) {
      throw new UserError(`Filen ${label} är ingen säkerhetskopia av en Samsyn-arbetsyta.`, 'WORKSPACE_INVALID');
    }
  } finally {
    db.close();
  }
}

/**
 * Replaces a (closed) workspace file with a backup. The backup is first copied next to the
 * workspace and checked there (so what is checked is what is installed); the current file (with
 * its -wal, if a crash left one) is copied aside as "<name>.fore-aterstallning.bak"; stale
 * -wal/-shm files are removed; then the checked copy is renamed over the workspace in one step.
 * The caller must have closed the workspace. Returns the path of the copy taken aside (null if
 * there was no file to keep).
 */
export function restoreWorkspaceFile(workspacePath: string, backupPath: string): { asidePath: string | null } {
  const target = path.resolve(workspacePath);
  const source = path.resolve(backupPath);
  if (source === target) throw new UserError('Välj en säkerhetskopia, inte själva arbetsytan.', 'USER_ERROR');
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new UserError(`Säkerhetskopian ${path.basename(source)} finns inte.`, 'NOT_FOUND');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = `${target}.aterstallning.tmp`;
  removeSidecars(staging);
  fs.copyFileSync(source, staging);
  try {
    checkWorkspaceFile(staging, path.basename(source));
  } catch (e) {
    fs.rmSync(staging, { force: true });
    removeSidecars(staging);
    throw e;
  }
  removeSidecars(staging);
  let asidePath: string | null = null;
  if (fs.existsSync(target)) {
    asidePath = beforeRestorePath(target);
    removeSidecars(asidePath);
    fs.copyFileSync(target, asidePath);
    if (fs.existsSync(`${target}-wal`)) fs.copyFileSync(`${target}-wal`, `${asidePath}-wal`);
  }
  removeSidecars(target);
  fs.renameSync(staging, target);
  return { asidePath };
}

/** Puts the copy taken aside back (used when the restored file then fails to open). */
export function undoRestore(workspacePath: string, asidePath: string): void {
  const target = path.resolve(workspacePath);
  removeSidecars(target);
  fs.copyFileSync(asidePath, target);
  if (fs.existsSync(`${asidePath}-wal`)) fs.copyFileSync(`${asidePath}-wal`, `${target}-wal`);
}
