import crypto from 'node:crypto';
import type { z } from 'zod';
import type { DisputeDetail, disputeCreateInputSchema, disputeUpdateInputSchema, timelineStageSchema } from '../../../shared/api/cases';
import { disputeOutcomeLabels, stepLabels } from '../../../shared/labels.sv';
import type { DisputeOutcome, PartyType } from '../../../shared/domain/enums';
import { daysBetween } from '../../../shared/dates';
import { normalizeKey } from '../../../shared/text';
import { UserError } from '../errors';
import type { Workspace } from '../session';
import { audit } from '../workspace/workspace';
import {
  categoryLabel,
  deviationSummary,
  disputeStep,
  disputeStatusText,
  getDisputeRow,
  isCategoryCode,
  parseJsonArray,
  userName,
  type DeviationRow,
  type DisputeRow,
} from './case-common';
import { camelRow, caseHistory, precedentsForCase } from './deviations';
import { lessonsForCase } from './lessons';
import { pseudonymiseTyped } from '../import/deidentify';

type Stage = z.infer<typeof timelineStageSchema>;

/** The editable state of a dispute (camelCase). */
export interface DisputeState {
  openedAt: string;
  partyA: string;
  partyAType: PartyType | null;
  partyB: string;
  partyBType: PartyType | null;
  area: string;
  summary: string | null;
  step2At: string | null;
  step3At: string | null;
  resolvedAt: string | null;
  resolutionStep: number | null;
  outcome: DisputeOutcome | null;
  settlementSek: number | null;
  temporarySolution: boolean;
  temporarySolutionText: string | null;
  principled: boolean;
  linkedDeviations: string[];
}

const COLUMNS: Record<keyof DisputeState, string> = {
  openedAt: 'opened_at',
  partyA: 'party_a',
  partyAType: 'party_a_type',
  partyB: 'party_b',
  partyBType: 'party_b_type',
  area: 'area',
  summary: 'summary',
  step2At: 'step2_at',
  step3At: 'step3_at',
  resolvedAt: 'resolved_at',
  resolutionStep: 'resolution_step',
  outcome: 'outcome',
  settlementSek: 'settlement_sek',
  temporarySolution: 'temporary_solution',
  temporarySolutionText: 'temporary_solution_text',
  principled: 'principled',
  linkedDeviations: 'linked_deviations',
};

function stateOf(r: DisputeRow): DisputeState {
  return {
    openedAt: r.opened_at,
    partyA: r.party_a,
    partyAType: r.party_a_type,
    partyB: r.party_b,
    partyBType: r.party_b_type,
    area: r.area,
    summary: r.summary,
    step2At: r.step2_at,
    step3At: r.step3_at,
    resolvedAt: r.resolved_at,
    resolutionStep: r.resolution_step,
    outcome: r.outcome,
    settlementSek: r.settlement_sek,
    temporarySolution: !!r.temporary_solution,
    temporarySolutionText: r.temporary_solution_text,
    principled: !!r.principled,
    linkedDeviations: parseJsonArray(r.linked_deviations),
  };
}

function toDb(k: keyof DisputeState, v: unknown): unknown {
  if (k === 'linkedDeviations') return JSON.stringify(v ?? []);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v ?? null;
}

const fmt = (d: string) => d;

/**
 * The rules of the escalation ladder. Throws a UserError with one clear Swedish sentence for the
 * first broken rule.
 */
