/**
 * Population figures from SCB's table export: title lines above the header, a kommun column
 * (name or "code name") and one column per year. Replaces figures for the same kommun and year
 * (ref_date = 31 Dec of the year), recorded as an import batch of kind 'population'.
 * Rows that name no kommun of the county (e.g. "Riket", the county total) are listed as unknown.
 */
import path from 'node:path';
import { todayIso } from '../../../shared/dates';
import { normalizeKey } from '../../../shared/text';
import type { PopulationReport } from '../../../shared/domain/import';
import { UserError } from '../errors';
import type { OpenedWorkspace } from '../db/open-workspace';
import { kommunMatcher } from '../workspace/workspace';
import { openTable, type TableInput } from './read-table';
import { parseNumber } from './values';
import { pseudonymiserFor } from './deidentify';

const YEAR = /^(?:(?:år|ar)\s*)?((?:19|20)\d{2})$/i;
const KOMMUN_HEADERS = new Set(['region', 'kommun', 'kommuner', 'regionkod', 'kommunnamn']);

export async function importPopulation(ws: OpenedWorkspace, input: TableInput, fileName: string, opts: { now?: Date; signal?: AbortSignal } = {}): Promise<PopulationReport> {
  const now = opts.now ?? new Date();
  const reader = await openTable(input, path.basename(fileName));
  const match = kommunMatcher(ws);
  const pseudo = pseudonymiserFor(ws.sqlite);
  let header: { row: number; yearCols: { idx: number; year: number }[]; kommunIdx: number } | null = null;
  const figures = new Map<string, { code: string; year: number; value: number }>();
  const unknown = new Set<string>();
  let scanned = 0;
  for await (const r of reader.rows(opts.signal)) {
    const cells = r.cells.map((c) => c.trim());
    if (!header) {
      if (++scanned > 200) break;
      const yearCols = cells.map((c, idx) => ({ idx, m: YEAR.exec(c) })).filter((x) => x.m).map((x) => ({ idx: x.idx, year: Number(x.m![1]) }));
      if (yearCols.length === 0) continue;
      let kommunIdx = cells.findIndex((c) => KOMMUN_HEADERS.has(normalizeKey(c)));
      if (kommunIdx < 0) kommunIdx = cells.findIndex((_c, i) => !yearCols.some((y) => y.idx === i));
      if (kommunIdx < 0) continue;
      header = { row: r.rowNumber, yearCols, kommunIdx };
      continue;
    }
    const name = cells[header.kommunIdx] ?? '';
    if (!name) continue;
    const k = match(name);
    if (!k) {
      // footnotes and totals; never keep anything that looks like an identity number
      if (header.yearCols.some((y) => parseNumber(cells[y.idx] ?? '') != null)) unknown.add(pseudo.clean(name).slice(0, 100));
      continue;
    }
    for (const y of header.yearCols) {
      const raw = cells[y.idx] ?? '';
      const v = parseNumber(raw);
      if (v === null || raw === '..' || raw === '-') continue;
      if (v === undefined || !Number.isInteger(v) || v < 0) {
        throw new UserError(`Rad ${r.rowNumber} i filen ${fileName}: kolumnen "${y.year}" för ${k.name} har värdet "${raw}", som inte är en folkmängd (ett heltal).`);
      }
      figures.set(`${k.code}:${y.year}`, { code: k.code, year: y.year, value: v });
    }
  }
  if (!header) {
    throw new UserError(`Filen ${fileName} har ingen rad som ser ut som en rubrikrad för folkmängd (en kolumn för kommun och minst en kolumn med ett årtal, t.ex. 2024); ingenting har sparats.`);
  }
  if (figures.size === 0) {
    throw new UserError(`Filen ${fileName} innehåller inga folkmängdssiffror för någon av länets kommuner; ingenting har sparats.`);
  }
  const source = `SCB (import av ${path.basename(fileName)})`;
  const nowIso = now.toISOString();
  const years = [...new Set([...figures.values()].map((f) => f.year))].sort();
  const kommuner = new Set([...figures.values()].map((f) => f.code));
  const tx = ws.sqlite.transaction((): PopulationReport => {
    const batchId = Number(
      ws.sqlite
        .prepare(
          `INSERT INTO import_batches (kind, file_name, file_size, sha256, source_system, imported_at, imported_on, rows, inserted, report) VALUES ('population', ?, ?, ?, 'SCB', ?, ?, ?, ?, '{}')`,
        )
        .run(path.basename(fileName), reader.info.size, reader.info.sha256, nowIso, todayIso(now), figures.size, figures.size).lastInsertRowid,
    );
    const up = ws.sqlite.prepare(
      `INSERT INTO ref_population (kommun_code, year, ref_date, value, source, imported_batch_id) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(kommun_code, year) DO UPDATE SET ref_date = excluded.ref_date, value = excluded.value, source = excluded.source, imported_batch_id = excluded.imported_batch_id`,
    );
    for (const f of figures.values()) up.run(f.code, f.year, `${f.year}-12-31`, f.value, source, batchId);
    const report: PopulationReport = {
      file: path.basename(fileName),
      sha256: reader.info.sha256,
      batchId,
      headerRowNumber: header!.row,
      kommuner: kommuner.size,
      years,
      rowsUpdated: figures.size,
      unknownKommuner: [...unknown],
      source,
    };
    ws.sqlite.prepare('UPDATE import_batches SET report = ? WHERE id = ?').run(JSON.stringify(report), batchId);
    return report;
  });
  return tx();
}

export interface PopulationStatus {
  code: string;
  name: string;
  value: number | null;
  year: number | null;
  refDate: string | null;
  source: string | null;
  missing: boolean;
}

/** Per kommun of the workspace: the latest figure, or missing. */
export function listPopulation(ws: OpenedWorkspace): PopulationStatus[] {
  const rows = ws.sqlite
    .prepare(
      `SELECT k.code, k.name, p.value, p.year, p.ref_date AS refDate, p.source
       FROM workspace_kommuner k
       LEFT JOIN ref_population p ON p.kommun_code = k.code AND p.year = (SELECT max(year) FROM ref_population WHERE kommun_code = k.code)
       ORDER BY k.name`,
    )
    .all() as Omit<PopulationStatus, 'missing'>[];
  return rows
    .map((r) => ({ ...r, missing: r.value == null }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}
