import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dev, disp, lesson, precedent, setPopulation, SKARABORG, testWorkspace, type TestWs } from './test-fixtures';
import { leadTimeFromHistogram } from './compute';

let t: TestWs;
beforeEach(async () => {
  t = await testWorkspace();
});
afterEach(() => t.cleanup());

const Q2 = { from: '2026-04-01', to: '2026-06-30' };

/** Population: every kommun 10 000 for 2025, Skövde only 50 000 for 2024 (and a 2027 figure that must be ignored). */
function mixedPopulation() {
  const figs = Object.entries(SKARABORG)
    .filter(([name]) => name !== 'Skövde')
    .map(([, code]) => ({ code, year: 2025, value: 10_000 }));
  figs.push({ code: SKARABORG.Skövde, year: 2024, value: 50_000 }, { code: SKARABORG.Skövde, year: 2027, value: 99_999 });
  setPopulation(t.sqlite, figs);
}

/**
 * The deviation fixture (P = Q2 2026). E = 2026-07-15 and D = 30 unless a test says otherwise,
 * so dueBy = E − 30 = 2026-06-15.
 */
function deviationFixture() {
  const s = t.sqlite;
  const ids: Record<string, number> = {};
  ids.D1 = dev(s, { reported: '2026-03-31' }); // the day before `from`: outside
  ids.D2 = dev(s, { reported: '2026-04-01', answered: '2026-04-11', closed: '2026-04-21', severity: 3, category: 'lakemedel', kommunCode: SKARABORG.Skövde, rType: 'kommun', recType: 'region' });
  ids.D3 = dev(s, { reported: '2026-06-30', answered: '2026-07-20', severity: 4, category: 'information', kommunCode: SKARABORG.Skara, kommun: 'Skara', rType: 'region', recType: 'kommun' });
  ids.D4 = dev(s, { reported: '2026-07-01' }); // the day after `to`: outside
  ids.D5 = dev(s, { reported: '2026-05-01', answered: '2026-06-15', closed: '2026-07-15', severity: 2, category: 'lakemedel', kommunCode: SKARABORG.Skövde, rType: 'kommun', recType: 'region' });
  ids.D6 = dev(s, { reported: '2026-05-10', severity: null, category: 'in_utskrivning', kommunCode: SKARABORG.Hjo, kommun: 'Hjo', rType: 'privat', recType: 'kommun' });
  ids.D7 = dev(s, { reported: '2026-06-15', severity: 1, category: 'lakemedel', kommunCode: SKARABORG.Skövde, rType: 'region', recType: 'privat' });
  ids.D8 = dev(s, { reported: '2026-06-16', category: 'sip', kommunCode: SKARABORG.Skövde, rType: 'kommun', recType: 'region' });
  ids.D9 = dev(s, { reported: '2026-04-20', answered: '2026-05-20', closed: '2026-05-25', category: 'lakemedel', kommunCode: SKARABORG.Vara, kommun: 'Vara', rType: 'kommun', recType: 'region' });
  ids.D10 = dev(s, { reported: '2026-04-02', answered: '2026-04-02', closed: '2026-04-04', category: 'information', kommunCode: SKARABORG.Skara, kommun: 'Skara', rType: 'region', recType: 'kommun' });
  return ids;
}

