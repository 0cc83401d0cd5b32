import type { Lesson } from '../../../shared/api/cases';
import { lessonCauseLabels } from '../../../shared/labels.sv';
import type { CaseKind, LessonCause } from '../../../shared/domain/enums';
import { UserError } from '../errors';
import type { Workspace } from '../session';
import { audit } from '../workspace/workspace';
import { getCaseRow, userName } from './case-common';
import { pseudonymiseTyped } from '../import/deidentify';

interface LessonRow {
  id: number;
  case_kind: CaseKind;
  case_id: number;
  text: string;
  cause: string | null;
  recommended_practice: string | null;
  agreement_ref: string | null;
  recorded_on: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  case_external_id: string | null;
  case_category: string | null;
}

const SELECT = `SELECT l.*,
  CASE l.case_kind WHEN 'deviation' THEN d.external_id ELSE s.external_id END AS case_external_id,
  CASE l.case_kind WHEN 'deviation' THEN d.category ELSE s.area END AS case_category
FROM lessons l
LEFT JOIN deviations d ON l.case_kind = 'deviation' AND d.id = l.case_id
LEFT JOIN disputes s ON l.case_kind = 'dispute' AND s.id = l.case_id`;

function toLesson(r: LessonRow): Lesson {
  const cause = r.cause && Object.prototype.hasOwnProperty.call(lessonCauseLabels, r.cause) ? (r.cause as LessonCause) : null;
  return {
    id: r.id,
    caseKind: r.case_kind,
    caseId: r.case_id,
    caseExternalId: r.case_external_id,
    caseCategory: r.case_category,
    text: r.text,
    cause,
    causeLabel: cause ? lessonCauseLabels[cause] : null,
    recommendedPractice: r.recommended_practice,
    agreementRef: r.agreement_ref,
    recordedOn: r.recorded_on,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
  };
}

export function getLesson(ws: Workspace, id: number): Lesson {
  const r = ws.sqlite.prepare(`${SELECT} WHERE l.id = ?`).get(id) as LessonRow | undefined;
  if (!r) throw new UserError(`Lärdomen med id ${id} finns inte.`, 'NOT_FOUND');
  return toLesson(r);
}

export function lessonsForCase(ws: Workspace, kind: CaseKind, id: number): Lesson[] {
  return (ws.sqlite.prepare(`${SELECT} WHERE l.case_kind = ? AND l.case_id = ? ORDER BY l.recorded_on, l.id`).all(kind, id) as LessonRow[]).map(toLesson);
}

export interface LessonInput {
  text?: string;
  cause?: LessonCause | null;
  recommendedPractice?: string | null;
  agreementRef?: string | null;
  recordedOn?: string;
}

const blank = (s: string | null | undefined) => (s === undefined ? undefined : s === null || s.trim() === '' ? null : s.trim());

/**
 * A case's lessons are part of the precedent made from it (LIBRARY.md `lessons`): a change to them
 * is an edit of that precedent — revision + 1 — so a library file sent later carries the lesson
 * and the receiver sees an update, not an identical copy. Call inside the lesson's transaction.
 */
function lessonsChanged(ws: Workspace, caseKind: CaseKind, caseId: number, at: string): void {
  ws.sqlite
    .prepare('UPDATE precedents SET revision = revision + 1, updated_at = ?, locally_edited = 1 WHERE local_case_kind = ? AND local_case_id = ?')
    .run(at, caseKind, caseId);
}

