/**
 * In-process benchmark scenarios, one per child process (started by bench/run.ts through
 * bench/child.mjs). Each prints ONE JSON line on stdout with its timings and the process's peak
 * RSS (process.resourceUsage().maxRSS). The core is reached exactly as the shells reach it:
 * createCore() → dispatch (zod in/out) → handlers.
 *
 *   node bench/child.mjs dashboard --db F --from D --to D --repeats N
 *   node bench/child.mjs caselist  --db F --repeats N
 *   node bench/child.mjs lessons   --db F --count N --seed S
 *   node bench/child.mjs search    --db F --repeats N
 *   node bench/child.mjs browser   --demo F --repeats N
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, type CoreHandle } from '../electron/cli/io';
import { Rng } from '../electron/core/demo/generator';
import { ROOT } from './lib';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    demo: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    repeats: { type: 'string' },
    count: { type: 'string' },
    seed: { type: 'string' },
  },
});
const scenario = positionals[0];
const repeats = Number(values.repeats ?? 5);

function out(x: unknown): void {
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ...(x as object), maxRssMb })}\n`);
}

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
}

async function open(): Promise<{ core: CoreHandle; openMs: number }> {
  const core = createCore();
  const { ms } = await timed(() => core.call('workspace.open', { path: values.db! }));
  return { core, openMs: ms };
}

/** warm-up + repeats, returning the timings of the repeats. */
async function repeat(n: number, f: () => Promise<unknown>): Promise<number[]> {
  await f();
  const t: number[] = [];
  for (let i = 0; i < n; i++) t.push((await timed(f)).ms);
  return t;
}

async function dashboard() {
  const { core, openMs } = await open();
  const input = { from: values.from!, to: values.to! };
  const first = await timed(() => core.call('indicators.dashboard', input));
  const times = await repeat(repeats, () => core.call('indicators.dashboard', input));
  // the single-period compute, for reference
  const compute = await repeat(repeats, () => core.call('indicators.compute', input));
  out({ openMs, coldMs: first.ms, times, computeTimes: compute, devCount: first.value.current.indicators['dev.count'] });
  core.close();
}

type Filter = Record<string, unknown> & { kind: 'deviation' | 'dispute' };

async function caselist() {
  const { core, openMs } = await open();
  const sqlite = core.ctx.ws().sqlite;
  const one = (sql: string) => sqlite.prepare(sql).pluck().get() as string | number;
  const org = one(`SELECT reporting_org FROM deviations GROUP BY reporting_org ORDER BY count(*) DESC LIMIT 1`) as string;
  const rareOrg = one(`SELECT receiving_org FROM deviations GROUP BY receiving_org ORDER BY count(*) ASC LIMIT 1`) as string;
  const kommun = one(`SELECT kommun_code FROM deviations GROUP BY kommun_code ORDER BY count(*) ASC LIMIT 1`) as string;
  const maxDate = one(`SELECT max(reported_at) FROM deviations`) as string;
  const minDate = one(`SELECT min(reported_at) FROM deviations`) as string;
  const monthFrom = `${maxDate.slice(0, 7)}-01`;
  const caseId = one(`SELECT id FROM deviations ORDER BY id LIMIT 1 OFFSET 1000`) as number;
  // a few lessons so that the lesson filters have something to find
  if (Number(one(`SELECT count(*) FROM lessons WHERE case_kind = 'deviation'`)) === 0) {
    for (let i = 0; i < 20; i++) {
      await core.call('lessons.add', { caseKind: 'deviation', caseId: caseId + i * 997, text: 'Rutinen för överrapportering ses över tillsammans med kommunen.' });
    }
  }
  const filters: [string, Filter][] = [
    ['inget filter', { kind: 'deviation' }],
    ['område', { kind: 'deviation', category: 'lakemedel' }],
    ['kommun (minsta)', { kind: 'deviation', kommunCode: kommun }],
    ['status ny (sällsynt)', { kind: 'deviation', status: 'ny' }],
    ['allvarlighetsgrad 4', { kind: 'deviation', severity: 4 }],
    ['enhet (vanligast)', { kind: 'deviation', org }],
    ['enhet (ovanligast)', { kind: 'deviation', org: rareOrg }],
    ['huvudman privat', { kind: 'deviation', partyType: 'privat' }],
    ['huvudman region', { kind: 'deviation', partyType: 'region' }],
    ['har lärdom', { kind: 'deviation', hasLesson: true }],
    ['saknar lärdom', { kind: 'deviation', hasLesson: false }],
    ['senaste månaden', { kind: 'deviation', from: monthFrom, to: maxDate }],
    ['område + kommun + år', { kind: 'deviation', category: 'in_utskrivning', kommunCode: kommun, from: `${maxDate.slice(0, 4)}-01-01`, to: maxDate }],
    ['fritext vanligt ord', { kind: 'deviation', q: 'patienten' }],
    ['fritext ovanligt ord', { kind: 'deviation', q: 'insulin' }],
    ['fritext + område', { kind: 'deviation', q: 'information', category: 'sip' }],
    ['fritext + period', { kind: 'deviation', q: 'utskrivning', from: monthFrom, to: maxDate }],
  ];
  const results: { name: string; total: number; lowerBound: boolean; first: number[]; mid: number[]; last: number[] }[] = [];
  for (const [name, f] of filters) {
    const input = { ...f, sort: 'date_desc', limit: 50 };
    const page1 = await core.call('cases.list', input);
    const first = await repeat(repeats, () => core.call('cases.list', input));
    // a page in the middle and at the end of the list: keyset cursors moved to that position
    const cursorAt = (date: string, id: number): string | undefined => {
      if (!page1.nextCursor) return undefined;
      const c = JSON.parse(Buffer.from(page1.nextCursor, 'base64url').toString('utf8')) as Record<string, unknown>;
      return Buffer.from(JSON.stringify({ ...c, d: date, i: id })).toString('base64url');
    };
    const midDate = new Date((Date.parse(minDate) + Date.parse(maxDate)) / 2).toISOString().slice(0, 10);
    const mid: number[] = [];
    const last: number[] = [];
    const midCursor = cursorAt(midDate, 2 ** 31);
    const lastCursor = cursorAt(minDate, 2 ** 31);
    if (midCursor) mid.push(...(await repeat(repeats, () => core.call('cases.list', { ...input, cursor: midCursor }))));
    if (lastCursor) last.push(...(await repeat(repeats, () => core.call('cases.list', { ...input, cursor: lastCursor }))));
    results.push({ name, total: page1.total, lowerBound: page1.totalIsLowerBound, first, mid, last });
  }
  out({ openMs, filters: results });
  core.close();
}

