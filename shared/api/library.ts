import { z } from 'zod';
import { method } from './define';
import { libraryPrecedentSchema } from '../domain/library-file';
import { precedentKindSchema } from '../domain/enums';

/**
 * A file's content as it crosses the boundary: `text` (the UI read it as text) or `base64` (raw
 * bytes — the CLI and Electron's file dialog). Size and encoding are checked by the core, so that a
 * too-large or non-UTF-8 file gets one clear Swedish sentence, not a schema error.
 */
export const fileContentInput = z
  .object({
    text: z.string().optional(),
    base64: z.string().optional(),
    /** Only for messages. */
    fileName: z.string().max(500).optional(),
  })
  .refine((v) => (v.text === undefined) !== (v.base64 === undefined), { message: 'Ange filens innehåll som text eller som base64 (ett av dem).' });
export type FileContentInput = z.infer<typeof fileContentInput>;

export const publisherInfoSchema = z.object({
  name: z.string(),
  delregion: z.string(),
  /** SHA-256 of the publisher's public key (SPKI), upper-case hex in groups of four. */
  fingerprint: z.string(),
  trusted: z.boolean(),
  /** The file was signed by this workspace's own key (always trusted). */
  own: z.boolean(),
  /** Another key is trusted for the same name and delregion: key rotation — ask the user again. */
  knownPublisherWithOtherKey: z.boolean(),
});

export const mergeStatusSchema = z.enum(['new', 'updated', 'identical', 'conflict', 'older']);

export const libraryPreviewSchema = z.object({
  format: z.literal('samsyn-precedent-library'),
  exportedAt: z.string(),
  publisher: publisherInfoSchema,
  counts: z.object({
    new: z.number().int(),
    updated: z.number().int(),
    identical: z.number().int(),
    conflict: z.number().int(),
    older: z.number().int(),
    total: z.number().int(),
  }),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind: precedentKindSchema,
      area: z.string(),
      status: mergeStatusSchema,
      theirRevision: z.number().int(),
      localRevision: z.number().int().nullable(),
      conflictPending: z.boolean(),
      origin: z.object({ delregion: z.string(), publisher: z.string() }),
    }),
  ),
  /** Keys this version does not know; they were ignored (e.g. "precedents[2].note"). */
  unknownKeys: z.array(z.string()),
  /** Identity numbers in the file's texts, replaced by this workspace's tokens before anything is stored. */
  pseudonymised: z.number().int(),
});
export type LibraryPreviewOutput = z.infer<typeof libraryPreviewSchema>;

export const libraryApplyOutputSchema = z.object({
  preview: libraryPreviewSchema,
  applied: z.object({
    inserted: z.number().int(),
    updated: z.number().int(),
    conflictsStored: z.number().int(),
    publisherTrusted: z.boolean(),
  }),
  /** Backup taken before the change; null when nothing was changed. */
  backupPath: z.string().nullable(),
});

export const personalDataFindingSchema = z.object({
  precedentId: z.string(),
  title: z.string(),
  /** Path inside the precedent: "facts", "lessons[0].text" … */
  field: z.string(),
  fieldLabel: z.string(),
  kind: z.enum(['personnummer', 'samordningsnummer', 'telefonnummer', 'e-postadress']),
  masked: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});

const exportedPublisher = z.object({ name: z.string(), delregion: z.string(), fingerprint: z.string() });

export const libraryExportOutputSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    /** Suggested file name, ending .samsyn-bibliotek.json */
    fileName: z.string(),
    /** The file's text (UTF-8 JSON); the shell saves it. */
    content: z.string(),
    precedentCount: z.number().int(),
    publisher: exportedPublisher,
  }),
  z.object({ status: z.literal('blocked'), hits: z.array(personalDataFindingSchema) }),
]);

export const conflictSchema = z.object({
  id: z.number().int(),
  precedentId: z.string(),
  title: z.string(),
  mine: libraryPrecedentSchema,
  theirs: libraryPrecedentSchema,
  theirRevision: z.number().int(),
  publisherFingerprint: z.string(),
  receivedAt: z.string(),
});

export const trustedKeySchema = z.object({
  fingerprint: z.string(),
  publicKey: z.string(),
  publisherName: z.string(),
  delregion: z.string(),
  trustedAt: z.string(),
});

