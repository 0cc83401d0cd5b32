import crypto from 'node:crypto';
import { z } from 'zod';
import type { CaseList } from '../../../shared/api/common';
import type { CaseFilter } from '../../../shared/api/cases';
import { UserError } from '../errors';
import type { Workspace } from '../session';
import type Database from 'better-sqlite3';
import { prefixQuery } from '../precedents/fts';
import { deviationPage, type Count } from './deviation-list';
import { categoryLabel, deviationStatusLabel, deviationSummary, disputeSummary, type DeviationRow, type DisputeRow } from './case-common';
import { disputeOutcomeLabels } from '../../../shared/labels.sv';
import type { DisputeOutcome } from '../../../shared/domain/enums';

type Sort = 'date_desc' | 'date_asc';

interface Where {
  sql: string[];
  params: unknown[];
  /** true when the full-text filter has no words: the list is empty. */
  empty: boolean;
}

/**
 * WHERE clauses for a filter. Every condition is a plain column comparison that an index on
 * (column, date) or the (date) index can serve; the full-text filter goes through FTS5.
 */
function buildWhere(f: CaseFilter): Where {
  const sql: string[] = [];
  const params: unknown[] = [];
  let empty = false;
  const dev = f.kind === 'deviation';
  const t = dev ? 'd' : 's';
  const dateCol = dev ? 'd.reported_at' : 's.opened_at';
  if (f.from) {
    sql.push(`${dateCol} >= ?`);
    params.push(f.from);
  }
  if (f.to) {
    sql.push(`${dateCol} <= ?`);
    params.push(f.to);
  }
  if (f.from && f.to && f.from > f.to) throw new UserError('Periodens startdatum ligger efter slutdatumet.');
  if (f.category) {
    sql.push(dev ? 'd.category = ?' : 's.area = ?');
    params.push(f.category);
  }
  if (f.org) {
    sql.push(dev ? '(d.reporting_org = ? OR d.receiving_org = ?)' : '(s.party_a = ? OR s.party_b = ?)');
    params.push(f.org, f.org);
  }
  if (f.partyType) {
    sql.push(dev ? '(d.reporting_party_type = ? OR d.receiving_party_type = ?)' : '(s.party_a_type = ? OR s.party_b_type = ?)');
    params.push(f.partyType, f.partyType);
  }
  if (dev) {
    if (f.kommunCode) {
      sql.push('d.kommun_code = ?');
      params.push(f.kommunCode);
    }
    if (f.severity !== undefined) {
      sql.push('d.severity = ?');
      params.push(f.severity);
    }
    if (f.status) {
      if (f.status === 'oppen' || f.status === 'lost') throw new UserError('Statusen öppen/löst gäller tvister. Välj ny, pågående, besvarad eller avslutad för avvikelser.');
      sql.push('d.status = ?');
      params.push(f.status);
    }
    if (f.step !== undefined) throw new UserError('Filtret steg gäller bara tvister.');
    if (f.principled !== undefined) throw new UserError('Filtret principiell karaktär gäller bara tvister.');
  } else {
    if (f.kommunCode) throw new UserError('Filtret kommun gäller bara avvikelser.');
    if (f.severity !== undefined) throw new UserError('Filtret allvarlighetsgrad gäller bara avvikelser.');
    if (f.status) {
      if (f.status === 'oppen') sql.push('s.resolved_at IS NULL');
      else if (f.status === 'lost') sql.push('s.resolved_at IS NOT NULL');
      else throw new UserError('Tvister filtreras på status öppen eller löst.');
    }
    if (f.step === 3) sql.push('s.step3_at IS NOT NULL');
    else if (f.step === 2) sql.push('s.step2_at IS NOT NULL AND s.step3_at IS NULL');
    else if (f.step === 1) sql.push('s.step2_at IS NULL AND s.step3_at IS NULL');
    if (f.principled !== undefined) sql.push(f.principled ? 's.principled = 1' : 's.principled = 0');
  }
  if (f.hasLesson !== undefined) {
    // Lessons are few: an IN list drives from the lessons index; NOT EXISTS keeps the date-order scan.
    sql.push(
      f.hasLesson
        ? `${t}.id IN (SELECT l.case_id FROM lessons l WHERE l.case_kind = '${f.kind}')`
        : `NOT EXISTS (SELECT 1 FROM lessons l WHERE l.case_kind = '${f.kind}' AND l.case_id = ${t}.id)`,
    );
  }
  if (f.q !== undefined && f.q.trim() !== '') {
    const fq = prefixQuery(f.q);
    if (!fq) empty = true;
    else {
      // rowid = id*4 + 0 (deviation) / + 1 (dispute)
      sql.push(`${t}.id IN (SELECT rowid / 4 FROM search_fts WHERE search_fts MATCH ? AND rowid % 4 = ${dev ? 0 : 1})`);
      params.push(fq);
    }
  }
  return { sql, params, empty };
}

const cursorSchema = z.object({
  d: z.string(),
  i: z.number().int(),
  t: z.number().int(),
  /** the total is a lower bound (absent in cursors made before it existed: exact) */
  l: z.boolean().optional(),
  s: z.enum(['date_desc', 'date_asc']),
  h: z.string(),
});

