import fs from 'node:fs';
import path from 'node:path';
import { CliFailure, openCore, parse, printJson, UsageError, type CliIO, type CoreHandle } from '../io';
import {
  libraryCliConflictsSchema,
  libraryCliExportSchema,
  libraryCliImportSchema,
  profilesCliExportSchema,
  profilesCliImportSchema,
  type LibraryPreviewOutput,
} from '../../../shared/api/library';
import { LIBRARY_LIMITS, PROFILES_EXTENSION } from '../../../shared/domain/library-file';
import { checkOutputPath, writeOutputFile } from '../output-path';

export const LIBRARY_USAGE = `Användning:
  samsyn library export --db FIL --out BIBLIOTEKSFIL [--id ID]... [--publisher NAMN] [--json]
  samsyn library import BIBLIOTEKSFIL --db FIL [--dry-run] [--trust | --only-trusted] [--json]
  samsyn library conflicts --db FIL [--json]
  samsyn library resolve --db FIL --conflict ID --keep mine|theirs [--json]
  samsyn library export-profiles --db FIL --out FIL [--json]
  samsyn library import-profiles FIL --db FIL [--dry-run] [--trust | --only-trusted] [--json]

Utgivarnyckel: en import på kommandoraden är användarens eget beslut att läsa in filen. En nyckel som
inte är betrodd sedan tidigare visas med sitt fingeravtryck på stderr och blir betrodd (samma sak som
--trust). Med --only-trusted vägrar importen i stället när nyckeln inte redan är betrodd (för
automatiserade körningar). --dry-run ändrar ingenting, inte heller listan med betrodda nycklar.`;

const MAX_HITS_SHOWN = 20;

/** Writes next to the target and renames, so a half-written file never has the final name. */
/** Where export files may be written (never over the workspace: electron/cli/output-path.ts). */
const LIBRARY_OUT = (db?: string) => ({ db, extensions: ['.samsyn-bibliotek.json', '.json'], what: 'Biblioteksfilen', exampleName: 'bibliotek.samsyn-bibliotek.json' });
const PROFILES_OUT = (db?: string) => ({ db, extensions: [PROFILES_EXTENSION, '.json'], what: 'Profilfilen', exampleName: `profiler${PROFILES_EXTENSION}` });

/** Reads a file by path as base64; the size limit is checked before the file is read. */
function readForImport(file: string): { abs: string; base64: string } {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new CliFailure(`Filen ${abs} finns inte.`);
  const st = fs.statSync(abs);
  if (!st.isFile()) throw new CliFailure(`${abs} är inte en fil.`);
  if (st.size > LIBRARY_LIMITS.maxBytes) {
    throw new CliFailure(`Filen är för stor (${(st.size / 1024 / 1024).toLocaleString("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB); en biblioteksfil får vara högst ${LIBRARY_LIMITS.maxBytes / 1024 / 1024} MB.`);
  }
  return { abs, base64: fs.readFileSync(abs).toString('base64') };
}

function describePublisher(io: CliIO, p: LibraryPreviewOutput['publisher'], trustOnCommandLine: boolean): void {
  if (p.own) {
    io.err(`Filen är signerad med den här arbetsytans egen nyckel (${p.fingerprint}).`);
  } else if (p.trusted) {
    io.err(`Utgivare: ${p.name} (${p.delregion}), betrodd nyckel ${p.fingerprint}.`);
  } else {
    const rotated = p.knownPublisherWithOtherKey ? ' OBS: en annan nyckel är betrodd för samma utgivare – kontrollera det nya fingeravtrycket med avsändaren.' : '';
    io.err(
      trustOnCommandLine
        ? `Utgivare: ${p.name} (${p.delregion}) med fingeravtrycket ${p.fingerprint} var inte betrodd; importen på kommandoraden litar nu på nyckeln.${rotated}`
        : `Utgivare: ${p.name} (${p.delregion}) med fingeravtrycket ${p.fingerprint} är inte betrodd.${rotated}`,
    );
  }
}

