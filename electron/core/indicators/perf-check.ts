/**
 * Manual speed check (not a unit test): builds a workspace with N synthetic deviations over the 24
 * months 2024-01 … 2025-12 (1 000 000 rows → ≈ 125 000 per quarter, like the bench data), then
 * times the dashboard's three periods (quarter 2025-Q4, the previous quarter, the year before)
 * warm, from the summary tables and from the rows, checks that both give the same document, and
 * times a full refresh of the summary (rolled back).
 *   npx tsx electron/core/indicators/perf-check.ts [rows=1000000] [file]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWorkspace, readSettings } from '../workspace/workspace';
import { openWorkspace } from '../db/open-workspace';
import { computeIndicators, type ComputeEnv, type FigureSource } from './compute';
import { refreshRecurring } from './recurring';
import { rebuildSummary, refreshSummary, touchDaysFrom } from './summary';

const rows = Number(process.argv[2] ?? 1_000_000);
const file = process.argv[3] ?? path.join(os.tmpdir(), `samsyn-perf-${rows}-24m.samsyn`);

async function build() {
  const ws = await createWorkspace(file, { delregionId: 'skaraborg', userName: 'perf' });
  const s = ws.sqlite;
  const kommuner = readSettings(ws).kommuner;
  const cats = ['hemsjukvard', 'in_utskrivning', 'sip', 'lakarmedverkan', 'lakemedel', 'egenvard', 'hjalpmedel', 'rehab_hab', 'information', 'munhalsa', 'vardhygien', 'psykisk_beroende', 'ovrigt'];
  const types = ['kommun', 'region', 'privat'];
  // mulberry32: a plain LCG's consecutive values are correlated (some days never drawn)
  let x = 42;
  const rnd = (n: number) => {
    x = (x + 0x6d2b79f5) | 0;
    let t = Math.imul(x ^ (x >>> 15), 1 | x);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const start = Date.UTC(2024, 0, 1);
  const span = 731; // 2024-01-01 … 2025-12-31
  const iso = (d: number) => new Date(start + d * 86_400_000).toISOString().slice(0, 10);
  const ins = s.prepare(`INSERT INTO deviations (source_system, external_id, reported_at, reporting_org, reporting_party_type, receiving_org,
     receiving_party_type, kommun_code, kommun, category, severity, status, answered_at, closed_at, content_hash, created_at, updated_at)
     VALUES ('perf', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'h', '2026-01-01', '2026-01-01')`);
  const t0 = Date.now();
  s.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const day = rnd(span);
      const ans = rnd(5) ? day + rnd(120) : null;
      const clo = ans !== null && rnd(3) ? ans + rnd(60) : null;
      const k = kommuner[rnd(kommuner.length)]!;
      ins.run(`P-${i}`, iso(day), `Rapportör ${rnd(60)}`, types[rnd(3)], `Mottagare ${rnd(60)}`, types[rnd(3)], k.code, k.name, cats[rnd(13)], rnd(5) || null,
        clo !== null ? 'avslutad' : ans !== null ? 'besvarad' : 'ny', ans === null ? null : iso(ans), clo === null ? null : iso(clo));
    }
    const di = s.prepare(`INSERT INTO disputes (source_system, external_id, opened_at, party_a, party_b, area, step2_at, step3_at, resolved_at, resolution_step, content_hash, created_at, updated_at)
      VALUES ('perf', ?, ?, 'A', 'B', 'sip', ?, NULL, ?, 1, 'h', '2026-01-01', '2026-01-01')`);
    for (let i = 0; i < 5000; i++) {
      const o = rnd(span);
      di.run(`T-${i}`, iso(o), rnd(2) ? iso(o + 10) : null, rnd(3) ? iso(o + 40) : null);
    }
    refreshRecurring(s);
    rebuildSummary(s);
  })();
  console.log(`inserted ${rows} rows in ${Date.now() - t0} ms`);
  ws.close();
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function main() {
  if (!fs.existsSync(file)) await build();
  const ws = await openWorkspace(file);
  const st = readSettings(ws);
  const env = (source: FigureSource): ComputeEnv => ({ sqlite: ws.sqlite, delregionId: st.delregionId, kommuner: st.kommuner, defaultDeadlineDays: 60, now: new Date(), source });
  const asOf = '2026-01-10';
  const periods = [
    { from: '2025-10-01', to: '2025-12-31', asOf },
    { from: '2025-07-01', to: '2025-09-30', asOf },
    { from: '2024-10-01', to: '2024-12-31', asOf },
  ];
  const dashboard = (source: FigureSource) => periods.map((p) => computeIndicators(env(source), p));
  for (const source of ['summary', 'rows'] as const) {
    dashboard(source); // warm-up
    const times: number[] = [];
    for (let i = 0; i < (source === 'rows' ? 3 : 7); i++) {
      const t0 = performance.now();
      dashboard(source);
      times.push(performance.now() - t0);
    }
    console.log(`three periods from ${source}: median ${median(times).toFixed(0)} ms [${times.map((t) => t.toFixed(0)).join(', ')}], load ${load()}`);
  }
  const same = JSON.stringify(dashboard('summary')) === JSON.stringify(dashboard('rows'));
  console.log(`summary = rows: ${same}; dev.count ${dashboard('summary')[0]!.indicators['dev.count']}`);
  const s = ws.sqlite;
  s.exec('BEGIN');
  const t0 = performance.now();
  touchDaysFrom(s, 'SELECT reported_at FROM deviations');
  const days = refreshSummary(s);
  console.log(`full refresh of ${days} days: ${(performance.now() - t0).toFixed(0)} ms (rolled back), load ${load()}`);
  s.exec('ROLLBACK');
  ws.close();
}
main();
