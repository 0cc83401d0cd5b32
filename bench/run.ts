/**
 * Samsyn benchmarks (issue 10): `npm run bench [-- options]` (options: USAGE below, `--help`).
 *
 * Data comes from the project's own seeded generator (`samsyn generate`) and demo builder
 * (`samsyn demo`); large workspaces are built through the real importer once and cached under
 * bench/data/ (gitignored), keyed by rows, seed and a hash of the schema migrations and the
 * generator. Every scenario runs in its own child process; its peak RSS is taken from
 * /usr/bin/time -v (or process.resourceUsage().maxRSS inside in-process children).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DATA, fileSha, lastJson, loadAvg, mustRun, removeDb, ROOT, samsyn, stats, type Stats } from './lib';

const USAGE = `npm run bench [-- options]
  --quick             fewer rows and repeats (a sanity run in a minute or two)
  --only a,b          only these scenarios: import, import-1m, dashboard, caselist, search, pdf, browser
  --repeats N         timed repeats per scenario after one warm-up (default 5, quick 2)
  --seed N            generator seed (default 1)
  --note TEXT         a note written with the results
  --no-record         print only; do not append to bench/RESULTS.md
  --help              this text`;

function options() {
  try {
    return parseArgs({
      options: {
        quick: { type: 'boolean' },
        only: { type: 'string' },
        repeats: { type: 'string' },
        seed: { type: 'string' },
        note: { type: 'string' },
        'no-record': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}
const values = options();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const quick = !!values.quick;
const cfg = {
  rows: quick ? 20_000 : 200_000,
  bigRows: quick ? 100_000 : 1_000_000,
  searchRows: quick ? 20_000 : 100_000,
  lessons: quick ? 200 : 2_000,
  repeats: Number(values.repeats ?? (quick ? 2 : 5)),
  seed: Number(values.seed ?? 1),
};
/** The generator's default span: 24 months from 2024-01; the dashboard/report quarter is the last one. */
const QUARTER = { from: '2025-10-01', to: '2025-12-31' };
const ALL = ['import', 'import-1m', 'dashboard', 'caselist', 'search', 'pdf', 'browser'] as const;
type Scenario = (typeof ALL)[number];
const only = values.only ? values.only.split(',').map((s) => s.trim()) : null;
for (const o of only ?? []) {
  if (!ALL.includes(o as Scenario)) {
    console.error(`unknown scenario "${o}" (one of ${ALL.join(', ')})\n\n${USAGE}`);
    process.exit(2);
  }
}
if (!Number.isInteger(cfg.repeats) || cfg.repeats < 1 || !Number.isInteger(cfg.seed)) {
  console.error(`--repeats must be a whole number ≥ 1 and --seed a whole number\n\n${USAGE}`);
  process.exit(2);
}
const selected = ALL.filter((s) => !only || only.includes(s));
const full = !quick;

fs.mkdirSync(DATA, { recursive: true });
const HOME = path.join(DATA, 'home');
fs.mkdirSync(HOME, { recursive: true });
process.env.SAMSYN_HOME = HOME; // never touch the user's ~/.config/samsyn
const DATA_KEY = fileSha('drizzle/meta/_journal.json', 'electron/core/demo/generator.ts', 'electron/core/demo/texts.ts');
/** Built workspaces also carry the importer's measurements: rebuild them when the importer changes. */
const IMPORTER_KEY = fileSha(...fs.readdirSync(path.join(ROOT, 'electron/core/import')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort().map((f) => `electron/core/import/${f}`));

const log = (s: string) => process.stderr.write(`${s}\n`);
const fmtInt = (n: number) => Math.round(n).toLocaleString('sv-SE').replace(/\u00a0/g, ' ');
const fmtMs = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : n >= 10 ? `${n.toFixed(0)} ms` : `${n.toFixed(1)} ms`);

// ------------------------------------------------------------------------------------ data

