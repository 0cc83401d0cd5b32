/**
 * The per-day summary tables (summary.ts): exact through every writer, and the figures computed
 * from them equal the figures computed from the rows with the drill-down's per-row predicates.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { importFile } from '../import/import-file';
import { addSynonym } from '../import/categories';
import { fixQuarantine } from '../import/quarantine';
import { devCells, rng, SKARABORG_KOMMUNER, STD_HEADERS, tempWorkspace, toCsv, TEST_TODAY, type DevRow, type TestWorkspace } from '../import/test-helpers';
import { readSettings } from '../workspace/workspace';
import { openWorkspace } from '../db/open-workspace';
import { migrationsFolder } from '../paths';
import { forgetMigrationsAfter } from '../db/test-helpers';
import { addDays } from '../../../shared/dates';
import { computeIndicators, type ComputeEnv, type FigureSource } from './compute';
import { refreshSummary, summaryDifferences, touchDays } from './summary';
import { dev, testWorkspace, type TestWs } from './test-fixtures';

let t: TestWorkspace | undefined;
let tw: TestWs | undefined;
afterEach(() => {
  t?.cleanup();
  tw?.cleanup();
  t = tw = undefined;
});

const ORGS: [string, string][] = [
  ['Skövde kommun hemsjukvård', 'Kommun'],
  ['Skaraborgs Sjukhus Skövde', 'Region'],
  ['Närhälsan Hjo vårdcentral', 'VGR'],
  ['Capio Vårdcentral Mariestad', 'Privat'],
];
// 'Bemötande' is unknown (stored as övrigt) until a synonym maps it
const LABELS = ['Läkemedel', 'SIP', 'Hjälpmedel', 'In- och utskrivning', 'Bemötande', 'Hemsjukvård'];

/** Rows over 2024–2025 with varied answer and close lags (0–150 days), missing dates and severities. */
function genRows(n: number, seed: number, prefix: string): DevRow[] {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const rows: DevRow[] = [];
  for (let i = 0; i < n; i++) {
    const reported = addDays('2024-01-01', Math.floor(r() * 731));
    const answered = r() < 0.25 ? '' : addDays(reported, Math.floor(r() * 120));
    const closed = answered && r() < 0.6 ? addDays(answered, Math.floor(r() * 30)) : '';
    const [repOrg, repType] = pick(ORGS);
    const [recOrg, recType] = pick(ORGS);
    rows.push({
      id: `${prefix}-${String(i + 1).padStart(5, '0')}`,
      reported,
      occurred: reported,
      repOrg,
      repType,
      recOrg,
      recType,
      kommun: pick(SKARABORG_KOMMUNER),
      category: pick(LABELS),
      severity: r() < 0.15 ? '' : String(1 + Math.floor(r() * 4)),
      status: closed ? 'Avslutad' : answered ? 'Besvarad' : 'Ny',
      answered,
      closed,
      description: 'Text',
      action: '',
    });
  }
  return rows;
}

const PERIODS = [
  { from: '2024-01-01', to: '2024-03-31' },
  { from: '2024-10-01', to: '2024-12-31' },
  { from: '2025-04-01', to: '2025-06-30' },
  { from: '2025-07-01', to: '2025-12-31' },
  { from: '2024-01-01', to: '2024-12-31' },
  { from: '2024-02-15', to: '2025-03-03' },
  { from: '2025-11-01', to: '2025-11-30' },
];
const AS_OF = ['2024-06-30', '2025-01-15', '2025-12-31', '2026-06-01'];
const DEADLINES = [0, 14, 60];

function env(ws: TestWorkspace['ws'], source: FigureSource): ComputeEnv {
  const s = readSettings(ws);
  return { sqlite: ws.sqlite, delregionId: s.delregionId, kommuner: s.kommuner, defaultDeadlineDays: s.deadlineDays, now: TEST_TODAY, source };
}

/** Every (period, as-of, deadline) whose figures differ between the summary and the rows. */
function mismatches(ws: TestWorkspace['ws']): string[] {
  const out: string[] = [];
  for (const p of PERIODS) {
    for (const asOf of AS_OF) {
      for (const deadlineDays of DEADLINES) {
        const input = { ...p, asOf, deadlineDays };
        const a = computeIndicators(env(ws, 'summary'), input).indicators;
        const b = computeIndicators(env(ws, 'rows'), input).indicators;
        if (JSON.stringify(a) !== JSON.stringify(b)) out.push(JSON.stringify(input));
      }
    }
  }
  return out;
}

