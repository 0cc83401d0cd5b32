import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openWorkspace, type OpenedWorkspace } from '../db/open-workspace';
import * as t from '../db/schema';
import { loadReferenceData } from '../reference';
import { UserError } from '../errors';
import { normalizeKey, normalizeKommun } from '../../../shared/text';
import { delregionNames } from '../../../shared/labels.sv';

export const APP_VERSION = '0.1.0';

export interface WorkspaceSettings {
  delregionId: string;
  delregionName: string;
  deadlineDays: number;
  userName: string;
  smallCellSuppression: boolean;
  kommuner: { code: string; name: string }[];
}

export interface CreateOptions {
  delregionId: string;
  /** Custom kommun set (SCB codes); defaults to the preset's kommuner. */
  kommunCodes?: string[];
  delregionName?: string;
  userName?: string;
  deadlineDays?: number;
}

function defaultUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'analytiker';
  }
}

/** Creates a new workspace file with reference data copied in. Refuses to overwrite a file. */
export async function createWorkspace(file: string, opts: CreateOptions): Promise<OpenedWorkspace> {
  const abs = path.resolve(file);
  if (fs.existsSync(abs) && fs.statSync(abs).size > 0) {
    throw new UserError(`Filen ${path.basename(abs)} finns redan. Välj ett nytt filnamn – en befintlig fil skrivs aldrig över.`);
  }
  const ref = loadReferenceData();
  const preset = ref.delregions.find((d) => d.id === opts.delregionId);
  if (!preset && opts.delregionId !== 'custom') {
    throw new UserError(`Okänd delregion "${opts.delregionId}". Välj en av: ${ref.delregions.map((d) => d.id).join(', ')} (eller custom med egna kommuner).`);
  }
  const codes = opts.kommunCodes ?? preset?.kommunCodes ?? [];
  if (codes.length === 0) throw new UserError('En delregion måste ha minst en kommun.');
  for (const c of codes) {
    if (!ref.kommuner.some((k) => k.code === c)) throw new UserError(`Okänd kommunkod "${c}".`);
  }
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const ws = await openWorkspace(abs, { create: true });
  try {
    const now = new Date().toISOString();
    ws.sqlite.transaction(() => {
      ws.db
        .insert(t.workspace)
        .values({
          id: 1,
          delregionId: opts.delregionId,
          delregionName: opts.delregionName ?? preset?.name ?? delregionNames.custom,
          deadlineDays: opts.deadlineDays ?? 60,
          userName: opts.userName ?? defaultUserName(),
          hmacSecret: crypto.randomBytes(32),
          createdAt: now,
          appVersion: APP_VERSION,
        })
        .run();
      for (const c of codes) {
        const k = ref.kommuner.find((x) => x.code === c)!;
        ws.db.insert(t.workspaceKommuner).values({ code: k.code, name: k.name }).run();
      }
      for (const k of ref.kommuner) ws.db.insert(t.refKommuner).values({ code: k.code, name: k.name, delregionId: k.delregion }).run();
      for (const p of ref.population) {
        ws.db.insert(t.refPopulation).values({ kommunCode: p.kommunCode, year: p.year, refDate: p.refDate, value: p.value, source: p.source }).run();
      }
      for (const o of ref.organisations) ws.db.insert(t.refOrganisations).values(o).run();
      for (const c of ref.categories) {
        ws.db.insert(t.refCategories).values({ code: c.code, label: c.label }).run();
        for (const label of [c.label, c.code, ...c.synonyms]) {
          ws.db
            .insert(t.categorySynonyms)
            .values({ norm: normalizeKey(label), label, categoryCode: c.code, userAdded: false })
            .onConflictDoNothing()
            .run();
        }
      }
    })();
  } catch (e) {
    ws.close();
    fs.rmSync(abs, { force: true });
    fs.rmSync(`${abs}-wal`, { force: true });
    fs.rmSync(`${abs}-shm`, { force: true });
    throw e;
  }
  return ws;
}

export function readSettings(ws: OpenedWorkspace): WorkspaceSettings {
  const row = ws.db.select().from(t.workspace).where(eq(t.workspace.id, 1)).get();
  if (!row) throw new UserError('Arbetsytan saknar inställningar och är inte komplett skapad.', 'WORKSPACE_INVALID');
  const kommuner = ws.db.select().from(t.workspaceKommuner).orderBy(t.workspaceKommuner.name).all();
  return {
    delregionId: row.delregionId,
    delregionName: row.delregionName,
    deadlineDays: row.deadlineDays,
    userName: row.userName,
    smallCellSuppression: row.smallCellSuppression,
    kommuner: kommuner.map((k) => ({ code: k.code, name: k.name })),
  };
}

export interface SettingsPatch {
  deadlineDays?: number;
  userName?: string;
  delregionName?: string;
  smallCellSuppression?: boolean;
  kommunCodes?: string[];
}