async function csvFor(rows: number): Promise<string> {
  const file = path.join(DATA, `deviations-${rows}-s${cfg.seed}-${DATA_KEY}.csv`);
  if (!fs.existsSync(file)) {
    log(`  generating ${fmtInt(rows)} rows → ${path.basename(file)}`);
    await samsyn(['generate', '--out', `${file}.tmp`, '--rows', String(rows), '--seed', String(cfg.seed), '--delregion', 'fyrbodal']);
    fs.renameSync(`${file}.tmp`, file);
  }
  return file;
}

async function emptyWs(): Promise<string> {
  const file = path.join(DATA, `empty-${DATA_KEY}.samsyn`);
  if (!fs.existsSync(file)) {
    removeDb(file);
    await samsyn(['init', '--db', file, '--delregion', 'fyrbodal']);
  }
  return file;
}

function freshCopy(template: string, name: string): string {
  const file = path.join(DATA, name);
  removeDb(file);
  fs.copyFileSync(template, file);
  return file;
}

interface BuildMeta {
  rows: number;
  ms: number;
  rssMb: number | null;
  date: string;
  load: string;
  report: { inserted: number; quarantined: number };
}

interface ImportJson {
  files: { rows: number; inserted: number; updated: number; unchanged: number; quarantined: number }[];
}

/** A workspace with `rows` imported deviations, built once through the CLI importer and cached. */
async function workspaceWith(rows: number, tag: string): Promise<{ file: string; meta: BuildMeta; cached: boolean }> {
  const file = path.join(DATA, `ws-${tag}-${rows}-s${cfg.seed}-${DATA_KEY}-${IMPORTER_KEY}.samsyn`);
  const metaFile = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(metaFile)) return { file, meta: JSON.parse(fs.readFileSync(metaFile, 'utf8')) as BuildMeta, cached: true };
  const csv = await csvFor(rows);
  const tmp = freshCopy(await emptyWs(), `${path.basename(file)}.building`);
  log(`  building ${path.basename(file)} through the importer …`);
  const load = loadAvg();
  const r = await samsyn(['import', 'deviations', csv, '--db', tmp, '--json']);
  const rep = lastJson<ImportJson>(r.stdout).files[0]!;
  const meta: BuildMeta = { rows, ms: r.ms, rssMb: r.rssMb, date: new Date().toISOString(), load, report: { inserted: rep.inserted, quarantined: rep.quarantined } };
  removeDb(file);
  // checkpointed on close: the main file is the whole workspace
  fs.renameSync(tmp, file);
  removeDb(tmp);
  fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
  return { file, meta, cached: false };
}

async function searchWs(): Promise<{ file: string; lessons: number }> {
  const base = await workspaceWith(cfg.searchRows, 'search-base');
  const file = path.join(DATA, `ws-search-${cfg.searchRows}-L${cfg.lessons}-s${cfg.seed}-${DATA_KEY}.samsyn`);
  if (!fs.existsSync(file)) {
    const tmp = freshCopy(base.file, `${path.basename(file)}.building`);
    log(`  adding ${cfg.lessons} lessons …`);
    await child(['lessons', '--db', tmp, '--count', String(cfg.lessons), '--seed', String(cfg.seed)]);
    fs.renameSync(tmp, file);
    removeDb(tmp);
  }
  return { file, lessons: cfg.lessons };
}

async function demoWs(): Promise<string> {
  // the demo's calendar follows today's date
  const file = path.join(DATA, `demo-${new Date().toISOString().slice(0, 10)}-${DATA_KEY}.samsyn`);
  if (!fs.existsSync(file)) {
    removeDb(file);
    await samsyn(['demo', '--db', file]);
  }
  return file;
}

async function child<T>(args: string[]): Promise<T & { maxRssMb: number }> {
  const r = await mustRun(process.execPath, [path.join(ROOT, 'bench', 'child.mjs'), ...args]);
  return lastJson<T & { maxRssMb: number }>(r.stdout);
}

async function ensureRenderer(): Promise<void> {
  await mustRun(process.execPath, [path.join(ROOT, 'scripts', 'build-if-stale.mjs')]);
}

// ------------------------------------------------------------------------------------ results

