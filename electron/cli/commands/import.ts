import path from 'node:path';
import { openCore, parse, printJson, progressPrinter, UsageError, type CliIO } from '../io';
import { importCliOutputSchema, type ImportReport } from '../../../shared/domain/import';
import { importFile } from '../../core/import/import-file';
import { isUserError } from '../../core/errors';
import { redactIdentityNumbers } from '../../core/privacy/pnr';

const fmt = (n: number) => n.toLocaleString('sv-SE');

export function summarize(r: ImportReport): string {
  const lines = [
    `${r.file}: ${fmt(r.rows)} ${r.rows === 1 ? 'rad' : 'rader'} – ${fmt(r.inserted)} nya, ${fmt(r.updated)} uppdaterade, ${fmt(r.unchanged)} oförändrade, ${fmt(r.quarantined)} i karantän, ${fmt(r.outsideDelregion)} utanför delregionen, ${fmt(r.duplicatesInFile)} dubbletter i filen.`,
  ];
  if (r.quarantineRepeats) {
    lines.push(`  ${fmt(r.quarantineRepeats)} av raderna i karantän fanns redan där från en tidigare import (öppna, rättade eller kastade) och lades inte till igen.`);
  }
  if (r.olderVersions) {
    lines.push(`  ${fmt(r.olderVersions)} av de oförändrade ärendena fanns i filen i en äldre version än den som redan är sparad; den nyare versionen behölls.`);
  }
  if (r.pseudonymised) lines.push(`  ${fmt(r.pseudonymised)} personnummer/samordningsnummer ersattes med pseudonymer.`);
  if (r.outsideByKommun.length) lines.push(`  Utanför delregionen: ${r.outsideByKommun.map((o) => `${o.kommun} ${o.count}`).join(', ')}.`);
  if (r.unknownCategories.length) lines.push(`  Okända kategorier (sparade som Övrigt): ${r.unknownCategories.join(', ')}.`);
  if (r.unmappedColumns.length) lines.push(`  Kolumner som inte används: ${r.unmappedColumns.join(', ')}.`);
  for (const e of r.errors.slice(0, 10)) lines.push(`  ${e.message}`);
  if (r.errorsTotal > 10) lines.push(`  … och ${fmt(r.errorsTotal - 10)} fel till (se karantänen).`);
  for (const d of r.duplicates.slice(0, 5)) lines.push(`  ${d.message}`);
  return lines.join('\n');
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      db: { type: 'string' },
      profile: { type: 'string' },
      'source-system': { type: 'string' },
      sheet: { type: 'string' },
      json: { type: 'boolean' },
    },
    true,
  );
  const [what, ...files] = positionals;
  if (what !== 'deviations' && what !== 'disputes') throw new UsageError('Skriv "import deviations FIL…" eller "import disputes FIL…".');
  if (files.length === 0) throw new UsageError('Ange minst en fil att importera.');
  const core = await openCore(values.db);
  const reports: ImportReport[] = [];
  const refused: { file: string; message: string }[] = [];
  const progress = progressPrinter(io);
  try {
    for (const file of files) {
      const name = redactIdentityNumbers(path.basename(file)); // the name is stored and printed
      try {
        const report = await importFile(core.ctx.ws(), { path: file }, name, {
          kind: what,
          profileName: values.profile,
          sourceSystem: values['source-system'],
          sheet: values.sheet,
          now: core.ctx.now(),
          onProgress: (p) => progress.update(`${name}: ${p.message}`),
        });
        progress.done();
        reports.push(report);
        if (!values.json) io.out(summarize(report));
      } catch (e) {
        progress.done();
        if (!isUserError(e)) throw e;
        refused.push({ file: name, message: e.message });
        io.err(e.message);
      }
    }
  } finally {
    core.close();
  }
  if (values.json) printJson(io, importCliOutputSchema, { files: reports, refused });
  if (refused.length) {
    if (!values.json && reports.length) io.err(`${refused.length} av ${files.length} filer importerades inte.`);
    return 1;
  }
  return 0;
}

