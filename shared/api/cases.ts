import { z } from 'zod';
import { method } from './define';
import { caseListSchema, caseSummarySchema } from './common';
import {
  caseKindSchema,
  deviationStatuses,
  disputeOutcomeSchema,
  isoDateSchema,
  lessonCauseSchema,
  partyTypeSchema,
} from '../domain/enums';

/* ------------------------------------------------------------------ lists */

/** Status filter: deviation statuses, or for disputes 'oppen' (not resolved) / 'lost' (resolved). */
export const caseStatusFilterSchema = z.enum([...deviationStatuses, 'oppen', 'lost']);

/** The filters of a case list (also used by the CSV export). */
export const caseFilterSchema = z.object({
  kind: caseKindSchema,
  /** Period on reported_at (deviations) / opened_at (disputes), inclusive. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** Category code (deviation) / area code (dispute). */
  category: z.string().max(100).optional(),
  /** SCB kommun code (deviations only; ignored for disputes). */
  kommunCode: z.string().max(10).optional(),
  /** Organisation name, exact: reporting or receiving org (deviation), party A or B (dispute). */
  org: z.string().max(300).optional(),
  /** Party type on either side. */
  partyType: partyTypeSchema.optional(),
  status: caseStatusFilterSchema.optional(),
  /** Disputes: the highest escalation step reached (1, 2 or 3). */
  step: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  hasLesson: z.boolean().optional(),
  /** Disputes: of principled character (may be raised to VVG). */
  principled: z.boolean().optional(),
  /** Deviations: severity (integer as imported). */
  severity: z.number().int().optional(),
  /** Full-text words (FTS5, prefix, diacritic-insensitive). */
  q: z.string().max(500).optional(),
});
export type CaseFilter = z.infer<typeof caseFilterSchema>;

export const caseSortSchema = z.enum(['date_desc', 'date_asc']);

export const caseListInputSchema = caseFilterSchema.extend({
  sort: caseSortSchema.default('date_desc'),
  /** Opaque keyset cursor from the previous page (nextCursor). */
  cursor: z.string().max(2000).optional(),
  limit: z.number().int().min(1).max(500).default(50),
});

/* ------------------------------------------------------------------ lessons */