async function withCore<T>(db: string | undefined, fn: (core: CoreHandle) => Promise<T>): Promise<T> {
  const core = await openCore(db);
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}

async function exportCmd(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, {
    db: { type: 'string' },
    out: { type: 'string' },
    id: { type: 'string', multiple: true },
    publisher: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.db) throw new UsageError('--db FIL saknas.');
  if (!values.out) throw new UsageError('--out BIBLIOTEKSFIL saknas.');
  checkOutputPath(values.out, LIBRARY_OUT(values.db));
  return withCore(values.db, async (core) => {
    const r = await core.call('library.export', { precedentIds: values.id, publisherName: values.publisher });
    if (r.status === 'blocked') {
      const lines = r.hits
        .slice(0, MAX_HITS_SHOWN)
        .map((h) => `  "${h.title}" – ${h.fieldLabel} (${h.field}), tecken ${h.start + 1}–${h.end}: ${h.kind} ${h.masked}`);
      if (r.hits.length > MAX_HITS_SHOWN) lines.push(`  … och ${r.hits.length - MAX_HITS_SHOWN} till`);
      throw new CliFailure(`Exporten stoppades: ${r.hits.length} ${r.hits.length === 1 ? 'text ser ut' : 'texter ser ut'} att innehålla personuppgifter – ändra texten och försök igen.\n${lines.join('\n')}`);
    }
    const file = writeOutputFile(values.out!, r.content, LIBRARY_OUT(values.db));
    if (values.json) printJson(io, libraryCliExportSchema, { file, precedentCount: r.precedentCount, publisher: r.publisher });
    else {
      io.out(`${r.precedentCount} vägledande fall exporterade till ${file}.`);
      io.out(`Signerad av ${r.publisher.name} (${r.publisher.delregion}), fingeravtryck ${r.publisher.fingerprint}.`);
    }
    if (r.precedentCount === 0) io.err('OBS: biblioteket är tomt – det finns inga vägledande fall att exportera.');
    return 0;
  });
}

interface ImportFlags {
  db?: string;
  'dry-run'?: boolean;
  trust?: boolean;
  'only-trusted'?: boolean;
  json?: boolean;
}

function importFlags(argv: string[]) {
  const { values, positionals } = parse(
    argv,
    {
      db: { type: 'string' },
      'dry-run': { type: 'boolean' },
      trust: { type: 'boolean' },
      'only-trusted': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    true,
  );
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'Ange filen som ska läsas in.' : 'Ange exakt en fil.');
  if (!values.db) throw new UsageError('--db FIL saknas.');
  if (values.trust && values['only-trusted']) throw new UsageError('--trust och --only-trusted kan inte användas samtidigt.');
  return { values: values as ImportFlags, file: positionals[0]! };
}

