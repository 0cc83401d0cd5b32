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
  /** Number of cases in the list; with totalIsLowerBound, a round number the list exceeds. */
  total: z.number().int(),
  /**
   * true when the list was not counted to the end: it holds more than `total` cases (the UI says
   * "över 10 000 ärenden"). `total` is then 10 000 (counting stops there) or, when counting a
   * large combination of filters took too long, a smaller round number ("över 1 700"). Filters
   * that one index range answers are always counted exactly; `cases.count` counts any list.
   */
  totalIsLowerBound: z.boolean(),
  cases: z.array(caseSummarySchema),
  /** keyset cursor for the next page, null at the end */
  nextCursor: z.string().nullable().optional(),
});
export type CaseList = z.infer<typeof caseListSchema>;

export const dateRangeSchema = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum ska skrivas ÅÅÅÅ-MM-DD'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum ska skrivas ÅÅÅÅ-MM-DD'),
});

/**
 * What a CLI command with --json prints on stdout when it fails (exit 1 or 2) and has printed
 * nothing else: CLI.md's "stdout carries exactly one JSON document" holds on errors too. The same
 * sentence goes to stderr.
 */
export const cliErrorSchema = z.object({
  error: z.object({
    /** usage: wrong usage (exit 2); user: a bad file, value or id (exit 1); internal: an unexpected failure (exit 1). */
    kind: z.enum(['usage', 'user', 'internal']),
    exitCode: z.union([z.literal(1), z.literal(2)]),
    message: z.string(),
  }),
});
