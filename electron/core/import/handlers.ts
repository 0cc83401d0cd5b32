import type { HandlerMap } from '../../../shared/api/contract';
import type { importMethods, ImportBatch } from '../../../shared/api/imports';
import type { CoreContext } from '../context';
import { UserError } from '../errors';
import { redactIdentityNumbers } from '../privacy/pnr';
import { importFile, previewFile } from './import-file';
import { discardQuarantine, fixQuarantine, listQuarantine } from './quarantine';
import { deleteProfile, listProfiles, saveProfile } from './profiles';
import { addSynonym, listCategories } from './categories';
import { importPopulation, listPopulation } from './population';

function decode(b64: string, fileName: string): Uint8Array {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length === 0) throw new UserError(`Filen ${fileName} är tom.`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

const BATCH_COLUMNS = `id, kind, file_name AS fileName, file_size AS fileSize, sha256, source_system AS sourceSystem, profile_id AS profileId,
  imported_at AS importedAt, imported_on AS importedOn, rows, inserted, updated, unchanged, quarantined,
  outside_delregion AS outsideDelregion, duplicates_in_file AS duplicatesInFile, pseudonymised`;

/** An imported file's name is stored and shown: no identity number in it (privacy/pnr.ts). */
function withSafeName<T extends { fileName: string }>(input: T): T {
  return { ...input, fileName: redactIdentityNumbers(input.fileName) };
}

export function createImportHandlers(ctx: CoreContext): HandlerMap<typeof importMethods> {
  return {
    'imports.preview': (input) => {
      const i = withSafeName(input);
      return previewFile(ctx.ws(), { bytes: decode(i.bytesBase64, i.fileName) }, i.fileName, {
        kind: i.kind,
        sheet: i.sheet,
        profileId: i.profileId,
        mapping: i.mapping,
        now: ctx.now(),
      });
    },
    'imports.start': (input) => {
      const i = withSafeName(input);
      const ws = ctx.ws();
      const bytes = decode(i.bytesBase64, i.fileName);
      return ctx.jobs.start('import', ({ signal, report }) =>
        importFile(ws, { bytes }, i.fileName, {
          kind: i.kind,
          mapping: i.mapping,
          profileId: i.profileId,
          sourceSystem: i.sourceSystem,
          sheet: i.sheet,
          saveProfileAs: i.saveProfileAs,
          now: ctx.now(),
          signal,
          onProgress: (p) => report({ rowsDone: p.rowsDone, message: p.message, progress: null }),
        }),
      );
    },
    'imports.history': ({ kind, limit }) => {
      const sqlite = ctx.ws().sqlite;
      return (
        kind
          ? sqlite.prepare(`SELECT ${BATCH_COLUMNS} FROM import_batches WHERE kind = ? ORDER BY id DESC LIMIT ?`).all(kind, limit)
          : sqlite.prepare(`SELECT ${BATCH_COLUMNS} FROM import_batches ORDER BY id DESC LIMIT ?`).all(limit)
      ) as ImportBatch[];
    },
    'imports.batch': ({ id }) => {
      const sqlite = ctx.ws().sqlite;
      const batch = sqlite.prepare(`SELECT ${BATCH_COLUMNS} FROM import_batches WHERE id = ?`).get(id) as ImportBatch | undefined;
      if (!batch) throw new UserError(`Importen ${id} finns inte.`, 'NOT_FOUND');
      const raw = sqlite.prepare('SELECT report FROM import_batches WHERE id = ?').pluck().get(id) as string;
      let report: unknown = null;
      try {
        report = JSON.parse(raw);
        if (report && typeof report === 'object' && Object.keys(report).length === 0) report = null;
      } catch {
        report = null;
      }
      return { batch, report: report as never };
    },
    'quarantine.list': (f) => listQuarantine(ctx.ws(), f),
    'quarantine.fix': ({ id, values }) => fixQuarantine(ctx.ws(), id, values, ctx.now()),
    'quarantine.discard': ({ id }) => discardQuarantine(ctx.ws(), id, ctx.now()),
    'profiles.list': ({ kind }) => listProfiles(ctx.ws().sqlite, kind),
    'profiles.save': (p) => saveProfile(ctx.ws().sqlite, p, ctx.now()),
    'profiles.delete': ({ id }) => ({ deleted: deleteProfile(ctx.ws().sqlite, id) }),
    'categories.list': () => listCategories(ctx.ws().sqlite),
    'categories.addSynonym': ({ label, categoryCode }) => addSynonym(ctx.ws().sqlite, label, categoryCode, ctx.now()),
    'population.import': (i) => importPopulation(ctx.ws(), { bytes: decode(i.bytesBase64, i.fileName) }, i.fileName, { now: ctx.now() }),
    'population.list': () => listPopulation(ctx.ws()),
  };
}
