import type { z } from 'zod';
import type { DeviationDetail, caseVersionSchema } from '../../../shared/api/cases';
import type { CaseSummary } from '../../../shared/api/common';
import type { Workspace } from '../session';
import {
  categoryLabel,
  deviationResolved,
  deviationStatusLabel,
  disputeSummary,
  getDeviationRow,
  type DeviationRow,
  type DisputeRow,
} from './case-common';
import { lessonsForCase } from './lessons';

type CaseVersion = z.infer<typeof caseVersionSchema>;

const IGNORED = new Set(['id', 'contentHash', 'content_hash', 'batchId', 'batch_id', 'createdAt', 'created_at', 'updatedAt', 'updated_at']);

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

function valueOf(obj: Record<string, unknown>, key: string): unknown {
  if (key in obj) return obj[key];
  if (snake(key) in obj) return obj[snake(key)];
  if (camel(key) in obj) return obj[camel(key)];
  return undefined;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function parseData(v: unknown): Record<string, unknown> {
  if (typeof v === 'string') {
    try {
      const o = JSON.parse(v) as unknown;
      return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return {};
}

/**
 * The earlier versions of an imported case (history table), oldest first, each with the changes the
 * next version made. The history rows hold the full old row as JSON; the importer may write its keys
 * in camelCase or snake_case, so keys are matched in both spellings.
 */
export function caseHistory(ws: Workspace, table: 'deviation_history' | 'dispute_history', fk: 'deviation_id' | 'dispute_id', id: number, current: Record<string, unknown>): CaseVersion[] {
  const rows = ws.sqlite
    .prepare(
      `SELECT h.*, vb.file_name AS version_file, rb.file_name AS replaced_file FROM ${table} h
       LEFT JOIN import_batches vb ON vb.id = h.version_batch_id
       LEFT JOIN import_batches rb ON rb.id = h.replaced_by_batch_id
       WHERE h.${fk} = ? ORDER BY h.replaced_at, h.id`,
    )
    .all(id) as { version_batch_id: number | null; replaced_by_batch_id: number | null; replaced_at: string; data: string; version_file: string | null; replaced_file: string | null }[];
  const versions = rows.map((r) => ({ r, data: parseData(r.data) }));
  return versions.map(({ r, data }, i) => {
    const next = i + 1 < versions.length ? versions[i + 1]!.data : current;
    const keys = new Set<string>(Object.keys(data).filter((k) => !IGNORED.has(k)));
    if (i + 1 < versions.length) for (const k of Object.keys(next)) if (!IGNORED.has(k)) keys.add(k);
    const changes = [...keys]
      .map((k) => ({ field: camel(k), before: valueOf(data, k) ?? null, after: valueOf(next, k) ?? null }))
      .filter((c) => !same(c.before, c.after));
    return {
      versionBatchId: r.version_batch_id,
      versionFileName: r.version_file,
      replacedByBatchId: r.replaced_by_batch_id,
      replacedByFileName: r.replaced_file,
      replacedAt: r.replaced_at,
      data,
      changes,
    };
  });
}

export function camelRow(row: object): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) o[camel(k)] = v;
  return o;
}

export function precedentsForCase(ws: Workspace, kind: 'deviation' | 'dispute', id: number): { id: string; title: string; status: string }[] {
  return ws.sqlite.prepare(`SELECT id, title, status FROM precedents WHERE local_case_kind = ? AND local_case_id = ? ORDER BY created_at`).all(kind, id) as {
    id: string;
    title: string;
    status: string;
  }[];
}

export function deviationDetail(ws: Workspace, id: number): DeviationDetail {
  const d = getDeviationRow(ws, id);
  const batch = d.batch_id ? (ws.sqlite.prepare('SELECT file_name FROM import_batches WHERE id = ?').pluck().get(d.batch_id) as string | undefined) : undefined;
  // Disputes are few (thousands at most): json_each over them is cheap.
  const linked = ws.sqlite
    .prepare(
      `SELECT s.* FROM disputes s WHERE EXISTS (SELECT 1 FROM json_each(s.linked_deviations) j WHERE j.value = ?) ORDER BY s.opened_at, s.id`,
    )
    .all(d.external_id) as DisputeRow[];
  const linkedDisputes: CaseSummary[] = linked.map(disputeSummary);
  return {
    id: d.id,
    sourceSystem: d.source_system,
    externalId: d.external_id,
    reportedAt: d.reported_at,
    occurredAt: d.occurred_at,
    reportingOrg: d.reporting_org,
    reportingPartyType: d.reporting_party_type,
    receivingOrg: d.receiving_org,
    receivingPartyType: d.receiving_party_type,
    kommunCode: d.kommun_code,
    kommun: d.kommun,
    category: d.category,
    categoryLabel: categoryLabel(d.category),
    rawCategory: d.raw_category,
    subcategory: d.subcategory,
    severity: d.severity,
    status: d.status,
    statusLabel: deviationStatusLabel(d.status),
    answeredAt: d.answered_at,
    closedAt: d.closed_at,
    description: d.description,
    action: d.action,
    batchId: d.batch_id,
    batchFileName: batch ?? null,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    resolved: deviationResolved(d),
    history: caseHistory(ws, 'deviation_history', 'deviation_id', d.id, camelRow(d as DeviationRow)),
    linkedDisputes,
    lessons: lessonsForCase(ws, 'deviation', d.id),
    precedents: precedentsForCase(ws, 'deviation', d.id),
  };
}
