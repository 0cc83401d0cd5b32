import { sqliteTable, text, integer, blob, primaryKey, index } from 'drizzle-orm/sqlite-core';

/** One row (id = 1): who this workspace is for and how it computes. */
export const workspace = sqliteTable('workspace', {
  id: integer('id').primaryKey(),
  delregionId: text('delregion_id').notNull(),
  delregionName: text('delregion_name').notNull(),
  deadlineDays: integer('deadline_days').notNull().default(60),
  userName: text('user_name').notNull().default(''),
  /** Secret for the HMAC that turns identity numbers into tokens. Never leaves the file. */
  hmacSecret: blob('hmac_secret', { mode: 'buffer' }).notNull(),
  /** Ed25519 key pair for library files (PEM), created on first export. */
  publicKeyPem: text('public_key_pem'),
  privateKeyPem: text('private_key_pem'),
  smallCellSuppression: integer('small_cell_suppression', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  appVersion: text('app_version').notNull(),
});

/** The kommun set of the workspace (editable: custom delregion). */
export const workspaceKommuner = sqliteTable('workspace_kommuner', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

/**
 * Data repairs a migration asked for that SQL alone cannot do (recomputing content hashes);
 * electron/core/db/repairs.ts runs and removes them when the workspace is opened.
 */
export const pendingRepairs = sqliteTable('pending_repairs', {
  name: text('name').primaryKey(),
});

/** Reference copies taken at creation (kommuner of the county). */
export const refKommuner = sqliteTable('ref_kommuner', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  delregionId: text('delregion_id').notNull(),
});

export const refPopulation = sqliteTable(
  'ref_population',
  {
    kommunCode: text('kommun_code').notNull(),
    year: integer('year').notNull(),
    refDate: text('ref_date').notNull(),
    value: integer('value').notNull(),
    source: text('source').notNull(),
    importedBatchId: integer('imported_batch_id'),
  },
  (t) => [primaryKey({ columns: [t.kommunCode, t.year] })],
);

export const refOrganisations = sqliteTable('ref_organisations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  pattern: text('pattern').notNull(),
  partyType: text('party_type', { enum: ['kommun', 'region', 'privat'] }).notNull(),
});

export const refCategories = sqliteTable('ref_categories', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
});

/** Category synonyms; `norm` is the normalised label (lower case, no diacritics, no punctuation). */
export const categorySynonyms = sqliteTable(
  'category_synonyms',
  {
    norm: text('norm').primaryKey(),
    label: text('label').notNull(),
    categoryCode: text('category_code').notNull(),
    userAdded: integer('user_added', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('category_synonyms_code').on(t.categoryCode)],
);

/** Small key/value store for UI and app state that belongs to the workspace. */
export const kv = sqliteTable('kv', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Generic audit trail: who (workspace user name), when, what. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    user: text('user').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    changes: text('changes', { mode: 'json' }),
  },
  (t) => [index('audit_log_entity').on(t.entity, t.entityId)],
);
