/**
 * Data repairs that a migration asked for but SQL alone cannot do (a content hash is SHA-256 over
 * the canonical values, computed in TypeScript). A migration leaves a row in `pending_repairs`;
 * opening the workspace runs each known repair in one transaction with the removal of its row,
 * so a crash in between leaves the row and the repair runs again (every repair is idempotent).
 */
import type Database from 'better-sqlite3';
import { columnsOf, contentHash, type CellValue } from '../import/validate';

type Repair = (sqlite: Database.Database) => void;

/** Recomputes the content hash of the deviations (and their history versions) in these kommuner. */
function rehashDeviations(sqlite: Database.Database, codes: string[]): void {
  const cols = columnsOf('deviations');
  const marks = codes.map(() => '?').join(', ');
  const upd = sqlite.prepare('UPDATE deviations SET content_hash = ? WHERE id = ?');
  for (const r of sqlite.prepare(`SELECT id, ${cols.join(', ')} FROM deviations WHERE kommun_code IN (${marks})`).all(...codes) as Record<string, CellValue>[]) {
    upd.run(contentHash('deviations', cols.map((c) => r[c] ?? null)), r.id);
  }
  const updH = sqlite.prepare('UPDATE deviation_history SET content_hash = ? WHERE id = ?');
  const hist = sqlite.prepare(`SELECT id, data FROM deviation_history WHERE json_extract(data, '$.kommun_code') IN (${marks})`).all(...codes) as { id: number; data: string }[];
  for (const h of hist) {
    const data = JSON.parse(h.data) as Record<string, CellValue>;
    updH.run(contentHash('deviations', cols.map((c) => data[c] ?? null)), h.id);
  }
}

export const REPAIRS: Record<string, Repair> = {
  // drizzle/0007: Tranemo (1452) and Svenljunga (1465) had each other's codes
  'rehash-kommun-1452-1465': (sqlite) => rehashDeviations(sqlite, ['1452', '1465']),
};

/** Runs the pending repairs this version knows; returns their names. */
export function runPendingRepairs(sqlite: Database.Database): string[] {
  const table = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pending_repairs'`).get();
  if (!table) return [];
  const done: string[] = [];
  for (const name of sqlite.prepare('SELECT name FROM pending_repairs ORDER BY name').pluck().all() as string[]) {
    const repair = REPAIRS[name];
    if (!repair) continue;
    sqlite.transaction(() => {
      repair(sqlite);
      sqlite.prepare('DELETE FROM pending_repairs WHERE name = ?').run(name);
    })();
    done.push(name);
  }
  return done;
}