interface Row {
  scenario: string;
  what: string;
  s: Stats | null;
  /** Show p95 instead of median as the headline. */
  headline?: 'median' | 'p95' | 'value';
  value?: string;
  rssMb?: number | null;
  rowsPerS?: number | null;
  extra?: string;
  target: string;
  /** null: no target for this row / not applicable in a quick run. */
  met: boolean | null;
  load: string;
}

const rows: Row[] = [];
const details: string[] = [];

function add(r: Row): void {
  rows.push(r);
  const head = r.value ?? (r.s ? fmtMs(r.headline === 'p95' ? r.s.p95 : r.s.median) : '–');
  log(`  ${r.what}: ${head}${r.s ? ` (min ${fmtMs(r.s.min)}, max ${fmtMs(r.s.max)}, n ${r.s.n})` : ''}${r.rssMb ? `, peak RSS ${r.rssMb.toFixed(0)} MB` : ''}${r.extra ? `, ${r.extra}` : ''} — target ${r.target}: ${r.met === null ? 'n/a' : r.met ? 'met' : 'MISSED'}`);
}

const maxOf = (xs: (number | null)[]) => Math.max(...xs.map((x) => x ?? 0));

// ------------------------------------------------------------------------------------ scenarios

async function importScenario(): Promise<void> {
  const load = loadAvg();
  const csv = await csvFor(cfg.rows);
  const empty = await emptyWs();
  const first: number[] = [];
  const again: number[] = [];
  const ref: number[] = [];
  const rss: (number | null)[] = [];
  const rssAgain: (number | null)[] = [];
  let report: ImportJson['files'][number] | null = null;
  for (let i = 0; i <= cfg.repeats; i++) {
    const ws = freshCopy(empty, 'tmp-import.samsyn');
    const plain = path.join(DATA, 'tmp-plain.db');
    removeDb(plain);
    const r0 = await mustRun('sqlite3', [plain, '-cmd', '.mode csv', '-cmd', '.separator ;', `.import ${csv} deviations`]);
    const r1 = await samsyn(['import', 'deviations', csv, '--db', ws, '--json']);
    const r2 = await samsyn(['import', 'deviations', csv, '--db', ws, '--json']);
    const a = lastJson<ImportJson>(r1.stdout).files[0]!;
    const b = lastJson<ImportJson>(r2.stdout).files[0]!;
    if (a.inserted + a.quarantined !== a.rows || b.unchanged !== a.inserted) throw new Error(`unexpected import counts ${JSON.stringify(a)} / ${JSON.stringify(b)}`);
    report = a;
    log(`  ${i === 0 ? 'warm-up' : `run ${i}`}: sqlite3 .import ${fmtMs(r0.ms)}, samsyn import ${fmtMs(r1.ms)} (${r1.rssMb?.toFixed(0)} MB), re-import ${fmtMs(r2.ms)} (${r2.rssMb?.toFixed(0)} MB) — load ${loadAvg()}`);
    if (i === 0) continue;
    ref.push(r0.ms);
    first.push(r1.ms);
    again.push(r2.ms);
    rss.push(r1.rssMb);
    rssAgain.push(r2.rssMb);
  }
  removeDb(path.join(DATA, 'tmp-import.samsyn'));
  removeDb(path.join(DATA, 'tmp-plain.db'));
  const sRef = stats(ref);
  const sFirst = stats(first);
  const sAgain = stats(again);
  const ratio = sFirst.median / sRef.median;
  const peak = maxOf(rss);
  const n = fmtInt(cfg.rows);
  add({ scenario: 'import', what: `sqlite3 .import of the same CSV (${n} rows, reference)`, s: sRef, rowsPerS: cfg.rows / (sRef.median / 1000), target: '(ceiling)', met: null, load });
  add({
    scenario: 'import',
    what: `samsyn import deviations, ${n} rows, CLI end to end`,
    s: sFirst,
    rssMb: peak,
    rowsPerS: cfg.rows / (sFirst.median / 1000),
    extra: `${ratio.toFixed(1)}× sqlite3 .import`,
    target: '≤ 4 s and ≤ 5× sqlite3',
    met: full ? sFirst.median <= 4000 && ratio <= 5 : null,
    load,
  });
  add({ scenario: 'import', what: `import peak memory, ${n} rows`, s: null, value: `${peak.toFixed(0)} MB`, target: '≤ 400 MB RSS', met: full ? peak <= 400 : null, load });
  const share = sAgain.median / sFirst.median;
  add({
    scenario: 'import',
    what: `re-import of the same file (all unchanged)`,
    s: sAgain,
    rssMb: maxOf(rssAgain),
    rowsPerS: cfg.rows / (sAgain.median / 1000),
    extra: `${(share * 100).toFixed(0)} % of the first import`,
    target: '≤ 50 % of the first import',
    met: full ? share <= 0.5 : null,
    load,
  });
  details.push(`Import report (${n} rows): ${report ? `${fmtInt(report.inserted)} inserted, ${fmtInt(report.quarantined)} quarantined` : '–'}.`);
}

