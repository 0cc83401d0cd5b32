import { openCore, parse, printJson, requireInt, UsageError, type CliIO } from '../io';
import { searchResultSchema } from '../../../shared/api/precedents';

const KIND_LABEL = { deviation: 'avvikelse', dispute: 'tvist', lesson: 'lärdom', precedent: 'vägledande fall' } as const;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } }, true);
  const q = positionals.join(' ').trim();
  if (!q) throw new UsageError('Ange vad du söker efter: samsyn search --db FIL FRÅGA.');
  const limit = requireInt('limit', values.limit, 1, 200) ?? 20;
  const core = await openCore(values.db);
  try {
    const r = await core.call('search.query', { q, limit });
    if (values.json) printJson(io, searchResultSchema, r);
    else {
      io.out(
        r.total === 0
          ? `Inga träffar för "${q}".`
          : r.totalIsLowerBound
            ? `Fler än ${r.total} träffar för "${q}" (visar de ${r.hits.length} bästa bland lärdomar, vägledande fall, tvister och de ${r.total} senast inlästa avvikelserna; skriv fler ord för att få färre träffar):`
            : `${r.total} ${r.total === 1 ? 'träff' : 'träffar'} för "${q}"${r.hits.length < r.total ? ` (visar de ${r.hits.length} bästa)` : ''}:`,
      );
      for (const h of r.hits) {
        io.out(`${KIND_LABEL[h.kind]}: ${h.title}${h.date ? ` (${h.date})` : ''}${h.origin?.imported ? ` [från ${h.origin.delregion}]` : ''}`);
        if (h.snippet) io.out(`    ${h.snippet.replace(/\s+/g, ' ')}`);
        if (h.warning) io.out(`    Obs: ${h.warning}`);
      }
    }
    return 0;
  } finally {
    core.close();
  }
}