describe('deviation indicators', () => {
  it('counts the cohort with inclusive period edges, breakdowns, deadline and lead times', async () => {
    mixedPopulation();
    deviationFixture();
    const doc = await t.call('indicators.compute', { ...Q2, asOf: '2026-07-15', deadlineDays: 30 });
    const v = doc.indicators;
    expect(doc.period).toEqual({ from: '2026-04-01', to: '2026-06-30', asOf: '2026-07-15', deadlineDays: 30 });
    expect(doc.delregion).toBe('skaraborg');
    // cohort: D2 (= from), D3 (= to), D5, D6, D7, D8, D9, D10 → 8 (D1 the day before, D4 the day after)
    expect(v['dev.count']).toBe(8);
    // population: 14 kommuner × 10 000 (2025) + Skövde 50 000 (2024; the 2027 figure is after year(to)) = 190 000
    expect(doc.population).toEqual({ year: 2024, total: 190_000, mixedYears: true });
    // 8 / 190 000 × 10 000
    expect(v['dev.per10k']).toBeCloseTo(8 / 19, 12);
    // severity ≥ 3: D2 (3), D3 (4); D6 unknown is not severe
    expect(v['dev.severe']).toBe(2);
    // lakemedel D2 D5 D7 D9 = 4; information D3 D10 = 2; in_utskrivning D6 = 1; sip D8 = 1 (ties by code asc)
    expect(v['dev.byCategory'].map((c: any) => [c.category, c.count, c.share])).toEqual([
      ['lakemedel', 4, 0.5],
      ['information', 2, 0.25],
      ['in_utskrivning', 1, 0.125],
      ['sip', 1, 0.125],
    ]);
    expect(v['dev.byCategory'][0].label).toBe('Läkemedel');
    // kommun→region D2 D5 D8 D9 = 4; region→kommun D3 D10 = 2; privat→kommun D6; region→privat D7
    const flow = Object.fromEntries(v['dev.byFlow'].map((f: any) => [`${f.from}->${f.to}`, f.count]));
    expect(flow).toEqual({
      'kommun->kommun': 0,
      'kommun->region': 4,
      'kommun->privat': 0,
      'region->kommun': 2,
      'region->region': 0,
      'region->privat': 1,
      'privat->kommun': 1,
      'privat->region': 0,
      'privat->privat': 0,
    });
    // every kommun listed; Skövde D2 D5 D7 D8 = 4 → 4/50 000 × 10 000 = 0.8; Skara 2 → 2.0; Hjo 1, Vara 1 → 1.0
    expect(v['dev.byKommun']).toHaveLength(15);
    const k = Object.fromEntries(v['dev.byKommun'].map((x: any) => [x.kommun, [x.count, x.per10k]]));
    expect(k.Skövde).toEqual([4, 0.8]);
    expect(k.Skara).toEqual([2, 2]);
    expect(k.Hjo).toEqual([1, 1]);
    expect(k.Vara).toEqual([1, 1]);
    expect(k.Tibro).toEqual([0, 0]);
    // denominator: answered ≤ E: D2 D5 D9 D10 (D3 answered 07-20 > E); due (reported ≤ 06-15): D6, D7 (= dueBy) → 6
    // numerator: answered ≤ E and ≤ 30 days: D2 (10), D9 (30 = D), D10 (0); D5 took 45 → 3
    expect(v['dev.answeredWithinDeadline']).toEqual({ numerator: 3, denominator: 6, share: 0.5 });
    // days to answer: 0, 10, 30, 45 → even n: (10 + 30) / 2 = 20; P90 rank ceil(3.6) = 4 → 45
    expect(v['dev.daysToAnswer']).toEqual({ n: 4, median: 20, p90: 45 });
    // days to close (closed ≤ E, D5's 07-15 = E counts): D10 2, D2 20, D9 35, D5 75 → median 27.5, P90 rank 4 → 75
    expect(v['dev.daysToClose']).toEqual({ n: 4, median: 27.5, p90: 75 });
    // closed ≤ E: D2 D5 D9 D10 = 4 of 8
    expect(v['dev.closedShare']).toEqual({ numerator: 4, denominator: 8, share: 0.5 });
    // organisations are unique per row: nothing recurs
    expect(v['dev.recurring']).toEqual({ numerator: 0, denominator: 8, share: 0 });
  });

  it('applies the as-of cut-off (odd n, a due date moving)', async () => {
    mixedPopulation();
    deviationFixture();
    const v = (await t.call('indicators.compute', { ...Q2, asOf: '2026-07-14', deadlineDays: 30 })).indicators;
    // dueBy = 07-14 − 30 = 06-14: D7 (06-15) is no longer due; answered ≤ E still D2 D5 D9 D10; D6 due → 5
    expect(v['dev.answeredWithinDeadline']).toEqual({ numerator: 3, denominator: 5, share: 0.6 });
    // D5 closed 07-15 > E: 2, 20, 35 → odd n = 3: median 20, P90 rank ceil(2.7) = 3 → 35
    expect(v['dev.daysToClose']).toEqual({ n: 3, median: 20, p90: 35 });
    expect(v['dev.closedShare']).toEqual({ numerator: 3, denominator: 8, share: 0.375 });
  });

  it('counts nothing reported after the as-of date', async () => {
    deviationFixture();
    // E = 06-15 < to: D3 (06-30) and D8 (06-16) have not happened yet → D2 D5 D6 D7 D9 D10 = 6
    const v = (await t.call('indicators.compute', { ...Q2, asOf: '2026-06-15', deadlineDays: 30 })).indicators;
    expect(v['dev.count']).toBe(6);
  });

  it('returns null shares and lead times for an empty period, never NaN', async () => {
    deviationFixture();
    const v = (await t.call('indicators.compute', { from: '2020-01-01', to: '2020-03-31', asOf: '2026-07-15' })).indicators;
    expect(v['dev.count']).toBe(0);
    expect(v['dev.answeredWithinDeadline']).toEqual({ numerator: 0, denominator: 0, share: null });
    expect(v['dev.closedShare']).toEqual({ numerator: 0, denominator: 0, share: null });
    expect(v['dev.daysToAnswer']).toEqual({ n: 0, median: null, p90: null });
    expect(v['dev.byCategory']).toEqual([]);
    expect(v['disp.resolvedAtStep1'].share).toBeNull();
    expect(v['learn.lessonCoverage'].share).toBeNull();
  });

  it('uses the workspace deadline and the newest import date by default', async () => {
    deviationFixture();
    t.sqlite
      .prepare(
        `INSERT INTO import_batches (kind, file_name, file_size, sha256, source_system, imported_at, imported_on, report)
         VALUES ('deviations', 'a.csv', 1, 'x', 'test', '2026-07-15T10:00:00Z', '2026-07-15', '{}'),
                ('population', 'p.csv', 1, 'y', 'test', '2026-09-01T10:00:00Z', '2026-09-01', '{}')`,
      )
      .run();
    const doc = await t.call('indicators.compute', Q2);
    // the population batch does not count; the workspace's default deadline is 60
    expect(doc.period.asOf).toBe('2026-07-15');
    expect(doc.period.deadlineDays).toBe(60);
  });

  it('falls back to today when nothing has been imported', async () => {
    const doc = await t.call('indicators.compute', Q2);
    expect(doc.period.asOf).toBe('2026-11-23');
  });
});