async function importCmd(argv: string[], io: CliIO): Promise<number> {
  const { values, file } = importFlags(argv);
  const { abs, base64 } = readForImport(file);
  return withCore(values.db, async (core) => {
    const preview = await core.call('library.preview', { base64, fileName: path.basename(abs) });
    const trust = !values['only-trusted'];
    describePublisher(io, preview.publisher, trust && !values['dry-run']);
    if (!preview.publisher.trusted && !trust) {
      throw new CliFailure(`Utgivarens nyckel ${preview.publisher.fingerprint} är inte betrodd, så filen lästes inte in (--only-trusted).`);
    }
    // A new key for a publisher we already trust under another key could be an impostor: that
    // trust is never implied by the command line, only given with --trust.
    if (!preview.publisher.trusted && !preview.publisher.own && preview.publisher.knownPublisherWithOtherKey && !values.trust && !values['dry-run']) {
      throw new CliFailure(
        `${preview.publisher.name} (${preview.publisher.delregion}) är betrodd med en annan nyckel; filen är signerad med fingeravtrycket ${preview.publisher.fingerprint}. Kontrollera fingeravtrycket med avsändaren och kör igen med --trust om det stämmer – ingenting lästes in.`,
      );
    }
    let result;
    if (values['dry-run']) {
      result = { preview, applied: { inserted: 0, updated: 0, conflictsStored: 0, publisherTrusted: false }, backupPath: null, file: abs, dryRun: true };
    } else {
      const r = await core.call('library.apply', { base64, fileName: path.basename(abs), trustPublisher: trust });
      result = { ...r, file: abs, dryRun: false };
    }
    if (result.preview.unknownKeys.length) {
      io.err(`Okända fält i filen ignorerades: ${result.preview.unknownKeys.slice(0, 10).join(', ')}${result.preview.unknownKeys.length > 10 ? ' …' : ''}`);
    }
    if (result.preview.pseudonymised > 0) {
      const n = result.preview.pseudonymised;
      io.err(`${n} personnummer i filens texter ${result.dryRun ? 'skulle ersättas' : 'ersattes'} med arbetsytans pseudonymer (${n === 1 ? 'det' : 'de'} lagras aldrig).`);
    }
    if (values.json) printJson(io, libraryCliImportSchema, result);
    else {
      const c = result.preview.counts;
      io.out(`${path.basename(abs)}: ${c.total} vägledande fall – ${c.new} nya, ${c.updated} uppdaterade, ${c.identical} identiska, ${c.older} äldre än dina, ${c.conflict} i konflikt.`);
      for (const i of result.preview.items.filter((x) => x.status !== 'identical' && x.status !== 'older')) {
        const label = { new: 'ny', updated: 'uppdaterad', conflict: 'konflikt', identical: 'identisk', older: 'äldre' }[i.status];
        io.out(`  ${label}: ${i.title} (revision ${i.theirRevision}${i.localRevision != null ? `, din ${i.localRevision}` : ''})`);
      }
      if (result.dryRun) io.out('Provkörning: ingenting ändrades.');
      else {
        const a = result.applied;
        io.out(`Inläst: ${a.inserted} nya och ${a.updated} uppdaterade; ${a.conflictsStored} ${a.conflictsStored === 1 ? 'konflikt sparad' : 'konflikter sparade'} för beslut (samsyn library conflicts).`);
        if (result.backupPath) io.out(`Säkerhetskopia före importen: ${result.backupPath}`);
      }
    }
    return 0;
  });
}

async function conflictsCmd(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  return withCore(values.db, async (core) => {
    const conflicts = await core.call('library.conflicts', {});
    if (values.json) printJson(io, libraryCliConflictsSchema, { conflicts });
    else if (conflicts.length === 0) io.out('Inga olösta konflikter.');
    else {
      for (const c of conflicts) io.out(`${c.id}: ${c.title} – din revision ${c.mine.revision}, deras ${c.theirRevision} (mottagen ${c.receivedAt.slice(0, 10)})`);
      io.out('Lös med: samsyn library resolve --db FIL --conflict ID --keep mine|theirs');
    }
    return 0;
  });
}

async function resolveCmd(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, { db: { type: 'string' }, conflict: { type: 'string' }, keep: { type: 'string' }, json: { type: 'boolean' } });
  if (!values.conflict || !/^\d+$/.test(values.conflict)) throw new UsageError('--conflict ID saknas eller är inte ett heltal.');
  if (values.keep !== 'mine' && values.keep !== 'theirs') throw new UsageError('--keep ska vara mine eller theirs.');
  return withCore(values.db, async (core) => {
    const r = await core.call('library.resolveConflict', { conflictId: Number(values.conflict), keep: values.keep });
    if (values.json) io.out(JSON.stringify(r, null, 2));
    else io.out(r.resolution === 'mine' ? `Din version behölls (revision ${r.revision}).` : `Deras version togs in (revision ${r.revision}).`);
    return 0;
  });
}

