import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Precedent, PrecedentSummary, precedentCreateInputSchema, precedentUpdateInputSchema } from '../../../shared/api/precedents';
import { disputeOutcomeLabels, precedentStatusLabels, stepLabels } from '../../../shared/labels.sv';
import type { CaseKind, PrecedentStatus } from '../../../shared/domain/enums';
import { UserError } from '../errors';
import type { Workspace } from '../session';
import { audit } from '../workspace/workspace';
import { scanPersonalData } from '../privacy/pnr';
import { pseudonymiseTyped } from '../import/deidentify';
import {
  categoryLabel,
  caseArea,
  deviationResolved,
  getCaseRow,
  isCategoryCode,
  resolutionDate,
  userName,
  type DeviationRow,
  type DisputeRow,
} from '../cases/case-common';

export interface PrecedentRow {
  rowid: number;
  id: string;
  kind: 'ärende' | 'patientfall';
  revision: number;
  updated_at: string;
  title: string;
  area: string;
  agreement_refs: string;
  tags: string;
  facts: string;
  question: string;
  resolution: string;
  principle: string;
  decision_points: string;
  status: PrecedentStatus;
  superseded_by: string | null;
  decided_at: string | null;
  origin_delregion: string;
  origin_publisher: string;
  origin_key_fingerprint: string | null;
  case_hash: string | null;
  local_case_kind: CaseKind | null;
  local_case_id: number | null;
  imported_lessons: string | null;
  base_revision: number | null;
  locally_edited: number;
  created_at: string;
}

function json<T>(s: string | null, fallback: T): T {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

export function getPrecedentRow(ws: Workspace, id: string): PrecedentRow {
  const r = ws.sqlite.prepare('SELECT rowid, * FROM precedents WHERE id = ?').get(id) as PrecedentRow | undefined;
  if (!r) throw new UserError(`Det vägledande fallet ${id} finns inte.`, 'NOT_FOUND');
  return r;
}

export function originOf(r: Pick<PrecedentRow, 'origin_delregion' | 'origin_publisher' | 'origin_key_fingerprint'>) {
  return { delregion: r.origin_delregion, publisher: r.origin_publisher, keyFingerprint: r.origin_key_fingerprint, imported: r.origin_key_fingerprint !== null };
}

export function supersededWarning(r: Pick<PrecedentRow, 'status'>, newerTitle: string | null): string | null {
  if (r.status !== 'ersatt') return null;
  return newerTitle
    ? `Fallet är ersatt av «${newerTitle}». Hänvisa till det nya fallet i stället.`
    : 'Fallet är ersatt av ett nyare fall. Hänvisa till det nya fallet i stället.';
}

function toSummary(r: PrecedentRow): PrecedentSummary {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    area: r.area,
    areaLabel: categoryLabel(r.area),
    status: r.status,
    statusLabel: precedentStatusLabels[r.status] ?? r.status,
    revision: r.revision,
    updatedAt: r.updated_at,
    decidedAt: r.decided_at,
    supersededBy: r.superseded_by,
    origin: originOf(r),
    locallyEdited: !!r.locally_edited,
  };
}

const FIELD_LABELS: Record<string, string> = { title: 'rubriken', facts: 'fakta', question: 'frågan', resolution: 'lösningen', principle: 'principen' };

