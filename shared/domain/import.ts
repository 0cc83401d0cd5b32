import { z } from 'zod';

/**
 * Import field lists, header aliases (IMPORT.md) and the import report schema.
 * Isomorphic: used by the core (mapping, validation), the CLI (--json) and the UI (labels).
 */

export type ImportCaseKind = 'deviations' | 'disputes';
export const importCaseKindSchema = z.enum(['deviations', 'disputes']);

export interface FieldDef {
  field: string;
  /** Swedish label shown in the mapping UI. */
  label: string;
  required: boolean;
  aliases: readonly string[];
}

export const deviationFields: readonly FieldDef[] = [
  { field: 'external_id', label: 'Ärendenummer', required: true, aliases: ['Ärendenummer', 'Ärende-ID', 'Avvikelse-ID', 'Avvikelsenummer', 'Löpnummer', 'ID'] },
  { field: 'reported_at', label: 'Registreringsdatum', required: true, aliases: ['Registreringsdatum', 'Rapporteringsdatum', 'Rapportdatum', 'Inrapporterad', 'Registrerad'] },
  { field: 'occurred_at', label: 'Händelsedatum', required: false, aliases: ['Händelsedatum', 'Datum för händelse', 'Inträffade'] },
  { field: 'reporting_org', label: 'Rapporterande enhet', required: true, aliases: ['Rapporterande enhet', 'Rapporterande verksamhet', 'Rapporterande vårdgivare', 'Avsändare'] },
  { field: 'reporting_party_type', label: 'Rapporterande huvudman', required: false, aliases: ['Rapporterande huvudman', 'Avsändande huvudman'] },
  { field: 'receiving_org', label: 'Mottagande enhet', required: true, aliases: ['Mottagande enhet', 'Mottagande verksamhet', 'Mottagande vårdgivare', 'Mottagare'] },
  { field: 'receiving_party_type', label: 'Mottagande huvudman', required: false, aliases: ['Mottagande huvudman'] },
  { field: 'kommun', label: 'Kommun', required: true, aliases: ['Kommun', 'Berörd kommun', 'Kommun (händelse)'] },
  { field: 'category', label: 'Kategori', required: true, aliases: ['Kategori', 'Avvikelsekategori', 'Avvikelsetyp', 'Klassificering', 'Händelsetyp'] },
  { field: 'subcategory', label: 'Underkategori', required: false, aliases: ['Underkategori', 'Orsak'] },
  { field: 'severity', label: 'Allvarlighetsgrad', required: false, aliases: ['Allvarlighetsgrad', 'Risknivå', 'Konsekvens'] },
  { field: 'status', label: 'Status', required: true, aliases: ['Status', 'Ärendestatus'] },
  { field: 'answered_at', label: 'Besvarad', required: false, aliases: ['Besvarad', 'Besvarad datum', 'Svarsdatum', 'Datum för svar'] },
  { field: 'closed_at', label: 'Avslutad', required: false, aliases: ['Avslutad', 'Avslutsdatum', 'Avslutad datum', 'Stängd'] },
  { field: 'description', label: 'Händelsebeskrivning', required: false, aliases: ['Händelsebeskrivning', 'Beskrivning', 'Vad hände'] },
  { field: 'action', label: 'Åtgärd', required: false, aliases: ['Åtgärd', 'Vidtagen åtgärd', 'Svar', 'Mottagarens svar'] },
];

