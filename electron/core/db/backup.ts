import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const BACKUPS_KEPT = 5;

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[:.]/g, '-').slice(0, 19);
}

/** Folder where a workspace's automatic backups live: next to the file, "<name>.sakerhetskopior". */
export function backupFolder(workspacePath: string): string {
  return `${workspacePath}.sakerhetskopior`;
}

/**
 * Copies the open database with SQLite's online backup API (better-sqlite3's `backup()`, a
 * consistent snapshot including what is in the WAL) and keeps the newest BACKUPS_KEPT copies.
 */
export async function backupWorkspace(sqlite: Database.Database, workspacePath: string, reason: string, target?: string): Promise<string> {
  const dir = backupFolder(workspacePath);
  const out = target ?? path.join(dir, `${path.basename(workspacePath)}.${stamp()}.${reason}.bak`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (fs.existsSync(out)) fs.rmSync(out);
  await sqlite.backup(out);
  if (!target) prune(dir);
  return out;
}

function prune(dir: string): void {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bak'))
    .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t || b.f.localeCompare(a.f));
  for (const { f } of files.slice(BACKUPS_KEPT)) fs.rmSync(path.join(dir, f));
}