export function validateDispute(s: DisputeState, todayStr: string): void {
  const dates: [string, string | null][] = [
    ['Datumet då ärendet öppnades', s.openedAt],
    ['Datumet för steg 2', s.step2At],
    ['Datumet för steg 3', s.step3At],
    ['Datumet för lösningen', s.resolvedAt],
  ];
  for (const [label, d] of dates) if (d && d > todayStr) throw new UserError(`${label} (${fmt(d)}) kan inte ligga i framtiden.`);
  if (!isCategoryCode(s.area)) throw new UserError(`Okänt område "${s.area}". Välj ett av avtalets områden.`);
  if (normalizeKey(s.partyA) === normalizeKey(s.partyB)) throw new UserError('Part A och part B kan inte vara samma organisation.');
  if (s.step2At && s.step2At < s.openedAt) throw new UserError(`Steg 2 (${fmt(s.step2At)}) kan inte vara före att ärendet öppnades (${fmt(s.openedAt)}).`);
  if (s.step3At && !s.step2At) throw new UserError('Steg 3 kräver ett datum för steg 2: eskaleringen går steg 1 → 2 → 3.');
  if (s.step3At && s.step2At && s.step3At < s.step2At) throw new UserError(`Steg 3 (${fmt(s.step3At)}) kan inte vara före steg 2 (${fmt(s.step2At)}).`);
  const reached = s.step3At ? 3 : s.step2At ? 2 : 1;
  const lastStepDate = s.step3At ?? s.step2At ?? s.openedAt;
  if (s.resolvedAt) {
    if (s.resolvedAt < lastStepDate) {
      throw new UserError(`Lösningsdatumet (${fmt(s.resolvedAt)}) kan inte vara före ${reached === 1 ? 'att ärendet öppnades' : `steg ${reached}`} (${fmt(lastStepDate)}).`);
    }
    if (!s.outcome) throw new UserError('Ange utfall (enighet, ekonomisk reglering, allmän domstol eller återkallad) när ärendet är löst.');
  } else {
    if (s.outcome) throw new UserError('Ange datum för lösningen när ett utfall är angivet.');
    if (s.resolutionStep != null) throw new UserError('Lösningssteg kan bara anges för ett löst ärende.');
  }
  if (s.resolutionStep != null && s.resolutionStep > reached) {
    throw new UserError(`Ärendet kan inte vara löst i steg ${s.resolutionStep} när det bara har nått steg ${reached}.`);
  }
  if ((s.outcome === 'ekonomisk_reglering' || s.outcome === 'allman_domstol') && !s.step3At) {
    throw new UserError(`${disputeOutcomeLabels[s.outcome]} kommer först efter steg 3 (tvist). Ange datum för steg 3.`);
  }
  if (s.settlementSek != null && s.outcome !== 'ekonomisk_reglering') {
    throw new UserError('Ett belopp för ekonomisk reglering kräver utfallet ekonomisk reglering.');
  }
  if (s.settlementSek != null && s.settlementSek < 0) throw new UserError('Beloppet för ekonomisk reglering kan inte vara negativt.');
  if (s.temporarySolution === false && s.temporarySolutionText) {
    throw new UserError('En beskrivning av tillfällig lösning kräver att tillfällig lösning är markerad.');
  }
}

export function disputeTimeline(s: Pick<DisputeState, 'openedAt' | 'step2At' | 'step3At' | 'resolvedAt' | 'resolutionStep' | 'outcome'>, asOf: string): Stage[] {
  const stages: Stage[] = [];
  const starts: [1 | 2 | 3, string | null][] = [
    [1, s.openedAt],
    [2, s.step2At],
    [3, s.step3At],
  ];
  const present = starts.filter((x): x is [1 | 2 | 3, string] => !!x[1]);
  present.forEach(([step, from], i) => {
    const to = present[i + 1]?.[1] ?? s.resolvedAt ?? null;
    stages.push({
      stage: `steg${step}` as Stage['stage'],
      label: stepLabels[step],
      from,
      to,
      days: Math.max(0, daysBetween(from, to ?? asOf)),
      current: !to,
    });
  });
  if (s.resolvedAt) {
    const outcome = s.outcome ? disputeOutcomeLabels[s.outcome] : 'Löst';
    stages.push({
      stage: 'avslut',
      label: `${outcome}${s.resolutionStep ? ` (löst i steg ${s.resolutionStep})` : ''}`,
      from: s.resolvedAt,
      to: null,
      days: null,
      current: false,
    });
  }
  return stages;
}

