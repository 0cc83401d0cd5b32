import { fieldsOf, type ImportCaseKind } from '../../../../shared/domain/import';

export type AnyImportKind = ImportCaseKind | 'population';

export const kindLabels: Record<AnyImportKind, string> = {
  deviations: 'Avvikelser',
  disputes: 'Oenighet och tvist',
  population: 'Folkmängd (SCB)',
};

export function separatorLabel(sep: string | null): string {
  switch (sep) {
    case ';':
      return 'semikolon (;)';
    case ',':
      return 'komma (,)';
    case '\t':
      return 'tabb';
    default:
      return '–';
  }
}

export function encodingLabel(enc: string | null): string {
  switch (enc) {
    case 'utf-8':
      return 'UTF-8';
    case 'utf-8-bom':
      return 'UTF-8 med BOM';
    case 'windows-1252':
      return 'Windows-1252 (äldre Excel-export)';
    default:
      return '–';
  }
}

export function formatLabel(format: string): string {
  return format === 'xlsx' ? 'Excel-arbetsbok (XLSX)' : format === 'csv' ? 'Textfil (CSV/TXT)' : format;
}

/** The Swedish label of a canonical field ("reported_at" → "Registreringsdatum"). */
export function fieldLabel(kind: ImportCaseKind, field: string): string {
  return fieldsOf(kind).find((f) => f.field === field)?.label ?? field;
}

export function shortHash(sha: string): string {
  return sha.length > 12 ? `${sha.slice(0, 12)}…` : sha;
}

/** Stored columns shown in the preview ("as they will be stored"), with Swedish headings. */
export const storedColumns: Record<ImportCaseKind, [string, string][]> = {
  deviations: [
    ['external_id', 'Ärendenummer'],
    ['reported_at', 'Registreringsdatum'],
    ['occurred_at', 'Händelsedatum'],
    ['reporting_org', 'Rapporterande enhet'],
    ['reporting_party_type', 'Rapp. huvudman'],
    ['receiving_org', 'Mottagande enhet'],
    ['receiving_party_type', 'Mott. huvudman'],
    ['kommun', 'Kommun'],
    ['category', 'Kategori'],
    ['raw_category', 'Kategori i filen'],
    ['subcategory', 'Underkategori'],
    ['severity', 'Allvarlighetsgrad'],
    ['status', 'Status'],
    ['answered_at', 'Besvarad'],
    ['closed_at', 'Avslutad'],
    ['description', 'Händelsebeskrivning'],
    ['action', 'Åtgärd'],
  ],
  disputes: [
    ['external_id', 'Ärendenummer'],
    ['opened_at', 'Startdatum'],
    ['party_a', 'Part 1'],
    ['party_a_type', 'Huvudman part 1'],
    ['party_b', 'Part 2'],
    ['party_b_type', 'Huvudman part 2'],
    ['area', 'Område'],
    ['raw_area', 'Område i filen'],
    ['summary', 'Sammanfattning'],
    ['step2_at', 'Steg 2'],
    ['step3_at', 'Steg 3 (tvist)'],
    ['resolved_at', 'Löst'],
    ['resolution_step', 'Löst på steg'],
    ['outcome', 'Utfall'],
    ['settlement_sek', 'Belopp (kr)'],
    ['temporary_solution', 'Tillfällig lösning'],
    ['principled', 'Principiell'],
    ['linked_deviations', 'Kopplade avvikelser'],
  ],
};
