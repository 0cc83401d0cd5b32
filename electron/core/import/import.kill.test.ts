import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createWorkspace } from '../workspace/workspace';
import { openWorkspace } from '../db/open-workspace';
import { importFile } from './import-file';
import { devCells, genDeviations, rng, STD_HEADERS, tableCounts, toCsv, TEST_TODAY } from './test-helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const child = path.join(here, 'kill-child.ts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-kill-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Run {
  ms: number;
  readyMs: number | null;
  done: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs the child; kills it with SIGKILL `killAfterMs` after it printed "ready" (never when null). */
function runChild(db: string, csv: string, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const p = spawn(process.execPath, ['--import', 'tsx', child, db, csv], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let readyMs: number | null = null;
    p.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (readyMs === null && out.includes('ready')) {
        readyMs = Date.now() - t0;
        if (killAfterMs !== null) setTimeout(() => p.kill('SIGKILL'), killAfterMs);
      }
    });
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.on('error', reject);
    p.on('close', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`child failed (${code}): ${err.slice(-500)}`));
      else resolve({ ms: Date.now() - t0 - (readyMs ?? 0), readyMs, done: out.includes('done'), code, signal });
    });
  });
}

async function countsOf(file: string): Promise<{ counts: Record<string, number>; integrity: string }> {
  const ws = await openWorkspace(file); // refuses a damaged file
  try {
    return { counts: tableCounts(ws.sqlite), integrity: String(ws.sqlite.pragma('integrity_check', { simple: true })) };
  } finally {
    ws.close();
  }
}

it('a kill at any moment leaves the workspace exactly as before or exactly as after', { timeout: 420_000 }, async () => {
  // base workspace with 5 000 deviations; the 50 000-row file updates some, adds the rest
  const base = path.join(dir, 'base.samsyn');
  const ws = await createWorkspace(base, { delregionId: 'skaraborg', userName: 'Testare' });
  const rows = genDeviations(50_000, 21, { outsideShare: 0.02 });
  await importFile(ws, { bytes: new Uint8Array(toCsv(STD_HEADERS, rows.slice(0, 5000).map(devCells))) }, 'base.csv', { kind: 'deviations', now: TEST_TODAY });
  ws.close();
  for (const d of rows.slice(0, 5000)) if (d.status !== 'Avslutad') (d.status = 'Avslutad'), (d.answered ||= d.reported), (d.closed = '2026-10-01');
  const csv = path.join(dir, 'big.csv');
  fs.writeFileSync(csv, toCsv(STD_HEADERS, rows.map(devCells)));

  const before = await countsOf(base);
  const full = path.join(dir, 'full.samsyn');
  fs.copyFileSync(base, full);
  const ref = await runChild(full, csv, null);
  expect(ref.done).toBe(true);
  const after = await countsOf(full);
  expect(after.counts.deviations).toBeGreaterThan(before.counts.deviations + 40_000);
  expect(after.counts.deviation_history).toBeGreaterThan(0);

  const r = rng(99);
  const outcomes = { before: 0, after: 0 };
  const kills = 22;
  for (let i = 0; i < kills; i++) {
    const copy = path.join(dir, `kill-${i}.samsyn`);
    fs.copyFileSync(base, copy);
    // spread the kill points over the whole import, a little beyond its end
    const delay = Math.floor(((i + r()) / kills) * ref.ms * 1.15);
    const run = await runChild(copy, csv, delay);
    const got = await countsOf(copy);
    expect(got.integrity).toBe('ok');
    const same = (x: Record<string, number>) => JSON.stringify(x) === JSON.stringify(got.counts);
    if (same(before.counts)) outcomes.before++;
    else if (same(after.counts)) outcomes.after++;
    else throw new Error(`kill ${i} after ${delay} ms left a partial state: ${JSON.stringify(got.counts)} (before ${JSON.stringify(before.counts)}, after ${JSON.stringify(after.counts)})`);
    if (run.done) expect(same(after.counts)).toBe(true);
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  }
  expect(outcomes.before + outcomes.after).toBe(kills);
  expect(outcomes.before).toBeGreaterThan(0);
});
