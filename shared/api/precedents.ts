import { z } from 'zod';
import { method } from './define';
import { caseKindSchema, isoDateSchema, precedentKindSchema, precedentStatusSchema } from '../domain/enums';

export const decisionPointSchema = z.object({
  question: z.string().trim().min(1, 'Skriv vägskälets fråga.').max(20_000),
  guidance: z.string().trim().max(20_000),
});

export const precedentOriginSchema = z.object({
  delregion: z.string(),
  publisher: z.string(),
  /** Publisher key fingerprint for imported precedents; null for local ones. */
  keyFingerprint: z.string().nullable(),
  /** true when the precedent came from a library file (another workspace). */
  imported: z.boolean(),
});

export const precedentSummarySchema = z.object({
  id: z.string(),
  kind: precedentKindSchema,
  title: z.string(),
  area: z.string(),
  areaLabel: z.string(),
  status: precedentStatusSchema,
  statusLabel: z.string(),
  revision: z.number().int(),
  updatedAt: z.string(),
  decidedAt: z.string().nullable(),
  supersededBy: z.string().nullable(),
  origin: precedentOriginSchema,
  locallyEdited: z.boolean(),
});
export type PrecedentSummary = z.infer<typeof precedentSummarySchema>;

export const precedentSchema = precedentSummarySchema.extend({
  agreementRefs: z.array(z.string()),
  tags: z.array(z.string()),
  facts: z.string(),
  question: z.string(),
  resolution: z.string(),
  principle: z.string(),
  decisionPoints: z.array(z.object({ question: z.string(), guidance: z.string() })),
  supersededByTitle: z.string().nullable(),
  caseHash: z.string().nullable(),
  /** The local case it was made from (null for imported or directly written ones). */
  localCase: z.object({ kind: caseKindSchema, id: z.number().int(), externalId: z.string().nullable() }).nullable(),
  /** Lessons: from the local case, or carried by an imported precedent. */
  lessons: z.array(z.object({ text: z.string(), cause: z.string().nullable(), date: z.string() })),
  baseRevision: z.number().int().nullable(),
  createdAt: z.string(),
  /** Swedish warnings, e.g. citing a superseded precedent, possible personal data in a text. */
  warnings: z.array(z.string()),
});
export type Precedent = z.infer<typeof precedentSchema>;

const text = (max = 20_000) => z.string().trim().max(max, `Texten får vara högst ${max} tecken.`);

const editableFields = {
  title: z.string().trim().min(1, 'Ange en rubrik.').max(500),
  area: z.string().min(1),
  agreementRefs: z.array(text(1000)).max(100),
  tags: z.array(text(100)).max(100),
  facts: text(),
  question: text(),
  resolution: text(),
  principle: text(),
  decisionPoints: z.array(decisionPointSchema).max(100),
};

export const precedentCreateInputSchema = z.object({
  kind: precedentKindSchema.default('ärende'),
  title: editableFields.title,
  area: editableFields.area,
  agreementRefs: editableFields.agreementRefs.default([]),
  tags: editableFields.tags.default([]),
  facts: editableFields.facts.default(''),
  question: editableFields.question.default(''),
  resolution: editableFields.resolution.default(''),
  principle: editableFields.principle.default(''),
  decisionPoints: editableFields.decisionPoints.default([]),
});

export const precedentUpdateInputSchema = z.object({
  id: z.string().min(1),
  title: editableFields.title.optional(),
  area: editableFields.area.optional(),
  agreementRefs: editableFields.agreementRefs.optional(),
  tags: editableFields.tags.optional(),
  facts: editableFields.facts.optional(),
  question: editableFields.question.optional(),
  resolution: editableFields.resolution.optional(),
  principle: editableFields.principle.optional(),
  decisionPoints: editableFields.decisionPoints.optional(),
  /** Settable decision date (only meaningful for vägledande/ersatt). */
  decidedAt: isoDateSchema.nullable().optional(),
});

/* ------------------------------------------------------------------ search */

export const searchHitKindSchema = z.enum(['deviation', 'dispute', 'lesson', 'precedent']);