export function disputeAudit(ws: Workspace, id: number) {
  return (
    ws.sqlite.prepare(`SELECT id, at, user, action, changes FROM audit_log WHERE entity = 'dispute' AND entity_id = ? ORDER BY id`).all(String(id)) as {
      id: number;
      at: string;
      user: string;
      action: string;
      changes: string | null;
    }[]
  ).map((r) => ({ ...r, changes: r.changes ? (JSON.parse(r.changes) as unknown) : null }));
}

export function disputeDetail(ws: Workspace, id: number, asOf: string): DisputeDetail {
  const r = getDisputeRow(ws, id);
  const s = stateOf(r);
  const linkedDeviations =
    s.linkedDeviations.length === 0
      ? []
      : (
          ws.sqlite
            .prepare(`SELECT * FROM deviations WHERE external_id IN (SELECT value FROM json_each(?)) ORDER BY reported_at, id`)
            .all(JSON.stringify(s.linkedDeviations)) as DeviationRow[]
        ).map(deviationSummary);
  const events = ws.sqlite.prepare(`SELECT id, at, type, note, created_at AS createdAt, created_by AS createdBy FROM dispute_events WHERE dispute_id = ? ORDER BY at, id`).all(id) as DisputeDetail['events'];
  return {
    id: r.id,
    sourceSystem: r.source_system,
    externalId: r.external_id,
    origin: r.origin,
    ...s,
    rawArea: r.raw_area,
    areaLabel: categoryLabel(r.area),
    outcomeLabel: r.outcome ? disputeOutcomeLabels[r.outcome] : null,
    currentStep: disputeStep(r),
    status: disputeStatusText(r),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    asOf,
    timeline: disputeTimeline(s, asOf),
    events,
    linkedDeviationIds: s.linkedDeviations,
    linkedDeviations,
    lessons: lessonsForCase(ws, 'dispute', id),
    history: caseHistory(ws, 'dispute_history', 'dispute_id', id, { ...camelRow(r), linkedDeviations: s.linkedDeviations }),
    audit: disputeAudit(ws, id),
    precedents: precedentsForCase(ws, 'dispute', id),
  };
}

type EventType = 'opened' | 'step2' | 'step3' | 'temporary_solution' | 'resolved' | 'settlement' | 'note';

function contentHash(s: DisputeState): string {
  return crypto.createHash('sha256').update(JSON.stringify(s)).digest('hex');
}

function addEvents(ws: Workspace, id: number, events: { at: string; type: EventType; note?: string | null }[], who: string, nowIso: string): void {
  const stmt = ws.sqlite.prepare('INSERT INTO dispute_events (dispute_id, at, type, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)');
  for (const e of events) stmt.run(id, e.at, e.type, e.note ?? null, nowIso, who);
}

const clean = (s: string | null | undefined): string | null => (s == null || s.trim() === '' ? null : s.trim());

/** The free texts of a dispute written by hand: identity numbers become tokens, as on import. */
function typedDisputeTexts<T extends { partyA?: string; partyB?: string; summary?: string | null; temporarySolutionText?: string | null; note?: string | null }>(ws: Workspace, input: T): T {
  const texts = (['partyA', 'partyB', 'summary', 'temporarySolutionText', 'note'] as const).filter((k) => k in input);
  return { ...input, ...pseudonymiseTyped(ws.sqlite, Object.fromEntries(texts.map((k) => [k, input[k]]))) };
}