export function toPrecedent(ws: Workspace, r: PrecedentRow): Precedent {
  const newer = r.superseded_by ? (ws.sqlite.prepare('SELECT title FROM precedents WHERE id = ?').pluck().get(r.superseded_by) as string | undefined) : undefined;
  let localCase: Precedent['localCase'] = null;
  const lessons: Precedent['lessons'] = [];
  if (r.local_case_kind && r.local_case_id != null) {
    const table = r.local_case_kind === 'deviation' ? 'deviations' : 'disputes';
    const ext = ws.sqlite.prepare(`SELECT external_id FROM ${table} WHERE id = ?`).pluck().get(r.local_case_id) as string | undefined;
    localCase = { kind: r.local_case_kind, id: r.local_case_id, externalId: ext ?? null };
    const rows = ws.sqlite
      .prepare('SELECT text, cause, recorded_on AS date FROM lessons WHERE case_kind = ? AND case_id = ? ORDER BY recorded_on, id')
      .all(r.local_case_kind, r.local_case_id) as { text: string; cause: string | null; date: string }[];
    lessons.push(...rows);
  }
  for (const l of json<{ text: string; cause?: string | null; date: string }[]>(r.imported_lessons, [])) {
    if (!lessons.some((o) => o.text === l.text && o.date === l.date)) lessons.push({ text: l.text, cause: l.cause ?? null, date: l.date });
  }
  const warnings: string[] = [];
  const sw = supersededWarning(r, newer ?? null);
  if (sw) warnings.push(sw);
  for (const [field, label] of Object.entries(FIELD_LABELS)) {
    const hits = scanPersonalData(String((r as unknown as Record<string, unknown>)[field] ?? ''));
    if (hits.length) warnings.push(`Texten i ${label} ser ut att innehålla ${hits[0]!.kind}. Ta bort personuppgifter innan fallet delas.`);
  }
  return {
    ...toSummary(r),
    agreementRefs: json<string[]>(r.agreement_refs, []),
    tags: json<string[]>(r.tags, []),
    facts: r.facts,
    question: r.question,
    resolution: r.resolution,
    principle: r.principle,
    decisionPoints: json<{ question: string; guidance: string }[]>(r.decision_points, []),
    supersededByTitle: newer ?? null,
    caseHash: r.case_hash,
    localCase,
    lessons,
    baseRevision: r.base_revision,
    createdAt: r.created_at,
    warnings,
  };
}

export function getPrecedent(ws: Workspace, id: string): Precedent {
  return toPrecedent(ws, getPrecedentRow(ws, id));
}

export function listPrecedents(
  ws: Workspace,
  f: { status?: PrecedentStatus; kind?: 'ärende' | 'patientfall'; area?: string; origin: 'all' | 'local' | 'imported'; limit: number },
): { total: number; precedents: PrecedentSummary[] } {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (f.status) {
    conds.push('status = ?');
    params.push(f.status);
  }
  if (f.kind) {
    conds.push('kind = ?');
    params.push(f.kind);
  }
  if (f.area) {
    conds.push('area = ?');
    params.push(f.area);
  }
  if (f.origin === 'local') conds.push('origin_key_fingerprint IS NULL');
  if (f.origin === 'imported') conds.push('origin_key_fingerprint IS NOT NULL');
  const w = conds.length ? ` WHERE ${conds.join(' AND ')}` : '';
  const total = Number(ws.sqlite.prepare(`SELECT count(*) FROM precedents${w}`).pluck().get(...params));
  const rows = ws.sqlite
    .prepare(
      `SELECT rowid, * FROM precedents${w}
       ORDER BY CASE status WHEN 'vägledande' THEN 0 WHEN 'granskad' THEN 1 WHEN 'utkast' THEN 2 ELSE 3 END, coalesce(decided_at, substr(updated_at, 1, 10)) DESC, title LIMIT ?`,
    )
    .all(...params, f.limit) as PrecedentRow[];
  return { total, precedents: rows.map(toSummary) };
}

/** Keyed by the workspace's secret so copies can be recognised but the case id cannot be read back. */
export function caseHash(ws: Workspace, kind: CaseKind, row: { source_system: string; external_id: string }): string {
  const secret = ws.sqlite.prepare('SELECT hmac_secret FROM workspace WHERE id = 1').pluck().get() as Buffer;
  return crypto.createHmac('sha256', secret).update(`${row.source_system}|${row.external_id}|${kind}`).digest('hex');
}