const LESSON_TEXTS = [
  'Rutinen för överrapportering vid utskrivning ses över tillsammans med kommunens sjuksköterskor.',
  'Läkemedelslistan ska alltid följa med patienten vid hemgång; checklista införd på avdelningen.',
  'SIP ska kallas till inom fem dagar när patienten samtycker; påminnelse i SVPL.',
  'Delegering för insulin ska vara klar innan patienten skrivs ut till hemsjukvården.',
  'Tydligare ansvarsfördelning för hjälpmedel vid utskrivning: förskrivaren beställer före hemgång.',
  'Informationsöverföring via SVPL följs upp på den lokala samverkansgruppens möte varje månad.',
  'Vårdhygienisk rutin för MRSA-smitta kommuniceras till särskilt boende vid överflyttning.',
  'Läkarmedverkan i kommunal hemsjukvård: avtalade kontaktvägar uppdateras och sprids.',
];

async function lessons() {
  const { core } = await open();
  const sqlite = core.ctx.ws().sqlite;
  const ids = sqlite.prepare(`SELECT id FROM deviations WHERE status = 'avslutad' ORDER BY id`).pluck().all() as number[];
  const rng = new Rng(Number(values.seed ?? 1));
  const n = Math.min(Number(values.count ?? 1000), ids.length);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const text = `${rng.pick(LESSON_TEXTS)} ${rng.pick(LESSON_TEXTS)}`;
    await core.call('lessons.add', { caseKind: 'deviation', caseId: rng.pick(ids), text });
  }
  out({ lessons: n, ms: performance.now() - t0 });
  core.close();
}

export const SEARCH_QUERIES = [
  'patienten', // in almost every case
  'utskrivning',
  'läkemedel',
  'hemsjukvard', // diacritics folded
  'insulin',
  'SVPL',
  'delegering',
  'utskr', // prefix
  'malmo', // no match in Fyrbodal
  'Trollhättan',
  'insulin hemsjukvården',
  'patienten information saknades',
  'rutinen överrapportering', // lessons
  'checklista',
  'MC-2024-000123',
];

async function searchBench() {
  const { core, openMs } = await open();
  const results: { q: string; total: number; lowerBound: boolean; times: number[] }[] = [];
  for (const q of SEARCH_QUERIES) {
    const r = await core.call('search.query', { q, limit: 20 });
    const times = await repeat(repeats, () => core.call('search.query', { q, limit: 20 }));
    results.push({ q, total: r.total, lowerBound: r.totalIsLowerBound, times });
  }
  const counts = core.ctx.ws().sqlite.prepare(`SELECT (SELECT count(*) FROM deviations) AS cases, (SELECT count(*) FROM lessons) AS lessons`).get();
  out({ openMs, queries: results, counts });
  core.close();
}

/** From spawning scripts/serve.mjs to the dashboard's first figure visible (browser already running). */
async function browser() {
  const { chromium } = await import('playwright-core');
  const b = await chromium.launch({
    executablePath: process.env.SAMSYN_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const once = async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-bench-home-'));
    const page = await (await b.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve.mjs'), '--home', home, '--db', values.demo!], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let buf = '';
        let err = '';
        child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
        child.stdout!.on('data', (d: Buffer) => {
          buf += d.toString();
          const nl = buf.indexOf('\n');
          if (nl >= 0) resolve(buf.slice(0, nl));
        });
        child.on('exit', (c) => reject(new Error(`serve.mjs exited ${c}: ${err}`)));
      });
      const serverMs = performance.now() - t0;
      const { appUrl } = JSON.parse(line) as { appUrl: string };
      await page.goto(appUrl);
      await page.locator('[data-figure="dev.count"] .kf-value').first().waitFor({ state: 'visible', timeout: 60_000 });
      const ms = performance.now() - t0;
      return { ms, serverMs };
    } finally {
      await page.context().close();
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      fs.rmSync(home, { recursive: true, force: true });
    }
  };
  await once();
  const runs: { ms: number; serverMs: number }[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await once());
  await b.close();
  out({ times: runs.map((r) => r.ms), serverTimes: runs.map((r) => r.serverMs) });
}

const scenarios: Record<string, () => Promise<void>> = { dashboard, caselist, lessons, search: searchBench, browser };
const f = scenario ? scenarios[scenario] : undefined;
if (!f) {
  process.stderr.write(`unknown scenario ${scenario}\n`);
  process.exit(2);
}
f().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