async function bigImportScenario(): Promise<void> {
  const load = loadAvg();
  const { meta, cached } = await workspaceWith(cfg.bigRows, 'big');
  add({
    scenario: 'import-1m',
    what: `import of ${fmtInt(cfg.bigRows)} rows into an empty workspace (n = 1${cached ? `, cached build of ${meta.date.slice(0, 16)}Z, load then ${meta.load}` : ''})`,
    s: stats([meta.ms]),
    rssMb: meta.rssMb,
    rowsPerS: cfg.bigRows / (meta.ms / 1000),
    target: '≤ 600 MB RSS',
    met: full && meta.rssMb !== null ? meta.rssMb <= 600 : null,
    load: cached ? meta.load : load,
  });
}

async function dashboardScenario(): Promise<void> {
  const { file } = await workspaceWith(cfg.bigRows, 'big');
  const load = loadAvg();
  const r = await child<{ openMs: number; coldMs: number; times: number[]; computeTimes: number[]; devCount: number }>([
    'dashboard', '--db', file, '--from', QUARTER.from, '--to', QUARTER.to, '--repeats', String(Math.max(cfg.repeats, 5) * 2),
  ]);
  const s = stats(r.times);
  add({
    scenario: 'dashboard',
    what: `indicators.dashboard (current + previous + year earlier) ${QUARTER.from}–${QUARTER.to}, ${fmtInt(cfg.bigRows)} rows, warm`,
    s,
    rssMb: r.maxRssMb,
    extra: `cold ${fmtMs(r.coldMs)}; one period (indicators.compute) median ${fmtMs(stats(r.computeTimes).median)}; workspace open ${fmtMs(r.openMs)}`,
    target: '≤ 300 ms',
    met: full ? s.median <= 300 : null,
    load,
  });
}

async function caselistScenario(): Promise<void> {
  const { file } = await workspaceWith(cfg.bigRows, 'big');
  const load = loadAvg();
  const r = await child<{ openMs: number; filters: { name: string; total: number; lowerBound: boolean; first: number[]; mid: number[]; last: number[] }[] }>([
    'caselist', '--db', file, '--repeats', String(cfg.repeats),
  ]);
  const lines = ['| filter | matches | first page (with count) | middle page | last page |', '|---|---:|---:|---:|---:|'];
  let worst = { name: '', ms: 0 };
  const all: number[] = [];
  for (const f of r.filters) {
    const m = [stats(f.first), stats(f.mid), stats(f.last)];
    for (const x of m) if (x.n && x.median > worst.ms) worst = { name: f.name, ms: x.median };
    all.push(...f.first, ...f.mid, ...f.last);
    lines.push(`| ${f.name} | ${f.lowerBound ? 'över ' : ''}${fmtInt(f.total)} | ${m.map((x) => (x.n ? fmtMs(x.median) : '–')).join(' | ')} |`);
  }
  details.push(`Case list, ${fmtInt(cfg.bigRows)} rows, 50 per page, medians of ${cfg.repeats} after a warm-up:\n\n${lines.join('\n')}`);
  add({
    scenario: 'caselist',
    what: `cases.list page, ${r.filters.length} filters × first/middle/last page, ${fmtInt(cfg.bigRows)} rows`,
    s: stats(all),
    headline: 'value',
    value: `worst median ${fmtMs(worst.ms)} (${worst.name})`,
    rssMb: r.maxRssMb,
    target: '≤ 50 ms for every filter and page',
    met: full ? worst.ms <= 50 : null,
    load,
  });
}