/** The texts a user writes (not ids or hashes), with identity numbers replaced by tokens. */
const TEXT_COLUMNS = ['title', 'facts', 'question', 'resolution', 'principle', 'agreement_refs', 'tags', 'decision_points'];
function typedText(ws: Workspace, values: Record<string, unknown>): Record<string, unknown> {
  return pseudonymiseTyped(ws.sqlite, Object.fromEntries(TEXT_COLUMNS.filter((c) => c in values).map((c) => [c, values[c]])));
}

function insert(ws: Workspace, typed: Record<string, unknown>, now: Date): string {
  const values = { ...typed, ...typedText(ws, typed) };
  const id = crypto.randomUUID();
  const s = ws.settings();
  const nowIso = now.toISOString();
  const row: Record<string, unknown> = {
    id,
    revision: 1,
    updated_at: nowIso,
    created_at: nowIso,
    origin_delregion: s.delregionId,
    origin_publisher: s.userName || 'okänd användare',
    locally_edited: 1,
    ...values,
  };
  const cols = Object.keys(row);
  ws.sqlite.prepare(`INSERT INTO precedents (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
  audit(ws, userName(ws), 'precedent', id, 'create', { ...values, local_case_id: undefined });
  return id;
}

function resolutionText(kind: CaseKind, row: DeviationRow | DisputeRow): string {
  if (kind === 'deviation') {
    const d = row as DeviationRow;
    return d.action ?? '';
  }
  const s = row as DisputeRow;
  const parts: string[] = [];
  if (s.resolved_at) {
    const step = s.resolution_step as 1 | 2 | 3 | null;
    parts.push(`Löst ${s.resolved_at}${step ? ` i ${stepLabels[step].toLowerCase()}` : ''}${s.outcome ? `: ${disputeOutcomeLabels[s.outcome].toLowerCase()}` : ''}.`);
  }
  if (s.temporary_solution && s.temporary_solution_text) parts.push(`Tillfällig lösning: ${s.temporary_solution_text}`);
  else if (s.temporary_solution) parts.push('En tillfällig lösning användes.');
  if (s.settlement_sek != null) parts.push(`Ekonomisk reglering: ${Math.round(s.settlement_sek).toLocaleString('sv-SE')} kr.`);
  return parts.join('\n');
}

function isResolved(kind: CaseKind, row: DeviationRow | DisputeRow): boolean {
  return kind === 'dispute' ? !!(row as DisputeRow).resolved_at : deviationResolved(row as DeviationRow);
}

/**
 * A precedent pre-filled from a resolved case. Status `utkast` (createFromCase) or `vägledande`
 * with decided_at = the case's resolution date or today (mark).
 */
export function createFromCase(
  ws: Workspace,
  kind: CaseKind,
  caseId: number,
  opts: { title?: string; principle?: string; status: 'utkast' | 'vägledande' },
  now: Date,
  todayStr: string,
): string {
  const row = getCaseRow(ws, kind, caseId);
  if (!isResolved(kind, row)) {
    throw new UserError(
      kind === 'dispute'
        ? `Ärendet ${row.external_id} är inte löst än. Ett vägledande fall kan bara göras av ett löst ärende.`
        : `Avvikelsen ${row.external_id} är inte besvarad eller avslutad än. Ett vägledande fall kan bara göras av ett avslutat ärende.`,
    );
  }
  const area = caseArea(kind, row);
  const facts = kind === 'deviation' ? ((row as DeviationRow).description ?? '') : ((row as DisputeRow).summary ?? '');
  const question =
    kind === 'dispute'
      ? `Oenighet mellan ${(row as DisputeRow).party_a} och ${(row as DisputeRow).party_b} om ${categoryLabel(area).toLowerCase()}.`
      : `Avvikelse i samverkan: ${categoryLabel(area).toLowerCase()}${(row as DeviationRow).subcategory ? ` (${(row as DeviationRow).subcategory})` : ''}.`;
  const title = opts.title?.trim() || `${categoryLabel(area)}: ${facts.split(/[.\n]/)[0]!.slice(0, 80).trim() || 'vägledande fall'}`;
  return ws.sqlite.transaction(() =>
    insert(
      ws,
      {
        kind: 'ärende',
        title,
        area,
        agreement_refs: '[]',
        tags: '[]',
        facts,
        question,
        resolution: resolutionText(kind, row),
        principle: opts.principle?.trim() ?? '',
        decision_points: '[]',
        status: opts.status,
        decided_at: opts.status === 'vägledande' ? (resolutionDate(kind, row) ?? todayStr) : null,
        case_hash: caseHash(ws, kind, row),
        local_case_kind: kind,
        local_case_id: caseId,
      },
      now,
    ),
  )();
}

function checkArea(area: string): void {
  if (!isCategoryCode(area)) throw new UserError(`Okänt område "${area}". Välj ett av avtalets områden.`);
}

export function createPrecedent(ws: Workspace, input: z.output<typeof precedentCreateInputSchema>, now: Date): string {
  checkArea(input.area);
  return ws.sqlite.transaction(() =>
    insert(
      ws,
      {
        kind: input.kind,
        title: input.title,
        area: input.area,
        agreement_refs: JSON.stringify(input.agreementRefs),
        tags: JSON.stringify(input.tags),
        facts: input.facts,
        question: input.question,
        resolution: input.resolution,
        principle: input.principle,
        decision_points: JSON.stringify(input.decisionPoints),
        status: 'utkast',
      },
      now,
    ),
  )();
}

const UPDATE_COLUMNS: Record<string, string> = {
  title: 'title',
  area: 'area',
  agreementRefs: 'agreement_refs',
  tags: 'tags',
  facts: 'facts',
  question: 'question',
  resolution: 'resolution',
  principle: 'principle',
  decisionPoints: 'decision_points',
  decidedAt: 'decided_at',
  status: 'status',
  supersededBy: 'superseded_by',
};
const JSON_FIELDS = new Set(['agreementRefs', 'tags', 'decisionPoints']);

/** Writes changed fields; every edit bumps revision and updated_at and sets locally_edited. */
function writeEdit(ws: Workspace, r: PrecedentRow, typed: Record<string, unknown>, action: string, now: Date): void {
  const texts = ['title', 'agreementRefs', 'tags', 'facts', 'question', 'resolution', 'principle', 'decisionPoints'];
  const patch = { ...typed, ...pseudonymiseTyped(ws.sqlite, Object.fromEntries(texts.filter((k) => k in typed).map((k) => [k, typed[k]]))) };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const col = UPDATE_COLUMNS[k]!;
    const dbv = JSON_FIELDS.has(k) ? JSON.stringify(v) : v;
    const old = (r as unknown as Record<string, unknown>)[col];
    if (old === dbv) continue;
    changes[k] = { from: JSON_FIELDS.has(k) ? json(old as string, null) : old, to: v };
    sets.push(`${col} = ?`);
    params.push(dbv);
  }
  if (sets.length === 0) return;
  ws.sqlite.transaction(() => {
    ws.sqlite.prepare(`UPDATE precedents SET ${sets.join(', ')}, revision = revision + 1, updated_at = ?, locally_edited = 1 WHERE id = ?`).run(...params, now.toISOString(), r.id);
    audit(ws, userName(ws), 'precedent', r.id, action, changes);
  })();
}

export function updatePrecedent(ws: Workspace, input: z.output<typeof precedentUpdateInputSchema>, now: Date, todayStr: string): void {
  const r = getPrecedentRow(ws, input.id);
  const { id: _id, ...patch } = input;
  if (patch.area !== undefined) checkArea(patch.area);
  if (patch.decidedAt) {
    if (patch.decidedAt > todayStr) throw new UserError('Beslutsdatumet kan inte ligga i framtiden.');
    if (r.status !== 'vägledande' && r.status !== 'ersatt') throw new UserError('Beslutsdatum kan bara anges för ett vägledande (eller ersatt) fall.');
  }
  writeEdit(ws, r, patch, 'update', now);
}

/** Allowed workflow transitions. */
const TRANSITIONS: Record<PrecedentStatus, PrecedentStatus[]> = {
  utkast: ['granskad'],
  granskad: ['utkast', 'vägledande'],
  vägledande: ['ersatt'],
  ersatt: ['vägledande'],
};

export function setPrecedentStatus(
  ws: Workspace,
  input: { id: string; status: PrecedentStatus; supersededBy?: string; decidedAt?: string },
  now: Date,
  todayStr: string,
): void {
  const r = getPrecedentRow(ws, input.id);
  const from = r.status;
  const to = input.status;
  if (from === to) throw new UserError(`Fallet har redan status ${precedentStatusLabels[to].toLowerCase()}.`);
  if (!TRANSITIONS[from].includes(to)) {
    const hint =
      from === 'utkast' && to === 'vägledande'
        ? ' Ett utkast måste granskas innan det kan bli vägledande.'
        : ` Från ${precedentStatusLabels[from].toLowerCase()} kan fallet bli: ${TRANSITIONS[from].map((s) => precedentStatusLabels[s].toLowerCase()).join(', ')}.`;
    throw new UserError(`Statusen kan inte ändras från ${precedentStatusLabels[from].toLowerCase()} till ${precedentStatusLabels[to].toLowerCase()}.${hint}`);
  }
  if (input.supersededBy && to !== 'ersatt') throw new UserError('Ersatt av kan bara anges när fallet markeras som ersatt.');
  if (input.decidedAt && to !== 'vägledande') throw new UserError('Beslutsdatum anges när fallet blir vägledande.');
  const patch: Record<string, unknown> = { status: to };
  if (to === 'granskad' || to === 'vägledande') {
    if (!r.principle.trim()) throw new UserError('Skriv principen (den vägledande regeln) innan fallet granskas eller blir vägledande.');
    if (r.kind === 'patientfall' && json<unknown[]>(r.decision_points, []).length === 0) {
      throw new UserError('Ett patientfall behöver minst ett vägskäl innan det granskas eller blir vägledande.');
    }
  }
  if (to === 'vägledande') {
    const decided = input.decidedAt ?? todayStr;
    if (decided > todayStr) throw new UserError('Beslutsdatumet kan inte ligga i framtiden.');
    patch.decidedAt = decided;
    patch.supersededBy = null;
  }
  if (to === 'ersatt') {
    if (!input.supersededBy) throw new UserError('Ange vilket fall som ersätter det här.');
    if (input.supersededBy === r.id) throw new UserError('Ett fall kan inte ersättas av sig självt.');
    const target = ws.sqlite.prepare('SELECT id, status, title FROM precedents WHERE id = ?').get(input.supersededBy) as { id: string; status: PrecedentStatus; title: string } | undefined;
    if (!target) throw new UserError(`Det ersättande fallet ${input.supersededBy} finns inte.`, 'NOT_FOUND');
    if (target.status === 'ersatt') throw new UserError(`Fallet «${target.title}» är självt ersatt och kan inte ersätta ett annat.`);
    patch.supersededBy = target.id;
  }
  if (to === 'utkast' || to === 'granskad') patch.decidedAt = null;
  writeEdit(ws, r, patch, 'status', now);
}

export function deletePrecedent(ws: Workspace, id: string): boolean {
  const r = getPrecedentRow(ws, id);
  if (r.status !== 'utkast') throw new UserError('Bara utkast kan tas bort. Markera ett vägledande fall som ersatt i stället.');
  const ref = ws.sqlite.prepare('SELECT title FROM precedents WHERE superseded_by = ?').pluck().get(id) as string | undefined;
  if (ref) throw new UserError(`Fallet anges som ersättare till «${ref}» och kan inte tas bort.`);
  ws.sqlite.transaction(() => {
    ws.sqlite.prepare('DELETE FROM precedents WHERE id = ?').run(id);
    audit(ws, userName(ws), 'precedent', id, 'delete', { title: r.title });
  })();
  return true;
}