export const lessonSchema = z.object({
  id: z.number().int(),
  caseKind: caseKindSchema,
  caseId: z.number().int(),
  /** External id of the case (null if the case no longer exists). */
  caseExternalId: z.string().nullable(),
  /** Category/area code of the case (null if the case no longer exists). */
  caseCategory: z.string().nullable(),
  text: z.string(),
  cause: lessonCauseSchema.nullable(),
  causeLabel: z.string().nullable(),
  recommendedPractice: z.string().nullable(),
  agreementRef: z.string().nullable(),
  recordedOn: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type Lesson = z.infer<typeof lessonSchema>;

const lessonFields = {
  text: z.string().trim().min(1, 'Skriv lärdomen.').max(20_000, 'Lärdomen får vara högst 20 000 tecken.'),
  cause: lessonCauseSchema.nullable().optional(),
  recommendedPractice: z.string().trim().max(20_000).nullable().optional(),
  agreementRef: z.string().trim().max(1000).nullable().optional(),
  recordedOn: isoDateSchema.optional(),
};

/* ------------------------------------------------------------------ history, audit */

export const fieldChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

/** One earlier version of an imported case and what the next version changed. */
export const caseVersionSchema = z.object({
  /** The batch that wrote this earlier version (null if unknown). */
  versionBatchId: z.number().int().nullable(),
  versionFileName: z.string().nullable(),
  /** The batch that replaced it. */
  replacedByBatchId: z.number().int().nullable(),
  replacedByFileName: z.string().nullable(),
  replacedAt: z.string(),
  /** The full earlier version (canonical fields). */
  data: z.record(z.string(), z.unknown()),
  /** What the replacing version changed, field by field. */
  changes: z.array(fieldChangeSchema),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  user: z.string(),
  action: z.string(),
  changes: z.unknown(),
});

export const precedentRefSchema = z.object({ id: z.string(), title: z.string(), status: z.string() });

/* ------------------------------------------------------------------ deviation view */

export const deviationDetailSchema = z.object({
  id: z.number().int(),
  sourceSystem: z.string(),
  externalId: z.string(),
  reportedAt: z.string(),
  occurredAt: z.string().nullable(),
  reportingOrg: z.string(),
  reportingPartyType: partyTypeSchema,
  receivingOrg: z.string(),
  receivingPartyType: partyTypeSchema,
  kommunCode: z.string(),
  kommun: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  rawCategory: z.string().nullable(),
  subcategory: z.string().nullable(),
  severity: z.number().int().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  description: z.string().nullable(),
  action: z.string().nullable(),
  batchId: z.number().int().nullable(),
  batchFileName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** resolved = answered/closed: a precedent can be made from it */
  resolved: z.boolean(),
  history: z.array(caseVersionSchema),
  linkedDisputes: z.array(caseSummarySchema),
  lessons: z.array(lessonSchema),
  precedents: z.array(precedentRefSchema),
});
export type DeviationDetail = z.infer<typeof deviationDetailSchema>;

/* ------------------------------------------------------------------ dispute view */

export const timelineStageSchema = z.object({
  /** 'steg1' | 'steg2' | 'steg3' | 'avslut' */
  stage: z.enum(['steg1', 'steg2', 'steg3', 'avslut']),
  label: z.string(),
  from: z.string(),
  /** null while ongoing (or for the final stage) */
  to: z.string().nullable(),
  /** days spent in the stage (to the as-of date while ongoing; null for 'avslut') */
  days: z.number().int().nullable(),
  current: z.boolean(),
});

export const disputeEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.enum(['opened', 'step2', 'step3', 'temporary_solution', 'resolved', 'settlement', 'note']),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const disputeDetailSchema = z.object({
  id: z.number().int(),
  sourceSystem: z.string(),
  externalId: z.string(),
  origin: z.enum(['import', 'manual']),
  openedAt: z.string(),
  partyA: z.string(),
  partyAType: partyTypeSchema.nullable(),
  partyB: z.string(),
  partyBType: partyTypeSchema.nullable(),
  area: z.string(),
  areaLabel: z.string(),
  rawArea: z.string().nullable(),
  summary: z.string().nullable(),
  step2At: z.string().nullable(),
  step3At: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolutionStep: z.number().int().nullable(),
  outcome: disputeOutcomeSchema.nullable(),
  outcomeLabel: z.string().nullable(),
  settlementSek: z.number().nullable(),
  temporarySolution: z.boolean(),
  temporarySolutionText: z.string().nullable(),
  principled: z.boolean(),
  /** 1, 2 or 3: highest step reached */
  currentStep: z.number().int(),
  /** 'steg 1'…'steg 3' / 'löst' */
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** As-of date used for the days of an ongoing stage (today). */
  asOf: z.string(),
  timeline: z.array(timelineStageSchema),
  events: z.array(disputeEventSchema),
  linkedDeviationIds: z.array(z.string()),
  /** The linked deviations found in this workspace. */
  linkedDeviations: z.array(caseSummarySchema),
  lessons: z.array(lessonSchema),
  history: z.array(caseVersionSchema),
  audit: z.array(auditEntrySchema),
  precedents: z.array(precedentRefSchema),
});
export type DisputeDetail = z.infer<typeof disputeDetailSchema>;

/* ------------------------------------------------------------------ dispute edits */

const optText = (max: number) => z.string().trim().max(max).nullable().optional();

export const disputeCreateInputSchema = z.object({
  /** Optional; generated ('M-YYYY-NNNN') when missing. */
  externalId: z.string().trim().min(1).max(100).optional(),
  openedAt: isoDateSchema,
  partyA: z.string().trim().min(1, 'Ange part A.').max(300),
  partyAType: partyTypeSchema.nullable().optional(),
  partyB: z.string().trim().min(1, 'Ange part B.').max(300),
  partyBType: partyTypeSchema.nullable().optional(),
  area: z.string().min(1),
  summary: optText(20_000),
  principled: z.boolean().optional(),
  linkedDeviations: z.array(z.string().trim().min(1).max(100)).max(500).optional(),
  temporarySolutionText: optText(20_000),
});

export const disputeUpdateInputSchema = z.object({
  id: z.number().int(),
  openedAt: isoDateSchema.optional(),
  partyA: z.string().trim().min(1).max(300).optional(),
  partyAType: partyTypeSchema.nullable().optional(),
  partyB: z.string().trim().min(1).max(300).optional(),
  partyBType: partyTypeSchema.nullable().optional(),
  area: z.string().min(1).optional(),
  summary: optText(20_000),
  principled: z.boolean().optional(),
  linkedDeviations: z.array(z.string().trim().min(1).max(100)).max(500).optional(),
  step2At: isoDateSchema.nullable().optional(),
  step3At: isoDateSchema.nullable().optional(),
  resolvedAt: isoDateSchema.nullable().optional(),
  resolutionStep: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable().optional(),
  outcome: disputeOutcomeSchema.nullable().optional(),
  settlementSek: z.number().min(0, 'Beloppet kan inte vara negativt.').nullable().optional(),
  temporarySolution: z.boolean().optional(),
  temporarySolutionText: optText(20_000),
  /** A note for the timeline (dispute_events type 'note'). */
  note: z.string().trim().max(5000).optional(),
});

/* ------------------------------------------------------------------ misc */

export const caseRefSchema = z.object({ kind: caseKindSchema, id: z.number().int() });

export const caseMatchSchema = z.object({
  kind: caseKindSchema,
  id: z.number().int(),
  externalId: z.string(),
  sourceSystem: z.string(),
});

export const lessonListInputSchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  caseKind: caseKindSchema.optional(),
  caseId: z.number().int().optional(),
  cause: lessonCauseSchema.optional(),
  limit: z.number().int().min(1).max(5000).default(500),
});

