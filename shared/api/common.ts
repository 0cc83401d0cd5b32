import { z } from 'zod';

/** One case in a list (case lists, drill-down, search hits that are cases). */
export const caseSummarySchema = z.object({
  kind: z.enum(['deviation', 'dispute']),
  id: z.number().int(),
  externalId: z.string(),
  /** reported_at for deviations, opened_at for disputes (YYYY-MM-DD) */
  date: z.string(),
  /** category code (deviation) or area code (dispute) */
  category: z.string(),
  /** Swedish label of the category/area */
  title: z.string(),
  /** deviation status, or for disputes: 'steg 1'…'steg 3' / 'löst' */
  status: z.string(),
  kommun: z.string().nullable(),
  reportingOrg: z.string().nullable(),
  receivingOrg: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseListSchema = z.object({
  total: z.number().int(),
  cases: z.array(caseSummarySchema),
  /** keyset cursor for the next page, null at the end */
  nextCursor: z.string().nullable().optional(),
});
export type CaseList = z.infer<typeof caseListSchema>;

export const dateRangeSchema = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum ska skrivas ÅÅÅÅ-MM-DD'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum ska skrivas ÅÅÅÅ-MM-DD'),
});
