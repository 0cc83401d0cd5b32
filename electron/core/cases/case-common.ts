import type { CaseSummary } from '../../../shared/api/common';
import { categoryLabels, deviationStatusLabels } from '../../../shared/labels.sv';
import type { CategoryCode, CaseKind, DeviationStatus } from '../../../shared/domain/enums';
import { todayIso } from '../../../shared/dates';
import { UserError } from '../errors';
import type { Workspace } from '../session';

/** Raw deviation row as stored (snake_case columns). */
export interface DeviationRow {
  id: number;
  source_system: string;
  external_id: string;
  reported_at: string;
  occurred_at: string | null;
  reporting_org: string;
  reporting_party_type: 'kommun' | 'region' | 'privat';
  receiving_org: string;
  receiving_party_type: 'kommun' | 'region' | 'privat';
  kommun_code: string;
  kommun: string;
  category: string;
  raw_category: string | null;
  subcategory: string | null;
  severity: number | null;
  status: DeviationStatus;
  answered_at: string | null;
  closed_at: string | null;
  description: string | null;
  action: string | null;
  content_hash: string;
  batch_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface DisputeRow {
  id: number;
  source_system: string;
  external_id: string;
  opened_at: string;
  party_a: string;
  party_a_type: 'kommun' | 'region' | 'privat' | null;
  party_b: string;
  party_b_type: 'kommun' | 'region' | 'privat' | null;
  area: string;
  raw_area: string | null;
  summary: string | null;
  step2_at: string | null;
  step3_at: string | null;
  resolved_at: string | null;
  resolution_step: number | null;
  outcome: 'enighet' | 'ekonomisk_reglering' | 'allman_domstol' | 'aterkallad' | null;
  settlement_sek: number | null;
  temporary_solution: number;
  temporary_solution_text: string | null;
  principled: number;
  linked_deviations: string;
  origin: 'import' | 'manual';
  content_hash: string;
  batch_id: number | null;
  created_at: string;
  updated_at: string;
}

export function categoryLabel(code: string): string {
  return categoryLabels[code as CategoryCode] ?? code;
}

export function isCategoryCode(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(categoryLabels, code);
}

export function deviationStatusLabel(s: string): string {
  return deviationStatusLabels[s as DeviationStatus] ?? s;
}

/** Highest escalation step reached. */
export function disputeStep(d: Pick<DisputeRow, 'step2_at' | 'step3_at'>): 1 | 2 | 3 {
  return d.step3_at ? 3 : d.step2_at ? 2 : 1;
}

export function disputeStatusText(d: Pick<DisputeRow, 'step2_at' | 'step3_at' | 'resolved_at'>): string {
  return d.resolved_at ? 'löst' : `steg ${disputeStep(d)}`;
}

/** A deviation counts as resolved (a precedent can be made from it) once answered or closed. */
export function deviationResolved(d: Pick<DeviationRow, 'status' | 'closed_at' | 'answered_at'>): boolean {
  return d.status === 'avslutad' || d.status === 'besvarad' || !!d.closed_at;
}

/** The date a case was resolved: dispute resolved_at, deviation closed_at ?? answered_at. */
export function resolutionDate(kind: CaseKind, row: DeviationRow | DisputeRow): string | null {
  if (kind === 'dispute') return (row as DisputeRow).resolved_at;
  const d = row as DeviationRow;
  return d.closed_at ?? d.answered_at;
}

export function deviationSummary(r: Pick<DeviationRow, 'id' | 'external_id' | 'reported_at' | 'category' | 'status' | 'kommun' | 'reporting_org' | 'receiving_org'>): CaseSummary {
  return {
    kind: 'deviation',
    id: r.id,
    externalId: r.external_id,
    date: r.reported_at,
    category: r.category,
    title: categoryLabel(r.category),
    status: r.status,
    kommun: r.kommun,
    reportingOrg: r.reporting_org,
    receivingOrg: r.receiving_org,
  };
}

export function disputeSummary(r: Pick<DisputeRow, 'id' | 'external_id' | 'opened_at' | 'area' | 'step2_at' | 'step3_at' | 'resolved_at' | 'party_a' | 'party_b'>): CaseSummary {
  return {
    kind: 'dispute',
    id: r.id,
    externalId: r.external_id,
    date: r.opened_at,
    category: r.area,
    title: categoryLabel(r.area),
    status: disputeStatusText(r),
    kommun: null,
    reportingOrg: r.party_a,
    receivingOrg: r.party_b,
  };
}

export function getDeviationRow(ws: Workspace, id: number): DeviationRow {
  const row = ws.sqlite.prepare('SELECT * FROM deviations WHERE id = ?').get(id) as DeviationRow | undefined;
  if (!row) throw new UserError(`Avvikelsen med id ${id} finns inte.`, 'NOT_FOUND');
  return row;
}

export function getDisputeRow(ws: Workspace, id: number): DisputeRow {
  const row = ws.sqlite.prepare('SELECT * FROM disputes WHERE id = ?').get(id) as DisputeRow | undefined;
  if (!row) throw new UserError(`Tvisten/oenigheten med id ${id} finns inte.`, 'NOT_FOUND');
  return row;
}

export function getCaseRow(ws: Workspace, kind: CaseKind, id: number): DeviationRow | DisputeRow {
  return kind === 'deviation' ? getDeviationRow(ws, id) : getDisputeRow(ws, id);
}

export function caseArea(kind: CaseKind, row: DeviationRow | DisputeRow): string {
  return kind === 'deviation' ? (row as DeviationRow).category : (row as DisputeRow).area;
}

/** The workspace's user name ("who" in audit trails). */
export function userName(ws: Workspace): string {
  return ws.settings().userName || 'okänd användare';
}

export function today(now: Date): string {
  return todayIso(now);
}

export function parseJsonArray(s: string | null | undefined): string[] {
  if (!s) return [];
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? v.map((x) => String(x)) : [];
  } catch {
    return [];
  }
}