/** The summary and the rows agree, and the compared figures are not trivial. */
function expectExact(ws: TestWorkspace['ws']): void {
  expect(summaryDifferences(ws.sqlite)).toEqual([]);
  expect(mismatches(ws)).toEqual([]);
  const v = computeIndicators(env(ws, 'summary'), { from: '2024-01-01', to: '2025-12-31', asOf: '2025-12-31', deadlineDays: 30 }).indicators;
  expect(v['dev.count']).toBeGreaterThan(100);
  expect(v['dev.answeredWithinDeadline'].numerator).toBeGreaterThan(0);
  expect(v['dev.answeredWithinDeadline'].numerator).toBeLessThan(v['dev.answeredWithinDeadline'].denominator);
  expect(v['dev.closedShare'].numerator).toBeGreaterThan(0);
  expect(v['dev.recurring'].numerator).toBeGreaterThan(0);
  expect(v['dev.severe']).toBeGreaterThan(0);
}

const imp = (rows: DevRow[], name: string) =>
  importFile(t!.ws, { bytes: new Uint8Array(toCsv(STD_HEADERS, rows.map(devCells))) }, name, { kind: 'deviations', now: TEST_TODAY });

describe('dashboard summary tables', () => {
  it('stay exact through imports, a re-import with changes, a quarantine fix and a category re-mapping', async () => {
    t = await tempWorkspace();
    const s = t.ws.sqlite;
    const all = genRows(900, 11, 'MC');

    // 1. two overlapping imports (the second: 200 unchanged, 400 new) and one invalid row
    const bad = { ...all[0]!, id: 'MC-BAD', reported: 'igår' };
    expect(await imp([...all.slice(0, 500), bad], 'a.csv')).toMatchObject({ inserted: 500, quarantined: 1 });
    expectExact(t.ws);
    expect(await imp(all.slice(300, 900), 'b.csv')).toMatchObject({ inserted: 400, unchanged: 200 });
    expectExact(t.ws);

    // 2. a newer export: rows moved to other days, answered / closed later or earlier, other
    //    category, severity, kommun and party types
    const r = rng(5);
    const changed = all.map((row, i) => {
      if (i % 7 !== 0) return row;
      const c = { ...row };
      if (i % 2 === 0) c.reported = c.occurred = addDays(row.reported, -Math.floor(r() * 40));
      if (i % 3 === 0) {
        c.answered = addDays(c.reported, Math.floor(r() * 90));
        c.closed = r() < 0.5 ? addDays(c.answered, 3) : '';
        c.status = c.closed ? 'Avslutad' : 'Besvarad';
      }
      if (i % 5 === 0) c.category = LABELS[(LABELS.indexOf(row.category) + 1) % LABELS.length]!;
      if (i % 11 === 0) c.severity = c.severity === '' ? '4' : '';
      if (i % 13 === 0) c.kommun = SKARABORG_KOMMUNER[(SKARABORG_KOMMUNER.indexOf(row.kommun) + 1) % SKARABORG_KOMMUNER.length]!;
      if (i % 17 === 0) [c.repOrg, c.repType, c.recOrg, c.recType] = [row.recOrg, row.recType, row.repOrg, row.repType];
      return c;
    });
    const r3 = await imp(changed, 'c.csv');
    expect(r3.updated).toBeGreaterThan(100);
    expectExact(t.ws);

    // 3. the quarantined row fixed
    const qid = s.prepare(`SELECT id FROM quarantine WHERE status = 'open'`).pluck().get() as number;
    const day = all[0]!.reported;
    const n0 = Number(s.prepare(`SELECT n FROM dev_sum_day WHERE reported_at = ?`).pluck().get(day) ?? 0);
    expect(fixQuarantine(t.ws, qid, { Registreringsdatum: day, Händelsedatum: day }, TEST_TODAY).result).toBe('inserted');
    expect(s.prepare(`SELECT n FROM dev_sum_day WHERE reported_at = ?`).pluck().get(day)).toBe(n0 + 1);
    expectExact(t.ws);

    // 4. 'Bemötande' re-mapped from övrigt to egenvård
    const before = Number(s.prepare(`SELECT coalesce(sum(n), 0) FROM dev_sum_category_flow WHERE category = 'egenvard'`).pluck().get());
    const moved = addSynonym(s, 'Bemötande', 'egenvard', TEST_TODAY).remapped.deviations;
    expect(moved).toBeGreaterThan(50);
    expect(Number(s.prepare(`SELECT sum(n) FROM dev_sum_category_flow WHERE category = 'egenvard'`).pluck().get())).toBe(before + moved);
    expectExact(t.ws);
  });

  it('an import rewriting every stored row (most days refreshed at once) empties the days its rows left', async () => {
    t = await tempWorkspace();
    const s = t.ws.sqlite;
    const rows = genRows(300, 21, 'R');
    await imp(rows, 'a.csv');
    const day = rows[0]!.reported;
    const n0 = Number(s.prepare(`SELECT n FROM dev_sum_day WHERE reported_at = ?`).pluck().get(day));
    // every row changed (severity); every row of `day` moved to 2023-06-01
    const moved = rows.map((r) => ({ ...r, severity: r.severity === '4' ? '1' : '4', ...(r.reported === day ? { reported: '2023-06-01', occurred: '2023-06-01' } : {}) }));
    expect(await imp(moved, 'b.csv')).toMatchObject({ updated: 300 });
    expect(s.prepare(`SELECT count(*) FROM dev_sum_day WHERE reported_at = ?`).pluck().get(day)).toBe(0);
    expect(s.prepare(`SELECT n FROM dev_sum_day WHERE reported_at = '2023-06-01'`).pluck().get()).toBe(n0);
    expectExact(t.ws);
  });

  it('a write that leaves the summary stale is caught by the comparison, and refreshing its day repairs it', async () => {
    t = await tempWorkspace();
    const s = t.ws.sqlite;
    await imp(genRows(400, 3, 'X'), 'a.csv');
    expectExact(t.ws);
    const row = s
      .prepare(`SELECT id, reported_at FROM deviations WHERE answered_at IS NOT NULL AND (severity IS NULL OR severity < 3) AND reported_at BETWEEN '2025-04-01' AND '2025-06-30' LIMIT 1`)
      .get() as {
      id: number;
      reported_at: string;
    };
    // a writer that forgets the summary
    s.prepare(`UPDATE deviations SET answered_at = NULL, severity = 4 WHERE id = ?`).run(row.id);
    expect([...new Set(summaryDifferences(s).map((d) => d.table))].sort()).toEqual(['dev_sum_answered', 'dev_sum_day']);
    expect(mismatches(t.ws).length).toBeGreaterThan(0);
    s.transaction(() => {
      touchDays(s, [row.reported_at]);
      expect(refreshSummary(s)).toBe(1);
    })();
    expectExact(t.ws);
  });

  it('holds hand-computed rows, NULL dates included, and follows recurring flags changed on other days', async () => {
    tw = await testWorkspace();
    const s = tw.sqlite;
    const same = { category: 'sip', rOrg: 'Skövde kommun', recOrg: 'Skaraborgs Sjukhus' };
    dev(s, { reported: '2026-01-10', answered: '2026-01-20', severity: 3, ...same });
    dev(s, { reported: '2026-01-10', closed: null, severity: null, kommunCode: '1495', kommun: 'Skara', rType: 'region', recType: 'kommun' });
    dev(s, { reported: '2026-02-10', answered: '2026-02-11', closed: '2026-02-20', severity: 4, ...same });
    dev(s, { reported: '2026-03-10', ...same });
    const rows = (sql: string) => s.prepare(sql).raw().all();
    // (reported_at, n, severe, recurring, unanswered, unclosed);
    // sip Skövde→Sjukhus on 01-10, 02-10, 03-10: only 03-10 has three in its 364 days
    expect(rows(`SELECT reported_at, n, severe, recurring, unanswered, unclosed FROM dev_sum_day ORDER BY reported_at`)).toEqual([
      ['2026-01-10', 2, 1, 0, 1, 2],
      ['2026-02-10', 1, 1, 0, 0, 0],
      ['2026-03-10', 1, 0, 1, 1, 1],
    ]);
    expect(rows(`SELECT reported_at, answered_at, n FROM dev_sum_answered ORDER BY reported_at, answered_at`)).toEqual([
      ['2026-01-10', '2026-01-20', 1],
      ['2026-02-10', '2026-02-11', 1],
    ]);
    expect(rows(`SELECT reported_at, closed_at, n FROM dev_sum_closed ORDER BY reported_at, closed_at`)).toEqual([['2026-02-10', '2026-02-20', 1]]);
    expect(rows(`SELECT reported_at, category, reporting_party_type, receiving_party_type, n FROM dev_sum_category_flow ORDER BY 1, 2, 3, 4`)).toEqual([
      ['2026-01-10', 'lakemedel', 'region', 'kommun', 1],
      ['2026-01-10', 'sip', 'kommun', 'region', 1],
      ['2026-02-10', 'sip', 'kommun', 'region', 1],
      ['2026-03-10', 'sip', 'kommun', 'region', 1],
    ]);
    expect(rows(`SELECT * FROM dev_sum_kommun ORDER BY 1, 2`)).toEqual([
      ['2026-01-10', '1495', 1],
      ['2026-01-10', '1496', 1],
      ['2026-02-10', '1496', 1],
      ['2026-03-10', '1496', 1],
    ]);
    // a fourth on 01-05: 02-10 now has 01-05, 01-10, 02-10 → recurring; its day was not written
    dev(s, { reported: '2026-01-05', ...same });
    expect(rows(`SELECT reported_at, n, severe, recurring, unanswered, unclosed FROM dev_sum_day ORDER BY reported_at`)).toEqual([
      ['2026-01-05', 1, 0, 0, 1, 1],
      ['2026-01-10', 2, 1, 0, 1, 2],
      ['2026-02-10', 1, 1, 1, 0, 0],
      ['2026-03-10', 1, 0, 1, 1, 1],
    ]);
    expect(summaryDifferences(s)).toEqual([]);
  });

  it('migration 0006 fills the summary from the rows a workspace already holds', async () => {
    tw = await testWorkspace();
    const s = tw.sqlite;
    dev(s, { reported: '2025-03-01', answered: '2025-03-05', severity: 3 });
    dev(s, { reported: '2025-03-01' });
    dev(s, { reported: '2025-04-02', answered: '2025-04-03', closed: '2025-04-30' });
    // the workspace as it was before 0006: no summary tables, no migration row (nor later ones)
    forgetMigrationsAfter(s, '0006_');
    const when = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')).entries.find((e: { tag: string }) => e.tag.startsWith('0006_')).when as number;
    for (const table of ['dev_sum_day', 'dev_sum_category_flow', 'dev_sum_kommun', 'dev_sum_answered', 'dev_sum_closed']) s.exec(`DROP TABLE ${table}`);
    expect(s.prepare(`DELETE FROM __drizzle_migrations WHERE created_at = ?`).run(when).changes).toBe(1);
    const file = tw.ws.path;
    tw.ctx.session.close();
    const ws = await openWorkspace(file);
    try {
      const sq: Database.Database = ws.sqlite;
      expect(sq.prepare(`SELECT reported_at, n, severe, recurring, unanswered, unclosed FROM dev_sum_day ORDER BY reported_at`).raw().all()).toEqual([
        ['2025-03-01', 2, 1, 0, 1, 2],
        ['2025-04-02', 1, 0, 0, 0, 0],
      ]);
      expect(sq.prepare(`SELECT reported_at, answered_at, n FROM dev_sum_answered ORDER BY 1, 2`).raw().all()).toEqual([
        ['2025-03-01', '2025-03-05', 1],
        ['2025-04-02', '2025-04-03', 1],
      ]);
      expect(sq.prepare(`SELECT reported_at, closed_at, n FROM dev_sum_closed ORDER BY 1, 2`).raw().all()).toEqual([['2025-04-02', '2025-04-30', 1]]);
      expect(summaryDifferences(sq)).toEqual([]);
    } finally {
      ws.close();
    }
  });
});
