import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { buildDemoWorkspace, demoCalendar } from './demo';
import { findIdentityNumbers, scanPersonalData } from '../privacy/pnr';
import { categoryCodes } from '../../../shared/domain/enums';
import type { OpenedWorkspace } from '../db/open-workspace';
import { anhojSignal } from './test-helpers';

const root = path.resolve(__dirname, '../../..');
let dir: string;
let ws: OpenedWorkspace;
const today = new Date(2026, 10, 23, 12); // 23 Nov 2026, local time

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-demo-'));
  ws = await buildDemoWorkspace(path.join(dir, 'demo.samsyn'), { delregionId: 'fyrbodal', seed: 1, today });
});
afterAll(() => {
  ws?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const all = <T>(db: Database.Database, sql: string) => db.prepare(sql).all() as T[];
const one = <T>(db: Database.Database, sql: string) => db.prepare(sql).get() as T;

describe('demo workspace', () => {
  it('holds about two years of deviations up to the month before today, through real imports', () => {
    const db = ws.sqlite;
    const s = one<{ n: number; min: string; max: string }>(db, 'SELECT count(*) n, min(reported_at) min, max(reported_at) max FROM deviations');
    expect(s.n).toBeGreaterThanOrEqual(2000);
    expect(s.n).toBeLessThanOrEqual(3000);
    expect(s.min.slice(0, 7)).toBe('2024-11');
    expect(s.max.slice(0, 7)).toBe('2026-10');
    const months = all<{ m: string; c: number }>(db, `SELECT substr(reported_at, 1, 7) m, count(*) c FROM deviations GROUP BY m ORDER BY m`);
    expect(months).toHaveLength(24);
    expect(anhojSignal(months.map((m) => m.c))).toBe(true);
    const batches = all<{ kind: string; rows: number; inserted: number; updated: number; unchanged: number; quarantined: number; outside_delregion: number; duplicates_in_file: number; report: string; imported_on: string }>(
      db,
      'SELECT * FROM import_batches ORDER BY id',
    );
    expect(batches.filter((b) => b.kind === 'deviations')).toHaveLength(8);
    expect(batches.filter((b) => b.kind === 'disputes')).toHaveLength(2);
    for (const b of batches) {
      expect(b.rows).toBe(b.inserted + b.updated + b.unchanged + b.quarantined + b.outside_delregion + b.duplicates_in_file);
      expect(JSON.parse(b.report).rows).toBe(b.rows);
      expect(b.imported_on <= demoCalendar(today).todayIso).toBe(true);
    }
    expect(batches.some((b) => b.updated > 0)).toBe(true);
    expect(one<{ n: number }>(db, 'SELECT count(*) n FROM deviation_history').n).toBeGreaterThan(0);
    expect(one<{ n: number }>(db, `SELECT count(*) n FROM quarantine WHERE status = 'open'`).n).toBeGreaterThan(0);
    expect(one<{ n: number }>(db, 'SELECT count(*) n FROM mapping_profiles').n).toBe(1);
  });

  it('covers all 13 areas and all party types on both sides', () => {
    const db = ws.sqlite;
    expect(all<{ category: string }>(db, 'SELECT DISTINCT category FROM deviations').map((r) => r.category).sort()).toEqual([...categoryCodes].sort());
    const flows = all<{ a: string; b: string }>(db, 'SELECT DISTINCT reporting_party_type a, receiving_party_type b FROM deviations');
    expect(new Set(flows.map((f) => f.a))).toEqual(new Set(['kommun', 'region', 'privat']));
    expect(new Set(flows.map((f) => f.b))).toEqual(new Set(['kommun', 'region', 'privat']));
    expect(flows).toHaveLength(9);
    expect(one<{ n: number }>(db, 'SELECT count(DISTINCT kommun_code) n FROM deviations').n).toBe(14);
    expect(all<{ status: string }>(db, 'SELECT DISTINCT status FROM deviations').map((r) => r.status).sort()).toEqual(['avslutad', 'besvarad', 'ny', 'pagaende']);
  });

  it('has 40+ disputes across the escalation ladder', () => {
    const db = ws.sqlite;
    const d = one<Record<string, number>>(
      db,
      `SELECT count(*) n,
        sum(resolved_at IS NULL AND step2_at IS NULL) open1,
        sum(resolved_at IS NULL AND step2_at IS NOT NULL AND step3_at IS NULL) open2,
        sum(resolved_at IS NULL AND step3_at IS NOT NULL) open3,
        sum(resolution_step = 1) res1, sum(resolution_step = 2) res2, sum(resolution_step = 3) res3,
        sum(outcome = 'ekonomisk_reglering' AND settlement_sek > 0) eco,
        sum(outcome = 'allman_domstol') court,
        sum(principled) principled, sum(temporary_solution) temp,
        sum(temporary_solution AND temporary_solution_text IS NOT NULL) tempText,
        sum(linked_deviations <> '[]') linked
       FROM disputes`,
    );
    expect(d.n).toBeGreaterThanOrEqual(40);
    for (const k of ['open1', 'open2', 'open3', 'res1', 'res2', 'res3', 'court', 'principled', 'temp', 'linked']) expect(d[k], k).toBeGreaterThanOrEqual(1);
    expect(d.eco).toBeGreaterThanOrEqual(1);
    expect(d.tempText).toBe(d.temp);
    // Linked deviations exist in the workspace.
    const links = all<{ l: string }>(db, 'SELECT linked_deviations l FROM disputes').flatMap((r) => JSON.parse(r.l) as string[]);
    const known = db.prepare('SELECT 1 FROM deviations WHERE external_id = ?');
    expect(links.filter((id) => known.get(id)).length).toBeGreaterThan(links.length * 0.9);
    const events = new Set(all<{ type: string }>(db, 'SELECT DISTINCT type FROM dispute_events').map((r) => r.type));
    for (const t of ['opened', 'step2', 'step3', 'resolved', 'temporary_solution', 'settlement', 'note']) expect(events.has(t), t).toBe(true);
  });

  it('has lessons and precedents in every promised state', () => {
    const db = ws.sqlite;
    const lessons = all<{ case_kind: string; case_id: number; cause: string; recorded_on: string }>(db, 'SELECT * FROM lessons');
    expect(lessons.length).toBeGreaterThanOrEqual(8);
    expect(new Set(lessons.map((l) => l.case_kind))).toEqual(new Set(['deviation', 'dispute']));
    for (const l of lessons) {
      const table = l.case_kind === 'deviation' ? 'deviations' : 'disputes';
      expect(db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(l.case_id)).toBeTruthy();
      expect(l.recorded_on <= '2026-11-23').toBe(true);
    }
    const ps = all<{ id: string; kind: string; status: string; decided_at: string | null; superseded_by: string | null; decision_points: string; origin_publisher: string; local_case_kind: string | null }>(
      db,
      'SELECT * FROM precedents',
    );
    expect(ps.length).toBeGreaterThanOrEqual(4);
    expect(ps.length).toBeLessThanOrEqual(6);
    for (const p of ps) expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ps.map((p) => p.status))).toEqual(new Set(['utkast', 'granskad', 'vägledande', 'ersatt']));
    expect(ps.filter((p) => p.status === 'vägledande').every((p) => p.decided_at)).toBe(true);
    const replaced = ps.find((p) => p.status === 'ersatt')!;
    expect(ps.some((p) => p.id === replaced.superseded_by)).toBe(true);
    const patient = ps.find((p) => p.kind === 'patientfall')!;
    expect(JSON.parse(patient.decision_points).length).toBeGreaterThanOrEqual(3);
    expect(ps.some((p) => p.local_case_kind === 'dispute')).toBe(true);
    expect(ps.every((p) => p.origin_publisher === 'Demoanvändare')).toBe(true);
    // Indexed for search.
    expect(one<{ n: number }>(db, `SELECT count(*) n FROM search_fts WHERE search_fts MATCH 'siv'`).n).toBeGreaterThan(0);
  });

  it('contains no identity number (nor phone number or e-mail) in any text column', () => {
    const db = ws.sqlite;
    const texts = [
      ...all<{ t: string | null }>(db, 'SELECT description t FROM deviations UNION ALL SELECT action FROM deviations'),
      ...all<{ t: string | null }>(db, 'SELECT summary t FROM disputes UNION ALL SELECT temporary_solution_text FROM disputes UNION ALL SELECT note FROM dispute_events'),
      ...all<{ t: string | null }>(db, 'SELECT text t FROM lessons UNION ALL SELECT recommended_practice FROM lessons'),
      ...all<{ t: string | null }>(db, `SELECT title || ' ' || facts || ' ' || question || ' ' || resolution || ' ' || principle || ' ' || decision_points t FROM precedents`),
      ...all<{ t: string | null }>(db, 'SELECT raw t FROM quarantine'),
    ];
    expect(texts.length).toBeGreaterThan(5000);
    for (const { t } of texts) {
      if (!t) continue;
      expect(findIdentityNumbers(t), t).toEqual([]);
      expect(scanPersonalData(t), t).toEqual([]);
    }
    expect(one<{ n: number }>(db, 'SELECT sum(pseudonymised) n FROM import_batches').n).toBe(0);
  });

  it('is deterministic for a seed, and another seed or delregion gives another workspace', async () => {
    const dump = (w: OpenedWorkspace) =>
      JSON.stringify([
        all(w.sqlite, 'SELECT external_id, reported_at, reporting_org, receiving_org, kommun, category, status, answered_at, closed_at, description, action, content_hash FROM deviations ORDER BY id'),
        all(w.sqlite, 'SELECT external_id, opened_at, party_a, party_b, area, step2_at, step3_at, resolved_at, outcome, settlement_sek, linked_deviations FROM disputes ORDER BY id'),
        all(w.sqlite, 'SELECT id, title, status, decided_at, superseded_by FROM precedents ORDER BY id'),
        all(w.sqlite, 'SELECT case_kind, case_id, text, recorded_on FROM lessons ORDER BY id'),
        all(w.sqlite, 'SELECT file_name, sha256, rows, inserted, updated FROM import_batches ORDER BY id'),
      ]);
    const again = await buildDemoWorkspace(path.join(dir, 'again.samsyn'), { delregionId: 'fyrbodal', seed: 1, today });
    const other = await buildDemoWorkspace(path.join(dir, 'other.samsyn'), { delregionId: 'fyrbodal', seed: 2, today });
    const skaraborg = await buildDemoWorkspace(path.join(dir, 'skaraborg.samsyn'), { delregionId: 'skaraborg', seed: 1, today });
    try {
      expect(dump(again)).toBe(dump(ws));
      expect(dump(other)).not.toBe(dump(ws));
      expect(one<{ n: number }>(skaraborg.sqlite, 'SELECT count(DISTINCT kommun_code) n FROM deviations').n).toBe(15);
      expect(one<{ n: number }>(skaraborg.sqlite, 'SELECT count(*) n FROM disputes').n).toBeGreaterThanOrEqual(40);
    } finally {
      again.close();
      other.close();
      skaraborg.close();
    }
  });

  it('refuses to overwrite an existing file', async () => {
    await expect(buildDemoWorkspace(path.join(dir, 'demo.samsyn'), { delregionId: 'fyrbodal', seed: 1, today })).rejects.toThrow(/finns redan/);
  });
});

