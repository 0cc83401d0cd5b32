/** Test helpers: a real temp workspace and SQL fixture rows (used by the indicator tests only). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createWorkspace } from '../workspace/workspace';
import { createContext, type CoreContext } from '../context';
import { createIndicatorHandlers } from './handlers';
import { indicatorMethods } from '../../../shared/api/indicators';
import type { OpenedWorkspace } from '../db/open-workspace';
import { refreshRecurring } from './recurring';
import { refreshSummary, touchDays } from './summary';

export interface TestWs {
  ws: OpenedWorkspace;
  sqlite: Database.Database;
  ctx: CoreContext;
  /** Calls an indicator method through its zod input and output schemas. */
  call<M extends keyof typeof indicatorMethods>(m: M, input: unknown): Promise<any>;
  cleanup(): void;
}

export async function testWorkspace(now = new Date('2026-11-23T12:00:00Z')): Promise<TestWs> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-ind-'));
  const ws = await createWorkspace(path.join(dir, 'ws.samsyn'), { delregionId: 'skaraborg', userName: 'test' });
  const ctx = createContext({ appDataDir: path.join(dir, 'app'), now: () => now });
  ctx.session.adopt(ws);
  const handlers = createIndicatorHandlers(ctx) as Record<string, (i: unknown) => unknown>;
  return {
    ws,
    sqlite: ws.sqlite,
    ctx,
    call: async (m, input) => {
      const def = indicatorMethods[m];
      const out = await handlers[m]!(def.input.parse(input));
      return def.output.parse(out);
    },
    cleanup: () => {
      ctx.session.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let seq = 0;

export interface DevRow {
  ext?: string;
  reported: string;
  answered?: string | null;
  closed?: string | null;
  category?: string;
  rOrg?: string;
  rType?: 'kommun' | 'region' | 'privat';
  recOrg?: string;
  recType?: 'kommun' | 'region' | 'privat';
  kommunCode?: string;
  kommun?: string;
  severity?: number | null;
}

/**
 * Inserts a deviation and refreshes the stored recurrence flag of its (category, orgs) triple and
 * the dashboard summary of its day, as every writer of deviations must; returns its id.
 * Organisation names default to unique ones (no recurrence).
 */
export function dev(sqlite: Database.Database, r: DevRow): number {
  const n = ++seq;
  const ext = r.ext ?? `AV-${n}`;
  const triple = [r.category ?? 'lakemedel', r.rOrg ?? `Rapportör ${ext}`, r.recOrg ?? `Mottagare ${ext}`] as const;
  const res = sqlite
    .prepare(
      `INSERT INTO deviations (source_system, external_id, reported_at, reporting_org, reporting_party_type, receiving_org,
         receiving_party_type, kommun_code, kommun, category, severity, status, answered_at, closed_at, content_hash, created_at, updated_at)
       VALUES ('test', @ext, @reported, @rOrg, @rType, @recOrg, @recType, @kc, @k, @cat, @sev, @status, @answered, @closed, 'h', '2026-01-01', '2026-01-01')`,
    )
    .run({
      ext,
      reported: r.reported,
      rOrg: triple[1],
      rType: r.rType ?? 'kommun',
      recOrg: triple[2],
      recType: r.recType ?? 'region',
      kc: r.kommunCode ?? '1496',
      k: r.kommun ?? 'Skövde',
      cat: triple[0],
      sev: r.severity ?? null,
      status: r.closed ? 'avslutad' : r.answered ? 'besvarad' : 'ny',
      answered: r.answered ?? null,
      closed: r.closed ?? null,
    });
  refreshRecurring(sqlite, [triple]);
  touchDays(sqlite, [r.reported]);
  refreshSummary(sqlite);
  return Number(res.lastInsertRowid);
}

export interface DispRow {
  ext: string;
  opened: string;
  step2?: string | null;
  step3?: string | null;
  resolved?: string | null;
  resolutionStep?: number | null;
  outcome?: string | null;
  settlementSek?: number | null;
  temporary?: boolean;
  principled?: boolean;
  area?: string;
}

export function disp(sqlite: Database.Database, r: DispRow): number {
  const res = sqlite
    .prepare(
      `INSERT INTO disputes (source_system, external_id, opened_at, party_a, party_a_type, party_b, party_b_type, area, step2_at, step3_at,
         resolved_at, resolution_step, outcome, settlement_sek, temporary_solution, principled, content_hash, created_at, updated_at)
       VALUES ('test', @ext, @opened, 'Skövde kommun', 'kommun', 'Skaraborgs Sjukhus', 'region', @area, @step2, @step3,
         @resolved, @rs, @outcome, @sek, @temp, @princ, 'h', '2026-01-01', '2026-01-01')`,
    )
    .run({
      ext: r.ext,
      opened: r.opened,
      area: r.area ?? 'hemsjukvard',
      step2: r.step2 ?? null,
      step3: r.step3 ?? null,
      resolved: r.resolved ?? null,
      rs: r.resolutionStep ?? null,
      outcome: r.outcome ?? null,
      sek: r.settlementSek ?? null,
      temp: r.temporary ? 1 : 0,
      princ: r.principled ? 1 : 0,
    });
  return Number(res.lastInsertRowid);
}

export function lesson(sqlite: Database.Database, kind: 'deviation' | 'dispute', caseId: number): void {
  sqlite
    .prepare(
      `INSERT INTO lessons (case_kind, case_id, text, recorded_on, created_at, created_by, updated_at)
       VALUES (?, ?, 'Lärdom', '2026-07-01', '2026-07-01', 'test', '2026-07-01')`,
    )
    .run(kind, caseId);
}

export function precedent(sqlite: Database.Database, id: string, status: string, decidedAt: string | null): void {
  sqlite
    .prepare(
      `INSERT INTO precedents (id, kind, updated_at, title, area, agreement_refs, tags, principle, decision_points, status, decided_at,
         origin_delregion, origin_publisher, created_at)
       VALUES (?, 'ärende', '2026-01-01', 'Titel', 'hemsjukvard', '[]', '[]', 'Princip', '[]', ?, ?, 'skaraborg', 'test', '2026-01-01')`,
    )
    .run(id, status, decidedAt);
}

export const SKARABORG = {
  Essunga: '1445',
  Falköping: '1499',
  Grästorp: '1444',
  Gullspång: '1447',
  Götene: '1471',
  Hjo: '1497',
  Karlsborg: '1446',
  Lidköping: '1494',
  Mariestad: '1493',
  Skara: '1495',
  Skövde: '1496',
  Tibro: '1472',
  Tidaholm: '1498',
  Töreboda: '1473',
  Vara: '1470',
} as const;

/** Replaces the population figures: every kommun `value` for `year`, with overrides. */
export function setPopulation(sqlite: Database.Database, figures: { code: string; year: number; value: number }[]): void {
  sqlite.prepare('DELETE FROM ref_population').run();
  const ins = sqlite.prepare(`INSERT INTO ref_population (kommun_code, year, ref_date, value, source) VALUES (?, ?, ?, ?, 'test')`);
  for (const f of figures) ins.run(f.code, f.year, `${f.year}-12-31`, f.value);
}