async function exportProfilesCmd(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, { db: { type: 'string' }, out: { type: 'string' }, publisher: { type: 'string' }, json: { type: 'boolean' } });
  if (!values.db) throw new UsageError('--db FIL saknas.');
  if (!values.out) throw new UsageError('--out FIL saknas.');
  checkOutputPath(values.out, PROFILES_OUT(values.db));
  return withCore(values.db, async (core) => {
    const r = await core.call('library.exportProfiles', { publisherName: values.publisher });
    const file = writeOutputFile(values.out!, r.content, PROFILES_OUT(values.db));
    if (values.json) printJson(io, profilesCliExportSchema, { file, profileCount: r.profileCount, synonymCount: r.synonymCount, publisher: r.publisher });
    else io.out(`${r.profileCount} ${r.profileCount === 1 ? 'mappningsprofil' : 'mappningsprofiler'} och ${r.synonymCount} ${r.synonymCount === 1 ? 'egen kategorisynonym' : 'egna kategorisynonymer'} exporterade till ${file} (fingeravtryck ${r.publisher.fingerprint}).`);
    return 0;
  });
}

async function importProfilesCmd(argv: string[], io: CliIO): Promise<number> {
  const { values, file } = importFlags(argv);
  const { abs, base64 } = readForImport(file);
  return withCore(values.db, async (core) => {
    const preview = await core.call('library.previewProfiles', { base64, fileName: path.basename(abs) });
    const trust = !values['only-trusted'];
    describePublisher(io, preview.publisher, trust && !values['dry-run']);
    if (!preview.publisher.trusted && !trust) {
      throw new CliFailure(`Utgivarens nyckel ${preview.publisher.fingerprint} är inte betrodd, så filen lästes inte in (--only-trusted).`);
    }
    // A new key for a publisher we already trust under another key could be an impostor: that
    // trust is never implied by the command line, only given with --trust.
    if (!preview.publisher.trusted && !preview.publisher.own && preview.publisher.knownPublisherWithOtherKey && !values.trust && !values['dry-run']) {
      throw new CliFailure(
        `${preview.publisher.name} (${preview.publisher.delregion}) är betrodd med en annan nyckel; filen är signerad med fingeravtrycket ${preview.publisher.fingerprint}. Kontrollera fingeravtrycket med avsändaren och kör igen med --trust om det stämmer – ingenting lästes in.`,
      );
    }
    const result = values['dry-run']
      ? { preview, applied: { profilesAdded: 0, synonymsAdded: 0, publisherTrusted: false }, backupPath: null, file: abs, dryRun: true }
      : { ...(await core.call('library.applyProfiles', { base64, fileName: path.basename(abs), trustPublisher: trust })), file: abs, dryRun: false };
    if (values.json) printJson(io, profilesCliImportSchema, result);
    else {
      const c = result.preview.counts;
      io.out(
        `${path.basename(abs)}: profiler ${c.profilesNew} nya, ${c.profilesRenamed} sparas under nytt namn, ${c.profilesIdentical} identiska; synonymer ${c.synonymsNew} nya, ${c.synonymsIdentical} identiska, ${c.synonymsConflict} pekar på en annan kategori här och hoppas över.`,
      );
      if (result.dryRun) io.out('Provkörning: ingenting ändrades.');
      else io.out(`Inläst: ${result.applied.profilesAdded} profiler och ${result.applied.synonymsAdded} synonymer.`);
    }
    return 0;
  });
}

const sub: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  export: exportCmd,
  import: importCmd,
  conflicts: conflictsCmd,
  resolve: resolveCmd,
  'export-profiles': exportProfilesCmd,
  'import-profiles': importProfilesCmd,
};

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.err(LIBRARY_USAGE);
    return name ? 0 : 2;
  }
  const cmd = sub[name];
  if (!cmd) throw new UsageError(`Okänt underkommando: library ${name}\n\n${LIBRARY_USAGE}`);
  return cmd(rest, io);
}
