import { z } from 'zod';
import { method } from './define';
import { caseSummarySchema } from './common';
import { isoDateSchema } from '../domain/enums';
import { catalogueSchema, dashboardSchema, indicatorsDocumentSchema } from '../indicators/schemas';
import { indicatorIds } from '../indicators/catalogue';

export const indicatorPeriodInput = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    /** As-of date E; default: date of the newest import batch, else today. */
    asOf: isoDateSchema.optional(),
    /** Deadline D in days; default: the workspace setting. */
    deadlineDays: z.number().int().min(0, 'Svarstiden kan inte vara negativ.').max(3650, 'Svarstiden får vara högst 3 650 dagar.').optional(),
  })
  .refine((p) => p.from <= p.to, { message: 'Periodens början måste ligga före eller på dess slut.', path: ['to'] });
export type IndicatorPeriodInput = z.infer<typeof indicatorPeriodInput>;

export const indicatorCasesInput = z
  .object({
    indicator: z.enum(indicatorIds, { message: 'Okänd indikator.' }),
    from: isoDateSchema,
    to: isoDateSchema,
    asOf: isoDateSchema.optional(),
    deadlineDays: z.number().int().min(0).max(3650).optional(),
    /** Part of a breakdown: category code, 'kommun->region', kommun code/name, step '1'|'2'|'3', 'numerator'|'denominator', month 'YYYY-MM'. */
    key: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(100_000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .refine((p) => p.from <= p.to, { message: 'Periodens början måste ligga före eller på dess slut.', path: ['to'] });

export const indicatorCasesOutput = z.object({
  indicator: z.string(),
  total: z.number().int().min(0),
  cases: z.array(caseSummarySchema),
});
export type IndicatorCases = z.infer<typeof indicatorCasesOutput>;

export const indicatorMethods = {
  'indicators.compute': method(indicatorPeriodInput, indicatorsDocumentSchema, 'Beräkna uppföljningsindikatorerna för en period'),
  'indicators.dashboard': method(
    indicatorPeriodInput,
    dashboardSchema,
    'Indikatorerna för perioden, föregående period av samma längd och samma period ett år tidigare',
  ),
  'indicators.cases': method(indicatorCasesInput, indicatorCasesOutput, 'Ärendena bakom en indikator (drill-down)'),
  'indicators.catalogue': method(z.object({}), catalogueSchema, 'Indikatorkatalogen: namn, definitioner och enheter'),
};
