/**
 * Category synonyms: list, and add a synonym (user_added) — which re-maps stored deviations and
 * disputes whose raw label matches, recomputing their content hash so a later re-import of the
 * same file stays `unchanged`.
 */
import type Database from 'better-sqlite3';
import { normalizeKey } from '../../../shared/text';
import { categoryCodes } from '../../../shared/domain/enums';
import { UserError } from '../errors';
import { columnsOf, contentHash, type CellValue } from './validate';
import { refreshRecurring, type RecurrenceTriple } from '../indicators/recurring';
import { refreshSummary, touchDays } from '../indicators/summary';

export function listCategories(sqlite: Database.Database) {
  const cats = sqlite.prepare('SELECT code, label FROM ref_categories').all() as { code: string; label: string }[];
  const syn = sqlite.prepare('SELECT label, category_code AS code, user_added AS userAdded FROM category_synonyms ORDER BY label').all() as {
    label: string;
    code: string;
    userAdded: number;
  }[];
  const order = new Map(categoryCodes.map((c, i) => [c as string, i]));
  return {
    categories: cats
      .sort((a, b) => (order.get(a.code) ?? 99) - (order.get(b.code) ?? 99))
      .map((c) => ({
        code: c.code,
        label: c.label,
        synonyms: syn.filter((s) => s.code === c.code && s.label !== c.code).map((s) => ({ label: s.label, userAdded: !!s.userAdded })),
      })),
  };
}

function remap(sqlite: Database.Database, kind: 'deviations' | 'disputes', norm: string, code: string, nowIso: string): number {
  const rawCol = kind === 'deviations' ? 'raw_category' : 'raw_area';
  const catCol = kind === 'deviations' ? 'category' : 'area';
  // distinct labels are few: normalise them in JS (SQLite cannot fold å ä ö)
  const labels = (sqlite.prepare(`SELECT DISTINCT ${rawCol} FROM ${kind} WHERE ${rawCol} IS NOT NULL`).pluck().all() as string[]).filter((l) => normalizeKey(l) === norm);
  if (labels.length === 0) return 0;
  const cols = columnsOf(kind);
  const sel = sqlite.prepare(`SELECT id, ${cols.join(', ')} FROM ${kind} WHERE ${rawCol} = ? AND ${catCol} <> ?`);
  const upd = sqlite.prepare(`UPDATE ${kind} SET ${catCol} = ?, content_hash = ?, updated_at = ? WHERE id = ?`);
  let n = 0;
  // dev.recurring: a re-mapped deviation leaves its old (category, orgs) triple and joins the new one.
  const triples = new Map<string, RecurrenceTriple>();
  const touch = (t: RecurrenceTriple) => triples.set(JSON.stringify(t), t);
  // dashboard summary: the days of the re-mapped deviations
  const days = new Set<string>();
  for (const label of labels) {
    for (const r of sel.all(label, code) as Record<string, CellValue>[]) {
      const values = cols.map((c) => (c === catCol ? code : (r[c] ?? null)));
      upd.run(code, contentHash(kind, values), nowIso, r.id);
      if (kind === 'deviations') {
        touch([String(r.category), String(r.reporting_org), String(r.receiving_org)]);
        touch([code, String(r.reporting_org), String(r.receiving_org)]);
        days.add(String(r.reported_at));
      }
      n++;
    }
  }
  if (kind === 'deviations' && triples.size > 0) {
    refreshRecurring(sqlite, triples.values());
    touchDays(sqlite, days);
    refreshSummary(sqlite);
  }
  return n;
}

export function addSynonym(sqlite: Database.Database, label: string, code: string, now: Date) {
  const norm = normalizeKey(label);
  if (!norm) throw new UserError(`Etiketten "${label}" innehåller inga bokstäver eller siffror.`);
  const exists = sqlite.prepare('SELECT 1 FROM ref_categories WHERE code = ?').get(code);
  if (!exists) throw new UserError(`Kategorin "${code}" finns inte.`, 'NOT_FOUND');
  const nowIso = now.toISOString();
  return sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO category_synonyms (norm, label, category_code, user_added) VALUES (?, ?, ?, 1)
         ON CONFLICT(norm) DO UPDATE SET label = excluded.label, category_code = excluded.category_code, user_added = 1`,
      )
      .run(norm, label.trim(), code);
    return {
      label: label.trim(),
      categoryCode: code,
      remapped: { deviations: remap(sqlite, 'deviations', norm, code, nowIso), disputes: remap(sqlite, 'disputes', norm, code, nowIso) },
    };
  })();
}
