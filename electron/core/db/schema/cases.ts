import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { importBatches } from './imports';

/**
 * A deviation (avvikelse i samverkan). Dates are local calendar dates 'YYYY-MM-DD'.
 *
 * Derived from it: the dashboard's per-day summary tables `dev_sum_*` (migration 0006, kept exact
 * by every writer: electron/core/indicators/summary.ts). They are not declared here because
 * drizzle cannot express WITHOUT ROWID tables (a declaration would also make the next
 * `drizzle-kit generate` emit them again). Their maintenance reads `deviations_cohort`,
 * `deviations_reported` and `deviations_kommun_reported` (INDEXED BY).
 */
export const deviations = sqliteTable(
  'deviations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceSystem: text('source_system').notNull(),
    externalId: text('external_id').notNull(),
    reportedAt: text('reported_at').notNull(),
    occurredAt: text('occurred_at'),
    reportingOrg: text('reporting_org').notNull(),
    reportingPartyType: text('reporting_party_type', { enum: ['kommun', 'region', 'privat'] }).notNull(),
    receivingOrg: text('receiving_org').notNull(),
    receivingPartyType: text('receiving_party_type', { enum: ['kommun', 'region', 'privat'] }).notNull(),
    kommunCode: text('kommun_code').notNull(),
    kommun: text('kommun').notNull(),
    category: text('category').notNull(),
    rawCategory: text('raw_category'),
    subcategory: text('subcategory'),
    severity: integer('severity'),
    status: text('status', { enum: ['ny', 'pagaende', 'besvarad', 'avslutad'] }).notNull(),
    answeredAt: text('answered_at'),
    closedAt: text('closed_at'),
    description: text('description'),
    action: text('action'),
    /** Hash of the canonical content: equal hash → `unchanged` on re-import. */
    contentHash: text('content_hash').notNull(),
    /**
     * Stored `dev.recurring` flag (0/1): ≥ 3 stored deviations (this one included) share its
     * (category, reporting_org, receiving_org) with reported_at in [reported_at − 364 days,
     * reported_at]. Maintained by indicators/recurring.ts `refreshRecurring` in every transaction
     * that changes deviations.
     */
    recurring: integer('recurring').notNull().default(0),
    batchId: integer('batch_id').references(() => importBatches.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('deviations_key').on(t.sourceSystem, t.externalId),
    index('deviations_reported').on(t.reportedAt),
    index('deviations_category_reported').on(t.category, t.reportedAt),
    index('deviations_kommun_reported').on(t.kommunCode, t.reportedAt),
    index('deviations_recurring').on(t.category, t.reportingOrg, t.receivingOrg, t.reportedAt),
    index('deviations_closed').on(t.closedAt),
    /** Case-list filters (keyset paging on reported_at within each): status, severity, either organisation. */
    index('deviations_status_reported').on(t.status, t.reportedAt),
    index('deviations_severity_reported').on(t.severity, t.reportedAt),
    index('deviations_reporting_org_reported').on(t.reportingOrg, t.reportedAt),
    index('deviations_receiving_org_reported').on(t.receivingOrg, t.reportedAt),
    /** Covering index for the indicators' cohort (reported_at range): no table lookups per row. */
    index('deviations_cohort').on(
      t.reportedAt,
      t.category,
      t.reportingPartyType,
      t.receivingPartyType,
      t.kommunCode,
      t.severity,
      t.answeredAt,
      t.closedAt,
      t.reportingOrg,
      t.receivingOrg,
      t.recurring,
    ),
  ],
);

/** Earlier versions of a deviation, kept when an import changed it. */
export const deviationHistory = sqliteTable(
  'deviation_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deviationId: integer('deviation_id')
      .notNull()
      .references(() => deviations.id, { onDelete: 'cascade' }),
    /** The batch that wrote this (old) version. */
    versionBatchId: integer('version_batch_id'),
    /** The batch that replaced it. */
    replacedByBatchId: integer('replaced_by_batch_id').references(() => importBatches.id),
    replacedAt: text('replaced_at').notNull(),
    /** The full old row (canonical fields) as JSON. */
    data: text('data', { mode: 'json' }).notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (t) => [index('deviation_history_dev').on(t.deviationId)],
);

/** A disagreement or dispute (oenighet / tvist). The step dates are the escalation ladder. */
export const disputes = sqliteTable(
  'disputes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceSystem: text('source_system').notNull(),
    externalId: text('external_id').notNull(),
    openedAt: text('opened_at').notNull(),
    partyA: text('party_a').notNull(),
    partyAType: text('party_a_type', { enum: ['kommun', 'region', 'privat'] }),
    partyB: text('party_b').notNull(),
    partyBType: text('party_b_type', { enum: ['kommun', 'region', 'privat'] }),
    area: text('area').notNull(),
    rawArea: text('raw_area'),
    summary: text('summary'),
    step2At: text('step2_at'),
    step3At: text('step3_at'),
    resolvedAt: text('resolved_at'),
    resolutionStep: integer('resolution_step'),
    outcome: text('outcome', { enum: ['enighet', 'ekonomisk_reglering', 'allman_domstol', 'aterkallad'] }),
    settlementSek: real('settlement_sek'),
    temporarySolution: integer('temporary_solution', { mode: 'boolean' }).notNull().default(false),
    temporarySolutionText: text('temporary_solution_text'),
    principled: integer('principled', { mode: 'boolean' }).notNull().default(false),
    /** Linked deviation external ids (JSON array of strings). */
    linkedDeviations: text('linked_deviations', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** 'import' or 'manual' */
    origin: text('origin', { enum: ['import', 'manual'] }).notNull().default('import'),
    contentHash: text('content_hash').notNull(),
    batchId: integer('batch_id').references(() => importBatches.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('disputes_key').on(t.sourceSystem, t.externalId),
    index('disputes_opened').on(t.openedAt),
    index('disputes_resolved').on(t.resolvedAt),
    index('disputes_step3').on(t.step3At),
    index('disputes_area').on(t.area),
  ],
);

/** Timeline entries of a dispute beyond the step dates: notes, temporary solutions, decisions. */
export const disputeEvents = sqliteTable(
  'dispute_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    disputeId: integer('dispute_id')
      .notNull()
      .references(() => disputes.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    type: text('type', { enum: ['opened', 'step2', 'step3', 'temporary_solution', 'resolved', 'settlement', 'note'] }).notNull(),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('dispute_events_dispute').on(t.disputeId, t.at)],
);

export const disputeHistory = sqliteTable(
  'dispute_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    disputeId: integer('dispute_id')
      .notNull()
      .references(() => disputes.id, { onDelete: 'cascade' }),
    versionBatchId: integer('version_batch_id'),
    replacedByBatchId: integer('replaced_by_batch_id').references(() => importBatches.id),
    replacedAt: text('replaced_at').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (t) => [index('dispute_history_dispute').on(t.disputeId)],
);
