import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

export const importBatches = sqliteTable(
  'import_batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['deviations', 'disputes', 'population'] }).notNull(),
    fileName: text('file_name').notNull(),
    fileSize: integer('file_size').notNull(),
    sha256: text('sha256').notNull(),
    sourceSystem: text('source_system').notNull(),
    profileId: integer('profile_id'),
    importedAt: text('imported_at').notNull(),
    /** The calendar date of the import: the default as-of date of the indicators. */
    importedOn: text('imported_on').notNull(),
    rows: integer('rows').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    quarantined: integer('quarantined').notNull().default(0),
    outsideDelregion: integer('outside_delregion').notNull().default(0),
    duplicatesInFile: integer('duplicates_in_file').notNull().default(0),
    pseudonymised: integer('pseudonymised').notNull().default(0),
    /** The full import report (IMPORT.md shape) as JSON. */
    report: text('report', { mode: 'json' }).notNull(),
  },
  (t) => [index('import_batches_kind').on(t.kind, t.importedAt)],
);

export const quarantine = sqliteTable(
  'quarantine',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => importBatches.id),
    kind: text('kind', { enum: ['deviations', 'disputes'] }).notNull(),
    rowNumber: integer('row_number').notNull(),
    /** Raw values by source header, already de-identified. */
    raw: text('raw', { mode: 'json' }).notNull(),
    /** `raw` as the file had it (a fix edits `raw`): a later import of the same bad row is recognised. */
    sourceRaw: text('source_raw'),
    /** [{ field, column, value, message }] */
    errors: text('errors', { mode: 'json' }).notNull(),
    status: text('status', { enum: ['open', 'fixed', 'discarded'] }).notNull().default('open'),
    resolvedAt: text('resolved_at'),
  },
  (t) => [index('quarantine_batch').on(t.batchId), index('quarantine_status').on(t.status)],
);

export const mappingProfiles = sqliteTable('mapping_profiles', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: ['deviations', 'disputes'] }).notNull(),
  /** Normalised, sorted header set that triggers automatic reuse. */
  headerSignature: text('header_signature').notNull(),
  /** { field: sourceHeader } */
  mapping: text('mapping', { mode: 'json' }).notNull(),
  sourceSystem: text('source_system').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
