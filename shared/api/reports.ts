/**
 * The PDF summary for VVG (REPORT.md): the report model (every number and text the PDF shows,
 * assembled once in the core), the de-identification check of the analyst's texts, the export
 * job, and the saved reports that can be produced again identically.
 */
import { z } from 'zod';
import { method } from './define';
import { jobStateSchema } from './jobs';
import { isoDateSchema } from '../domain/enums';
import { dashboardSchema } from '../indicators/schemas';

export const REPORT_TEXT_MAX = 20_000;

/** What a report is made from: period, as-of, deadline, the analyst's texts, and the report settings. */
export const reportSpecSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    /** As-of date E; default: the newest import batch's date. */
    asOf: isoDateSchema.optional(),
    /** Deadline D in days; default: the workspace setting. */
    deadlineDays: z.number().int().min(0).max(3650).optional(),
    summaryText: z.string().max(REPORT_TEXT_MAX, `Sammanfattningen får vara högst ${REPORT_TEXT_MAX} tecken.`).default(''),
    analysisText: z.string().max(REPORT_TEXT_MAX, `Analysen får vara högst ${REPORT_TEXT_MAX} tecken.`).default(''),
    /** Counts 1–4 printed "<5" in breakdowns by kommun; default: the workspace setting. */
    smallCellSuppression: z.boolean().optional(),
  })
  .refine((p) => p.from <= p.to, { message: 'Periodens början måste ligga före eller på dess slut.', path: ['to'] });
export type ReportSpec = z.infer<typeof reportSpecSchema>;
export type ReportSpecInput = z.input<typeof reportSpecSchema>;

export const personalDataHitSchema = z.object({
  kind: z.enum(['personnummer', 'samordningsnummer', 'telefonnummer', 'e-postadress']),
  start: z.number().int(),
  end: z.number().int(),
  raw: z.string(),
});
export type PersonalDataHitDto = z.infer<typeof personalDataHitSchema>;

export const textCheckSchema = z.object({
  ok: z.boolean(),
  summary: z.array(personalDataHitSchema),
  analysis: z.array(personalDataHitSchema),
});
export type TextCheck = z.infer<typeof textCheckSchema>;

const dispStepSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const reportModelSchema = z.object({
  title: z.string(),
  delregion: z.object({ id: z.string(), name: z.string() }),
  period: z.object({ from: isoDateSchema, to: isoDateSchema, label: z.string() }),
  asOf: isoDateSchema,
  deadlineDays: z.number().int(),
  author: z.string(),
  /** The report's date (creation date of the saved report, or today for a draft). */
  reportDate: isoDateSchema,
  smallCellSuppression: z.boolean(),
  /** Import batches behind the data (newest first). */
  sources: z.array(
    z.object({
      kind: z.enum(['deviations', 'disputes', 'population']),
      fileName: z.string(),
      importedOn: z.string(),
      rows: z.number().int(),
      inserted: z.number().int(),
      updated: z.number().int(),
      quarantined: z.number().int(),
    }),
  ),
  /** Older batches not listed. */
  sourcesOmitted: z.number().int(),
  /** The same document the dashboard shows (indicators.dashboard). */
  dashboard: dashboardSchema,
  /** Disputes of principled character opened in the period (disp.principled), de-identified. */
  principled: z.array(
    z.object({
      externalId: z.string(),
      openedAt: z.string(),
      area: z.string(),
      areaLabel: z.string(),
      stepAtEnd: dispStepSchema,
      resolvedAt: z.string().nullable(),
      summary: z.string(),
    }),
  ),
  /** Lessons recorded in the period (texts de-identified). */
  lessons: z.object({
    total: z.number().int(),
    items: z.array(
      z.object({
        recordedOn: z.string(),
        caseKind: z.enum(['deviation', 'dispute']),
        areaLabel: z.string(),
        cause: z.string().nullable(),
        text: z.string(),
      }),
    ),
  }),
  /** Guiding precedents decided in the period (learn.newPrecedents). */
  precedents: z.array(z.object({ title: z.string(), principle: z.string(), areaLabel: z.string(), decidedAt: z.string().nullable() })),
  texts: z.object({ summary: z.string(), analysis: z.string() }),
  /** How many personal-data hits were removed from case texts shown in the report. */
  redactions: z.number().int(),
  /** SHA-256 of the canonical JSON of the figures (what "identical" means for a reproduction). */
  figuresHash: z.string(),
});
export type ReportModel = z.infer<typeof reportModelSchema>;

export const savedReportSchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  from: z.string(),
  to: z.string(),
  periodLabel: z.string(),
  asOf: z.string(),
  deadlineDays: z.number().int(),
  author: z.string(),
  fileName: z.string(),
  figuresHash: z.string(),
  settings: z.object({ smallCellSuppression: z.boolean(), delregionId: z.string(), delregionName: z.string() }),
});
export type SavedReport = z.infer<typeof savedReportSchema>;

export const savedReportDetailSchema = savedReportSchema.extend({ summaryText: z.string(), analysisText: z.string() });

/** The export job's result. */
export const reportExportResultSchema = z.object({
  fileName: z.string(),
  pdfBase64: z.string(),
  bytes: z.number().int(),
  savedId: z.number().int(),
  figuresHash: z.string(),
  /** For "Skapa igen": true when the figures equal the saved report's. */
  identical: z.boolean().nullable(),
});
export type ReportExportResult = z.infer<typeof reportExportResultSchema>;

/** Where a print route gets its model: an export draft, a saved report, or a spec (preview). */
export const reportModelInput = z.union([
  z.object({ draft: z.string().min(1).max(100) }),
  z.object({ savedId: z.number().int() }),
  reportSpecSchema,
]);

export const reportMethods = {
  'reports.model': method(reportModelInput, reportModelSchema, 'Rapportens innehåll: siffror, källor, lärdomar, prejudikat och texter'),
  'reports.check': method(
    z.object({ summaryText: z.string().max(REPORT_TEXT_MAX).default(''), analysisText: z.string().max(REPORT_TEXT_MAX).default('') }),
    textCheckSchema,
    'Avidentifieringskontroll av analytikerns texter (personnummer, telefonnummer, e-post)',
  ),
  'reports.export': method(
    z.union([z.object({ savedId: z.number().int() }), reportSpecSchema]),
    jobStateSchema,
    'Skapa rapporten som PDF (ett arbete med förlopp; resultatet är PDF-filen)',
  ),
  'reports.saved': method(z.object({}), z.array(savedReportSchema), 'Sparade rapporter, senaste först'),
  'reports.get': method(z.object({ id: z.number().int() }), savedReportDetailSchema, 'En sparad rapport med texterna'),
  'reports.printer': method(z.object({}), z.object({ available: z.boolean(), message: z.string().nullable() }), 'Finns en PDF-skrivare i detta skal?'),
};