export function addLesson(ws: Workspace, caseKind: CaseKind, caseId: number, input: LessonInput & { text: string }, now: Date, todayStr: string): Lesson {
  getCaseRow(ws, caseKind, caseId);
  if (input.recordedOn && input.recordedOn > todayStr) throw new UserError('Datumet för lärdomen kan inte ligga i framtiden.');
  const who = userName(ws);
  const at = now.toISOString();
  input = { ...input, ...pseudonymiseTyped(ws.sqlite, { text: input.text, recommendedPractice: input.recommendedPractice, agreementRef: input.agreementRef }) };
  const id = ws.sqlite.transaction(() => {
    const info = ws.sqlite
      .prepare(
        `INSERT INTO lessons (case_kind, case_id, text, cause, recommended_practice, agreement_ref, recorded_on, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(caseKind, caseId, input.text.trim(), input.cause ?? null, blank(input.recommendedPractice) ?? null, blank(input.agreementRef) ?? null, input.recordedOn ?? todayStr, at, who, at);
    const newId = Number(info.lastInsertRowid);
    lessonsChanged(ws, caseKind, caseId, at);
    audit(ws, who, 'lesson', String(newId), 'create', { caseKind, caseId, ...input });
    return newId;
  })();
  return getLesson(ws, id);
}

export function updateLesson(ws: Workspace, id: number, input: LessonInput, now: Date, todayStr: string): Lesson {
  const before = getLesson(ws, id);
  if (input.recordedOn && input.recordedOn > todayStr) throw new UserError('Datumet för lärdomen kan inte ligga i framtiden.');
  input = { ...input, ...pseudonymiseTyped(ws.sqlite, { text: input.text, recommendedPractice: input.recommendedPractice, agreementRef: input.agreementRef }) };
  const set: Record<string, unknown> = {};
  if (input.text !== undefined) set.text = input.text.trim();
  if (input.cause !== undefined) set.cause = input.cause;
  if (input.recommendedPractice !== undefined) set.recommended_practice = blank(input.recommendedPractice);
  if (input.agreementRef !== undefined) set.agreement_ref = blank(input.agreementRef);
  if (input.recordedOn !== undefined) set.recorded_on = input.recordedOn;
  const map: Record<string, keyof Lesson> = { text: 'text', cause: 'cause', recommended_practice: 'recommendedPractice', agreement_ref: 'agreementRef', recorded_on: 'recordedOn' };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [col, v] of Object.entries(set)) {
    const old = before[map[col]!];
    if (old !== v) changes[map[col]!] = { from: old, to: v };
  }
  if (Object.keys(changes).length === 0) return before;
  ws.sqlite.transaction(() => {
    const cols = Object.keys(set);
    ws.sqlite.prepare(`UPDATE lessons SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(...cols.map((c) => set[c]), now.toISOString(), id);
    // the exported lesson is its text, cause and date
    if ('text' in changes || 'cause' in changes || 'recordedOn' in changes) lessonsChanged(ws, before.caseKind, before.caseId, now.toISOString());
    audit(ws, userName(ws), 'lesson', String(id), 'update', changes);
  })();
  return getLesson(ws, id);
}

export function deleteLesson(ws: Workspace, id: number, now: Date = new Date()): boolean {
  const before = getLesson(ws, id);
  ws.sqlite.transaction(() => {
    ws.sqlite.prepare('DELETE FROM lessons WHERE id = ?').run(id);
    lessonsChanged(ws, before.caseKind, before.caseId, now.toISOString());
    audit(ws, userName(ws), 'lesson', String(id), 'delete', { caseKind: before.caseKind, caseId: before.caseId, text: before.text });
  })();
  return true;
}

export function listLessons(
  ws: Workspace,
  f: { from?: string; to?: string; caseKind?: CaseKind; caseId?: number; cause?: LessonCause; limit: number },
): { total: number; lessons: Lesson[] } {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (f.from) {
    conds.push('l.recorded_on >= ?');
    params.push(f.from);
  }
  if (f.to) {
    conds.push('l.recorded_on <= ?');
    params.push(f.to);
  }
  if (f.caseKind) {
    conds.push('l.case_kind = ?');
    params.push(f.caseKind);
  }
  if (f.caseId !== undefined) {
    if (!f.caseKind) throw new UserError('Ange ärendetyp (avvikelse eller tvist) tillsammans med ärendets id.');
    conds.push('l.case_id = ?');
    params.push(f.caseId);
  }
  if (f.cause) {
    conds.push('l.cause = ?');
    params.push(f.cause);
  }
  const w = conds.length ? ` WHERE ${conds.join(' AND ')}` : '';
  const total = Number(ws.sqlite.prepare(`SELECT count(*) FROM lessons l${w}`).pluck().get(...params));
  const rows = ws.sqlite.prepare(`${SELECT}${w} ORDER BY l.recorded_on DESC, l.id DESC LIMIT ?`).all(...params, f.limit) as LessonRow[];
  return { total, lessons: rows.map(toLesson) };
}
