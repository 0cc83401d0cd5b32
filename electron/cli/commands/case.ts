import { z } from 'zod';
import { openCore, parse, printJson, UsageError, type CliIO } from '../io';
import { deviationDetailSchema, disputeDetailSchema, type DeviationDetail, type DisputeDetail } from '../../../shared/api/cases';
import { formatSek } from '../../../shared/format';
import { parseKind, resolveCase } from './case-lookup';

export const caseShowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deviation'), case: deviationDetailSchema }),
  z.object({ kind: z.literal('dispute'), case: disputeDetailSchema }),
]);

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function printLessons(io: CliIO, lessons: DeviationDetail['lessons']): void {
  io.out(`Lärdomar (${lessons.length}):`);
  for (const l of lessons) io.out(`  ${l.recordedOn}  ${l.causeLabel ?? 'ingen orsak angiven'}: ${l.text}`);
}

function printHistory(io: CliIO, history: DeviationDetail['history']): void {
  io.out(`Tidigare versioner (${history.length}):`);
  for (const h of history) {
    io.out(`  ersatt ${h.replacedAt.slice(0, 10)}${h.replacedByFileName ? ` av importen ${h.replacedByFileName}` : ''}:`);
    for (const c of h.changes) io.out(`    ${c.field}: ${show(c.before)} → ${show(c.after)}`);
  }
}

function printDeviation(io: CliIO, d: DeviationDetail): void {
  io.out(`Avvikelse ${d.externalId} (${d.sourceSystem})`);
  io.out(`  Rapporterad ${d.reportedAt}, ${d.categoryLabel}, ${d.kommun}, status ${d.statusLabel.toLowerCase()}`);
  io.out(`  ${d.reportingOrg} (${d.reportingPartyType}) → ${d.receivingOrg} (${d.receivingPartyType})`);
  if (d.description) io.out(`  Beskrivning: ${d.description}`);
  if (d.action) io.out(`  Åtgärd: ${d.action}`);
  if (d.linkedDisputes.length) io.out(`  Kopplade tvister: ${d.linkedDisputes.map((c) => c.externalId).join(', ')}`);
  printHistory(io, d.history);
  printLessons(io, d.lessons);
}

function printDispute(io: CliIO, d: DisputeDetail): void {
  io.out(`Oenighet/tvist ${d.externalId} (${d.sourceSystem}), ${d.areaLabel}, ${d.status}`);
  io.out(`  ${d.partyA} ↔ ${d.partyB}`);
  if (d.summary) io.out(`  ${d.summary}`);
  io.out('Eskaleringstrappa:');
  for (const s of d.timeline) io.out(`  ${s.from}${s.to ? ` – ${s.to}` : s.current ? ' – pågår' : ''}  ${s.label}${s.days !== null ? ` (${s.days} dagar)` : ''}`);
  if (d.temporarySolution) io.out(`  Tillfällig lösning: ${d.temporarySolutionText ?? 'ja'}`);
  if (d.settlementSek !== null) io.out(`  Ekonomisk reglering: ${formatSek(d.settlementSek)}`);
  if (d.linkedDeviationIds.length) io.out(`  Kopplade avvikelser: ${d.linkedDeviationIds.join(', ')}`);
  printHistory(io, d.history);
  printLessons(io, d.lessons);
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'show') throw new UsageError(sub ? `Okänt underkommando: case ${sub}` : 'Ange underkommandot: case show.');
  const { values } = parse(rest, { db: { type: 'string' }, id: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' } });
  const kind = parseKind(values.kind);
  if (!values.id) throw new UsageError('--id ÄRENDE saknas.');
  const core = await openCore(values.db);
  try {
    const ref = await resolveCase(core, values.id, kind);
    if (ref.kind === 'deviation') {
      const d = await core.call('cases.deviation', { id: ref.id });
      if (values.json) printJson(io, caseShowSchema, { kind: 'deviation', case: d });
      else printDeviation(io, d);
    } else {
      const d = await core.call('cases.dispute', { id: ref.id });
      if (values.json) printJson(io, caseShowSchema, { kind: 'dispute', case: d });
      else printDispute(io, d);
    }
    return 0;
  } finally {
    core.close();
  }
}