export const profilesPreviewSchema = z.object({
  format: z.literal('samsyn-mapping-profiles'),
  exportedAt: z.string(),
  publisher: publisherInfoSchema,
  profiles: z.array(
    z.object({ name: z.string(), kind: z.enum(['deviations', 'disputes']), status: z.enum(['new', 'identical', 'renamed']), savedAs: z.string() }),
  ),
  synonyms: z.array(
    z.object({ label: z.string(), categoryCode: z.string(), status: z.enum(['new', 'identical', 'conflict']), existingCategory: z.string().nullable() }),
  ),
  counts: z.object({
    profilesNew: z.number().int(),
    profilesIdentical: z.number().int(),
    profilesRenamed: z.number().int(),
    synonymsNew: z.number().int(),
    synonymsIdentical: z.number().int(),
    synonymsConflict: z.number().int(),
  }),
  unknownKeys: z.array(z.string()),
});

export const profilesApplyOutputSchema = z.object({
  preview: profilesPreviewSchema,
  applied: z.object({ profilesAdded: z.number().int(), synonymsAdded: z.number().int(), publisherTrusted: z.boolean() }),
  backupPath: z.string().nullable(),
});

export const profilesExportOutputSchema = z.object({
  status: z.literal('ok'),
  fileName: z.string(),
  content: z.string(),
  profileCount: z.number().int(),
  synonymCount: z.number().int(),
  publisher: exportedPublisher,
});

const applyInput = z.intersection(fileContentInput, z.object({ trustPublisher: z.boolean().optional() }));

export const libraryMethods = {
  'library.exportCandidates': method(
    z.object({}),
    z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: precedentKindSchema,
        area: z.string(),
        status: z.string(),
        revision: z.number().int(),
        origin: z.object({ delregion: z.string(), publisher: z.string() }),
        imported: z.boolean(),
        /** Chosen by default (status vägledande). */
        selected: z.boolean(),
      }),
    ),
    'Vägledande fall som kan exporteras (förvalda: alla vägledande)',
  ),
  'library.export': method(
    z.object({ precedentIds: z.array(z.string().max(100)).max(20_000).optional(), publisherName: z.string().max(200).optional() }),
    libraryExportOutputSchema,
    'Skapa en signerad biblioteksfil (stoppas om personuppgifter hittas)',
  ),
  'library.preview': method(fileContentInput, libraryPreviewSchema, 'Kontrollera en biblioteksfil och visa vad som skulle ändras'),
  'library.apply': method(applyInput, libraryApplyOutputSchema, 'Läs in en biblioteksfil (nya och uppdaterade fall; konflikter sparas)'),
  'library.conflicts': method(z.object({}), z.array(conflictSchema), 'Olösta konflikter mellan min och deras version'),
  'library.resolveConflict': method(
    z.object({ conflictId: z.number().int(), keep: z.enum(['mine', 'theirs']) }),
    z.object({ precedentId: z.string(), resolution: z.enum(['mine', 'theirs']), revision: z.number().int() }),
    'Lös en konflikt: behåll min eller ta deras',
  ),
  'library.ownKey': method(
    z.object({}),
    z.object({ fingerprint: z.string().nullable(), publicKey: z.string().nullable() }),
    'Arbetsytans egen nyckel (skapas vid första export)',
  ),
  'library.trustedKeys': method(z.object({}), z.array(trustedKeySchema), 'Betrodda utgivarnycklar'),
  'library.forgetKey': method(z.object({ fingerprint: z.string().max(200) }), z.object({ removed: z.boolean() }), 'Sluta lita på en utgivarnyckel'),
  'library.exportProfiles': method(
    z.object({ publisherName: z.string().max(200).optional() }),
    profilesExportOutputSchema,
    'Skapa en signerad fil med mappningsprofiler och egna kategorisynonymer',
  ),
  'library.previewProfiles': method(fileContentInput, profilesPreviewSchema, 'Kontrollera en fil med mappningsprofiler'),
  'library.applyProfiles': method(applyInput, profilesApplyOutputSchema, 'Läs in mappningsprofiler och kategorisynonymer'),
};

/** `samsyn library export --json` */
export const libraryCliExportSchema = z.object({
  file: z.string(),
  precedentCount: z.number().int(),
  publisher: exportedPublisher,
});

/** `samsyn library import --json` (with --dry-run: applied all zero, backupPath null) */
export const libraryCliImportSchema = libraryApplyOutputSchema.extend({ file: z.string(), dryRun: z.boolean() });

/** `samsyn library export-profiles --json` */
export const profilesCliExportSchema = z.object({
  file: z.string(),
  profileCount: z.number().int(),
  synonymCount: z.number().int(),
  publisher: exportedPublisher,
});

/** `samsyn library import-profiles --json` */
export const profilesCliImportSchema = profilesApplyOutputSchema.extend({ file: z.string(), dryRun: z.boolean() });

/** `samsyn library conflicts --json` */
export const libraryCliConflictsSchema = z.object({ conflicts: z.array(conflictSchema) });