describe('population', () => {
  it('gives null rates when a kommun has no figure, per-kommun rates where known', async () => {
    setPopulation(
      t.sqlite,
      Object.entries(SKARABORG)
        .filter(([name]) => name !== 'Vara')
        .map(([, code]) => ({ code, year: 2025, value: 10_000 })),
    );
    deviationFixture();
    const doc = await t.call('indicators.compute', { ...Q2, asOf: '2026-07-15' });
    expect(doc.population).toBeNull();
    expect(doc.indicators['dev.per10k']).toBeNull();
    const k = Object.fromEntries(doc.indicators['dev.byKommun'].map((x: any) => [x.kommun, x.per10k]));
    expect(k.Vara).toBeNull();
    expect(k.Skara).toBe(2); // 2 / 10 000 × 10 000
  });

  it('uses figures up to the period’s last year only', async () => {
    // every kommun has 2027 = 20 000 and 2025 = 10 000; a 2026 period uses 2025 → 15 × 10 000
    const codes = Object.values(SKARABORG);
    setPopulation(t.sqlite, [...codes.map((code) => ({ code, year: 2025, value: 10_000 })), ...codes.map((code) => ({ code, year: 2027, value: 20_000 }))]);
    const doc = await t.call('indicators.compute', { ...Q2, asOf: '2026-07-15' });
    expect(doc.population).toEqual({ year: 2025, total: 150_000, mixedYears: false });
    // a 2024 period has no figure at all
    const older = await t.call('indicators.compute', { from: '2024-01-01', to: '2024-12-31', asOf: '2026-07-15' });
    expect(older.population).toBeNull();
  });
});

