import { z } from 'zod';

export const partyTypes = ['kommun', 'region', 'privat'] as const;
export const partyTypeSchema = z.enum(partyTypes);
export type PartyType = z.infer<typeof partyTypeSchema>;

export const deviationStatuses = ['ny', 'pagaende', 'besvarad', 'avslutad'] as const;
export const deviationStatusSchema = z.enum(deviationStatuses);
export type DeviationStatus = z.infer<typeof deviationStatusSchema>;

export const categoryCodes = [
  'hemsjukvard',
  'in_utskrivning',
  'sip',
  'lakarmedverkan',
  'lakemedel',
  'egenvard',
  'hjalpmedel',
  'rehab_hab',
  'information',
  'munhalsa',
  'vardhygien',
  'psykisk_beroende',
  'ovrigt',
] as const;
export const categorySchema = z.enum(categoryCodes);
export type CategoryCode = z.infer<typeof categorySchema>;

export const disputeOutcomes = ['enighet', 'ekonomisk_reglering', 'allman_domstol', 'aterkallad'] as const;
export const disputeOutcomeSchema = z.enum(disputeOutcomes);
export type DisputeOutcome = z.infer<typeof disputeOutcomeSchema>;

export const disputeSteps = [1, 2, 3] as const;
export const disputeStepSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type DisputeStep = z.infer<typeof disputeStepSchema>;

export const caseKinds = ['deviation', 'dispute'] as const;
export const caseKindSchema = z.enum(caseKinds);
export type CaseKind = z.infer<typeof caseKindSchema>;

export const precedentKinds = ['ärende', 'patientfall'] as const;
export const precedentKindSchema = z.enum(precedentKinds);

export const precedentStatuses = ['utkast', 'granskad', 'vägledande', 'ersatt'] as const;
export const precedentStatusSchema = z.enum(precedentStatuses);
export type PrecedentStatus = z.infer<typeof precedentStatusSchema>;

export const lessonCauses = [
  'rutin_saknas',
  'rutin_inte_kand',
  'kommunikation',
  'resurser',
  'it_stod',
  'ansvar_oklart',
  'annat',
] as const;
export const lessonCauseSchema = z.enum(lessonCauses);
export type LessonCause = z.infer<typeof lessonCauseSchema>;

export const importKinds = ['deviations', 'disputes', 'population'] as const;
export const importKindSchema = z.enum(importKinds);
export type ImportKind = z.infer<typeof importKindSchema>;

export const delregionIds = ['fyrbodal', 'goteborgsregionen', 'sjuharad', 'skaraborg'] as const;
export const delregionIdSchema = z.enum(delregionIds);
export type DelregionId = z.infer<typeof delregionIdSchema>;

/** A local calendar date, YYYY-MM-DD. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum ska skrivas ÅÅÅÅ-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Ogiltigt datum');
