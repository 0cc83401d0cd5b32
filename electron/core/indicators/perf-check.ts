/**
 * Manual speed check (not a unit test): builds a workspace with N synthetic deviations spread
 * over `years` years, then times `computeIndicators` for a quarter, cold and warm.
 *   npx tsx electron/core/indicators/perf-check.ts [rows=1000000] [years=6] [file]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWorkspace } from '../workspace/workspace';
import { openWorkspace } from '../db/open-workspace';
import { readSettings } from '../workspace/workspace';
import { computeIndicators } from './compute';
import { refreshRecurring } from './recurring';

const rows = Number(process.argv[2] ?? 1_000_000);
const years = Number(process.argv[3] ?? 6);
const file = process.argv[4] ?? path.join(os.tmpdir(), `samsyn-perf-${rows}-${years}.samsyn`);

async function build() {
  const ws = await createWorkspace(file, { delregionId: 'skaraborg', userName: 'perf' });
  const s = ws.sqlite;
  const kommuner = readSettings(ws).kommuner;
  const cats = ['hemsjukvard', 'in_utskrivning', 'sip', 'lakarmedverkan', 'lakemedel', 'egenvard', 'hjalpmedel', 'rehab_hab', 'information', 'munhalsa', 'vardhygien', 'psykisk_beroende', 'ovrigt'];
  const types = ['kommun', 'region', 'privat'];
  let x = 42;
  const rnd = (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const start = Date.UTC(2027 - years, 0, 1);
  const span = years * 365;
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
  })();
  console.log(`inserted ${rows} rows in ${Date.now() - t0} ms`);
  ws.close();
}

async function main() {
  if (!fs.existsSync(file)) await build();
  const ws = await openWorkspace(file);
  const st = readSettings(ws);
  const env = { sqlite: ws.sqlite, delregionId: st.delregionId, kommuner: st.kommuner, defaultDeadlineDays: 60, now: new Date() };
  const q = { from: '2026-04-01', to: '2026-06-30', asOf: '2026-11-02' };
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const doc = computeIndicators(env, q);
    console.log(`${i === 0 ? 'cold' : 'warm'} ${Math.round(performance.now() - t0)} ms, dev.count ${doc.indicators['dev.count']}, recurring ${doc.indicators['dev.recurring'].numerator}`);
  }
  ws.close();
}
main();
