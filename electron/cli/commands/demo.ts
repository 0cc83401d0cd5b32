import fs from 'node:fs';
import path from 'node:path';
import { createCore, CliFailure, parse, printJson, requireDate, requireInt, UsageError, type CliIO } from '../io';
import { workspaceInfoSchema } from '../../../shared/api/workspace';
import { buildDemoWorkspace } from '../../core/demo/demo';
import { UserError } from '../../core/errors';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, {
    db: { type: 'string' },
    delregion: { type: 'string' },
    seed: { type: 'string' },
    /** The demo's "today" (YYYY-MM-DD); for reproducible files in tests and benchmarks. */
    today: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.db) throw new UsageError('--db FIL saknas.');
  const seed = requireInt('seed', values.seed, 0, 4_294_967_295) ?? 1;
  const todayIso = requireDate('today', values.today, false);
  const today = todayIso ? new Date(Number(todayIso.slice(0, 4)), Number(todayIso.slice(5, 7)) - 1, Number(todayIso.slice(8, 10)), 12) : new Date();
  const file = path.resolve(values.db);
  if (fs.existsSync(file) && fs.statSync(file).size > 0) {
    throw new CliFailure(`Filen ${path.basename(file)} finns redan. Välj ett nytt filnamn – en befintlig fil skrivs aldrig över.`);
  }
  const core = createCore();
  try {
    let ws;
    try {
      ws = await buildDemoWorkspace(file, { delregionId: values.delregion ?? 'fyrbodal', seed, today });
    } catch (e) {
      if (e instanceof UserError) throw new CliFailure(e.message);
      throw e;
    }
    core.ctx.session.adopt(ws);
    const info = await core.call('workspace.current', {});
    if (!info) throw new CliFailure('Demoarbetsytan kunde inte öppnas efter att den skapats.');
    if (values.json) printJson(io, workspaceInfoSchema, info);
    else {
      const c = info.counts;
      io.out(
        `Demoarbetsytan ${info.fileName} är skapad för ${info.settings.delregionName} (frö ${seed}): ${c.deviations.toLocaleString('sv-SE')} avvikelser, ${c.disputes} oenigheter/tvister, ${c.lessons} lärdomar, ${c.precedents} prejudikat, ${c.quarantineOpen} rader i karantän. Data till och med ${c.lastImportOn ?? '–'}.`,
      );
    }
    return 0;
  } finally {
    core.close();
  }
}
