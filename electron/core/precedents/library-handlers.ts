import type { HandlerMap } from '../../../shared/api/contract';
import type { FileContentInput, libraryMethods } from '../../../shared/api/library';
import { LIBRARY_LIMITS } from '../../../shared/domain/library-file';
import type { CoreContext } from '../context';
import * as t from '../db/schema';
import { UserError } from '../errors';
import { readWorkspaceKeys } from './keys';
import { exportLibrary, exportProfiles, type FileInput } from './library-file';
import { applyLibrary, applyProfiles, forgetKey, listConflicts, listTrustedKeys, previewLibrary, previewProfiles, resolveConflict } from './merge';

/** Turns the boundary's text/base64 into what the reader takes; the size is checked before decoding. */
export function fileInputOf(input: FileContentInput): FileInput {
  if (input.text !== undefined) return input.text;
  const b64 = input.base64 ?? '';
  if (Math.floor((b64.length * 3) / 4) > LIBRARY_LIMITS.maxBytes + 3) {
    throw new UserError(`Filen är för stor; en biblioteksfil får vara högst ${LIBRARY_LIMITS.maxBytes / 1024 / 1024} MB.`);
  }
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(b64)) throw new UserError('Filens innehåll kom fram skadat (ogiltig base64).', 'BAD_INPUT');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

export function createLibraryHandlers(ctx: CoreContext): HandlerMap<typeof libraryMethods> {
  return {
    'library.exportCandidates': () => {
      const rows = ctx.ws().db.select().from(t.precedents).orderBy(t.precedents.title).all();
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        kind: r.kind,
        area: r.area,
        status: r.status,
        revision: r.revision,
        origin: { delregion: r.originDelregion, publisher: r.originPublisher },
        imported: r.originKeyFingerprint != null,
        selected: r.status === 'vägledande',
      }));
    },
    'library.export': (input) => exportLibrary(ctx.ws(), { precedentIds: input.precedentIds, publisherName: input.publisherName, now: ctx.now() }),
    'library.preview': (input) => previewLibrary(ctx.ws(), fileInputOf(input)),
    'library.apply': (input) => applyLibrary(ctx.ws(), fileInputOf(input), { trustPublisher: input.trustPublisher, now: ctx.now() }),
    'library.conflicts': () => listConflicts(ctx.ws()),
    'library.resolveConflict': (input) => resolveConflict(ctx.ws(), input.conflictId, input.keep, ctx.now()),
    'library.ownKey': () => {
      const k = readWorkspaceKeys(ctx.ws());
      return { fingerprint: k?.fingerprint ?? null, publicKey: k?.publicKeyB64 ?? null };
    },
    'library.trustedKeys': () => listTrustedKeys(ctx.ws()),
    'library.forgetKey': (input) => ({ removed: forgetKey(ctx.ws(), input.fingerprint) }),
    'library.exportProfiles': (input) => exportProfiles(ctx.ws(), { now: ctx.now(), publisherName: input.publisherName }),
    'library.previewProfiles': (input) => previewProfiles(ctx.ws(), fileInputOf(input)),
    'library.applyProfiles': (input) => applyProfiles(ctx.ws(), fileInputOf(input), { trustPublisher: input.trustPublisher, now: ctx.now() }),
  };
}
