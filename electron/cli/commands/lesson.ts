import { openCore, parse, printJson, UsageError, type CliIO } from '../io';
import { lessonSchema } from '../../../shared/api/cases';
import { lessonCauses, type LessonCause } from '../../../shared/domain/enums';
import { parseKind, resolveCase } from './case-lookup';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'add') throw new UsageError(sub ? `Okänt underkommando: lesson ${sub}` : 'Ange underkommandot: lesson add.');
  const { values } = parse(rest, {
    db: { type: 'string' },
    case: { type: 'string' },
    kind: { type: 'string' },
    text: { type: 'string' },
    cause: { type: 'string' },
    json: { type: 'boolean' },
  });
  const kind = parseKind(values.kind);
  if (!values.case) throw new UsageError('--case ÄRENDE saknas.');
  if (!values.text) throw new UsageError('--text TEXT saknas.');
  if (values.cause !== undefined && !(lessonCauses as readonly string[]).includes(values.cause)) {
    throw new UsageError(`Okänd orsak "${values.cause}". Välj en av: ${lessonCauses.join(', ')}.`);
  }
  const core = await openCore(values.db);
  try {
    const ref = await resolveCase(core, values.case, kind, '--case');
    const lesson = await core.call('lessons.add', { caseKind: ref.kind, caseId: ref.id, text: values.text, cause: (values.cause as LessonCause | undefined) ?? null });
    if (values.json) printJson(io, lessonSchema, lesson);
    else io.out(`Lärdomen är sparad på ${ref.kind === 'deviation' ? 'avvikelsen' : 'tvisten'} ${ref.externalId}.`);
    return 0;
  } finally {
    core.close();
  }
}