export const searchHitSchema = z.object({
  kind: searchHitKindSchema,
  /** numeric id as string for cases and lessons; UUID for precedents */
  ref: z.string(),
  title: z.string(),
  /** Text around the hits; hits wrapped in « ». */
  snippet: z.string(),
  /** The same snippet as parts, for highlighting without HTML. */
  snippetParts: z.array(z.object({ text: z.string(), hit: z.boolean() })),
  /** Higher is better (−bm25). */
  score: z.number(),
  /** reported/opened date of a case, recorded date of a lesson, decided/updated date of a precedent */
  date: z.string().nullable(),
  /** For lessons: the case they belong to. */
  caseKind: caseKindSchema.nullable(),
  caseId: z.number().int().nullable(),
  externalId: z.string().nullable(),
  /** precedents only */
  status: z.string().nullable(),
  origin: precedentOriginSchema.nullable(),
  /** Swedish warning, e.g. a superseded precedent */
  warning: z.string().nullable(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultSchema = z.object({
  query: z.string(),
  /**
   * The FTS5 query the search stands for (each word quoted, prefix); what runs is equivalent (a
   * prefix that covers one indexed term is written as that term). Empty when the query had no words.
   */
  ftsQuery: z.string(),
  /** Number of hits; with totalIsLowerBound, the number the hits exceed (10 000). */
  total: z.number().int(),
  /**
   * true for a broad query (more than 10 000 hits; the UI says "fler än 10 000 träffar"): `total`
   * is then 10 000 and bm25 has ranked every lesson, precedent and dispute among the hits but
   * only the 10 000 most recently imported deviations.
   */
  totalIsLowerBound: z.boolean(),
  hits: z.array(searchHitSchema),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

/* ------------------------------------------------------------------ similar cases */

export const suggestionSchema = z.object({
  /** 'precedent:<uuid>' | 'deviation:<id>' | 'dispute:<id>' — pass to similar.dismiss */
  key: z.string(),
  type: z.enum(['precedent', 'deviation', 'dispute']),
  ref: z.string(),
  title: z.string(),
  area: z.string(),
  areaLabel: z.string(),
  sameArea: z.boolean(),
  /** The case's words that the suggestion shares (as written in the case). */
  matchedWords: z.array(z.string()),
  /** e.g. "samma område, liknande ord: utskrivning, SIP" */
  reason: z.string(),
  /** text similarity: sum of the shared words' rarity (idf); 0 = no shared words. Higher is better. */
  score: z.number(),
  status: z.string().nullable(),
  date: z.string().nullable(),
  /** precedents: where it comes from (imported ones show their delregion) */
  origin: precedentOriginSchema.nullable(),
  warning: z.string().nullable(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const similarResultSchema = z.object({
  case: z.object({ kind: caseKindSchema, id: z.number().int(), externalId: z.string(), area: z.string() }),
  /** The significant words used (stop words removed). */
  words: z.array(z.string()),
  suggestions: z.array(suggestionSchema),
  dismissedCount: z.number().int(),
});

const precedentListInput = z.object({
  status: precedentStatusSchema.optional(),
  kind: precedentKindSchema.optional(),
  area: z.string().optional(),
  origin: z.enum(['all', 'local', 'imported']).default('all'),
  limit: z.number().int().min(1).max(20_000).default(1000),
});

export const precedentMethods = {
  'precedents.list': method(
    precedentListInput,
    z.object({ total: z.number().int(), precedents: z.array(precedentSummarySchema) }),
    'Lista vägledande fall',
  ),
  'precedents.get': method(z.object({ id: z.string().min(1) }), precedentSchema, 'Ett vägledande fall'),
  'precedents.createFromCase': method(
    z.object({
      kind: caseKindSchema,
      id: z.number().int(),
      title: editableFields.title.optional(),
      principle: editableFields.principle.optional(),
    }),
    precedentSchema,
    'Skapa ett utkast till vägledande fall från ett avslutat ärende',
  ),
  'precedents.mark': method(
    z.object({
      kind: caseKindSchema,
      id: z.number().int(),
      title: editableFields.title,
      principle: z.string().trim().min(1, 'Skriv principen.').max(20_000),
    }),
    precedentSchema,
    'Gör ett avslutat ärende till vägledande fall direkt',
  ),
  'precedents.create': method(precedentCreateInputSchema, precedentSchema, 'Skriv ett vägledande fall direkt (t.ex. patientfall)'),
  'precedents.update': method(precedentUpdateInputSchema, precedentSchema, 'Ändra ett vägledande fall'),
  'precedents.setStatus': method(
    z.object({
      id: z.string().min(1),
      status: precedentStatusSchema,
      supersededBy: z.string().min(1).optional(),
      decidedAt: isoDateSchema.optional(),
    }),
    precedentSchema,
    'Byt status: utkast → granskad → vägledande → ersatt',
  ),
  'precedents.delete': method(z.object({ id: z.string().min(1) }), z.object({ deleted: z.boolean() }), 'Ta bort ett utkast'),
  'search.query': method(
    z.object({
      q: z.string().max(1000),
      limit: z.number().int().min(1).max(200).default(20),
      kinds: z.array(searchHitKindSchema).min(1).optional(),
    }),
    searchResultSchema,
    'Fritextsökning i ärenden, lärdomar och vägledande fall',
  ),
  'similar.forCase': method(
    z.object({ kind: caseKindSchema, id: z.number().int(), limit: z.number().int().min(1).max(50).default(10) }),
    similarResultSchema,
    'Liknande vägledande fall och avslutade ärenden',
  ),
  'similar.dismiss': method(
    z.object({ kind: caseKindSchema, id: z.number().int(), key: z.string().min(1).max(200) }),
    z.object({ dismissed: z.boolean() }),
    'Markera ett förslag som inte relevant',
  ),
  'similar.restore': method(
    z.object({ kind: caseKindSchema, id: z.number().int() }),
    z.object({ restored: z.number().int() }),
    'Visa bortvalda förslag igen',
  ),
};
