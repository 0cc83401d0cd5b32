import type { SearchHit, SearchResult, Suggestion } from '../../../shared/api/precedents';
import type { CaseKind } from '../../../shared/domain/enums';
import { UserError } from '../errors';
import type { Workspace } from '../session';
import {
  caseArea,
  categoryLabel,
  deviationResolved,
  getCaseRow,
  type DeviationRow,
  type DisputeRow,
} from '../cases/case-common';
import { expandWords, fold, matchQuery, orPrefixQuery, prefixQuery, rankQuery, significantWords, words } from './fts';
import { originOf, supersededWarning, type PrecedentRow } from './precedents';

type HitKind = SearchHit['kind'];
const KIND_OFFSET: Record<HitKind, number> = { deviation: 0, dispute: 1, lesson: 2, precedent: 3 };

const HL_OPEN = '\u0001';
const HL_CLOSE = '\u0002';

function snippetParts(s: string): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  let rest = s;
  while (rest.length) {
    const o = rest.indexOf(HL_OPEN);
    if (o < 0) {
      parts.push({ text: rest, hit: false });
      break;
    }
    if (o > 0) parts.push({ text: rest.slice(0, o), hit: false });
    const c = rest.indexOf(HL_CLOSE, o + 1);
    const end = c < 0 ? rest.length : c;
    parts.push({ text: rest.slice(o + 1, end), hit: true });
    rest = c < 0 ? '' : rest.slice(c + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

interface FtsRow {
  rowid: number;
  kind: HitKind;
  ref: string;
  rank: number;
  snip: string;
  tsnip: string;
}

/** Display data of one FTS row (title, date, …), read by primary key. */
function describe(ws: Workspace, r: { rowid: number; kind: HitKind; ref: string }) {
  const base = { title: '', date: null as string | null, caseKind: null as CaseKind | null, caseId: null as number | null, externalId: null as string | null, status: null as string | null, origin: null as SearchHit['origin'], warning: null as string | null, area: null as string | null };
  if (r.kind === 'deviation') {
    const d = ws.sqlite.prepare('SELECT id, external_id, reported_at, category, kommun, status, closed_at, answered_at FROM deviations WHERE id = ?').get(Number(r.ref)) as DeviationRow | undefined;
    if (!d) return null;
    return { ...base, title: `${d.external_id} – ${categoryLabel(d.category)} (${d.kommun})`, date: d.reported_at, caseKind: 'deviation' as const, caseId: d.id, externalId: d.external_id, status: d.status, area: d.category, resolved: deviationResolved(d) };
  }
  if (r.kind === 'dispute') {
    const s = ws.sqlite.prepare('SELECT id, external_id, opened_at, area, party_a, party_b, resolved_at, step2_at, step3_at FROM disputes WHERE id = ?').get(Number(r.ref)) as DisputeRow | undefined;
    if (!s) return null;
    return { ...base, title: `${s.external_id} – ${categoryLabel(s.area)}: ${s.party_a} / ${s.party_b}`, date: s.opened_at, caseKind: 'dispute' as const, caseId: s.id, externalId: s.external_id, status: s.resolved_at ? 'löst' : `steg ${s.step3_at ? 3 : s.step2_at ? 2 : 1}`, area: s.area, resolved: !!s.resolved_at };
  }
  if (r.kind === 'lesson') {
    const l = ws.sqlite
      .prepare(
        `SELECT l.id, l.case_kind, l.case_id, l.text, l.recorded_on,
           CASE l.case_kind WHEN 'deviation' THEN d.external_id ELSE s.external_id END AS ext,
           CASE l.case_kind WHEN 'deviation' THEN d.category ELSE s.area END AS area
         FROM lessons l LEFT JOIN deviations d ON l.case_kind = 'deviation' AND d.id = l.case_id
         LEFT JOIN disputes s ON l.case_kind = 'dispute' AND s.id = l.case_id WHERE l.id = ?`,
      )
      .get(Number(r.ref)) as { id: number; case_kind: CaseKind; case_id: number; text: string; recorded_on: string; ext: string | null; area: string | null } | undefined;
    if (!l) return null;
    const short = l.text.length > 60 ? `${l.text.slice(0, 60).trimEnd()}…` : l.text;
    return { ...base, title: `Lärdom${l.ext ? ` (${l.ext})` : ''}: ${short}`, date: l.recorded_on, caseKind: l.case_kind, caseId: l.case_id, externalId: l.ext, area: l.area, resolved: true };
  }
  const p = ws.sqlite.prepare('SELECT rowid, * FROM precedents WHERE id = ?').get(r.ref) as PrecedentRow | undefined;
  if (!p) return null;
  const newer = p.superseded_by ? (ws.sqlite.prepare('SELECT title FROM precedents WHERE id = ?').pluck().get(p.superseded_by) as string | undefined) : undefined;
  return {
    ...base,
    title: p.title,
    date: p.decided_at ?? p.updated_at.slice(0, 10),
    status: p.status,
    origin: originOf(p),
    warning: supersededWarning(p, newer ?? null),
    area: p.area,
    resolved: true,
    precedent: p,
  };
}

/**
 * `rankCap`: a query matching more rows than this is "broad": its total is reported as a lower
 * bound ("fler än 10 000 träffar") and bm25 ranks the lessons, precedents and disputes among the hits and the
 * deviations among the 10 000 most recently imported hits (highest rowid), not every deviation.
 * bm25 costs ≈ 0.3 µs per ranked row (a docsize lookup each) plus one pass per phrase for its idf;
 * a word in most cases (`patienten`: 59 000 of 102 000 rows) cost 23–28 ms to rank in full.
 */
export const searchTuning = { rankCap: 10_000 };

/**
 * Full-text search over cases, lessons and precedents. Each user word becomes a quoted prefix
 * term ("word"*), all must match; bm25 ranks (title weighs 4× the body), best first.
 *
 * Cost shape (bench/RESULTS.md, Search): one bounded pass counts the hits up to rankCap + 1
 * in rowid order (prefixes written as the OR of their indexed terms, so no doclist merge), then
 * one bm25 pass ranks them — all of them when there are at most rankCap, else the window
 * described at searchTuning. Both run in one read transaction (one snapshot).
 */
export function search(ws: Workspace, q: string, limit: number, kinds?: HitKind[]): SearchResult {
  const fts = prefixQuery(q);
  const none: SearchResult = { query: q, ftsQuery: fts, total: 0, totalIsLowerBound: false, hits: [] };
  if (!fts) return none;
  const db = ws.sqlite;
  const cap = searchTuning.rankCap;
  const kindSql = kinds && kinds.length < 4 ? ` AND rowid % 4 IN (${[...new Set(kinds)].map((k) => KIND_OFFSET[k]).join(', ')})` : '';
  // one read transaction: the term lists, the count and the ranking see the same snapshot
  return db.transaction((): SearchResult => {
    const terms = expandWords(db, q);
    const match = matchQuery(terms);
    const rank = rankQuery(terms);
    if (match === null || rank === null) return none;
    const head = db
      .prepare(`SELECT count(*) AS n, min(rowid) AS lo FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ?${kindSql} ORDER BY rowid DESC LIMIT ?)`)
      .safeIntegers(true)
      .get(match, cap + 1) as { n: bigint; lo: bigint | null };
    const n = Number(head.n);
    if (n === 0) return none;
    const broad = n > cap;
    const rows = db
      .prepare(
        `SELECT rowid, kind, ref, bm25(search_fts, 0, 0, 4.0, 1.0) AS rank,
           snippet(search_fts, 3, '${HL_OPEN}', '${HL_CLOSE}', '…', 16) AS snip,
           snippet(search_fts, 2, '${HL_OPEN}', '${HL_CLOSE}', '…', 16) AS tsnip
         FROM search_fts WHERE search_fts MATCH ?${kindSql}${broad ? ' AND (rowid >= ? OR rowid % 4 <> 0)' : ''} ORDER BY rank LIMIT ?`,
      )
      .all(rank, ...(broad ? [head.lo] : []), limit) as FtsRow[];
    const hits: SearchHit[] = [];
    for (const r of rows) {
      const d = describe(ws, r);
      if (!d) continue;
      // the body's snippet, unless the hits are only in the title
      const parts = snippetParts(r.snip && r.snip.includes(HL_OPEN) ? r.snip : (r.tsnip ?? r.snip ?? ''));
      hits.push({
        kind: r.kind,
        ref: String(r.ref),
        title: d.title,
        snippet: parts.map((p) => (p.hit ? `«${p.text}»` : p.text)).join(''),
        snippetParts: parts,
        score: Math.round(-r.rank * 1000) / 1000,
        date: d.date,
        caseKind: d.caseKind,
        caseId: d.caseId,
        externalId: d.externalId,
        status: d.status,
        origin: d.origin,
        warning: d.warning,
      });
    }
    return { query: q, ftsQuery: fts, total: broad ? cap : n, totalIsLowerBound: broad, hits };
  })();
}

/* ------------------------------------------------------------------ similar cases */

function caseText(kind: CaseKind, row: DeviationRow | DisputeRow): string {
  if (kind === 'deviation') {
    const d = row as DeviationRow;
    return [d.description, d.action, d.subcategory].filter(Boolean).join('\n');
  }
  const s = row as DisputeRow;
  return [s.summary, s.temporary_solution_text].filter(Boolean).join('\n');
}

let vocabReady = new WeakSet<object>();

/** Document frequency of a (folded) term, from an fts5vocab table on the connection's temp schema. */
function docFrequency(ws: Workspace): (term: string) => number {
  if (!vocabReady.has(ws.sqlite)) {
    ws.sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_vocab USING fts5vocab(main, search_fts, row)`);
    vocabReady.add(ws.sqlite);
  }
  const stmt = ws.sqlite.prepare('SELECT doc FROM temp.search_fts_vocab WHERE term = ?').pluck();
  return (term) => Number(stmt.get(term) ?? 0);
}

/** For tests: forget the vocab tables made on closed connections. */
export function resetVocabCache(): void {
  vocabReady = new WeakSet<object>();
}

export function dismissedKeys(ws: Workspace, kind: CaseKind, id: number): Set<string> {
  return new Set(ws.sqlite.prepare('SELECT suggestion_key FROM suggestion_dismissals WHERE case_kind = ? AND case_id = ?').pluck().all(kind, id) as string[]);
}

/**
 * Suggestions for an open case: guiding precedents (also imported ones) and resolved cases.
 * Same area first, then text similarity. Candidates come from FTS5 (bm25 over an OR query of the
 * case's significant words: stop words removed, words found in more than 5 % of a large corpus
 * dropped as not telling); the similarity is the sum of the shared words' rarity (idf), with bm25
 * as the tie-breaker — bm25 alone is degenerate on small corpora (FTS5 floors negative idf).
 * Same-area precedents without shared words follow the same-area text matches.
 */
export function similarForCase(ws: Workspace, kind: CaseKind, id: number, limit: number) {
  const row = getCaseRow(ws, kind, id);
  const area = caseArea(kind, row);
  const dismissed = dismissedKeys(ws, kind, id);
  const n = Number(ws.sqlite.prepare('SELECT count(*) FROM search_fts').pluck().get());
  const df = docFrequency(ws);
  const maxDf = Math.max(50, Math.floor(n * 0.05));
  const caseWords = significantWords(caseText(kind, row), 16).filter((w) => df(fold(w)) <= maxDf).slice(0, 12);
  const selfRowid = id * 4 + KIND_OFFSET[kind];

  interface Cand {
    key: string;
    type: 'precedent' | 'deviation' | 'dispute';
    ref: string;
    rank: number | null;
    text: string;
  }
  const cands = new Map<string, Cand>();
  if (caseWords.length) {
    const rows = ws.sqlite
      .prepare(
        `SELECT rowid, kind, ref, title, body, bm25(search_fts, 0, 0, 2.0, 1.0) AS rank FROM search_fts
         WHERE search_fts MATCH ? AND kind IN ('precedent', 'deviation', 'dispute') AND rowid != ? ORDER BY rank LIMIT 300`,
      )
      .all(orPrefixQuery(caseWords), selfRowid) as { rowid: number; kind: Cand['type']; ref: string; title: string; body: string; rank: number }[];
    for (const r of rows) {
      const key = `${r.kind}:${r.ref}`;
      // Cases' FTS titles hold the id, kommun and area code: compare words on the body only.
      cands.set(key, { key, type: r.kind, ref: String(r.ref), rank: r.rank, text: r.kind === 'precedent' ? `${r.title} ${r.body}` : r.body });
    }
  }
  // Same-area guiding precedents even without shared words.
  const sameAreaPrecedents = ws.sqlite.prepare(`SELECT id FROM precedents WHERE area = ? AND status IN ('vägledande', 'granskad')`).pluck().all(area) as string[];
  for (const pid of sameAreaPrecedents) {
    const key = `precedent:${pid}`;
    if (!cands.has(key)) cands.set(key, { key, type: 'precedent', ref: pid, rank: null, text: '' });
  }

  // Rarity of each word (BM25's always-positive idf): shared rare words say more than common ones.
  const folded = caseWords.map((w) => {
    const nw = df(fold(w));
    return { w, f: fold(w), idf: Math.log(1 + (n - nw + 0.5) / (nw + 0.5)) };
  });
  const suggestions: (Suggestion & { _rank: number; _sim: number })[] = [];
  let dismissedCount = 0;
  for (const c of cands.values()) {
    if (dismissed.has(c.key)) {
      dismissedCount++;
      continue;
    }
    const d = describe(ws, { rowid: 0, kind: c.type, ref: c.ref });
    if (!d || !d.area) continue;
    if (c.type !== 'precedent' && !d.resolved) continue;
    if (c.type === 'precedent') {
      const p = (d as { precedent?: PrecedentRow }).precedent!;
      if (p.status === 'utkast') continue;
      if (p.local_case_kind === kind && p.local_case_id === id) continue;
    }
    const tokens = new Set(words(c.text).map(fold));
    const shared = folded.filter(({ f }) => [...tokens].some((t) => t.startsWith(f)));
    const matched = shared.map(({ w }) => w);
    const similarity = shared.reduce((sum, x) => sum + x.idf, 0);
    const sameArea = d.area === area;
    if (!sameArea && matched.length === 0) continue;
    const reasonParts: string[] = [];
    if (sameArea) reasonParts.push('samma område');
    if (matched.length) reasonParts.push(`liknande ord: ${matched.slice(0, 6).join(', ')}`);
    suggestions.push({
      key: c.key,
      type: c.type,
      ref: c.ref,
      title: d.title,
      area: d.area,
      areaLabel: categoryLabel(d.area),
      sameArea,
      matchedWords: matched,
      reason: reasonParts.join(', '),
      score: Math.round(similarity * 1000) / 1000,
      status: d.status,
      date: d.date,
      origin: d.origin,
      warning: d.warning,
      _rank: c.rank ?? Number.POSITIVE_INFINITY,
      _sim: similarity,
    });
  }
  const typeOrder = { precedent: 0, dispute: 1, deviation: 2 } as const;
  suggestions.sort(
    (a, b) =>
      Number(b.sameArea) - Number(a.sameArea) ||
      b._sim - a._sim ||
      a._rank - b._rank ||
      typeOrder[a.type] - typeOrder[b.type] ||
      (b.date ?? '').localeCompare(a.date ?? '') ||
      a.key.localeCompare(b.key),
  );
  return {
    case: { kind, id, externalId: row.external_id, area },
    words: caseWords,
    suggestions: suggestions.slice(0, limit).map(({ _rank, _sim, ...s }) => s),
    dismissedCount,
  };
}

export function dismissSuggestion(ws: Workspace, kind: CaseKind, id: number, key: string, now: Date): boolean {
  getCaseRow(ws, kind, id);
  if (!/^(precedent|deviation|dispute):.+$/.test(key)) throw new UserError('Okänt förslag.', 'BAD_INPUT');
  const info = ws.sqlite
    .prepare('INSERT INTO suggestion_dismissals (case_kind, case_id, suggestion_key, dismissed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .run(kind, id, key, now.toISOString());
  return info.changes > 0 || dismissedKeys(ws, kind, id).has(key);
}

export function restoreSuggestions(ws: Workspace, kind: CaseKind, id: number): number {
  getCaseRow(ws, kind, id);
  return ws.sqlite.prepare('DELETE FROM suggestion_dismissals WHERE case_kind = ? AND case_id = ?').run(kind, id).changes;
}
