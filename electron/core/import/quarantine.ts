/**
 * Quarantine operations: list, fix (edit raw values → de-identify → re-validate → store with the
 * batch's source system and mapping, mark 'fixed'), discard. The batch's counts stay as imported
 * (they describe the file); the quarantine row's status records what happened since.
 */
import { fieldsOf, type ImportCaseKind, type Mapping } from '../../../shared/domain/import';
import type { QuarantineRow } from '../../../shared/api/imports';
import { UserError } from '../errors';
import type { OpenedWorkspace } from '../db/open-workspace';
import { audit } from '../workspace/workspace';
import { resolveMapping, proposeMapping } from './mapping';
import { pseudonymiserFor } from './deidentify';
import { lookupsFor } from './import-file';
import { validateRow, type RowError } from './validate';
import { upsertOne } from './upsert';

interface RawQuarantine {
  id: number;
  batch_id: number;
  kind: ImportCaseKind;
  file_name: string;
  row_number: number;
  raw: string;
  errors: string;
  status: 'open' | 'fixed' | 'discarded';
  resolved_at: string | null;
}

const SELECT = `SELECT q.id, q.batch_id, q.kind, b.file_name, q.row_number, q.raw, q.errors, q.status, q.resolved_at FROM quarantine q JOIN import_batches b ON b.id = q.batch_id`;

function toRow(r: RawQuarantine): QuarantineRow {
  return {
    id: r.id,
    batchId: r.batch_id,
    kind: r.kind,
    fileName: r.file_name,
    rowNumber: r.row_number,
    raw: JSON.parse(r.raw) as Record<string, string>,
    errors: JSON.parse(r.errors) as RowError[],
    status: r.status,
    resolvedAt: r.resolved_at,
  };
}

export function listQuarantine(
  ws: OpenedWorkspace,
  f: { batchId?: number; status?: 'open' | 'fixed' | 'discarded'; kind?: ImportCaseKind; limit: number; offset: number },
): { total: number; rows: QuarantineRow[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.batchId != null) (where.push('q.batch_id = ?'), params.push(f.batchId));
  if (f.status) (where.push('q.status = ?'), params.push(f.status));
  if (f.kind) (where.push('q.kind = ?'), params.push(f.kind));
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number(ws.sqlite.prepare(`SELECT count(*) FROM quarantine q ${w}`).pluck().get(...params));
  const rows = ws.sqlite.prepare(`${SELECT} ${w} ORDER BY q.batch_id DESC, q.row_number LIMIT ? OFFSET ?`).all(...params, f.limit, f.offset) as RawQuarantine[];
  return { total, rows: rows.map(toRow) };
}

function getRow(ws: OpenedWorkspace, id: number): RawQuarantine {
  const r = ws.sqlite.prepare(`${SELECT} WHERE q.id = ?`).get(id) as RawQuarantine | undefined;
  if (!r) throw new UserError(`Karantänraden ${id} finns inte.`, 'NOT_FOUND');
  return r;
}

export type FixResult = { row: QuarantineRow; result: 'inserted' | 'updated' | 'unchanged' | 'invalid' | 'outside'; errors: RowError[] };

export function fixQuarantine(ws: OpenedWorkspace, id: number, values: Record<string, string>, now: Date): FixResult {
  const q = getRow(ws, id);
  if (q.status !== 'open') throw new UserError(`Karantänraden ${id} är redan ${q.status === 'fixed' ? 'rättad' : 'kastad'}.`, 'CONFLICT');
  const raw = JSON.parse(q.raw) as Record<string, string>;
  const batch = ws.sqlite.prepare('SELECT source_system, report FROM import_batches WHERE id = ?').get(q.batch_id) as { source_system: string; report: string };
  const report = JSON.parse(batch.report) as { mapping?: Mapping };
  const fileHeaders = Object.keys(raw);
  const mapping: Mapping = { ...(report.mapping ?? proposeMapping(q.kind, fileHeaders)) };
  // A field the file has no column for (e.g. "Rapporterande huvudman" for an organisation the
  // register does not know) can be given by its label: it becomes a column of this row.
  const missing = fieldsOf(q.kind).filter((f) => !mapping[f.field] || !(mapping[f.field]! in raw));
  for (const h of Object.keys(values)) {
    if (h in raw) continue;
    if (!missing.some((f) => f.label === h)) throw new UserError(`Kolumnen "${h}" finns inte i karantänraden (filen ${q.file_name}, rad ${q.row_number}).`);
  }
  const headers = [...fileHeaders];
  for (const f of missing) {
    if (f.label in values || f.label in raw) {
      if (!headers.includes(f.label)) headers.push(f.label);
      mapping[f.field] = f.label;
    }
  }
  const resolved = resolveMapping(q.kind, headers, mapping, q.file_name);
  const pseudo = pseudonymiserFor(ws.sqlite);
  const merged: Record<string, string> = { ...raw };
  for (const [h, v] of Object.entries(values)) merged[h] = pseudo.clean(v);
  const cells = headers.map((h) => merged[h] ?? '');
  const outcome = validateRow(q.kind, q.row_number, cells, resolved, lookupsFor(ws, now));
  const nowIso = now.toISOString();
  const user = (ws.sqlite.prepare('SELECT user_name FROM workspace WHERE id = 1').pluck().get() as string) ?? '';
  return ws.sqlite.transaction((): FixResult => {
    if (outcome.kind === 'quarantine') {
      ws.sqlite.prepare('UPDATE quarantine SET raw = ?, errors = ? WHERE id = ?').run(JSON.stringify(merged), JSON.stringify(outcome.errors), id);
      return { row: toRow(getRow(ws, id)), result: 'invalid', errors: outcome.errors };
    }
    if (outcome.kind === 'outside') {
      const err: RowError = {
        field: 'kommun',
        column: resolved.header.kommun ?? '',
        value: outcome.kommun,
        message: `Rad ${q.row_number}: kommunen ${outcome.kommun} ingår inte i arbetsytans delregion; raden kan inte sparas här (kasta den i stället).`,
      };
      ws.sqlite.prepare('UPDATE quarantine SET raw = ? WHERE id = ?').run(JSON.stringify(merged), id);
      return { row: toRow(getRow(ws, id)), result: 'outside', errors: [err] };
    }
    const result = upsertOne(ws.sqlite, q.kind, batch.source_system, q.batch_id, outcome.values, outcome.hash, nowIso);
    ws.sqlite.prepare(`UPDATE quarantine SET raw = ?, errors = '[]', status = 'fixed', resolved_at = ? WHERE id = ?`).run(JSON.stringify(merged), nowIso, id);
    audit(ws, user, 'quarantine', String(id), 'fix', { result, externalId: outcome.values[0] });
    return { row: toRow(getRow(ws, id)), result, errors: [] };
  })();
}

export function discardQuarantine(ws: OpenedWorkspace, id: number, now: Date): QuarantineRow {
  const q = getRow(ws, id);
  if (q.status === 'fixed') throw new UserError(`Karantänraden ${id} är redan rättad och sparad.`, 'CONFLICT');
  if (q.status === 'open') {
    ws.sqlite.prepare(`UPDATE quarantine SET status = 'discarded', resolved_at = ? WHERE id = ?`).run(now.toISOString(), id);
  }
  return toRow(getRow(ws, id));
}
