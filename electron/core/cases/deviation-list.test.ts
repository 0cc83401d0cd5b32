/**
 * The deviation list's plans (deviation-list.ts) against a plain reference query, on a workspace
 * small enough to check every row but with the plan limits lowered so that every path runs:
 * FTS-first, the chunked walk with IN lists and FTS5 id ranges, the switch to all of a word's rows,
 * exact index counts, counts up to the cap, and counts stopped by the work budget or the deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../demo/generator';
import { prefixQuery } from '../precedents/fts';
import { makeFixture, type Fixture } from './test-fixtures';
import { listTuning, roundBelow } from './deviation-list';

let f: Fixture;
const saved = { ...listTuning };

const ORGS: [string, 'kommun' | 'region' | 'privat'][] = [
  ['Skövde kommun', 'kommun'],
  ['Skaraborgs Sjukhus', 'region'],
  ['Falköpings kommun', 'kommun'],
  ['Vårdcentralen Hjärtat', 'privat'],
  ['Närhälsan Skövde', 'region'],
  ['Mariestads kommun', 'kommun'],
];
const KOMMUNER: [string, string][] = [
  ['1496', 'Skövde'],
  ['1499', 'Falköping'],
  ['1493', 'Mariestad'],
  ['1495', 'Skara'],
  ['1447', 'Gullspång'],
];
const CATS = ['in_utskrivning', 'lakemedel', 'hjalpmedel', 'sip', 'information', 'vardhygien'];
const STATUS = ['ny', 'pagaende', 'besvarad', 'avslutad'];
// prefix families (patient…, utskriv…), a common word, rare words, diacritics
const WORDS = ['patienten', 'patientens', 'patient', 'utskrivning', 'utskrivningsklar', 'utskriven', 'saknades', 'hemgång', 'läkemedelslista', 'insulin', 'rullstol', 'överrapportering', 'SIP', 'kallelse', 'åtgärd', 'delegering'];

function day(n: number): string {
  return new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  f = await makeFixture();
  const rng = new Rng(7);
  const db = f.ws.sqlite;
  const ins = db.prepare(
    `INSERT INTO deviations (source_system, external_id, reported_at, reporting_org, reporting_party_type, receiving_org, receiving_party_type,
      kommun_code, kommun, category, severity, status, description, content_hash, created_at, updated_at)
     VALUES ('MC', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'h', 'x', 'x')`,
  );
  db.transaction(() => {
    for (let i = 0; i < 1600; i++) {
      // most rows imported roughly in date order (ids follow dates, with jitter); the last 400 back-dated at random
      const d = i < 1200 ? Math.max(0, Math.min(729, Math.floor(i * 0.6) + rng.int(-25, 25))) : rng.int(0, 729);
      const rep = rng.pick(ORGS);
      const rec = rng.next() < 0.05 ? rep : rng.pick(ORGS); // sometimes the same organisation on both sides
      const [kc, kn] = rng.pick(KOMMUNER);
      const words: string[] = [];
      if (rng.next() < 0.6) words.push('patienten');
      for (let w = 0; w < 4; w++) if (rng.next() < 0.35) words.push(rng.pick(WORDS));
      if (rng.next() < 0.01) words.push('sällsynt');
      ins.run(`AV-${i}`, day(d), rep[0], rep[1], rec[0], rec[1], kc, kn, rng.pick(CATS), rng.next() < 0.1 ? null : rng.int(1, 4), rng.pick(STATUS), words.join(' ') || null);
    }
  })();
  const ids = db.prepare('SELECT id FROM deviations').pluck().all() as number[];
  for (let i = 0; i < 40; i++) await f.call('lessons.add', { caseKind: 'deviation', caseId: rng.pick(ids), text: 'Rutinen ses över.' });
});

afterAll(() => {
  Object.assign(listTuning, saved);
  f.close();
});

type Filter = Record<string, unknown>;

/** The list by the plainest SQL: every condition as written, full text through FTS5's own prefix query. */
function reference(filter: Filter, sort: 'date_desc' | 'date_asc'): number[] {
  const w: string[] = [];
  const p: unknown[] = [];
  const add = (sql: string, ...v: unknown[]) => {
    w.push(sql);
    p.push(...v);
  };
  if (filter.from) add('d.reported_at >= ?', filter.from);
  if (filter.to) add('d.reported_at <= ?', filter.to);
  if (filter.category) add('d.category = ?', filter.category);
  if (filter.kommunCode) add('d.kommun_code = ?', filter.kommunCode);
  if (filter.status) add('d.status = ?', filter.status);
  if (filter.severity !== undefined) add('d.severity = ?', filter.severity);
  if (filter.org) add('(d.reporting_org = ? OR d.receiving_org = ?)', filter.org, filter.org);
  if (filter.partyType) add('(d.reporting_party_type = ? OR d.receiving_party_type = ?)', filter.partyType, filter.partyType);
  if (filter.hasLesson === true) add(`EXISTS (SELECT 1 FROM lessons l WHERE l.case_kind = 'deviation' AND l.case_id = d.id)`);
  if (filter.hasLesson === false) add(`NOT EXISTS (SELECT 1 FROM lessons l WHERE l.case_kind = 'deviation' AND l.case_id = d.id)`);
  if (filter.q) add('d.id IN (SELECT rowid / 4 FROM search_fts WHERE search_fts MATCH ? AND rowid % 4 = 0)', prefixQuery(String(filter.q)));
  const dir = sort === 'date_desc' ? 'DESC' : 'ASC';
  return f.ws.sqlite.prepare(`SELECT d.id FROM deviations d${w.length ? ` WHERE ${w.join(' AND ')}` : ''} ORDER BY d.reported_at ${dir}, d.id ${dir}`).pluck().all(...p) as number[];
}

