/**
 * `samsyn report --db F --from D --to D [--as-of D] --out FILE.pdf`: the VVG summary as PDF,
 * headless. Serves the built renderer with the in-process HTTP server (building it first when
 * missing or stale), prints the report route in Chromium (playwright-core) and writes the file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CliFailure, createCore, parse, printJson, progressPrinter, requireDate, requireInt, UsageError, type CliIO } from '../io';
import { startHttpServer } from '../../transport/http-server';
import { chromiumMissingMessage, createChromiumPrinter, findChromium } from '../../transport/print-pdf';
import { reportExportResultSchema, type ReportExportResult } from '../../../shared/api/reports';
import { z } from 'zod';
import { checkTexts } from '../../core/reports/handlers';
import { findAppFolder } from '../../core/paths';
import { checkOutputPath, writeOutputFile, type OutputPathOptions } from '../output-path';

// the project folder (the one holding scripts/): found by walking up, so this also works from the
// compiled CLI bundle in out/cli/
const ROOT = path.dirname(findAppFolder('scripts'));
const STATIC_DIR = path.join(ROOT, 'out', 'renderer');

/** Builds the renderer when it is missing or stale (same logic as `npm start`). */
function ensureRenderer(io: CliIO): void {
  if (process.env.SAMSYN_SKIP_BUILD === '1' && fs.existsSync(path.join(STATIC_DIR, 'index.html'))) return;
  const script = path.join(ROOT, 'scripts', 'build-if-stale.mjs');
  const r = spawnSync(process.execPath, [script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.stderr && io.isTTY) io.err(r.stderr.trim());
  if (r.status !== 0 || !fs.existsSync(path.join(STATIC_DIR, 'index.html'))) {
    throw new CliFailure(`Gränssnittet som rapporten ritas med kunde inte byggas (npm run build).${r.stderr ? ` ${r.stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`);
  }
}

function readTextOption(name: string, value: string | undefined, file: string | undefined): string {
  if (value !== undefined && file !== undefined) throw new UsageError(`Ange antingen --${name} eller --${name}-file, inte båda.`);
  if (file === undefined) return value ?? '';
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliFailure(`Filen ${file} (--${name}-file) kunde inte läsas.`);
  }
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, {
    db: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'as-of': { type: 'string' },
    'deadline-days': { type: 'string' },
    out: { type: 'string' },
    summary: { type: 'string' },
    'summary-file': { type: 'string' },
    analysis: { type: 'string' },
    'analysis-file': { type: 'string' },
    'saved-id': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.db) throw new UsageError('--db FIL saknas.');
  if (!values.out) throw new UsageError('--out FIL.pdf saknas.');
  const savedId = requireInt('saved-id', values['saved-id'], 1, Number.MAX_SAFE_INTEGER);
  const from = requireDate('from', values.from, savedId === undefined);
  const to = requireDate('to', values.to, savedId === undefined);
  const asOf = requireDate('as-of', values['as-of'], false);
  const deadlineDays = requireInt('deadline-days', values['deadline-days'], 0, 3650);
  if (from && to && from > to) throw new CliFailure(`Periodens början (${from}) ligger efter dess slut (${to}).`);
  const summaryText = readTextOption('summary', values.summary, values['summary-file']);
  const analysisText = readTextOption('analysis', values.analysis, values['analysis-file']);
  // before anything is written (the export also records the saved report in the workspace):
  // never over the workspace, its -wal/-shm/-journal, another database or a folder; only *.pdf
  const outOptions: OutputPathOptions = { db: values.db, extensions: ['.pdf'], what: 'Rapporten', exampleName: 'rapport.pdf' };
  const out = checkOutputPath(values.out, outOptions);

  const chromium = findChromium();
  if (!chromium) throw new CliFailure(chromiumMissingMessage());
  const progress = progressPrinter(io);
  progress.update('Förbereder gränssnittet …');
  ensureRenderer(io);

  const core = createCore();
  const server = await startHttpServer({ dispatch: core.dispatch, staticDir: STATIC_DIR });
  const printer = createChromiumPrinter({ baseUrl: server.url, token: server.token, executablePath: chromium });
  core.ctx.printPdf = printer.print;
  try {
    // Chromium starts while the workspace opens and the figures are computed
    if (checkTexts(summaryText, analysisText).ok) printer.warm();
    await core.call('workspace.open', { path: values.db });
    // the texts are checked before the job starts: personal data blocks the export (exit 1)
    const job = await core.call(
      'reports.export',
      savedId !== undefined ? { savedId } : { from, to, asOf, deadlineDays, summaryText, analysisText },
    );
    let state = job;
    while (state.state === 'running') {
      progress.update(`${state.message} ${state.progress !== null ? `${Math.round(state.progress * 100)} %` : ''}`);
      await new Promise((r) => setTimeout(r, 50));
      state = await core.call('jobs.get', { id: job.id });
    }
    progress.done();
    if (state.state !== 'done') throw new CliFailure(state.error?.message ?? state.message);
    const result = reportExportResultSchema.parse(state.result) as ReportExportResult;
    // temp file in the same folder + rename: a failure never leaves a half-written or destroyed file
    writeOutputFile(out, Buffer.from(result.pdfBase64, 'base64'), outOptions);
    if (values.json) {
      const { pdfBase64: _b, ...rest } = result;
      printJson(io, reportExportResultSchema.omit({ pdfBase64: true }).extend({ out: z.string() }), { ...rest, out });
    } else {
      const same = result.identical === null ? '' : result.identical ? ' Siffrorna är identiska med den sparade rapporten.' : ' Obs! Siffrorna skiljer sig från den sparade rapporten (data har ändrats sedan dess).';
      io.err(`Rapporten är sparad som ${out} (${Math.round(result.bytes / 1024)} kB, sparad rapport nr ${result.savedId}).${same}`);
    }
    return 0;
  } finally {
    await printer.close();
    await server.close();
    core.close();
  }
}
