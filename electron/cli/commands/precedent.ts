import { openCore, parse, printJson, UsageError, type CliIO } from '../io';
import { precedentSchema } from '../../../shared/api/precedents';
import { parseKind, resolveCase } from './case-lookup';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'mark') throw new UsageError(sub ? `Okänt underkommando: precedent ${sub}` : 'Ange underkommandot: precedent mark.');
  const { values } = parse(rest, {
    db: { type: 'string' },
    case: { type: 'string' },
    kind: { type: 'string' },
    title: { type: 'string' },
    principle: { type: 'string' },
    json: { type: 'boolean' },
  });
  const kind = parseKind(values.kind);
  if (!values.case) throw new UsageError('--case ÄRENDE saknas.');
  if (!values.title) throw new UsageError('--title T saknas.');
  if (!values.principle) throw new UsageError('--principle P saknas.');
  const core = await openCore(values.db);
  try {
    const ref = await resolveCase(core, values.case, kind, '--case');
    const p = await core.call('precedents.mark', { kind: ref.kind, id: ref.id, title: values.title, principle: values.principle });
    if (values.json) printJson(io, precedentSchema, p);
    else {
      io.out(`Ärendet ${ref.externalId} är nu ett vägledande fall: «${p.title}» (beslutat ${p.decidedAt}, id ${p.id}).`);
      for (const w of p.warnings) io.err(`Obs: ${w}`);
    }
    return 0;
  } finally {
    core.close();
  }
}