describe('recurring deviations', () => {
  it('counts ≥ 3 with the same triple within [x − 364, x] over all stored deviations', async () => {
    const s = t.sqlite;
    const T1 = { category: 'hjalpmedel', rOrg: 'Skövde kommun', recOrg: 'Skaraborgs Sjukhus' };
    const T2 = { ...T1, recOrg: 'Närhälsan Hjo' };
    const T3 = { ...T1, category: 'sip' };
    // T1: 2026-05-01 − 364 days = 2025-05-02 (2025-05-01 → 2026-05-01 is 365 days): R1 on the edge is inside
    dev(s, { ...T1, reported: '2025-05-02' });
    dev(s, { ...T1, reported: '2025-06-01' });
    dev(s, { ...T1, reported: '2026-05-01' }); // x: R1, R2, x → 3 → recurring
    // T2: Q1 365 days before x is outside → Q2, x → 2 → not recurring; a later one does not count for x
    dev(s, { ...T2, reported: '2025-05-01' });
    dev(s, { ...T2, reported: '2025-06-01' });
    dev(s, { ...T2, reported: '2026-05-01' });
    dev(s, { ...T2, reported: '2026-08-01' });
    // T3: three on the same day → each has 3 (ties included)
    dev(s, { ...T3, reported: '2026-04-10' });
    dev(s, { ...T3, reported: '2026-04-10' });
    dev(s, { ...T3, reported: '2026-04-10' });
    const v = (await t.call('indicators.compute', { ...Q2, asOf: '2026-09-01' })).indicators;
    // cohort: T1 x, T2 x, T3 ×3 = 5; recurring: T1 x + T3 ×3 = 4
    expect(v['dev.recurring']).toEqual({ numerator: 4, denominator: 5, share: 0.8 });
  });
});