async function searchScenario(): Promise<void> {
  const { file } = await searchWs();
  const load = loadAvg();
  const r = await child<{ queries: { q: string; total: number; lowerBound: boolean; times: number[] }[]; counts: { cases: number; lessons: number } }>([
    'search', '--db', file, '--repeats', String(Math.max(cfg.repeats, 5) * 2),
  ]);
  const all = r.queries.flatMap((q) => q.times);
  const s = stats(all);
  const lines = ['| query | hits | median | p95 |', '|---|---:|---:|---:|'];
  for (const q of r.queries) {
    const x = stats(q.times);
    lines.push(`| \`${q.q}\` | ${q.lowerBound ? 'över ' : ''}${fmtInt(q.total)} | ${fmtMs(x.median)} | ${fmtMs(x.p95)} |`);
  }
  details.push(`Search (search.query, limit 20), ${fmtInt(r.counts.cases)} cases + ${fmtInt(r.counts.lessons)} lessons:\n\n${lines.join('\n')}`);
  add({
    scenario: 'search',
    what: `search.query, ${r.queries.length} queries, ${fmtInt(r.counts.cases)} cases + ${fmtInt(r.counts.lessons)} lessons`,
    s,
    headline: 'p95',
    value: `p95 ${fmtMs(s.p95)} (median ${fmtMs(s.median)})`,
    rssMb: r.maxRssMb,
    target: 'p95 ≤ 20 ms',
    met: full ? s.p95 <= 20 : null,
    load,
  });
}

async function pdfScenario(): Promise<void> {
  const { file } = await workspaceWith(cfg.bigRows, 'big');
  await ensureRenderer();
  const load = loadAvg();
  const out = path.join(DATA, 'tmp-report.pdf');
  const times: number[] = [];
  const rss: (number | null)[] = [];
  let bytes = 0;
  for (let i = 0; i <= cfg.repeats; i++) {
    fs.rmSync(out, { force: true });
    // SAMSYN_SKIP_BUILD: the renderer was built above; don't time other engineers' rebuilds
    const r = await samsyn(['report', '--db', file, '--from', QUARTER.from, '--to', QUARTER.to, '--out', out], { SAMSYN_SKIP_BUILD: '1' });
    bytes = fs.statSync(out).size;
    log(`  ${i === 0 ? 'warm-up' : `run ${i}`}: ${fmtMs(r.ms)} (largest process ${r.rssMb?.toFixed(0)} MB) — load ${loadAvg()}`);
    if (i === 0) continue;
    times.push(r.ms);
    rss.push(r.rssMb);
  }
  fs.rmSync(out, { force: true });
  const s = stats(times);
  add({
    scenario: 'pdf',
    what: `samsyn report (PDF), CLI end to end, ${fmtInt(cfg.bigRows)}-row workspace`,
    s,
    rssMb: maxOf(rss),
    extra: `${Math.round(bytes / 1024)} kB PDF; peak RSS is that of the largest single process (Node or one Chromium process), not their sum`,
    target: '≤ 8 s',
    met: full ? s.median <= 8000 : null,
    load,
  });
}

async function browserScenario(): Promise<void> {
  const demo = await demoWs();
  await ensureRenderer();
  const load = loadAvg();
  const r = await child<{ times: number[]; serverTimes: number[] }>(['browser', '--demo', demo, '--repeats', String(cfg.repeats)]);
  const s = stats(r.times);
  add({
    scenario: 'browser',
    what: 'browser mode: spawn scripts/serve.mjs → dashboard figure visible (demo workspace)',
    s,
    extra: `server ready (URL printed) median ${fmtMs(stats(r.serverTimes).median)}`,
    target: '≤ 2 s',
    met: full ? s.median <= 2000 : null,
    load,
  });
}