export const disputeFields: readonly FieldDef[] = [
  { field: 'external_id', label: 'Ärendenummer', required: true, aliases: ['Ärendenummer', 'Ärende-ID', 'Diarienummer', 'ID'] },
  { field: 'opened_at', label: 'Startdatum', required: true, aliases: ['Startdatum', 'Datum oenighet', 'Öppnad', 'Registrerad'] },
  { field: 'party_a', label: 'Part 1', required: true, aliases: ['Part 1', 'Part A'] },
  { field: 'party_b', label: 'Part 2', required: true, aliases: ['Part 2', 'Part B'] },
  { field: 'area', label: 'Område', required: true, aliases: ['Område', 'Avtalsområde', 'Sakområde'] },
  { field: 'summary', label: 'Sammanfattning', required: false, aliases: ['Beskrivning', 'Sammanfattning', 'Fråga'] },
  { field: 'step2_at', label: 'Steg 2', required: false, aliases: ['Steg 2', 'Datum steg 2', 'Eskalerad steg 2'] },
  { field: 'step3_at', label: 'Steg 3 (tvist)', required: false, aliases: ['Steg 3', 'Datum steg 3', 'Tvist', 'Eskalerad tvist'] },
  { field: 'resolved_at', label: 'Löst', required: false, aliases: ['Löst', 'Löst datum', 'Avslutad'] },
  { field: 'resolution_step', label: 'Löst på steg', required: false, aliases: ['Löst på steg', 'Lösningssteg'] },
  { field: 'outcome', label: 'Utfall', required: false, aliases: ['Utfall', 'Resultat'] },
  { field: 'settlement_sek', label: 'Belopp (kr)', required: false, aliases: ['Belopp', 'Ekonomisk reglering (kr)', 'Belopp kr'] },
  { field: 'temporary_solution', label: 'Tillfällig lösning', required: false, aliases: ['Tillfällig lösning'] },
  { field: 'principled', label: 'Principiell', required: false, aliases: ['Principiell', 'Lyft till VVG'] },
  { field: 'linked_deviations', label: 'Kopplade avvikelser', required: false, aliases: ['Kopplade avvikelser'] },
];

export function fieldsOf(kind: ImportCaseKind): readonly FieldDef[] {
  return kind === 'deviations' ? deviationFields : disputeFields;
}

export const defaultSourceSystem: Record<ImportCaseKind, string> = {
  deviations: 'MedControl PRO',
  disputes: 'Tvistlogg',
};

/** { field: source header | null } */
export const mappingSchema = z.record(z.string(), z.string().nullable());
export type Mapping = z.infer<typeof mappingSchema>;

export const importErrorSchema = z.object({
  row: z.number().int(),
  field: z.string(),
  /** The source header (column) the value came from, '' when the field is not mapped. */
  column: z.string(),
  value: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

/** What an import did, row by row; shared by the import report and the stored batch. */
export const importCountsSchema = z.object({
  /** Data rows below the header row; completely blank rows are not counted. */
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  quarantined: z.number().int(),
  outsideDelregion: z.number().int(),
  duplicatesInFile: z.number().int(),
  pseudonymised: z.number().int(),
});

export const importReportSchema = z.object({
  file: z.string(),
  sha256: z.string(),
  ...importCountsSchema.shape,
  unknownCategories: z.array(z.string()),
  unmappedColumns: z.array(z.string()),
  /** The first 1 000 errors (the quarantine holds all). */
  errors: z.array(importErrorSchema),
  // extra keys
  kind: importCaseKindSchema,
  batchId: z.number().int().nullable(),
  sourceSystem: z.string(),
  headerRowNumber: z.number().int(),
  errorsTotal: z.number().int(),
  /** Rows (counted as unchanged) that equal an earlier, replaced version: an older export is never re-applied. */
  olderVersions: z.number().int(),
  /** Quarantined rows already in the quarantine with the same values (open, fixed or discarded): not added again. */
  quarantineRepeats: z.number().int(),
  outsideByKommun: z.array(z.object({ kommun: z.string(), count: z.number().int() })),
  duplicates: z.array(z.object({ row: z.number().int(), externalId: z.string(), message: z.string() })),
  mapping: mappingSchema,
  profile: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  format: z.string(),
  encoding: z.string().nullable(),
  sheet: z.string().nullable(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const importCliOutputSchema = z.object({
  files: z.array(importReportSchema),
  /** Files that were refused as a whole (nothing written for them). */
  refused: z.array(z.object({ file: z.string(), message: z.string() })),
});

export const populationReportSchema = z.object({
  file: z.string(),
  sha256: z.string(),
  batchId: z.number().int(),
  headerRowNumber: z.number().int(),
  /** Number of distinct kommuner with at least one figure loaded. */
  kommuner: z.number().int(),
  years: z.array(z.number().int()),
  /** Figures written (inserted or replaced). */
  rowsUpdated: z.number().int(),
  unknownKommuner: z.array(z.string()),
  source: z.string(),
});
export type PopulationReport = z.infer<typeof populationReportSchema>;
