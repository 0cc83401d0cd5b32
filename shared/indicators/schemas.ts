/**
 * zod schemas of every indicator value and of the whole `indicators --json` document
 * (INDICATORS.md "Output shape"). The CLI validates against these before printing; the
 * contract (shared/api/indicators.ts) uses them as the methods' outputs.
 */
import { z } from 'zod';
import { partyTypes } from '../domain/enums';
import { catalogue } from './catalogue';

const int = () => z.number().int();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const countSchema = int().min(0);
export const rateSchema = z.number().nullable();

/** share = numerator / denominator (0..1), null when the denominator is 0. */
export const shareSchema = z.object({
  numerator: int().min(0),
  denominator: int().min(0),
  share: z.number().min(0).max(1).nullable(),
});
export type Share = z.infer<typeof shareSchema>;

/** Lead time in days: n, median (mean of the two middle values for even n), P90 (nearest rank). */
export const leadTimeSchema = z.object({
  n: int().min(0),
  median: z.number().nullable(),
  p90: z.number().nullable(),
});
export type LeadTime = z.infer<typeof leadTimeSchema>;

export const byCategorySchema = z.array(
  z.object({ category: z.string(), label: z.string(), count: int().min(0), share: z.number().min(0).max(1) }),
);
export const byFlowSchema = z.array(z.object({ from: z.enum(partyTypes), to: z.enum(partyTypes), count: int().min(0) })).length(9);
export const byKommunSchema = z.array(z.object({ kommun: z.string(), code: z.string(), count: int().min(0), per10k: z.number().nullable() }));

/**
 * Run chart (Anhøj). With fewer than 10 points, or fewer than 2 points off the median, no
 * analysis is made: longestRun, longestRunLimit, crossings and crossingsLimit are null and
 * signal is false. `median` is null only when there are no points.
 */
export const runChartSchema = z.object({
  points: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), count: int().min(0) })),
  median: z.number().nullable(),
  longestRun: int().nullable(),
  longestRunLimit: int().nullable(),
  crossings: int().nullable(),
  crossingsLimit: int().nullable(),
  signal: z.boolean(),
  /** n′: points not on the median (null when there are no points). */
  useful: int().nullable(),
  /** Which rule fired ('run', 'crossings'). */
  signals: z.array(z.enum(['run', 'crossings'])),
});
export type RunChart = z.infer<typeof runChartSchema>;

export const openAtEndSchema = z.object({
  total: int().min(0),
  byStep: z.object({ '1': int().min(0), '2': int().min(0), '3': int().min(0) }),
  /** Days from opened_at to `to` of the oldest open one; null when none is open. */
  oldestDays: int().nullable(),
});
export const settlementSchema = z.object({ count: int().min(0), totalSek: z.number().min(0) });

export const indicatorValuesSchema = z.object({
  'dev.count': countSchema,
  'dev.per10k': rateSchema,
  'dev.byCategory': byCategorySchema,
  'dev.byFlow': byFlowSchema,
  'dev.byKommun': byKommunSchema,
  'dev.answeredWithinDeadline': shareSchema,
  'dev.daysToAnswer': leadTimeSchema,
  'dev.daysToClose': leadTimeSchema,
  'dev.closedShare': shareSchema,
  'dev.severe': countSchema,
  'dev.recurring': shareSchema,
  'dev.monthly': runChartSchema,
  'disp.opened': countSchema,
  'disp.resolved': countSchema,
  'disp.resolvedAtStep1': shareSchema,
  'disp.reachedTvist': countSchema,
  'disp.daysToResolve': leadTimeSchema,
  'disp.openAtEnd': openAtEndSchema,
  'disp.temporarySolution': shareSchema,
  'disp.economicSettlement': settlementSchema,
  'disp.principled': countSchema,
  'learn.lessonCoverage': shareSchema,
  'learn.newPrecedents': countSchema,
});
export type IndicatorValues = z.infer<typeof indicatorValuesSchema>;

export const populationSchema = z.object({
  /** The oldest year used. */
  year: int(),
  total: int().min(0),
  mixedYears: z.boolean(),
});

/** The `indicators --json` document. */
export const indicatorsDocumentSchema = z.object({
  period: z.object({ from: isoDate, to: isoDate, asOf: isoDate, deadlineDays: int().min(0) }),
  delregion: z.string(),
  population: populationSchema.nullable(),
  indicators: indicatorValuesSchema,
});
export type IndicatorsDocument = z.infer<typeof indicatorsDocumentSchema>;

export const populationUsedSchema = z.array(
  z.object({ code: z.string(), kommun: z.string(), year: int().nullable(), value: int().nullable(), source: z.string().nullable() }),
);

export const dashboardSchema = z.object({
  current: indicatorsDocumentSchema,
  previous: indicatorsDocumentSchema,
  yearEarlier: indicatorsDocumentSchema,
  /** Per kommun: the population figure used for `current` (year null = missing). */
  populationYears: populationUsedSchema,
  /** Kommuner without any population figure up to the period's last year. */
  missingPopulation: z.array(z.object({ code: z.string(), kommun: z.string() })),
  /** Kommuner whose figure is older than the newest year used. */
  olderPopulation: z.array(z.object({ code: z.string(), kommun: z.string(), year: int() })),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const catalogueEntrySchema = z.object({
  id: z.string(),
  group: z.enum(['avvikelser', 'oenighet_tvist', 'larande']),
  label: z.string(),
  definition: z.string(),
  unit: z.string(),
  shape: z.string(),
  reading: z.string(),
  drilldown: z.object({ cases: z.string(), keys: z.string().nullable() }).nullable(),
});
export const catalogueSchema = z.array(catalogueEntrySchema);

// keep the catalogue and the document in step (checked at load, cheap)
const docKeys = Object.keys(indicatorValuesSchema.shape);
if (docKeys.length !== catalogue.length || catalogue.some((e) => !docKeys.includes(e.id))) {
  throw new Error('Indikatorkatalogen och dokumentschemat har olika indikatorer.');
}