const run: Record<Scenario, () => Promise<void>> = {
  import: importScenario,
  'import-1m': bigImportScenario,
  dashboard: dashboardScenario,
  caselist: caselistScenario,
  search: searchScenario,
  pdf: pdfScenario,
  browser: browserScenario,
};

// ------------------------------------------------------------------------------------ machine

function machine(): string {
  const cpus = os.cpus();
  const db = new Database(':memory:');
  const sqliteVersion = db.prepare('select sqlite_version()').pluck().get() as string;
  db.close();
  let cli = '';
  try {
    cli = execFileSync('sqlite3', ['--version'], { encoding: 'utf8' }).split(' ')[0] ?? '';
  } catch {
    cli = 'not installed';
  }
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' + uncommitted changes';
  } catch {
    commit = 'unknown';
  }
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, SQLite ${sqliteVersion} (better-sqlite3), sqlite3 shell ${cli}; commit ${commit}`;
}

// ------------------------------------------------------------------------------------ main

async function main(): Promise<void> {
  const started = new Date();
  const t0 = performance.now();
  const loadStart = loadAvg();
  log(`Samsyn benchmarks${quick ? ' (quick)' : ''}: ${selected.join(', ')} — load average ${loadStart}`);
  const failures: string[] = [];
  for (const sc of selected) {
    log(`\n▶ ${sc} (load ${loadAvg()})`);
    try {
      await run[sc]();
    } catch (e) {
      failures.push(`${sc}: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}`);
      log(`  FAILED: ${(e as Error).message}`);
    }
  }
  const loadEnd = loadAvg();
  const table = [
    '| scenario | measured | median | min | max | peak RSS | rows/s | target | met | load (1/5/15 min) |',
    '|---|---|---:|---:|---:|---:|---:|---|---|---|',
    ...rows.map((r) => {
      const head = r.value ?? (r.s ? fmtMs(r.headline === 'p95' ? r.s.p95 : r.s.median) : '–');
      return `| ${r.scenario} | ${r.what}${r.extra ? ` — ${r.extra}` : ''} | ${head} | ${r.s ? fmtMs(r.s.min) : '–'} | ${r.s ? fmtMs(r.s.max) : '–'} | ${r.rssMb ? `${r.rssMb.toFixed(0)} MB` : '–'} | ${r.rowsPerS ? fmtInt(r.rowsPerS) : '–'} | ${r.target} | ${r.met === null ? '–' : r.met ? 'yes' : '**no**'} | ${r.load} |`;
    }),
  ].join('\n');
  const md = [
    `## ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${quick ? 'quick run' : 'full run'} (${selected.join(', ')})`,
    '',
    `- Machine: ${machine()}`,
    `- Load average (1/5/15 min): ${loadStart} at start, ${loadEnd} at end (${Math.round((performance.now() - t0) / 1000)} s)`,
    `- Data: seed ${cfg.seed}, \`samsyn generate\` (Fyrbodal, 24 months from 2024-01); import ${fmtInt(cfg.rows)} rows; large workspace ${fmtInt(cfg.bigRows)} rows; search ${fmtInt(cfg.searchRows)} cases + ${fmtInt(cfg.lessons)} lessons; ${cfg.repeats} timed repeats after a warm-up (in-process scenarios: more, see n)`,
    ...(values.note ? [`- Note: ${values.note}`] : []),
    ...(failures.length ? [`- Failed: ${failures.join('; ')}`] : []),
    '',
    table,
    '',
    ...details.flatMap((d) => [d, '']),
  ].join('\n');
  process.stdout.write(`\n${md}\n`);
  if (!values['no-record']) {
    const file = path.join(ROOT, 'bench', 'RESULTS.md');
    if (!fs.existsSync(file)) {
      fs.writeFileSync(file, '# Benchmark results\n\nAppended by `npm run bench` (newest last). Targets and method: README.md, section Benchmarks; analysis and fixes: the top of this file.\n\n');
    }
    fs.appendFileSync(file, `${md}\n`);
    log(`Appended to ${path.relative(ROOT, file)}.`);
  }
  if (failures.length) process.exitCode = 1;
}

await main();
