/** Small helpers shared by the benchmark runner and its child processes. */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const DATA = path.join(ROOT, 'bench', 'data');
export const CLI = path.join(ROOT, 'bin', 'samsyn.mjs');
export const TIME = '/usr/bin/time';

export interface Stats {
  n: number;
  median: number;
  min: number;
  max: number;
  p95: number;
}

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { n: 0, median: NaN, min: NaN, max: NaN, p95: NaN };
  const median = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  // nearest rank
  const p95 = s[Math.min(n - 1, Math.ceil(0.95 * n) - 1)]!;
  return { n, median, min: s[0]!, max: s[n - 1]!, p95 };
}

export function loadAvg(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

export function sha(...parts: (string | Buffer)[]): string {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 12);
}

export function fileSha(...files: string[]): string {
  return sha(...files.map((f) => fs.readFileSync(path.join(ROOT, f))));
}

export interface ProcResult {
  code: number;
  ms: number;
  /** Peak RSS in MB (from /usr/bin/time -v), null when not measurable. */
  rssMb: number | null;
  stdout: string;
  stderr: string;
}

const hasTime = fs.existsSync(TIME);

/** Runs a command, timing it from spawn to exit; peak RSS through /usr/bin/time -v when available. */
export async function runProc(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): Promise<ProcResult> {
  const timeFile = hasTime ? path.join(os.tmpdir(), `samsyn-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`) : null;
  const [c, a] = timeFile ? [TIME, ['-v', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const child = spawn(c, a, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(opts.input ?? '');
  const code = await new Promise<number>((r) => child.on('close', (x) => r(x ?? 1)));
  const ms = performance.now() - t0;
  let rssMb: number | null = null;
  if (timeFile && fs.existsSync(timeFile)) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(timeFile, 'utf8'));
    if (m) rssMb = Number(m[1]) / 1024;
    fs.rmSync(timeFile, { force: true });
  }
  return { code, ms, rssMb, stdout, stderr };
}

export async function mustRun(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<ProcResult> {
  const r = await runProc(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} → exit ${r.code}\n${r.stderr.slice(-2000)}`);
  return r;
}

/** Runs the samsyn CLI. */
export function samsyn(args: string[], env?: NodeJS.ProcessEnv): Promise<ProcResult> {
  return mustRun(process.execPath, [CLI, ...args], { env });
}

/** stdout as one JSON document, else its last line that parses as JSON. */
export function lastJson<T>(stdout: string): T {
  try {
    return JSON.parse(stdout) as T;
  } catch {
    /* several lines: take the last JSON line */
  }
  const lines = stdout.trim().split('\n').reverse();
  for (const l of lines) {
    try {
      return JSON.parse(l) as T;
    } catch {
      /* not JSON */
    }
  }
  throw new Error(`no JSON in output: ${stdout.slice(-500)}`);
}

export function removeDb(file: string): void {
  for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + s, { force: true });
  fs.rmSync(`${file}.sakerhetskopior`, { recursive: true, force: true });
}
