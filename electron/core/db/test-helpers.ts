/**
 * For tests that play an older workspace: forget the migrations after a given one, undoing what
 * each of them changed in the schema, so the next open applies them again to the data at hand.
 * (drizzle only runs migrations newer than the last one recorded.) A new migration needs its undo
 * here — the helper refuses to guess.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { migrationsFolder } from '../paths';

const UNDO: Record<string, string[]> = {
  '0007_swap_tranemo_svenljunga_codes': ['DROP TABLE pending_repairs'],
  '0008_quarantine_source_raw': ['ALTER TABLE quarantine DROP COLUMN source_raw'],
};

export function forgetMigrationsAfter(sqlite: Database.Database, tagPrefix: string): void {
  const entries = (JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] }).entries;
  const at = entries.findIndex((e) => e.tag.startsWith(tagPrefix));
  if (at < 0) throw new Error(`No migration ${tagPrefix} in the journal.`);
  for (const e of entries.slice(at + 1).reverse()) {
    const undo = UNDO[e.tag];
    if (!undo) throw new Error(`Add the undo of migration ${e.tag} to electron/core/db/test-helpers.ts.`);
    for (const sql of undo) sqlite.exec(sql);
    sqlite.prepare('DELETE FROM __drizzle_migrations WHERE created_at = ?').run(e.when);
  }
}