export function createDispute(ws: Workspace, typed: z.output<typeof disputeCreateInputSchema>, now: Date, todayStr: string): number {
  const input = typedDisputeTexts(ws, typed);
  const s: DisputeState = {
    openedAt: input.openedAt,
    partyA: input.partyA.trim(),
    partyAType: input.partyAType ?? null,
    partyB: input.partyB.trim(),
    partyBType: input.partyBType ?? null,
    area: input.area,
    summary: clean(input.summary),
    step2At: null,
    step3At: null,
    resolvedAt: null,
    resolutionStep: null,
    outcome: null,
    settlementSek: null,
    temporarySolution: !!clean(input.temporarySolutionText),
    temporarySolutionText: clean(input.temporarySolutionText),
    principled: input.principled ?? false,
    linkedDeviations: [...new Set(input.linkedDeviations ?? [])],
  };
  validateDispute(s, todayStr);
  const who = userName(ws);
  const nowIso = now.toISOString();
  return ws.sqlite.transaction(() => {
    let externalId = input.externalId?.trim();
    if (externalId) {
      const exists = ws.sqlite.prepare(`SELECT 1 FROM disputes WHERE source_system = 'manuell' AND external_id = ?`).get(externalId);
      if (exists) throw new UserError(`Det finns redan en manuellt registrerad tvist med id ${externalId}.`, 'CONFLICT');
    } else {
      const year = s.openedAt.slice(0, 4);
      let n = Number(ws.sqlite.prepare(`SELECT count(*) FROM disputes WHERE source_system = 'manuell' AND external_id LIKE ?`).pluck().get(`M-${year}-%`)) + 1;
      const taken = ws.sqlite.prepare(`SELECT 1 FROM disputes WHERE source_system = 'manuell' AND external_id = ?`);
      while (taken.get(`M-${year}-${String(n).padStart(4, '0')}`)) n++;
      externalId = `M-${year}-${String(n).padStart(4, '0')}`;
    }
    const keys = Object.keys(COLUMNS) as (keyof DisputeState)[];
    const info = ws.sqlite
      .prepare(
        `INSERT INTO disputes (source_system, external_id, origin, content_hash, created_at, updated_at, ${keys.map((k) => COLUMNS[k]).join(', ')})
         VALUES ('manuell', ?, 'manual', ?, ?, ?, ${keys.map(() => '?').join(', ')})`,
      )
      .run(externalId, contentHash(s), nowIso, nowIso, ...keys.map((k) => toDb(k, s[k])));
    const id = Number(info.lastInsertRowid);
    const events: { at: string; type: EventType; note?: string | null }[] = [{ at: s.openedAt, type: 'opened' }];
    if (s.temporarySolutionText) events.push({ at: s.openedAt, type: 'temporary_solution', note: s.temporarySolutionText });
    addEvents(ws, id, events, who, nowIso);
    audit(ws, who, 'dispute', String(id), 'create', { externalId, ...s });
    return id;
  })();
}

/**
 * Applies a patch to a dispute: validates the resulting state, writes it, records timeline events
 * and one audit row with every changed field (from → to).
 */
export function applyDisputeChange(
  ws: Workspace,
  id: number,
  patch: Partial<DisputeState>,
  action: string,
  events: { at: string; type: EventType; note?: string | null }[],
  now: Date,
  todayStr: string,
): void {
  const row = getDisputeRow(ws, id);
  const before = stateOf(row);
  const after: DisputeState = { ...before };
  for (const [k, v] of Object.entries(patch) as [keyof DisputeState, unknown][]) {
    if (v !== undefined) (after as unknown as Record<string, unknown>)[k] = v;
  }
  validateDispute(after, todayStr);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of Object.keys(COLUMNS) as (keyof DisputeState)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) changes[k] = { from: before[k], to: after[k] };
  }
  const note = events.find((e) => e.type === 'note');
  if (Object.keys(changes).length === 0 && !note) return;
  const who = userName(ws);
  const nowIso = now.toISOString();
  ws.sqlite.transaction(() => {
    const keys = Object.keys(changes) as (keyof DisputeState)[];
    const sets = keys.map((k) => `${COLUMNS[k]} = ?`);
    const params = keys.map((k) => toDb(k, after[k]));
    if (row.origin === 'manual') {
      sets.push('content_hash = ?');
      params.push(contentHash(after));
    }
    ws.sqlite.prepare(`UPDATE disputes SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`).run(...params, nowIso, id);
    addEvents(ws, id, events, who, nowIso);
    audit(ws, who, 'dispute', String(id), action, note ? { ...changes, note: note.note } : changes);
  })();
}