/** Every page of the list, through the cursors. */
async function allPages(filter: Filter, sort: 'date_desc' | 'date_asc', limit: number) {
  const ids: number[] = [];
  let cursor: string | undefined;
  let first: { total: number; totalIsLowerBound: boolean } | null = null;
  for (let pages = 0; pages < 500; pages++) {
    const page = await f.call('cases.list', { kind: 'deviation', ...filter, sort, limit, cursor });
    first ??= { total: page.total, totalIsLowerBound: page.totalIsLowerBound };
    expect({ total: page.total, lb: page.totalIsLowerBound }).toEqual({ total: first.total, lb: first.totalIsLowerBound }); // carried in the cursor
    ids.push(...page.cases.map((c) => c.id));
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return { ids, ...first! };
}

function randomFilters(n: number, seed: number): Filter[] {
  const rng = new Rng(seed);
  const out: Filter[] = [];
  for (let i = 0; i < n; i++) {
    const x: Filter = {};
    const k = rng.int(1, 3);
    for (let j = 0; j < k; j++) {
      switch (rng.int(0, 8)) {
        case 0: {
          const a = rng.int(0, 700);
          Object.assign(x, { from: day(a), to: day(a + rng.int(0, 200)) });
          break;
        }
        case 1:
          x.category = rng.pick(CATS);
          break;
        case 2:
          x.kommunCode = rng.pick(KOMMUNER)[0];
          break;
        case 3:
          x.status = rng.pick(STATUS);
          break;
        case 4:
          x.severity = rng.int(1, 4);
          break;
        case 5:
          x.org = rng.pick(ORGS)[0];
          break;
        case 6:
          x.partyType = rng.pick(['kommun', 'region', 'privat']);
          break;
        case 7:
          x.hasLesson = rng.next() < 0.3;
          break;
        default:
          x.q = rng.pick(['patienten', 'patient', 'utskr', 'utskrivning', 'insulin', 'sällsynt', 'lakemedel', 'patienten utskr', 'hemgang', 'ø', 'xyzzy']);
      }
    }
    out.push(x);
  }
  return out;
}

describe('deviation list plans', () => {
  it('rounds a lower bound down to a number the list is known to exceed', () => {
    expect([roundBelow(1726), roundBelow(1700), roundBelow(51), roundBelow(10_001), roundBelow(100), roundBelow(2)]).toEqual([1700, 1600, 50, 10_000, 99, 1]);
    for (let k = 2; k < 5000; k += 7) expect(roundBelow(k)).toBeLessThan(k);
  });

  it('pages every filter exactly like the plain query, in both orders, with an honest total', async () => {
    Object.assign(listTuning, { countCap: 60, ftsFirstMax: 25, estimateCap: 40, countWork: 1e12, countDeadlineMs: 1e9 });
    const rng = new Rng(3);
    const filters = [
      {},
      { q: 'patienten' },
      { q: 'sällsynt' }, // few matches: read FTS-first
      { q: 'sallsynt', kommunCode: '1496' },
      { q: 'insulin kallelse', from: day(200), to: day(600) },
      { org: 'Skövde kommun' },
      { q: 'utskr', category: 'sip' },
      ...randomFilters(70, 11),
    ];
    let lowerBounds = 0;
    for (const filter of filters) {
      for (const sort of ['date_desc', 'date_asc'] as const) {
        const ref = reference(filter, sort);
        const got = await allPages(filter, sort, rng.int(5, 40));
        expect(got.ids, JSON.stringify({ filter, sort })).toEqual(ref);
        if (got.totalIsLowerBound) {
          lowerBounds++;
          expect(ref.length, JSON.stringify(filter)).toBeGreaterThan(got.total);
          expect(got.total).toBe(listTuning.countCap); // the budget never ran out here
        } else expect(got.total, JSON.stringify(filter)).toBe(ref.length);
        expect((await f.call('cases.count', { kind: 'deviation', ...filter })).total).toBe(ref.length);
      }
    }
    expect(lowerBounds).toBeGreaterThan(10);
  });

  it('every walk gives the same rows and totals (each driver forced in turn)', async () => {
    const drivers = ['date', 'cohort', 'org', 'category', 'kommun', 'status', 'severity', 'org+rows', 'category+rows', 'kommun+rows', 'status+rows', 'severity+rows'];
    const filters = [
      { category: 'lakemedel', kommunCode: '1496', from: day(100), to: day(600) },
      { org: 'Skövde kommun', status: 'besvarad', severity: 2 },
      { org: 'Falköpings kommun', partyType: 'kommun', from: day(300), to: day(729) },
      { category: 'sip', severity: 3, hasLesson: false },
      { kommunCode: '1499', status: 'ny', q: 'patienten' },
      { category: 'hjalpmedel', org: 'Skaraborgs Sjukhus', q: 'utskr', from: day(50), to: day(650) },
      ...randomFilters(25, 23),
    ];
    try {
      for (const driver of drivers) {
        Object.assign(listTuning, { countCap: 100_000, ftsFirstMax: 25, estimateCap: 40, countWork: 1e12, countDeadlineMs: 1e9, driver });
        for (const filter of filters) {
          for (const sort of ['date_desc', 'date_asc'] as const) {
            const ref = reference(filter, sort);
            const got = await allPages(filter, sort, 17);
            expect(got.ids, JSON.stringify({ driver, filter, sort })).toEqual(ref);
            expect(got.total, JSON.stringify({ driver, filter, sort })).toBe(ref.length);
            expect(got.totalIsLowerBound).toBe(false);
          }
        }
      }
    } finally {
      delete listTuning.driver;
    }
  });

  it('counts one index range exactly however large; other filters up to the cap', async () => {
    Object.assign(listTuning, { countCap: 60, ftsFirstMax: 25, estimateCap: 40, countWork: 1e12, countDeadlineMs: 1e9 });
    for (const filter of [{}, { category: 'sip' }, { from: day(100), to: day(500) }, { org: 'Skaraborgs Sjukhus' }, { kommunCode: '1496', from: day(0), to: day(400) }, { hasLesson: false }]) {
      const page = await f.call('cases.list', { kind: 'deviation', ...filter, limit: 10 });
      expect(page.totalIsLowerBound, JSON.stringify(filter)).toBe(false);
      expect(page.total).toBe(reference(filter, 'date_desc').length);
      expect(page.total).toBeGreaterThan(60);
    }
    const both = await f.call('cases.list', { kind: 'deviation', category: 'sip', kommunCode: '1496', limit: 10 });
    const n = reference({ category: 'sip', kommunCode: '1496' }, 'date_desc').length;
    expect(both.totalIsLowerBound).toBe(n > 60);
    expect(both.total).toBe(Math.min(n, 60));
  });

  it('stops counting at the work budget or the deadline and says so, while the pages stay exact', async () => {
    const filters = [{ q: 'patienten', category: 'sip' }, { category: 'lakemedel', kommunCode: '1499' }, { partyType: 'privat', status: 'besvarad' }, { org: 'Skövde kommun', q: 'utskr' }];
    for (const limits of [
      { countWork: 0, countDeadlineMs: 1e9 }, // no work allowed: the same lower bound every time
      { countWork: 1e12, countDeadlineMs: 0 }, // past the deadline at once
    ]) {
      Object.assign(listTuning, { countCap: 100_000, ftsFirstMax: 25, estimateCap: 40, ...limits });
      let bounded = 0;
      for (const filter of filters) {
        const ref = reference(filter, 'date_desc');
        const got = await allPages(filter, 'date_desc', 20);
        expect(got.ids).toEqual(ref);
        if (got.totalIsLowerBound) {
          bounded++;
          expect(ref.length).toBeGreaterThan(got.total); // "över N": always true
          expect(got.total).toBe(roundBelow(21)); // nothing counted: what the first page proves
        } else expect(got.total).toBe(ref.length);
      }
      expect(bounded, JSON.stringify(limits)).toBe(filters.filter((x) => reference(x, 'date_desc').length > 20).length);
    }
  });
});
