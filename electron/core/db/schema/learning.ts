import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

export const lessons = sqliteTable(
  'lessons',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseKind: text('case_kind', { enum: ['deviation', 'dispute'] }).notNull(),
    caseId: integer('case_id').notNull(),
    text: text('text').notNull(),
    cause: text('cause'),
    recommendedPractice: text('recommended_practice'),
    agreementRef: text('agreement_ref'),
    /** The date the lesson was recorded (YYYY-MM-DD) — "lessons recorded in the period". */
    recordedOn: text('recorded_on').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('lessons_case').on(t.caseKind, t.caseId), index('lessons_recorded').on(t.recordedOn)],
);

/** A guiding precedent (LIBRARY.md). `id` is a UUID stable across copies. */
export const precedents = sqliteTable(
  'precedents',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['ärende', 'patientfall'] }).notNull(),
    revision: integer('revision').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
    title: text('title').notNull(),
    area: text('area').notNull(),
    agreementRefs: text('agreement_refs', { mode: 'json' }).$type<string[]>().notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    facts: text('facts').notNull().default(''),
    question: text('question').notNull().default(''),
    resolution: text('resolution').notNull().default(''),
    principle: text('principle').notNull(),
    decisionPoints: text('decision_points', { mode: 'json' }).$type<{ question: string; guidance: string }[]>().notNull(),
    status: text('status', { enum: ['utkast', 'granskad', 'vägledande', 'ersatt'] }).notNull(),
    supersededBy: text('superseded_by'),
    decidedAt: text('decided_at'),
    originDelregion: text('origin_delregion').notNull(),
    originPublisher: text('origin_publisher').notNull(),
    /** Fingerprint of the publisher key for imported precedents; null for local ones. */
    originKeyFingerprint: text('origin_key_fingerprint'),
    /** SHA-256 of the local case identity, exported instead of the case id. */
    caseHash: text('case_hash'),
    localCaseKind: text('local_case_kind', { enum: ['deviation', 'dispute'] }),
    localCaseId: integer('local_case_id'),
    /** Lessons carried by an imported precedent (local ones are read from `lessons`). */
    importedLessons: text('imported_lessons', { mode: 'json' }).$type<{ text: string; cause?: string | null; date: string }[]>(),
    /** Revision last received from / sent to the origin: the common base for conflict detection. */
    baseRevision: integer('base_revision'),
    /** True when a local edit was made after the last import of this precedent. */
    locallyEdited: integer('locally_edited', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('precedents_status').on(t.status),
    index('precedents_area').on(t.area),
    index('precedents_case').on(t.localCaseKind, t.localCaseId),
  ],
);

/** An incoming version that conflicts with a local edit, kept for "behåll min / ta deras". */
export const precedentConflicts = sqliteTable('precedent_conflicts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  precedentId: text('precedent_id').notNull(),
  theirs: text('theirs', { mode: 'json' }).notNull(),
  theirRevision: integer('their_revision').notNull(),
  publisherFingerprint: text('publisher_fingerprint').notNull(),
  receivedAt: text('received_at').notNull(),
  resolvedAt: text('resolved_at'),
  resolution: text('resolution', { enum: ['mine', 'theirs'] }),
});

export const trustedKeys = sqliteTable('trusted_keys', {
  fingerprint: text('fingerprint').primaryKey(),
  publicKey: text('public_key').notNull(),
  publisherName: text('publisher_name').notNull(),
  delregion: text('delregion').notNull(),
  trustedAt: text('trusted_at').notNull(),
});

/** "Not relevant" marks on similar-case suggestions. */
export const suggestionDismissals = sqliteTable(
  'suggestion_dismissals',
  {
    caseKind: text('case_kind', { enum: ['deviation', 'dispute'] }).notNull(),
    caseId: integer('case_id').notNull(),
    suggestionKey: text('suggestion_key').notNull(),
    dismissedAt: text('dismissed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseKind, t.caseId, t.suggestionKey] })],
);

export const savedReports = sqliteTable('saved_reports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  createdAt: text('created_at').notNull(),
  periodFrom: text('period_from').notNull(),
  periodTo: text('period_to').notNull(),
  asOf: text('as_of').notNull(),
  deadlineDays: integer('deadline_days').notNull(),
  summaryText: text('summary_text').notNull().default(''),
  analysisText: text('analysis_text').notNull().default(''),
  author: text('author').notNull().default(''),
  fileName: text('file_name').notNull(),
  figuresHash: text('figures_hash').notNull(),
  settings: text('settings', { mode: 'json' }).notNull(),
});