export function updateDispute(ws: Workspace, typed: z.output<typeof disputeUpdateInputSchema>, now: Date, todayStr: string): void {
  const { id, note, ...rest } = typedDisputeTexts(ws, typed);
  const row = getDisputeRow(ws, id);
  const patch: Partial<DisputeState> = {};
  for (const [k, v] of Object.entries(rest)) {
    if (v === undefined) continue;
    (patch as Record<string, unknown>)[k] = typeof v === 'string' && (k === 'summary' || k === 'temporarySolutionText') ? clean(v) : v;
  }
  if (patch.linkedDeviations) patch.linkedDeviations = [...new Set(patch.linkedDeviations)];
  if (patch.temporarySolutionText && patch.temporarySolution === undefined) patch.temporarySolution = true;
  if (patch.temporarySolution === false && patch.temporarySolutionText === undefined) patch.temporarySolutionText = null;
  const events: { at: string; type: EventType; note?: string | null }[] = [];
  if (patch.step2At && patch.step2At !== row.step2_at) events.push({ at: patch.step2At, type: 'step2' });
  if (patch.step3At && patch.step3At !== row.step3_at) events.push({ at: patch.step3At, type: 'step3' });
  if (patch.resolvedAt && patch.resolvedAt !== row.resolved_at) events.push({ at: patch.resolvedAt, type: 'resolved', note: patch.outcome ?? row.outcome });
  if (patch.temporarySolutionText && patch.temporarySolutionText !== row.temporary_solution_text) {
    events.push({ at: todayStr, type: 'temporary_solution', note: patch.temporarySolutionText });
  }
  if (note) events.push({ at: todayStr, type: 'note', note });
  applyDisputeChange(ws, id, patch, 'update', events, now, todayStr);
}

export function escalateDispute(ws: Workspace, id: number, at: string, typedNote: string | undefined, now: Date, todayStr: string): void {
  const note = typedNote === undefined ? undefined : pseudonymiseTyped(ws.sqlite, typedNote);
  const row = getDisputeRow(ws, id);
  if (row.resolved_at) throw new UserError(`Ärendet löstes ${row.resolved_at} och kan inte eskaleras.`);
  const step = disputeStep(row);
  if (step === 3) {
    throw new UserError('Ärendet är redan en tvist i steg 3. Nästa steg är ekonomisk reglering eller allmän domstol: avsluta ärendet med det utfallet.');
  }
  const patch: Partial<DisputeState> = step === 1 ? { step2At: at } : { step3At: at };
  applyDisputeChange(ws, id, patch, 'escalate', [{ at, type: step === 1 ? 'step2' : 'step3', note: note ?? null }], now, todayStr);
}

export function setTemporarySolution(ws: Workspace, id: number, text: string, at: string, now: Date, todayStr: string): void {
  if (at > todayStr) throw new UserError(`Datumet för den tillfälliga lösningen (${at}) kan inte ligga i framtiden.`);
  applyDisputeChange(ws, id, { temporarySolution: true, temporarySolutionText: text.trim() }, 'temporary_solution', [{ at, type: 'temporary_solution', note: text.trim() }], now, todayStr);
}

export function resolveDispute(
  ws: Workspace,
  input: { id: number; resolvedAt: string; outcome: DisputeOutcome; resolutionStep?: 1 | 2 | 3; settlementSek?: number | null; note?: string },
  now: Date,
  todayStr: string,
): void {
  const row = getDisputeRow(ws, input.id);
  if (row.resolved_at) throw new UserError(`Ärendet är redan löst (${row.resolved_at}). Ändra lösningen genom att redigera ärendet.`);
  const events: { at: string; type: EventType; note?: string | null }[] = [
    { at: input.resolvedAt, type: 'resolved', note: input.note ? `${disputeOutcomeLabels[input.outcome]}: ${input.note}` : disputeOutcomeLabels[input.outcome] },
  ];
  if (input.settlementSek != null) events.push({ at: input.resolvedAt, type: 'settlement', note: `${input.settlementSek} kr` });
  applyDisputeChange(
    ws,
    input.id,
    {
      resolvedAt: input.resolvedAt,
      outcome: input.outcome,
      resolutionStep: input.resolutionStep ?? disputeStep(row),
      settlementSek: input.settlementSek ?? null,
    },
    'resolve',
    events,
    now,
    todayStr,
  );
}
