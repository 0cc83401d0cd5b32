// Static security scan of the Electron shell with @doyensec/electronegativity 1.10.3, as a gate.
//
// Why not its CLI: it exits 0 whatever it finds; it skips .mjs/.cjs files; its CSV writer starts
// the header and the rows as two unawaited writes (the header can overwrite the first row); its
// SARIF has no severity; and it fetches translations and Electron's release list from the
// internet (seconds of timeouts offline). So this runs its runner in-process with the network
// client stubbed to fail at once, the release check off, Electron 45.4.1 assumed, over a staged
// copy of the real code (sources of electron/main and electron/preload, the built out/main,
// out/preload as .js, out/renderer/index.html), and fails on any HIGH or MEDIUM finding that the
// checked-in .electronegativity-allowlist.json does not explain. Report: .tmp/electronegativity.csv.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const ELECTRON_VERSION = '45.4.1';
export const ALLOWLIST_FILE = path.join(ROOT, '.electronegativity-allowlist.json');

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  column: number;
  sample: string;
  description: string;
}

export interface AllowEntry {
  check: string;
  /** Relative path in the staged scan folder ('src/main/index.ts', 'out/main/index.js'), or '*'. */
  file: string;
  /** Optional: the finding's sample must contain this text. */
  sampleContains?: string;
  reason: string;
}

const GATED = new Set(['HIGH', 'MEDIUM']);

export function validateAllowlist(raw: unknown): AllowEntry[] {
  if (!Array.isArray(raw)) throw new Error('allowlistan måste vara en JSON-lista');
  return raw.map((e, i) => {
    const entry = e as Partial<AllowEntry>;
    if (typeof entry.check !== 'string' || typeof entry.file !== 'string') throw new Error(`post ${i}: check och file krävs`);
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 20) throw new Error(`post ${i} (${entry.check}): skälet (reason) saknas eller är för kort`);
    return entry as AllowEntry;
  });
}

export function matches(entry: AllowEntry, f: Finding): boolean {
  return entry.check === f.check && (entry.file === '*' || entry.file === f.file) && (!entry.sampleContains || f.sample.includes(entry.sampleContains));
}

/** Splits findings into those that fail the gate and those explained; lists allowlist entries that matched nothing. */
export function gate(findings: Finding[], allow: AllowEntry[]) {
  const failing: Finding[] = [];
  const explained: { finding: Finding; reason: string }[] = [];
  const used = new Set<AllowEntry>();
  for (const f of findings) {
    if (!GATED.has(f.severity)) continue;
    const entry = allow.find((a) => matches(a, f));
    if (entry) {
      used.add(entry);
      explained.push({ finding: f, reason: entry.reason });
    } else failing.push(f);
  }
  return { failing, explained, unused: allow.filter((a) => !used.has(a)) };
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(findings: Finding[]): string {
  const head = ['check', 'severity', 'confidence', 'file', 'line', 'column', 'sample', 'description'];
  return [head.join(','), ...findings.map((f) => [f.check, f.severity, f.confidence, f.file, f.line, f.column, f.sample, f.description].map(csvCell).join(','))].join('\n') + '\n';
}

/** Copies what the scanner should read into one folder (it reads .js/.ts/.html only). */
export function stageInput(dir: string): string[] {
  fs.rmSync(dir, { recursive: true, force: true });
  const staged: string[] = [];
  const copy = (from: string, to: string) => {
    if (!fs.existsSync(from)) return;
    fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, to));
    staged.push(to);
  };
  for (const part of ['main', 'preload']) {
    const src = path.join(ROOT, 'electron', part);
    for (const f of fs.readdirSync(src)) {
      if (/\.ts$/.test(f) && !/\.test\.ts$/.test(f)) copy(path.join(src, f), `src/${part}/${f}`);
    }
    const out = path.join(ROOT, 'out', part);
    if (fs.existsSync(out)) {
      for (const f of fs.readdirSync(out)) {
        if (/\.(c|m)?js$/.test(f)) copy(path.join(out, f), `out/${part}/${f.replace(/\.(c|m)js$/, '.js')}`);
      }
    }
  }
  copy(path.join(ROOT, 'out', 'renderer', 'index.html'), 'out/renderer/index.html');
  // Lets the scanner see which Electron the app is built with (we also pass -e).
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'samsyn-scan', devDependencies: { electron: ELECTRON_VERSION } }));
  return staged;
}

interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  sample?: string;
  description: string;
}

/** Runs electronegativity's runner in this process, offline. */
export async function scan(dir: string): Promise<{ findings: Finding[]; errors: { file: string; message: string; tolerable: boolean }[]; checks: number }> {
  const enRequire = createRequire(createRequire(import.meta.url).resolve('@doyensec/electronegativity/package.json'));
  // The tool's HTTP client (translations, Electron release list) fails at once: no network here.
  const gotPath = enRequire.resolve('got');
  const offline = Object.assign(() => Promise.reject(new Error('offline')), { head: () => Promise.reject(new Error('offline')) });
  const Module = enRequire('module') as { _cache: Record<string, unknown> };
  Module._cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline, children: [], paths: [] };
  const log = console.log;
  console.log = () => {}; // "Could not retrieve updated translations …"
  try {
    const i18n = enRequire('./dist/locales/i18n.js') as () => Promise<void>;
    await i18n();
    const runner = enRequire('./dist/runner.js') as (opts: object, forCli: boolean) => Promise<{ issues: RawIssue[]; errors: { file: string; message: string; tolerable: boolean }[]; globalChecks: number; atomicChecks: number }>;
    const r = await runner(
      {
        input: dir,
        output: undefined,
        isSarif: false,
        customScan: [],
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        severitySet: undefined,
        confidenceSet: undefined,
        isRelative: true,
        isVerbose: true,
        electronUpgrade: undefined,
        electronVersionOverride: ELECTRON_VERSION,
        parserPlugins: [],
      },
      false,
    );
    const findings = r.issues.map((i) => ({
      check: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file.split(path.sep).join('/'),
      line: i.location?.line ?? 0,
      column: i.location?.column ?? 0,
      sample: (i.sample ?? '').slice(0, 300),
      description: i.description,
    }));
    return { findings, errors: r.errors, checks: r.globalChecks + r.atomicChecks };
  } finally {
    console.log = log;
  }
}

export async function main(): Promise<number> {
  const t0 = Date.now();
  if (!fs.existsSync(path.join(ROOT, 'out', 'main', 'index.js'))) {
    process.stderr.write('out/main/index.js saknas: kör "npm run build" först.\n');
    return 1;
  }
  const dir = path.join(ROOT, '.tmp', 'electronegativity-input');
  const staged = stageInput(dir);
  const allow = validateAllowlist(JSON.parse(fs.readFileSync(ALLOWLIST_FILE, 'utf8')));
  const { findings, errors, checks } = await scan(dir);
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, '.tmp', 'electronegativity.csv'), toCsv(findings));
  const { failing, explained, unused } = gate(findings, allow);
  const out = process.stdout;
  out.write(`electronegativity ${ELECTRON_VERSION}: ${checks} kontroller över ${staged.length} filer (${staged.join(', ')})\n`);
  out.write(`fynd: ${findings.length} (HIGH/MEDIUM: ${failing.length + explained.length}, varav förklarade i allowlistan: ${explained.length})\n`);
  for (const e of explained) out.write(`  förklarad: ${e.finding.check} ${e.finding.severity} ${e.finding.file}:${e.finding.line} — ${e.reason}\n`);
  for (const f of findings.filter((x) => !GATED.has(x.severity))) out.write(`  info: ${f.check} ${f.severity} ${f.file}:${f.line}\n`);
  for (const u of unused) out.write(`  varning: allowlistans post ${u.check} (${u.file}) matchade inget fynd – ta bort den om den inte behövs\n`);
  const hardErrors = errors.filter((e) => !e.tolerable);
  for (const e of hardErrors) out.write(`  FEL: kunde inte läsa ${path.relative(dir, e.file)}: ${e.message}\n`);
  for (const f of failing) out.write(`  FYND: ${f.check} ${f.severity}/${f.confidence} ${f.file}:${f.line}:${f.column} ${f.sample.slice(0, 120)}\n         ${f.description}\n`);
  out.write(`tid: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  if (failing.length > 0 || hardErrors.length > 0) {
    out.write(`Säkerhetsskanningen misslyckades: ${failing.length} oförklarade HIGH/MEDIUM-fynd, ${hardErrors.length} filer som inte kunde läsas.\n`);
    return 1;
  }
  out.write('Säkerhetsskanningen: inga oförklarade HIGH/MEDIUM-fynd.\n');
  return 0;
}