describe('samsyn demo / samsyn generate (CLI end to end)', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [path.join(root, 'bin/samsyn.mjs'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, SAMSYN_HOME: path.join(dir, 'home') },
    });

  it('demo creates a workspace, prints a summary and refuses to overwrite', () => {
    const db = path.join(dir, 'cli-demo.samsyn');
    const r = cli(['demo', '--db', db, '--seed', '3', '--today', '2026-11-23']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Demoarbetsytan cli-demo\.samsyn är skapad för Fyrbodal \(frö 3\): [\d\s\u00a0]+ avvikelser, 44 oenigheter\/tvister/);
    const again = cli(['demo', '--db', db]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/finns redan/);
    const j = cli(['demo', '--db', path.join(dir, 'cli-demo2.samsyn'), '--delregion', 'sjuharad', '--json', '--today', '2026-11-23']);
    expect(j.status).toBe(0);
    const info = JSON.parse(j.stdout);
    expect(info.settings.delregionId).toBe('sjuharad');
    expect(info.counts.disputes).toBe(44);
    expect(info.counts.deviations).toBeGreaterThan(2000);
    expect(cli(['demo', '--db', path.join(dir, 'x.samsyn'), '--delregion', 'nowhere']).status).toBe(1);
    expect(cli(['demo']).status).toBe(2);
  });

  it('generate writes deterministic CSV files that the importer takes', () => {
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    const r = cli(['generate', '--out', a, '--rows', '5000', '--seed', '4', '--plant-pnr', '12', '--invalid-share', '0.01', '--outside-share', '0.02', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({ file: a, kind: 'deviations', rows: 5000, seed: 4, bytes: fs.statSync(a).size });
    expect(cli(['generate', '--out', b, '--rows', '5000', '--seed', '4', '--plant-pnr', '12', '--invalid-share', '0.01', '--outside-share', '0.02']).stdout).toMatch(/^Skrev 5[\s\u00a0]000 syntetiska avvikelser/);
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
    expect(findIdentityNumbers(fs.readFileSync(a, 'utf8'))).toHaveLength(12);

    const c = path.join(dir, 'c.csv');
    expect(cli(['generate', '--out', c, '--rows', '5000', '--seed', '5', '--encoding', 'cp1252']).status).toBe(0);
    expect(fs.readFileSync(c).equals(fs.readFileSync(a))).toBe(false);

    const d = path.join(dir, 'd.csv');
    const rd = cli(['generate', '--out', d, '--rows', '40', '--kind', 'disputes', '--json']);
    expect(rd.status, rd.stderr).toBe(0);
    expect(JSON.parse(rd.stdout).rows).toBe(40);
    expect(fs.readFileSync(d, 'utf8').split('\r\n')[0]).toMatch(/^Ärendenummer;Startdatum;Part 1;Part 2;Område/);

    // Through the real importer: balanced counts, every planted number pseudonymised.
    const ws2 = path.join(dir, 'imp.samsyn');
    expect(cli(['init', '--db', ws2, '--delregion', 'fyrbodal']).status).toBe(0);
    const imp = cli(['import', 'deviations', a, '--db', ws2, '--json']);
    expect(imp.status, imp.stderr).toBe(0);
    const rep = JSON.parse(imp.stdout).files[0];
    expect(rep.rows).toBe(5000);
    expect(rep.pseudonymised).toBe(12);
    expect(rep.outsideDelregion).toBeGreaterThan(50);
    expect(rep.quarantined).toBeGreaterThan(10);
    expect(rep.inserted + rep.quarantined + rep.outsideDelregion + rep.duplicatesInFile).toBe(5000);

    expect(cli(['generate', '--rows', '5']).status).toBe(2);
    expect(cli(['generate', '--out', path.join(dir, 'e.csv'), '--rows', 'many']).status).toBe(1);
    expect(cli(['generate', '--out', path.join(dir, 'e.csv'), '--rows', '5', '--encoding', 'latin9']).status).toBe(2);
  });
});
