import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './test-helpers';
import { createWorkspace } from '../../core/workspace/workspace';
import { devCells, genDeviations, STD_HEADERS, toCsv } from '../../core/import/test-helpers';

let dir: string;
let db: string;
const PERIOD = ['--from', '2024-01-01', '--to', '2026-06-30', '--as-of', '2026-07-31'];

const run = runCli;
const json = async (...argv: string[]) => {
  const r = await run(...argv, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as Record<string, unknown>;
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-cli-drill-'));
  process.env.SAMSYN_HOME = path.join(dir, 'home');
  db = path.join(dir, 'ws.samsyn');
  (await createWorkspace(db, { delregionId: 'skaraborg', userName: 'Anna' })).close();
  const csv = path.join(dir, 'avvikelser.csv');
  fs.writeFileSync(csv, toCsv(STD_HEADERS, genDeviations(400, 11).map(devCells)));
  expect((await run('import', 'deviations', csv, '--db', db)).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('samsyn cases --indicator (drill-down)', () => {
  it('lists every case behind the figure, however many; --kind keeps the total right; --limit only shortens the list', async () => {
    const figures = (await json('indicators', '--db', db, ...PERIOD)) as { indicators: Record<string, number> };
    const n = figures.indicators['dev.count']!;
    expect(n).toBeGreaterThan(150); // more than one default page of the core (100)
    const all = (await json('cases', '--db', db, '--indicator', 'dev.count', ...PERIOD)) as { total: number; cases: { externalId: string; kind: string }[] };
    expect(all.total).toBe(n);
    expect(all.cases).toHaveLength(n);
    expect(new Set(all.cases.map((c) => c.externalId)).size).toBe(n);
    const devOnly = (await json('cases', '--db', db, '--kind', 'deviation', '--indicator', 'dev.count', ...PERIOD)) as { total: number; cases: unknown[] };
    expect(devOnly).toMatchObject({ total: n });
    expect(devOnly.cases).toHaveLength(n);
    const disputes = (await json('cases', '--db', db, '--kind', 'dispute', '--indicator', 'dev.count', ...PERIOD)) as { total: number; cases: unknown[] };
    expect(disputes).toEqual({ indicator: 'dev.count', total: 0, cases: [] });
    const few = (await json('cases', '--db', db, '--indicator', 'dev.count', ...PERIOD, '--limit', '5')) as { total: number; cases: unknown[] };
    expect(few.total).toBe(n);
    expect(few.cases).toHaveLength(5);
    const text = await run('cases', '--db', db, '--indicator', 'dev.count', ...PERIOD, '--limit', '5');
    expect(text.out.split('\n')[0]).toBe(`${n} ärenden bakom indikatorn dev.count (2024-01-01 – 2026-06-30) (visar 5; ange ett större --limit för fler).`);
  });

  it('uses the figure\'s own deadline and can list a share\'s denominator', async () => {
    const shareAt = async (d: string) =>
      ((await json('indicators', '--db', db, ...PERIOD, '--deadline-days', d)) as { indicators: Record<string, { numerator: number; denominator: number }> }).indicators[
        'dev.answeredWithinDeadline'
      ]!;
    const drill = async (d: string, ...extra: string[]) =>
      ((await json('cases', '--db', db, '--indicator', 'dev.answeredWithinDeadline', ...PERIOD, '--deadline-days', d, ...extra)) as { total: number }).total;
    const short = await shareAt('3');
    const long = await shareAt('60');
    expect(short.numerator).toBeLessThan(long.numerator); // the data tells the deadlines apart
    expect(await drill('3')).toBe(short.numerator);
    expect(await drill('60')).toBe(long.numerator);
    expect(await drill('3', '--key', 'denominator')).toBe(short.denominator);
  });

  it('explains flag mistakes in Swedish', async () => {
    const neg = await run('cases', '--db', db, '--indicator', 'dev.count', ...PERIOD, '--deadline-days', '-1');
    expect(neg.code).toBe(2);
    expect(neg.err).toMatch(/Flaggan --deadline-days saknar värde\. Ett värde som börjar med minus skrivs --deadline-days=-1\./);
    const unknown = await run('cases', '--db', db, '--bogus');
    expect(unknown.err).toMatch(/Okänd flagga --bogus\./);
    expect((await run('cases', '--db', db, '--deadline-days', '30')).err).toMatch(/gäller bara tillsammans med --indicator/);
  });
});
