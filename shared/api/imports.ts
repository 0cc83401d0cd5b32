import { z } from 'zod';
import { method } from './define';
import { jobStateSchema } from './jobs';
import { importCaseKindSchema, importCountsSchema, importReportSchema, mappingSchema, populationReportSchema } from '../domain/import';
import { categorySchema } from '../domain/enums';

const base64 = z.string().min(1, 'Filen är tom.');
const fileName = z.string().trim().min(1, 'Filnamn saknas.').max(500);

export const tableInfoSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf-8', 'utf-8-bom', 'windows-1252']).nullable(),
  separator: z.enum([';', ',', '\t']).nullable(),
  sheetNames: z.array(z.string()),
  sheet: z.string().nullable(),
  fileName: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});

const rowErrorSchema = z.object({ field: z.string(), column: z.string(), value: z.string(), message: z.string() });
const cellValue = z.union([z.string(), z.number(), z.null()]);

export const previewSchema = z.object({
  info: tableInfoSchema,
  headerRowNumber: z.number().int(),
  headers: z.array(z.string()),
  proposedMapping: mappingSchema,
  fields: z.array(z.object({ field: z.string(), label: z.string(), required: z.boolean() })),
  matchedProfile: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  sampleRows: z.array(
    z.object({
      row: z.number().int(),
      status: z.enum(['ok', 'quarantine', 'outside']),
      values: z.record(z.string(), cellValue),
      raw: z.record(z.string(), z.string()),
      errors: z.array(rowErrorSchema),
      outsideKommun: z.string().nullable(),
    }),
  ),
  /** The latest import of a file with the same SHA-256 (same bytes), if any: the preview says so. */
  alreadyImported: z.object({ batchId: z.number().int(), fileName: z.string(), importedAt: z.string() }).nullable(),
  /** The first data row's cells by header (de-identified): examples for the mapping even before it is complete. */
  firstRaw: z.record(z.string(), z.string()).nullable(),
  problems: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof previewSchema>;

export const batchSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['deviations', 'disputes', 'population']),
  fileName: z.string(),
  fileSize: z.number().int(),
  sha256: z.string(),
  sourceSystem: z.string(),
  profileId: z.number().int().nullable(),
  importedAt: z.string(),
  importedOn: z.string(),
  ...importCountsSchema.shape,
});
export type ImportBatch = z.infer<typeof batchSchema>;

export const quarantineRowSchema = z.object({
  id: z.number().int(),
  batchId: z.number().int(),
  kind: importCaseKindSchema,
  fileName: z.string(),
  rowNumber: z.number().int(),
  /** Raw values by source header, already de-identified. */
  raw: z.record(z.string(), z.string()),
  errors: z.array(rowErrorSchema),
  status: z.enum(['open', 'fixed', 'discarded']),
  resolvedAt: z.string().nullable(),
});
export type QuarantineRow = z.infer<typeof quarantineRowSchema>;

export const profileSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: importCaseKindSchema,
  headerSignature: z.string(),
  mapping: mappingSchema,
  sourceSystem: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MappingProfile = z.infer<typeof profileSchema>;

export const categoryListSchema = z.object({
  categories: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      synonyms: z.array(z.object({ label: z.string(), userAdded: z.boolean() })),
    }),
  ),
});

export const populationStatusSchema = z.object({
  code: z.string(),
  name: z.string(),
  value: z.number().int().nullable(),
  year: z.number().int().nullable(),
  refDate: z.string().nullable(),
  source: z.string().nullable(),
  missing: z.boolean(),
});

export const importMethods = {
  'imports.preview': method(
    z.object({
      kind: importCaseKindSchema,
      fileName,
      bytesBase64: base64,
      sheet: z.string().optional(),
      profileId: z.number().int().optional(),
      mapping: mappingSchema.optional(),
    }),
    previewSchema,
    'Förhandsgranska en fil: rubrikrad, föreslagen koppling och de första raderna (ingenting sparas)',
  ),
  'imports.start': method(
    z.object({
      kind: importCaseKindSchema,
      fileName,
      bytesBase64: base64,
      mapping: mappingSchema.optional(),
      profileId: z.number().int().optional(),
      sourceSystem: z.string().trim().min(1).max(200).optional(),
      sheet: z.string().optional(),
      saveProfileAs: z.string().trim().min(1).max(200).optional(),
    }),
    jobStateSchema,
    'Starta importen av en fil (resultatet är importrapporten; kan avbrytas)',
  ),
  'imports.history': method(
    z.object({ kind: z.enum(['deviations', 'disputes', 'population']).optional(), limit: z.number().int().min(1).max(1000).default(100) }),
    z.array(batchSchema),
    'Tidigare importer, senaste först',
  ),
  'imports.batch': method(
    z.object({ id: z.number().int() }),
    z.object({ batch: batchSchema, report: z.union([importReportSchema, populationReportSchema]).nullable() }),
    'En import med dess rapport',
  ),
  'quarantine.list': method(
    z.object({
      batchId: z.number().int().optional(),
      status: z.enum(['open', 'fixed', 'discarded']).optional(),
      kind: importCaseKindSchema.optional(),
      limit: z.number().int().min(1).max(1000).default(200),
      offset: z.number().int().min(0).default(0),
    }),
    z.object({ total: z.number().int(), rows: z.array(quarantineRowSchema) }),
    'Rader i karantän',
  ),
  'quarantine.fix': method(
    z.object({ id: z.number().int(), values: z.record(z.string(), z.string()) }),
    z.object({
      row: quarantineRowSchema,
      result: z.enum(['inserted', 'updated', 'unchanged', 'invalid', 'outside']),
      errors: z.array(rowErrorSchema),
    }),
    'Rätta värden i en karantänrad och validera om; giltig rad sparas',
  ),
  'quarantine.discard': method(z.object({ id: z.number().int() }), quarantineRowSchema, 'Kasta en karantänrad'),
  'profiles.list': method(z.object({ kind: importCaseKindSchema.optional() }), z.array(profileSchema), 'Sparade kopplingsprofiler'),
  'profiles.save': method(
    z.object({
      id: z.number().int().optional(),
      name: z.string().trim().min(1, 'Ange ett namn på profilen.').max(200),
      kind: importCaseKindSchema,
      /** The file's headers (the signature is computed from them), or a ready signature. */
      headers: z.array(z.string()).optional(),
      headerSignature: z.string().optional(),
      mapping: mappingSchema,
      sourceSystem: z.string().trim().min(1).max(200).optional(),
    }),
    profileSchema,
    'Spara en kopplingsprofil',
  ),
  'profiles.delete': method(z.object({ id: z.number().int() }), z.object({ deleted: z.boolean() }), 'Ta bort en kopplingsprofil'),
  'categories.list': method(z.object({}), categoryListSchema, 'Kategorier (områden) och deras synonymer'),
  'categories.addSynonym': method(
    z.object({ label: z.string().trim().min(1, 'Ange en etikett.').max(200), categoryCode: categorySchema }),
    z.object({ label: z.string(), categoryCode: z.string(), remapped: z.object({ deviations: z.number().int(), disputes: z.number().int() }) }),
    'Lägg till en synonym och koppla om sparade ärenden med den etiketten',
  ),
  'population.import': method(z.object({ fileName, bytesBase64: base64 }), populationReportSchema, 'Läs in folkmängd från SCB:s tabellexport'),
  'population.list': method(z.object({}), z.array(populationStatusSchema), 'Folkmängd per kommun i arbetsytan (senaste siffran, eller saknas)'),
};
