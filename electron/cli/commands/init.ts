import { createCore, parse, printJson, UsageError, type CliIO } from '../io';
import { workspaceInfoSchema } from '../../../shared/api/workspace';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, {
    db: { type: 'string' },
    delregion: { type: 'string' },
    user: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.db) throw new UsageError('--db FIL saknas.');
  if (!values.delregion) throw new UsageError('--delregion ID saknas.');
  const core = createCore();
  try {
    const info = await core.call('workspace.create', { path: values.db, delregionId: values.delregion, userName: values.user });
    if (values.json) printJson(io, workspaceInfoSchema, info);
    else io.out(`Arbetsytan ${info.fileName} är skapad för ${info.settings.delregionName} (${info.settings.kommuner.length} kommuner).`);
    return 0;
  } finally {
    core.close();
  }
}