function filterHash(f: CaseFilter): string {
  const keys = Object.keys(f).sort() as (keyof CaseFilter)[];
  const canon = JSON.stringify(keys.filter((k) => f[k] !== undefined).map((k) => [k, f[k]]));
  return crypto.createHash('sha256').update(canon).digest('hex').slice(0, 16);
}

function encodeCursor(c: z.infer<typeof cursorSchema>): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string): z.infer<typeof cursorSchema> {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
  } catch {
    throw new UserError('Ogiltig sidmarkör. Ladda om listan från början.', 'BAD_INPUT');
  }
}

function pick(f: CaseFilter & Record<string, unknown>): CaseFilter {
  const { kind, from, to, category, kommunCode, org, partyType, status, step, hasLesson, principled, severity, q } = f;
  return { kind, from, to, category, kommunCode, org, partyType, status, step, hasLesson, principled, severity, q };
}

type Direction = 'DESC' | 'ASC';

/**
 * One page of a case list, keyset-paged on (date, id): the next page starts strictly after the
 * last row of this one, so every row appears exactly once, and a page costs the same at row 10
 * and at row 900 000. The total is counted once, for the first page of a filter, and carried in
 * the cursor (pages after the first cost no count). Deviations: see deviation-list.ts (the plans,
 * and a total that is exact or says that it is a lower bound).
 */
export function listCases(ws: Workspace, input: CaseFilter & { sort: Sort; cursor?: string; limit: number }): CaseList {
  const filter = pick(input);
  const where = buildWhere(filter);
  if (where.empty) return { total: 0, totalIsLowerBound: false, cases: [], nextCursor: null };
  const hash = filterHash(filter);
  const dir: Direction = input.sort === 'date_desc' ? 'DESC' : 'ASC';
  let cursor: z.infer<typeof cursorSchema> | null = null;
  if (input.cursor) {
    cursor = decodeCursor(input.cursor);
    if (cursor.h !== hash || cursor.s !== input.sort) throw new UserError('Sidmarkören hör till ett annat urval. Ladda om listan från början.', 'BAD_INPUT');
  }
  const db = ws.sqlite;
  const page = db.transaction((): Page => {
    if (filter.kind === 'dispute') return disputePage(db, where, dir, cursor, input.limit);
    const p = deviationPage(db, filter, dir, cursor, input.limit, !cursor);
    return { rows: p.rows, count: p.count ?? { total: cursor!.t, lowerBound: cursor!.l === true } };
  })();
  const more = page.rows.length > input.limit;
  const shown = more ? page.rows.slice(0, input.limit) : page.rows;
  const cases = shown.map((r) => (filter.kind === 'deviation' ? deviationSummary(r as unknown as DeviationRow) : disputeSummary(r as unknown as DisputeRow)));
  const last = cases[cases.length - 1];
  return {
    total: page.count.total,
    totalIsLowerBound: page.count.lowerBound,
    cases,
    nextCursor: more && last ? encodeCursor({ d: last.date, i: last.id, t: page.count.total, ...(page.count.lowerBound ? { l: true } : {}), s: input.sort, h: hash }) : null,
  };
}

interface Page {
  rows: Record<string, unknown>[];
  count: Count;
}

/** Disputes are few (hundreds a year): one plan, exact count. */
function disputePage(db: Database.Database, where: Where, dir: Direction, cursor: z.infer<typeof cursorSchema> | null, limit: number): Page {
  const conds = [...where.sql];
  const params = [...where.params];
  let count: Count;
  if (cursor) {
    conds.push(`(s.opened_at, s.id) ${dir === 'DESC' ? '<' : '>'} (?, ?)`);
    params.push(cursor.d, cursor.i);
    count = { total: cursor.t, lowerBound: cursor.l === true };
  } else {
    const countSql = `SELECT count(*) FROM disputes s${where.sql.length ? ` WHERE ${where.sql.join(' AND ')}` : ''}`;
    count = { total: Number(db.prepare(countSql).pluck().get(...where.params)), lowerBound: false };
  }
  const cols = 's.id, s.external_id, s.opened_at, s.area, s.step2_at, s.step3_at, s.resolved_at, s.party_a, s.party_b';
  const sql = `SELECT ${cols} FROM disputes s${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''} ORDER BY s.opened_at ${dir}, s.id ${dir} LIMIT ?`;
  return { rows: db.prepare(sql).all(...params, limit + 1) as Record<string, unknown>[], count };
}

/**
 * The exact number of cases a filter selects, however long it takes (the list's own total may be
 * a lower bound, see deviation-list.ts). One plain count(*) over the same conditions as the CSV.
 */
export function countCases(ws: Workspace, input: CaseFilter): number {
  const filter = pick(input);
  const where = buildWhere(filter);
  if (where.empty) return 0;
  const table = filter.kind === 'deviation' ? 'deviations d' : 'disputes s';
  return Number(ws.sqlite.prepare(`SELECT count(*) FROM ${table}${where.sql.length ? ` WHERE ${where.sql.join(' AND ')}` : ''}`).pluck().get(...where.params));
}

