import { CliFailure, UsageError, type CoreHandle } from '../io';
import type { CaseKind } from '../../../shared/domain/enums';

export function parseKind(v: string | undefined): CaseKind | undefined {
  if (v === undefined) return undefined;
  if (v === 'deviation' || v === 'avvikelse') return 'deviation';
  if (v === 'dispute' || v === 'tvist') return 'dispute';
  throw new UsageError(`Ogiltigt värde för --kind: "${v}". Ange deviation eller dispute.`);
}

/**
 * Finds a case by its external id. An id may exist as both a deviation and a dispute (or in two
 * source systems): then the user is asked to say which with --kind.
 */
export async function resolveCase(core: CoreHandle, externalId: string | undefined, kind: CaseKind | undefined, flag = '--id'): Promise<{ kind: CaseKind; id: number; externalId: string }> {
  if (!externalId) throw new UsageError(`${flag} ÄRENDE saknas.`);
  const { matches } = await core.call('cases.find', { externalId, kind });
  if (matches.length === 0) {
    const what = kind === 'deviation' ? 'Ingen avvikelse' : kind === 'dispute' ? 'Ingen tvist eller oenighet' : 'Inget ärende';
    throw new CliFailure(`${what} med id ${externalId} finns i arbetsytan.`);
  }
  if (matches.length > 1) {
    const kinds = new Set(matches.map((m) => m.kind));
    if (kinds.size > 1) throw new CliFailure(`Id ${externalId} finns både som avvikelse och som tvist. Ange --kind deviation eller --kind dispute.`);
    throw new CliFailure(`Id ${externalId} finns i flera källsystem (${matches.map((m) => m.sourceSystem).join(', ')}); ärendet kan inte pekas ut entydigt.`);
  }
  const m = matches[0]!;
  return { kind: m.kind, id: m.id, externalId: m.externalId };
}