export const caseMethods = {
  'cases.list': method(caseListInputSchema, caseListSchema, 'Ärendelista (avvikelser eller tvister) med filter, sortering och sidbläddring'),
  'cases.count': method(
    caseFilterSchema,
    z.object({ total: z.number().int() }),
    'Räkna alla ärenden i ett urval exakt (när listan bara säger ”minst” eller ”över”; kan ta en stund i en stor arbetsyta)',
  ),
  'cases.exportCsv': method(
    caseFilterSchema.extend({ sort: caseSortSchema.default('date_desc') }),
    z.object({ fileName: z.string(), csvBase64: z.string(), rows: z.number().int() }),
    'Exportera den aktuella ärendelistan som CSV (Excel)',
  ),
  'cases.find': method(
    z.object({ externalId: z.string().trim().min(1).max(100), kind: caseKindSchema.optional() }),
    z.object({ matches: z.array(caseMatchSchema) }),
    'Hitta ärenden med ett ärende-id',
  ),
  'cases.deviation': method(z.object({ id: z.number().int() }), deviationDetailSchema, 'En avvikelse med historik, kopplade tvister och lärdomar'),
  'cases.dispute': method(z.object({ id: z.number().int() }), disputeDetailSchema, 'En oenighet/tvist med eskaleringstidslinje'),
  'disputes.create': method(disputeCreateInputSchema, disputeDetailSchema, 'Registrera en oenighet/tvist för hand'),
  'disputes.update': method(disputeUpdateInputSchema, disputeDetailSchema, 'Ändra en oenighet/tvist'),
  'disputes.escalate': method(
    z.object({ id: z.number().int(), at: isoDateSchema, note: z.string().trim().max(5000).optional() }),
    disputeDetailSchema,
    'Eskalera till nästa steg',
  ),
  'disputes.setTemporarySolution': method(
    z.object({ id: z.number().int(), text: z.string().trim().min(1, 'Beskriv den tillfälliga lösningen.').max(20_000), at: isoDateSchema.optional() }),
    disputeDetailSchema,
    'Registrera en tillfällig lösning',
  ),
  'disputes.resolve': method(
    z.object({
      id: z.number().int(),
      resolvedAt: isoDateSchema,
      outcome: disputeOutcomeSchema,
      resolutionStep: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
      settlementSek: z.number().min(0, 'Beloppet kan inte vara negativt.').nullable().optional(),
      note: z.string().trim().max(5000).optional(),
    }),
    disputeDetailSchema,
    'Avsluta med utfall (och ev. ekonomisk reglering)',
  ),
  'disputes.audit': method(z.object({ id: z.number().int() }), z.array(auditEntrySchema), 'Ändringslogg för en tvist'),
  'lessons.add': method(z.object({ caseKind: caseKindSchema, caseId: z.number().int(), ...lessonFields }), lessonSchema, 'Lägg till en lärdom på ett ärende'),
  'lessons.update': method(
    z.object({ id: z.number().int(), ...lessonFields, text: lessonFields.text.optional() }),
    lessonSchema,
    'Ändra en lärdom',
  ),
  'lessons.delete': method(z.object({ id: z.number().int() }), z.object({ deleted: z.boolean() }), 'Ta bort en lärdom'),
  'lessons.list': method(lessonListInputSchema, z.object({ total: z.number().int(), lessons: z.array(lessonSchema) }), 'Lärdomar per period eller ärende'),
};