describe('monthly run chart', () => {
  it('starts at the earliest stored month when that is later, with zero months and no analysis below 10 points', async () => {
    deviationFixture();
    const m = (await t.call('indicators.compute', { ...Q2, asOf: '2026-07-15' })).indicators['dev.monthly'];
    // earliest D1 2026-03-31 → 2026-03..2026-06: 03: D1; 04: D2 D9 D10; 05: D5 D6; 06: D3 D7 D8 (D4 is in July)
    expect(m.points).toEqual([
      { month: '2026-03', count: 1 },
      { month: '2026-04', count: 3 },
      { month: '2026-05', count: 2 },
      { month: '2026-06', count: 3 },
    ]);
    // 4 points: median (2 + 3) / 2 = 2.5, no analysis
    expect(m.median).toBe(2.5);
    expect([m.longestRun, m.longestRunLimit, m.crossings, m.crossingsLimit, m.signal]).toEqual([null, null, null, null, false]);
  });

  it('uses the 24 months ending with month(to), zero months included', async () => {
    const s = t.sqlite;
    // before the chart (2024-01..06): 5 a month, must not appear
    for (let mo = 1; mo <= 6; mo++) for (let i = 0; i < 5; i++) dev(s, { reported: `2024-0${mo}-15` });
    // chart 2024-07..2025-06: 1 a month, except 2025-01 = 0; 2025-07..2026-06: 3 a month
    const months: string[] = [];
    for (let i = 0; i < 24; i++) {
      const y = 2024 + Math.floor((6 + i) / 12);
      const mo = ((6 + i) % 12) + 1;
      months.push(`${y}-${String(mo).padStart(2, '0')}`);
    }
    months.forEach((mo, i) => {
      const n = i < 12 ? (mo === '2025-01' ? 0 : 1) : 3;
      for (let j = 0; j < n; j++) dev(s, { reported: `${mo}-${String(1 + j).padStart(2, '0')}` });
    });
    dev(s, { reported: '2026-06-25' }); // after E = 2026-06-20: not yet happened
    const m = (await t.call('indicators.compute', { from: '2026-04-01', to: '2026-06-30', asOf: '2026-06-20' })).indicators['dev.monthly'];
    expect(m.points.map((p: any) => p.month)).toEqual(months);
    expect(m.points.map((p: any) => p.count)).toEqual([1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    // sorted: 0, eleven 1s, twelve 3s → 12th = 1, 13th = 3 → median 2; no point on it → n' = 24
    // 12 below then 12 above: longest run 12, crossings 1; limits for n' = 24: 8 and 8 → signal
    expect(m).toMatchObject({ median: 2, longestRun: 12, longestRunLimit: 8, crossings: 1, crossingsLimit: 8, signal: true });
  });
});

describe('disputes and learning', () => {
  function disputeFixture() {
    const s = t.sqlite;
    const ids: Record<string, number> = {};
    ids.S1 = disp(s, { ext: 'S1', opened: '2026-03-01', step2: '2026-03-20', resolved: '2026-04-01', resolutionStep: 2, outcome: 'enighet', temporary: true, principled: true });
    ids.S2 = disp(s, { ext: 'S2', opened: '2026-04-10', resolved: '2026-05-10', resolutionStep: 1, outcome: 'enighet', principled: true });
    ids.S3 = disp(s, { ext: 'S3', opened: '2026-05-01', step2: '2026-05-15', step3: '2026-06-30', temporary: true });
    ids.S4 = disp(s, { ext: 'S4', opened: '2026-06-30' });
    ids.S5 = disp(s, { ext: 'S5', opened: '2026-01-15', step2: '2026-07-01', resolved: '2026-07-10', resolutionStep: 2, outcome: 'enighet' });
    ids.S6 = disp(s, { ext: 'S6', opened: '2026-02-01', step2: '2026-02-20', step3: '2026-03-10', resolved: '2026-06-15', resolutionStep: 3, outcome: 'ekonomisk_reglering', settlementSek: 120_000 });
    ids.S7 = disp(s, { ext: 'S7', opened: '2026-04-05', step2: '2026-04-25', resolved: '2026-07-20', resolutionStep: 2, outcome: 'ekonomisk_reglering', settlementSek: 5_000 });
    ids.S8 = disp(s, { ext: 'S8', opened: '2025-12-01', step2: '2026-01-10', resolved: '2026-02-01', resolutionStep: 2, temporary: true });
    ids.S9 = disp(s, { ext: 'S9', opened: '2026-07-01', principled: true });
    ids.S10 = disp(s, { ext: 'S10', opened: '2026-03-01', step3: '2026-03-15' });
    return ids;
  }

  it('computes every dispute figure (E = 2026-07-15)', async () => {
    disputeFixture();
    const v = (await t.call('indicators.compute', { ...Q2, asOf: '2026-07-15' })).indicators;
    // opened in P: S2, S3, S4 (= to), S7
    expect(v['disp.opened']).toBe(4);
    // resolved in P and ≤ E: S1 (= from), S2, S6; S5 after to, S7 after E
    expect(v['disp.resolved']).toBe(3);
    expect(v['disp.resolvedAtStep1']).toEqual({ numerator: 1, denominator: 3, share: 1 / 3 });
    // step3 in P: S3 (= to); S6 and S10 before
    expect(v['disp.reachedTvist']).toBe(1);
    // S2 30, S1 31 (03-01 → 04-01), S6 134 (02-01 → 06-15: 27 + 31 + 30 + 31 + 15) → median 31, P90 rank 3 → 134
    expect(v['disp.daysToResolve']).toEqual({ n: 3, median: 31, p90: 134 });
    // open at 06-30: S3 (step3 06-30 → 3), S4 (1), S5 (resolved 07-10 after to; step2 07-01 after to → 1),
    // S7 (resolved after E; step2 → 2), S10 (step3 without step2 → 3); oldest S5: 01-15 → 06-30 = 16+28+31+30+31+30 = 166
    expect(v['disp.openAtEnd']).toEqual({ total: 5, byStep: { '1': 2, '2': 1, '3': 2 }, oldestDays: 166 });
    // open during P with step ≥ 2 by to: S1, S3, S6, S7, S10 (not S8 resolved before P, not S5 step2 after to) → 5; temporary: S1, S3
    expect(v['disp.temporarySolution']).toEqual({ numerator: 2, denominator: 5, share: 0.4 });
    // resolved in P with ekonomisk_reglering: S6 only (S7 resolved after E)
    expect(v['disp.economicSettlement']).toEqual({ count: 1, totalSek: 120_000 });
    // principled and opened in P: S2 (S1 before, S9 after)
    expect(v['disp.principled']).toBe(1);
  });

  it('treats step and resolution dates after E as not yet happened', async () => {
    disputeFixture();
    const v = (await t.call('indicators.compute', { ...Q2, asOf: '2026-06-20' })).indicators;
    // opened ≤ E in P: S2, S3, S7 (S4 06-30 > E)
    expect(v['disp.opened']).toBe(3);
    // S3's step3 (06-30) is after E
    expect(v['disp.reachedTvist']).toBe(0);
    // open at end (= E): S3 (step2 → 2), S5 (1), S7 (2), S10 (3); oldest from `to` still 166
    expect(v['disp.openAtEnd']).toEqual({ total: 4, byStep: { '1': 1, '2': 2, '3': 1 }, oldestDays: 166 });
  });

  it('computes lesson coverage and new precedents', async () => {
    const d = deviationFixture();
    const s = disputeFixture();
    lesson(t.sqlite, 'deviation', d.D2!);
    lesson(t.sqlite, 'deviation', d.D2!); // two lessons on one case count once
    lesson(t.sqlite, 'deviation', d.D5!); // D5 closed after P: not in the denominator
    lesson(t.sqlite, 'dispute', s.S1!);
    precedent(t.sqlite, 'p1', 'vägledande', '2026-05-01');
    precedent(t.sqlite, 'p2', 'vägledande', '2026-03-31');
    precedent(t.sqlite, 'p3', 'granskad', '2026-05-01');
    precedent(t.sqlite, 'p4', 'vägledande', '2026-06-30');
    const v = (await t.call('indicators.compute', { ...Q2, asOf: '2026-07-15' })).indicators;
    // deviations closed in P: D2 (04-21), D9 (05-25), D10 (04-04) = 3; disputes resolved in P: S1, S2, S6 = 3 → 6
    // with a lesson: D2, S1 → 2
    expect(v['learn.lessonCoverage']).toEqual({ numerator: 2, denominator: 6, share: 1 / 3 });
    // vägledande decided in P: p1, p4 (= to)
    expect(v['learn.newPrecedents']).toBe(2);
    // the lessons were recorded on 2026-07-01: as of the day before they have not happened yet
    const before = (await t.call('indicators.compute', { ...Q2, asOf: '2026-06-30' })).indicators;
    expect(before['learn.lessonCoverage'].numerator).toBe(0);
    const drill = await t.call('indicators.cases', { ...Q2, asOf: '2026-06-30', indicator: 'learn.lessonCoverage' });
    expect(drill.total).toBe(0);
  });
});

describe('leadTimeFromHistogram', () => {
  it('takes the nearest rank with integer arithmetic (ceil(0.9 × 70) = 63, not 64)', () => {
    // 70 values 1..70: P90 rank 63 → 63; even n: median (35 + 36) / 2
    const rows = Array.from({ length: 70 }, (_, i) => ({ days: i + 1, c: 1 }));
    expect(leadTimeFromHistogram(rows)).toEqual({ n: 70, median: 35.5, p90: 63 });
  });
  it('reads ranks across repeated values', () => {
    // values 5, 5, 5, 9, 12 → median rank 3 → 5; P90 rank ceil(4.5) = 5 → 12
    expect(leadTimeFromHistogram([{ days: 5, c: 3 }, { days: 9, c: 1 }, { days: 12, c: 1 }])).toEqual({ n: 5, median: 5, p90: 12 });
  });
});
