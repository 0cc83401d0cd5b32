import path from 'node:path';
import { CliFailure, openCore, parse, printJson, UsageError, type CliIO } from '../io';
import { populationReportSchema } from '../../../shared/domain/import';
import { importPopulation } from '../../core/import/population';
import { isUserError } from '../../core/errors';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' }, json: { type: 'boolean' } }, true);
  const [what, file, ...extra] = positionals;
  if (what !== 'import') throw new UsageError('Skriv "population import FIL --db FIL".');
  if (!file || extra.length) throw new UsageError('Ange exakt en fil med folkmängd (SCB:s tabellexport).');
  const core = await openCore(values.db);
  try {
    const r = await importPopulation(core.ctx.ws(), { path: file }, path.basename(file), { now: core.ctx.now() }).catch((e: unknown) => {
      throw isUserError(e) ? new CliFailure(e.message) : e;
    });
    if (values.json) printJson(io, populationReportSchema, r);
    else {
      io.out(`${r.file}: ${r.rowsUpdated} folkmängdssiffror för ${r.kommuner} kommuner (år ${r.years.join(', ')}) sparade med källan "${r.source}".`);
      if (r.unknownKommuner.length) io.out(`  Rader som inte är någon av länets kommuner (ej sparade): ${r.unknownKommuner.join(', ')}.`);
    }
    return 0;
  } finally {
    core.close();
  }
}