export function updateSettings(ws: OpenedWorkspace, patch: SettingsPatch): WorkspaceSettings {
  const before = readSettings(ws);
  ws.sqlite.transaction(() => {
    const set: Partial<typeof t.workspace.$inferInsert> = {};
    if (patch.deadlineDays !== undefined) set.deadlineDays = patch.deadlineDays;
    if (patch.userName !== undefined) set.userName = patch.userName;
    if (patch.delregionName !== undefined) set.delregionName = patch.delregionName;
    if (patch.smallCellSuppression !== undefined) set.smallCellSuppression = patch.smallCellSuppression;
    if (Object.keys(set).length) ws.db.update(t.workspace).set(set).where(eq(t.workspace.id, 1)).run();
    if (patch.kommunCodes) {
      if (patch.kommunCodes.length === 0) throw new UserError('En delregion måste ha minst en kommun.');
      const refs = ws.db.select().from(t.refKommuner).all();
      // A kommun whose deviations are stored cannot leave: they would still be counted, without the
      // kommun's population and outside the per-kommun table (figures that no longer add up).
      const keep = new Set(patch.kommunCodes);
      const held = before.kommuner
        .filter((k) => !keep.has(k.code))
        .map((k) => ({ name: k.name, n: Number(ws.sqlite.prepare('SELECT count(*) FROM deviations WHERE kommun_code = ?').pluck().get(k.code)) }))
        .filter((k) => k.n > 0);
      if (held.length > 0) {
        const list = held.map((k) => `${k.name} (${k.n.toLocaleString('sv-SE')} ${k.n === 1 ? 'avvikelse' : 'avvikelser'})`).join(', ');
        throw new UserError(
          `${held.length === 1 ? `${held[0]!.name} kan` : 'Kommunerna kan'} inte tas bort ur delregionen eftersom arbetsytan har avvikelser därifrån: ${list}. ` +
            'De skulle annars räknas utan kommunens folkmängd. Behåll kommunen, eller skapa en ny arbetsyta för den nya indelningen.',
        );
      }
      ws.db.delete(t.workspaceKommuner).run();
      for (const c of new Set(patch.kommunCodes)) {
        const k = refs.find((r) => r.code === c);
        if (!k) throw new UserError(`Okänd kommunkod "${c}".`);
        ws.db.insert(t.workspaceKommuner).values({ code: k.code, name: k.name }).run();
      }
      if (before.delregionId !== 'custom') {
        const preset = loadReferenceData().delregions.find((d) => d.id === before.delregionId);
        const same = preset && preset.kommunCodes.length === patch.kommunCodes.length && preset.kommunCodes.every((c) => patch.kommunCodes!.includes(c));
        if (!same) ws.db.update(t.workspace).set({ delregionId: 'custom' }).where(eq(t.workspace.id, 1)).run();
      }
    }
    audit(ws, before.userName, 'workspace', '1', 'update', patch);
  })();
  return readSettings(ws);
}

export function audit(ws: OpenedWorkspace, user: string, entity: string, entityId: string, action: string, changes: unknown): void {
  ws.db.insert(t.auditLog).values({ at: new Date().toISOString(), user, entity, entityId, action, changes: changes as object }).run();
}

/** Tolerant kommun lookup among all 49 (case, diacritics, "kommun"/"stad" suffix, genitive s, SCB code). */
export function kommunMatcher(ws: OpenedWorkspace): (name: string) => { code: string; name: string } | null {
  const all = ws.db.select().from(t.refKommuner).all();
  const byKey = new Map<string, { code: string; name: string }>();
  for (const k of all) {
    byKey.set(normalizeKommun(k.name), { code: k.code, name: k.name });
    byKey.set(k.code, { code: k.code, name: k.name });
  }
  return (raw: string) => {
    const trimmed = raw.trim();
    const code = /^(\d{4})\b/.exec(trimmed)?.[1];
    if (code && byKey.has(code)) return byKey.get(code)!;
    const key = normalizeKommun(trimmed);
    if (byKey.has(key)) return byKey.get(key)!;
    if (key.endsWith('s') && byKey.has(key.slice(0, -1))) return byKey.get(key.slice(0, -1))!;
    return null;
  };
}

export function workspaceCounts(ws: OpenedWorkspace): { deviations: number; disputes: number; lessons: number; precedents: number; quarantineOpen: number; lastImportOn: string | null } {
  const q = (s: string) => Number(ws.sqlite.prepare(s).pluck().get() ?? 0);
  const last = ws.sqlite.prepare(`SELECT max(imported_on) FROM import_batches WHERE kind IN ('deviations','disputes')`).pluck().get() as string | null;
  return {
    deviations: q('SELECT count(*) FROM deviations'),
    disputes: q('SELECT count(*) FROM disputes'),
    lessons: q('SELECT count(*) FROM lessons'),
    precedents: q('SELECT count(*) FROM precedents'),
    quarantineOpen: q(`SELECT count(*) FROM quarantine WHERE status = 'open'`),
    lastImportOn: last ?? null,
  };
}

