/** Test helpers: a real temp workspace with deviations/disputes inserted by SQL. Used only by tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWorkspace } from '../workspace/workspace';
import { createContext, type CoreContext } from '../context';
import { createHandlers } from '../handlers';
import { contract, isMethodName, type Handlers, type MethodName, type MethodOutput } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { toApiError } from '../error-mapping';
import type { Workspace } from '../session';
import { resetVocabCache } from '../precedents/search';
import { refreshRecurring } from '../indicators/recurring';
import { refreshSummary, touchDays } from '../indicators/summary';

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

/**
 * The same steps as electron/transport/dispatch.ts (zod input, handler, zod output, Result envelope),
 * repeated here because core may not import the transport layer (scripts/layers.test.ts).
 */
function testDispatch(handlers: Handlers): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) return { ok: false, error: { code: 'BAD_INPUT', message: `Okänd funktion: ${method}` } };
    const def = contract[method];
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: toApiError(parsed.error) };
    try {
      const out = await (handlers[method] as (i: unknown) => unknown)(parsed.data);
      const checked = def.output.safeParse(out);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        return { ok: false, error: { code: 'INTERNAL', message: `Internt fel: svaret från ${method} följer inte kontraktet (${issue?.path.join('.')}: ${issue?.message}).` } };
      }
      return { ok: true, data: checked.data };
    } catch (e) {
      return { ok: false, error: toApiError(e) };
    }
  };
}

export interface Fixture {
  dir: string;
  ctx: CoreContext;
  ws: Workspace;
  dispatch: Dispatch;
  call<M extends MethodName>(m: M, input: unknown): Promise<MethodOutput<M>>;
  /** The error message of a failing call (throws if the call succeeds). */
  fail(m: MethodName, input: unknown): Promise<{ code: string; message: string }>;
  dev(d: Partial<DevInput> & { externalId: string }): number;
  disp(d: Partial<DispInput> & { externalId: string }): number;
  close(): void;
}

export interface DevInput {
  sourceSystem: string;
  externalId: string;
  reportedAt: string;
  reportingOrg: string;
  reportingPartyType: string;
  receivingOrg: string;
  receivingPartyType: string;
  kommunCode: string;
  kommun: string;
  category: string;
  rawCategory: string | null;
  subcategory: string | null;
  severity: number | null;
  status: string;
  answeredAt: string | null;
  closedAt: string | null;
  description: string | null;
  action: string | null;
}

export interface DispInput {
  sourceSystem: string;
  externalId: string;
  openedAt: string;
  partyA: string;
  partyB: string;
  area: string;
  summary: string | null;
  step2At: string | null;
  step3At: string | null;
  resolvedAt: string | null;
  resolutionStep: number | null;
  outcome: string | null;
  settlementSek: number | null;
  temporarySolutionText: string | null;
  linkedDeviations: string[];
}

/** Fixed "today" for tests: 2026-06-15 (local noon, so the local date is stable). */
export const TEST_NOW = new Date(2026, 5, 15, 12, 0, 0);

export async function makeFixture(opts: { userName?: string } = {}): Promise<Fixture> {
  resetVocabCache();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-cases-'));
  const opened = await createWorkspace(path.join(dir, 'ws.samsyn'), { delregionId: 'skaraborg', userName: opts.userName ?? 'Anna Analytiker' });
  const ctx = createContext({ appDataDir: path.join(dir, 'app'), now: () => TEST_NOW });
  const ws = ctx.session.adopt(opened);
  const dispatch = testDispatch(createHandlers(ctx));
  const now = '2026-01-01T00:00:00.000Z';
  const insDev = ws.sqlite.prepare(
    `INSERT INTO deviations (source_system, external_id, reported_at, reporting_org, reporting_party_type, receiving_org, receiving_party_type,
      kommun_code, kommun, category, raw_category, subcategory, severity, status, answered_at, closed_at, description, action, content_hash, created_at, updated_at)
     VALUES (@sourceSystem, @externalId, @reportedAt, @reportingOrg, @reportingPartyType, @receivingOrg, @receivingPartyType, @kommunCode, @kommun, @category,
      @rawCategory, @subcategory, @severity, @status, @answeredAt, @closedAt, @description, @action, 'h', '${now}', '${now}')`,
  );
  const insDisp = ws.sqlite.prepare(
    `INSERT INTO disputes (source_system, external_id, opened_at, party_a, party_b, area, summary, step2_at, step3_at, resolved_at, resolution_step, outcome,
      settlement_sek, temporary_solution, temporary_solution_text, linked_deviations, content_hash, created_at, updated_at)
     VALUES (@sourceSystem, @externalId, @openedAt, @partyA, @partyB, @area, @summary, @step2At, @step3At, @resolvedAt, @resolutionStep, @outcome,
      @settlementSek, @temporarySolution, @temporarySolutionText, @linkedDeviations, 'h', '${now}', '${now}')`,
  );
  return {
    dir,
    ctx,
    ws,
    dispatch,
    call: async (m, input) => {
      const r = await dispatch(m, input);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { apiError: r.error });
      return r.data as never;
    },
    fail: async (m, input) => {
      const r = await dispatch(m, input);
      if (r.ok) throw new Error(`expected ${m} to fail`);
      return r.error;
    },
    dev: (d) => {
      const row = {
          sourceSystem: 'MedControl',
          reportedAt: '2026-01-10',
          reportingOrg: 'Skövde kommun',
          reportingPartyType: 'kommun',
          receivingOrg: 'Skaraborgs Sjukhus',
          receivingPartyType: 'region',
          kommunCode: '1496',
          kommun: 'Skövde',
          category: 'in_utskrivning',
          rawCategory: null,
          subcategory: null,
          severity: null,
          status: 'ny',
          answeredAt: null,
          closedAt: null,
          description: null,
          action: null,
          ...d,
      };
      const id = Number(insDev.run(row).lastInsertRowid);
      refreshRecurring(ws.sqlite, [[row.category, row.reportingOrg, row.receivingOrg]]);
      touchDays(ws.sqlite, [row.reportedAt]);
      refreshSummary(ws.sqlite);
      return id;
    },
    disp: (d) =>
      Number(
        insDisp.run({
          sourceSystem: 'Tvistlogg',
          openedAt: '2026-01-05',
          partyA: 'Skövde kommun',
          partyB: 'Skaraborgs Sjukhus',
          area: 'in_utskrivning',
          summary: null,
          step2At: null,
          step3At: null,
          resolvedAt: null,
          resolutionStep: null,
          outcome: null,
          settlementSek: null,
          temporarySolutionText: null,
          ...d,
          temporarySolution: d.temporarySolutionText ? 1 : 0,
          linkedDeviations: JSON.stringify(d.linkedDeviations ?? []),
        }).lastInsertRowid,
      ),
    close: () => {
      ctx.session.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