/* ------------------------------------------------------------------ CSV */

export const CSV_MAX_ROWS = 200_000;

/**
 * A CSV cell for Excel: cells starting with = + - @ TAB or CR are prefixed with an apostrophe so
 * that a spreadsheet never runs them as formulas (OWASP CSV injection); cells with ; " CR LF are
 * quoted with "" doubled.
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? String(v).replace('.', ',') : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  if (/[;"\r\n]/.test(s) || /^\s|\s$/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

function csvLine(cells: unknown[]): string {
  return `${cells.map(csvCell).join(';')}\r\n`;
}

/** The current list (all pages) as CSV: UTF-8 with BOM, `;` separated, CRLF. */
export function exportCsv(ws: Workspace, input: CaseFilter & { sort: Sort }, todayStr: string): { fileName: string; csvBase64: string; rows: number } {
  const filter = pick(input);
  const where = buildWhere(filter);
  const dev = filter.kind === 'deviation';
  const table = dev ? 'deviations d' : 'disputes s';
  const dateCol = dev ? 'd.reported_at' : 's.opened_at';
  const whereSql = where.sql.length ? ` WHERE ${where.sql.join(' AND ')}` : '';
  if (!where.empty) {
    const n = Number(ws.sqlite.prepare(`SELECT count(*) FROM ${table}${whereSql}`).pluck().get(...where.params));
    if (n > CSV_MAX_ROWS) {
      throw new UserError(`Listan har ${n.toLocaleString('sv-SE')} rader; begränsa urvalet (t.ex. period eller område) till högst ${CSV_MAX_ROWS.toLocaleString('sv-SE')} rader för export.`);
    }
  }
  const dir = input.sort === 'date_desc' ? 'DESC' : 'ASC';
  const parts: string[] = ['\uFEFF'];
  let rows = 0;
  if (dev) {
    parts.push(
      csvLine(['Ärende-id', 'Källsystem', 'Rapporterad', 'Händelsedatum', 'Område', 'Underkategori', 'Kommun', 'Rapporterande enhet', 'Huvudman (rapporterande)', 'Mottagande enhet', 'Huvudman (mottagande)', 'Allvarlighetsgrad', 'Status', 'Besvarad', 'Avslutad', 'Lärdomar']),
    );
    if (!where.empty) {
      const stmt = ws.sqlite.prepare(
        `SELECT d.*, (SELECT count(*) FROM lessons l WHERE l.case_kind = 'deviation' AND l.case_id = d.id) AS lesson_count FROM ${table}${whereSql} ORDER BY ${dateCol} ${dir}, d.id ${dir}`,
      );
      for (const r of stmt.iterate(...where.params) as Iterable<DeviationRow & { lesson_count: number }>) {
        rows++;
        parts.push(
          csvLine([
            r.external_id, r.source_system, r.reported_at, r.occurred_at, categoryLabel(r.category), r.subcategory, r.kommun, r.reporting_org, r.reporting_party_type,
            r.receiving_org, r.receiving_party_type, r.severity, deviationStatusLabel(r.status), r.answered_at, r.closed_at, r.lesson_count,
          ]),
        );
      }
    }
  } else {
    parts.push(
      csvLine(['Ärende-id', 'Källsystem', 'Öppnad', 'Område', 'Part A', 'Part B', 'Steg 2', 'Steg 3', 'Status', 'Löst', 'Löst i steg', 'Utfall', 'Ekonomisk reglering (kr)', 'Tillfällig lösning', 'Principiell', 'Kopplade avvikelser', 'Lärdomar']),
    );
    if (!where.empty) {
      const stmt = ws.sqlite.prepare(
        `SELECT s.*, (SELECT count(*) FROM lessons l WHERE l.case_kind = 'dispute' AND l.case_id = s.id) AS lesson_count FROM ${table}${whereSql} ORDER BY ${dateCol} ${dir}, s.id ${dir}`,
      );
      for (const r of stmt.iterate(...where.params) as Iterable<DisputeRow & { lesson_count: number }>) {
        rows++;
        let linked: string[] = [];
        try {
          linked = JSON.parse(r.linked_deviations) as string[];
        } catch {
          linked = [];
        }
        parts.push(
          csvLine([
            r.external_id, r.source_system, r.opened_at, categoryLabel(r.area), r.party_a, r.party_b, r.step2_at, r.step3_at, disputeSummary(r).status, r.resolved_at, r.resolution_step,
            r.outcome ? disputeOutcomeLabels[r.outcome as DisputeOutcome] : null, r.settlement_sek, r.temporary_solution ? r.temporary_solution_text || 'Ja' : 'Nej',
            r.principled ? 'Ja' : 'Nej', linked.join(', '), r.lesson_count,
          ]),
        );
      }
    }
  }
  const buf = Buffer.from(parts.join(''), 'utf8');
  return { fileName: `${dev ? 'avvikelser' : 'tvister'}-${todayStr}.csv`, csvBase64: buf.toString('base64'), rows };
}
