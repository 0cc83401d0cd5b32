import { CliFailure, createCore, parse, printJson, UsageError, type CliIO } from '../io';
import { workspaceInfoSchema } from '../../../shared/api/workspace';
import { normalizeKommun } from '../../../shared/text';

/** "Kungälv, Stenungsund; 1415" → SCB codes, tolerant as on import (case, diacritics, "kommun"/"stad", codes). */
export function kommunCodesFrom(list: string, kommuner: { code: string; name: string }[]): string[] {
  const codes: string[] = [];
  for (const raw of list.split(/[,;]/).map((s) => s.trim()).filter(Boolean)) {
    const key = normalizeKommun(raw);
    const byName = (want: string) => kommuner.find((x) => normalizeKommun(x.name) === want);
    // "Stenungsunds kommun": a genitive s before "kommun"/"stad"
    const k = kommuner.find((x) => x.code === raw) ?? byName(key) ?? (key.endsWith('s') ? byName(key.slice(0, -1)) : undefined);
    if (!k) throw new CliFailure(`Kommunen "${raw}" i --kommuner finns inte bland Västra Götalands 49 kommuner – skriv namnet (t.ex. Kungälv) eller SCB-koden (t.ex. 1482).`);
    if (!codes.includes(k.code)) codes.push(k.code);
  }
  return codes;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, {
    db: { type: 'string' },
    delregion: { type: 'string' },
    user: { type: 'string' },
    kommuner: { type: 'string' },
    name: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.db) throw new UsageError('--db FIL saknas.');
  if (!values.delregion) throw new UsageError('--delregion ID saknas.');
  if (values.delregion === 'custom' && !values.kommuner) throw new UsageError('--delregion custom kräver --kommuner "Kungälv, Stenungsund, Tjörn" (namn eller SCB-koder).');
  const core = createCore();
  try {
    const kommunCodes = values.kommuner ? kommunCodesFrom(values.kommuner, (await core.call('reference.get', {})).kommuner) : undefined;
    if (kommunCodes && kommunCodes.length === 0) throw new UsageError('--kommuner är tomt.');
    const info = await core.call('workspace.create', {
      path: values.db,
      delregionId: values.delregion,
      userName: values.user,
      ...(kommunCodes ? { kommunCodes } : {}),
      ...(values.name ? { delregionName: values.name } : {}),
    });
    if (values.json) printJson(io, workspaceInfoSchema, info);
    else io.out(`Arbetsytan ${info.fileName} är skapad för ${info.settings.delregionName} (${info.settings.kommuner.length} kommuner).`);
    return 0;
  } finally {
    core.close();
  }
}

