import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dev, disp, lesson, precedent, SKARABORG, testWorkspace, type TestWs } from './test-fixtures';
import { catalogue } from '../../../shared/indicators/catalogue';

let t: TestWs;
beforeEach(async () => {
  t = await testWorkspace();
});
afterEach(() => t.cleanup());

/** A varied fixture: deterministic pseudo-random deviations over three years, disputes, lessons. */
function variedFixture() {
  t.sqlite.transaction(() => fill())();
}
function fill() {
  const s = t.sqlite;
  let x = 12345;
  const rnd = (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const cats = ['lakemedel', 'information', 'in_utskrivning', 'sip', 'hjalpmedel'];
  const types = ['kommun', 'region', 'privat'] as const;
  const codes = Object.values(SKARABORG);
  const iso = (base: number) => new Date(Date.UTC(2024, 0, 1) + base * 86_400_000).toISOString().slice(0, 10);
  const devIds: number[] = [];
  for (let i = 0; i < 600; i++) {
    const day = rnd(1000);
    const ans = rnd(4) ? day + rnd(90) : null;
    const clo = ans !== null && rnd(3) ? ans + rnd(40) : null;
    const k = codes[rnd(codes.length)]!;
    devIds.push(
      dev(s, {
        reported: iso(day),
        answered: ans === null ? null : iso(ans),
        closed: clo === null ? null : iso(clo),
        category: cats[rnd(cats.length)],
        rOrg: `R${rnd(3)}`,
        recOrg: `M${rnd(3)}`,
        rType: types[rnd(3)],
        recType: types[rnd(3)],
        kommunCode: k,
        kommun: Object.entries(SKARABORG).find(([, c]) => c === k)![0],
        severity: rnd(5) || null,
      }),
    );
  }
  const dispIds: number[] = [];
  for (let i = 0; i < 60; i++) {
    const o = rnd(900);
    const s2 = rnd(2) ? o + rnd(60) : null;
    const s3 = s2 !== null && rnd(2) ? s2 + rnd(60) : null;
    const res = rnd(3) ? (s3 ?? s2 ?? o) + rnd(90) : null;
    dispIds.push(
      disp(s, {
        ext: `T-${i}`,
        opened: iso(o),
        step2: s2 === null ? null : iso(s2),
        step3: s3 === null ? null : iso(s3),
        resolved: res === null ? null : iso(res),
        resolutionStep: res === null ? null : s3 !== null ? 3 : s2 !== null ? 2 : 1,
        outcome: res === null ? null : rnd(3) ? 'enighet' : 'ekonomisk_reglering',
        settlementSek: rnd(2) ? 1000 * rnd(50) : null,
        temporary: !!rnd(2),
        principled: !rnd(4),
      }),
    );
  }
  for (let i = 0; i < 120; i++) lesson(s, 'deviation', devIds[rnd(devIds.length)]!);
  for (let i = 0; i < 15; i++) lesson(s, 'dispute', dispIds[rnd(dispIds.length)]!);
  precedent(s, 'p1', 'vägledande', '2025-05-01');
}

const PERIODS = [
  { from: '2025-01-01', to: '2025-06-30', asOf: '2025-08-01', deadlineDays: 30 },
  { from: '2025-07-01', to: '2025-09-30', asOf: '2026-11-02', deadlineDays: 60 },
  { from: '2024-01-01', to: '2026-12-31', asOf: '2026-03-01', deadlineDays: 45 },
];

describe('indicators.cases', () => {
  it('lists exactly the cases behind every figure and every part of a breakdown', async () => {
    variedFixture();
    let checked = 0;
    for (const p of PERIODS) {
      const v = (await t.call('indicators.compute', p)).indicators;
      const total = async (indicator: string, key?: string) => {
        const r = await t.call('indicators.cases', { ...p, indicator, key, limit: 10_000 });
        expect(r.cases).toHaveLength(r.total);
        checked++;
        return r.total;
      };
      for (const id of ['dev.count', 'dev.severe', 'disp.opened', 'disp.resolved', 'disp.reachedTvist', 'disp.principled']) {
        expect(await total(id), id).toBe(v[id]);
      }
      expect(await total('dev.per10k')).toBe(v['dev.count']);
      for (const id of ['dev.daysToAnswer', 'dev.daysToClose', 'disp.daysToResolve']) expect(await total(id), id).toBe(v[id].n);
      for (const id of ['dev.answeredWithinDeadline', 'dev.closedShare', 'dev.recurring', 'disp.resolvedAtStep1', 'disp.temporarySolution', 'learn.lessonCoverage']) {
        expect(await total(id), id).toBe(v[id].numerator);
        expect(await total(id, 'numerator'), id).toBe(v[id].numerator);
        expect(await total(id, 'denominator'), id).toBe(v[id].denominator);
      }
      for (const c of v['dev.byCategory']) expect(await total('dev.byCategory', c.category)).toBe(c.count);
      for (const f of v['dev.byFlow']) expect(await total('dev.byFlow', `${f.from}->${f.to}`)).toBe(f.count);
      for (const k of v['dev.byKommun']) {
        expect(await total('dev.byKommun', k.code)).toBe(k.count);
        expect(await total('dev.byKommun', k.kommun)).toBe(k.count);
      }
      expect(await total('disp.openAtEnd')).toBe(v['disp.openAtEnd'].total);
      for (const step of ['1', '2', '3'] as const) expect(await total('disp.openAtEnd', step)).toBe(v['disp.openAtEnd'].byStep[step]);
      expect(await total('disp.economicSettlement')).toBe(v['disp.economicSettlement'].count);
      let sum = 0;
      for (const m of v['dev.monthly'].points) {
        expect(await total('dev.monthly', m.month)).toBe(m.count);
        sum += m.count;
      }
      expect(await total('dev.monthly')).toBe(sum);
      // the fixture is varied enough to be a real check
      expect(v['dev.count']).toBeGreaterThan(0);
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('every catalogue entry with cases can be opened', async () => {
    variedFixture();
    const p = PERIODS[0]!;
    for (const e of catalogue) {
      if (e.drilldown === null) {
        await expect(t.call('indicators.cases', { ...p, indicator: e.id })).rejects.toThrow(/ingen ärendelista/);
      } else {
        const r = await t.call('indicators.cases', { ...p, indicator: e.id, limit: 5 });
        expect(r.cases.length).toBeLessThanOrEqual(5);
      }
    }
  });

  it('pages, sorts by date, and summarises deviations and disputes', async () => {
    const a = dev(t.sqlite, { ext: 'AV-B', reported: '2026-05-02', category: 'sip', kommunCode: SKARABORG.Hjo, kommun: 'Hjo' });
    dev(t.sqlite, { ext: 'AV-A', reported: '2026-05-01' });
    dev(t.sqlite, { ext: 'AV-C', reported: '2026-05-03' });
    const s = disp(t.sqlite, { ext: 'T-1', opened: '2026-05-01', step2: '2026-05-05', resolved: '2026-06-01', resolutionStep: 2 });
    const q = { from: '2026-05-01', to: '2026-06-30', asOf: '2026-07-01' };
    const r = await t.call('indicators.cases', { ...q, indicator: 'dev.count', limit: 1, offset: 1 });
    expect(r.total).toBe(3);
    expect(r.cases).toEqual([
      { kind: 'deviation', id: a, externalId: 'AV-B', date: '2026-05-02', category: 'sip', title: 'Samordnad individuell plan', status: 'ny', kommun: 'Hjo', reportingOrg: 'Rapportör AV-B', receivingOrg: 'Mottagare AV-B' },
    ]);
    lesson(t.sqlite, 'dispute', s);
    const l = await t.call('indicators.cases', { ...q, indicator: 'learn.lessonCoverage' });
    expect(l.cases).toMatchObject([{ kind: 'dispute', id: s, externalId: 'T-1', status: 'löst', kommun: null }]);
    // the status is read as of E: before the resolution the dispute is at step 2
    const l2 = await t.call('indicators.cases', { ...q, asOf: '2026-05-20', indicator: 'disp.opened' });
    expect(l2.cases[0].status).toBe('steg 2');
    // … and a deviation answered or closed after E is not yet answered or closed
    dev(t.sqlite, { ext: 'AV-D', reported: '2026-05-04', answered: '2026-05-10', closed: '2026-05-25' });
    dev(t.sqlite, { ext: 'AV-E', reported: '2026-05-04', answered: '2026-05-22' });
    const status = async (asOf: string) => {
      const r = (await t.call('indicators.cases', { ...q, asOf, indicator: 'dev.count' })) as { cases: { externalId: string; status: string }[] };
      return Object.fromEntries(r.cases.filter((c) => c.externalId >= 'AV-D').map((c) => [c.externalId, c.status]));
    };
    expect(await status('2026-05-05')).toEqual({ 'AV-D': 'pagaende', 'AV-E': 'pagaende' });
    expect(await status('2026-05-20')).toEqual({ 'AV-D': 'besvarad', 'AV-E': 'pagaende' });
    expect(await status('2026-06-30')).toEqual({ 'AV-D': 'avslutad', 'AV-E': 'besvarad' });
  });

  it('refuses bad keys with a Swedish sentence', async () => {
    const q = { from: '2026-01-01', to: '2026-06-30', indicator: 'dev.byCategory' };
    await expect(t.call('indicators.cases', { ...q, key: 'nope' })).rejects.toThrow(/Okänt område/);
    await expect(t.call('indicators.cases', { ...q, indicator: 'dev.byFlow', key: 'kommun-region' })).rejects.toThrow(/Okänt flöde/);
    await expect(t.call('indicators.cases', { ...q, indicator: 'dev.byKommun', key: 'Göteborg' })).rejects.toThrow(/ingår inte/);
    await expect(t.call('indicators.cases', { ...q, indicator: 'disp.openAtEnd', key: '4' })).rejects.toThrow(/Okänt steg/);
    await expect(t.call('indicators.cases', { ...q, indicator: 'dev.closedShare', key: 'x' })).rejects.toThrow(/numerator/);
    await expect(t.call('indicators.cases', { ...q, indicator: 'dev.count', key: 'x' })).rejects.toThrow(/ingen uppdelning/);
  });
});

describe('indicators.dashboard and catalogue', () => {
  it('computes the current, previous and year-earlier periods with one as-of date', async () => {
    dev(t.sqlite, { reported: '2026-08-01' });
    dev(t.sqlite, { reported: '2026-05-15' });
    dev(t.sqlite, { reported: '2026-05-16' });
    dev(t.sqlite, { reported: '2025-07-10' });
    t.sqlite.prepare(`DELETE FROM ref_population WHERE kommun_code = ?`).run(SKARABORG.Vara);
    const d = await t.call('indicators.dashboard', { from: '2026-07-01', to: '2026-09-30', asOf: '2026-10-01' });
    expect(d.current.period).toMatchObject({ from: '2026-07-01', to: '2026-09-30', asOf: '2026-10-01' });
    expect(d.previous.period).toMatchObject({ from: '2026-04-01', to: '2026-06-30', asOf: '2026-10-01' });
    expect(d.yearEarlier.period).toMatchObject({ from: '2025-07-01', to: '2025-09-30', asOf: '2026-10-01' });
    expect([d.current.indicators['dev.count'], d.previous.indicators['dev.count'], d.yearEarlier.indicators['dev.count']]).toEqual([1, 2, 1]);
    expect(d.missingPopulation).toEqual([{ code: SKARABORG.Vara, kommun: 'Vara' }]);
    expect(d.current.population).toBeNull();
    expect(d.populationYears).toHaveLength(15);
    // the shipped reference figures for Skaraborg are all from 2024
    expect(d.olderPopulation).toEqual([]);
  });

  it('returns the catalogue with every indicator', async () => {
    const c = await t.call('indicators.catalogue', {});
    expect(c.map((e: any) => e.id)).toContain('dev.monthly');
    expect(c).toHaveLength(23);
    for (const e of c) expect(e.definition.length).toBeGreaterThan(20);
  });
});
