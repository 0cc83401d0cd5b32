/**
 * Row validation (domain rules) for deviations and disputes: mapped, de-identified cells in;
 * a canonical record, a list of errors (quarantine) or "outside the delregion" out.
 * The canonical record's content hash is independent of header names, separators and value
 * spellings, so the same content imported again is `unchanged`.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { addDays } from '../../../shared/dates';
import { normalizeKey } from '../../../shared/text';
import { partyTypeSchema, deviationStatusSchema, categorySchema, disputeOutcomeSchema, isoDateSchema, type PartyType } from '../../../shared/domain/enums';
import type { ImportCaseKind } from '../../../shared/domain/import';
import type { ResolvedMapping } from './mapping';
import { cleanText, makePartyDeriver, memoized, parseDate, parseNumber, parseOutcome, parsePartyType, parseSeverity, parseStatus, parseStep, parseYesNo, type OrgPattern } from './values';

// Per-row parsers of cells with few distinct values (dates, status, severity, labels): memoised,
// since a 200 000-row file has a few thousand distinct values in these columns at most.
const dateOf = memoized(parseDate);
const statusOf = memoized(parseStatus);
const severityOf = memoized(parseSeverity);
const partyTypeOf = memoized(parsePartyType);
const labelKeyOf = memoized(normalizeKey);
/** The last date accepted for an import day (the day after it). */
const maxDateOf = memoized((today: string) => addDays(today, 1), 16);

/** Stored columns of a deviation, in staging/insert order. */
export const deviationColumns = [
  'external_id',
  'reported_at',
  'occurred_at',
  'reporting_org',
  'reporting_party_type',
  'receiving_org',
  'receiving_party_type',
  'kommun_code',
  'kommun',
  'category',
  'raw_category',
  'subcategory',
  'severity',
  'status',
  'answered_at',
  'closed_at',
  'description',
  'action',
] as const;

/** Stored columns of a dispute, in staging/insert order. */
export const disputeColumns = [
  'external_id',
  'opened_at',
  'party_a',
  'party_a_type',
  'party_b',
  'party_b_type',
  'area',
  'raw_area',
  'summary',
  'step2_at',
  'step3_at',
  'resolved_at',
  'resolution_step',
  'outcome',
  'settlement_sek',
  'temporary_solution',
  'temporary_solution_text',
  'principled',
  'linked_deviations',
] as const;

export function columnsOf(kind: ImportCaseKind): readonly string[] {
  return kind === 'deviations' ? deviationColumns : disputeColumns;
}

/** Columns left out of the content hash (derived names and raw spellings). */
const NOT_HASHED = new Set(['kommun', 'raw_category', 'raw_area']);

export type CellValue = string | number | null;

const nullableDate = isoDateSchema.nullable();
/** The shape every stored deviation must have (checked in tests and for fixed quarantine rows). */
export const deviationRecordSchema = z.object({
  external_id: z.string().min(1),
  reported_at: isoDateSchema,
  occurred_at: nullableDate,
  reporting_org: z.string().min(1),
  reporting_party_type: partyTypeSchema,
  receiving_org: z.string().min(1),
  receiving_party_type: partyTypeSchema,
  kommun_code: z.string().regex(/^\d{4}$/),
  kommun: z.string().min(1),
  category: categorySchema,
  raw_category: z.string().nullable(),
  subcategory: z.string().nullable(),
  severity: z.number().int().min(1).max(4).nullable(),
  status: deviationStatusSchema,
  answered_at: nullableDate,
  closed_at: nullableDate,
  description: z.string().nullable(),
  action: z.string().nullable(),
});
export const disputeRecordSchema = z.object({
  external_id: z.string().min(1),
  opened_at: isoDateSchema,
  party_a: z.string().min(1),
  party_a_type: partyTypeSchema.nullable(),
  party_b: z.string().min(1),
  party_b_type: partyTypeSchema.nullable(),
  area: categorySchema,
  raw_area: z.string().nullable(),
  summary: z.string().nullable(),
  step2_at: nullableDate,
  step3_at: nullableDate,
  resolved_at: nullableDate,
  resolution_step: z.number().int().min(1).max(3).nullable(),
  outcome: disputeOutcomeSchema.nullable(),
  settlement_sek: z.number().nullable(),
  temporary_solution: z.union([z.literal(0), z.literal(1)]),
  temporary_solution_text: z.string().nullable(),
  principled: z.union([z.literal(0), z.literal(1)]),
  linked_deviations: z.string(),
});

export interface RowError {
  field: string;
  column: string;
  value: string;
  message: string;
}

export type RowOutcome =
  | { kind: 'ok'; values: CellValue[]; hash: string; unknownCategory: string | null }
  | { kind: 'quarantine'; errors: RowError[] }
  | { kind: 'outside'; kommun: string };

/** Everything validation needs from the workspace, loaded once per import. */
export interface Lookups {
  /** Import day 'YYYY-MM-DD' (local): dates after the next day are refused. */
  today: string;
  matchKommun(raw: string): { code: string; name: string } | null;
  inWorkspace: Set<string>;
  /** normalised label → category code */
  categories: Map<string, string>;
  deriveParty(org: string): PartyType | null;
}

export function makeLookups(sqlite: { prepare(sql: string): { all(): unknown[] } }, today: string, matchKommun: Lookups['matchKommun']): Lookups {
  const cats = new Map<string, string>();
  for (const r of sqlite.prepare('SELECT norm, category_code FROM category_synonyms').all() as { norm: string; category_code: string }[]) cats.set(r.norm, r.category_code);
  const inWs = new Set((sqlite.prepare('SELECT code FROM workspace_kommuner').all() as { code: string }[]).map((r) => r.code));
  const orgs = sqlite.prepare('SELECT pattern, party_type AS partyType FROM ref_organisations ORDER BY id').all() as OrgPattern[];
  return { today, matchKommun, inWorkspace: inWs, categories: cats, deriveParty: makePartyDeriver(orgs) };
}

const hashedIndexes = (cols: readonly string[]) => cols.flatMap((c, i) => (NOT_HASHED.has(c) ? [] : [i]));
const HASHED: Record<ImportCaseKind, number[]> = { deviations: hashedIndexes(deviationColumns), disputes: hashedIndexes(disputeColumns) };
// One-shot hashing (Node ≥ 20.12, Electron's Node 22) is cheaper than a Hash object per row.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * SHA-256 (first 32 hex digits) of the JSON array of the hashed canonical values. The format is
 * stored in every workspace (content_hash, history): changing it would turn every re-imported
 * unchanged row into an update.
 */
export function contentHash(kind: ImportCaseKind, values: CellValue[]): string {
  const idx = HASHED[kind];
  const parts: CellValue[] = new Array(idx.length);
  for (let i = 0; i < idx.length; i++) parts[i] = values[idx[i]!] ?? null;
  return sha256Hex(JSON.stringify(parts)).slice(0, 32);
}

const NO_WORDS = new Set(['nej', 'n', 'no', 'ingen', 'inga', 'inget', 'saknas', 'ej', 'inte', 'false', 'falskt', '0']);
/** "Nej – …", "Ingen", "Saknas helt": the first word says no. */
function startsWithNo(raw: string): boolean {
  const first = raw.trim().split(/[\s,.;:!–—-]+/)[0] ?? '';
  return NO_WORDS.has(first.toLowerCase());
}

const q = (v: string) => `"${v.length > 80 ? `${v.slice(0, 77)}…` : v}"`;

const NO_ERRORS: readonly RowError[] = [];

class RowCtx {
  errors: RowError[] = NO_ERRORS as RowError[];
  constructor(
    readonly row: number,
    readonly cells: string[],
    readonly map: ResolvedMapping,
    readonly lk: Lookups,
  ) {}
  raw(field: string): string {
    const i = this.map.index[field]!;
    return i >= 0 ? (this.cells[i] ?? '') : '';
  }
  col(field: string): string {
    return this.map.header[field] || field;
  }
  fail(field: string, message: string): void {
    if (this.errors === NO_ERRORS) this.errors = [];
    this.errors.push({ field, column: this.map.header[field] ?? '', value: this.raw(field), message: `Rad ${this.row}: ${message}` });
  }
  required(field: string, label: string): string | null {
    const v = cleanText(this.raw(field), false);
    if (v === null) this.fail(field, `kolumnen "${this.col(field)}" (${label}) är tom men måste ha ett värde.`);
    return v;
  }
  date(field: string, label: string, required: boolean): string | null {
    const raw = this.raw(field);
    const d = dateOf(raw);
    if (d === undefined) {
      this.fail(field, `kolumnen "${this.col(field)}" har värdet ${q(raw.trim())}, som inte är ett giltigt datum (skriv t.ex. 2026-03-31 eller 31.03.2026).`);
      return null;
    }
    if (d === null) {
      if (required) this.fail(field, `kolumnen "${this.col(field)}" (${label}) är tom men måste ha ett datum.`);
      return null;
    }
    if (d < '2000-01-01') {
      this.fail(field, `kolumnen "${this.col(field)}" har datumet ${q(raw.trim())}, som ligger före år 2000.`);
      return null;
    }
    if (d > maxDateOf(this.lk.today)) {
      this.fail(field, `kolumnen "${this.col(field)}" har datumet ${q(raw.trim())}, som ligger efter importdagen ${this.lk.today}.`);
      return null;
    }
    return d;
  }
  notBefore(field: string, value: string | null, start: string | null, what: string, startField: string): void {
    if (value && start && value < start) {
      this.fail(field, `${what} – kolumnen "${this.col(field)}" har ${q(this.raw(field).trim())}, före "${this.col(startField)}" ${q(this.raw(startField).trim())}.`);
    }
  }
  category(field: string, label: string): { code: string; raw: string; unknown: boolean } | null {
    const raw = this.required(field, label);
    if (raw === null) return null;
    const code = this.lk.categories.get(labelKeyOf(raw));
    return code ? { code, raw, unknown: false } : { code: 'ovrigt', raw, unknown: true };
  }
  party(orgField: string, typeField: string, org: string | null, required: boolean): PartyType | null {
    const rawType = this.raw(typeField);
    const t = partyTypeOf(rawType);
    if (t) return t;
    const derived = org ? this.lk.deriveParty(org) : null;
    if (derived) return derived;
    if (!required || org === null) return null;
    if (t === undefined) {
      this.fail(typeField, `kolumnen "${this.col(typeField)}" har värdet ${q(rawType.trim())}, som inte är en huvudman (Kommun, Region/VGR eller Privat), och huvudmannen för ${q(org)} kan inte härledas.`);
    } else {
      this.fail(typeField, `huvudmannen (kommun, region eller privat) för ${q(org)} i kolumnen "${this.col(orgField)}" saknas och kan inte härledas ur organisationsregistret eller namnet.`);
    }
    return null;
  }
}

export function validateDeviation(row: number, cells: string[], map: ResolvedMapping, lk: Lookups): RowOutcome {
  const c = new RowCtx(row, cells, map, lk);
  const externalId = c.required('external_id', 'ärendenummer');
  // kommun first: rows outside the delregion are not ours to validate or store
  const kommunRaw = cleanText(c.raw('kommun'), false);
  let kommun: { code: string; name: string } | null = null;
  if (kommunRaw === null) c.fail('kommun', `kolumnen "${c.col('kommun')}" (kommun) är tom men måste ha ett värde.`);
  else {
    kommun = lk.matchKommun(kommunRaw);
    if (!kommun) c.fail('kommun', `kolumnen "${c.col('kommun')}" har värdet ${q(kommunRaw)}, som inte är en av Västra Götalands 49 kommuner.`);
    else if (!lk.inWorkspace.has(kommun.code)) return { kind: 'outside', kommun: kommun.name };
  }
  const reportedAt = c.date('reported_at', 'registreringsdatum', true);
  const occurredAt = c.date('occurred_at', 'händelsedatum', false);
  const answeredAt = c.date('answered_at', 'besvarad', false);
  const closedAt = c.date('closed_at', 'avslutad', false);
  c.notBefore('answered_at', answeredAt, reportedAt, 'Besvarad före registrering', 'reported_at');
  c.notBefore('closed_at', closedAt, reportedAt, 'Avslutad före registrering', 'reported_at');
  const reportingOrg = c.required('reporting_org', 'rapporterande enhet');
  const receivingOrg = c.required('receiving_org', 'mottagande enhet');
  const reportingType = c.party('reporting_org', 'reporting_party_type', reportingOrg, true);
  const receivingType = c.party('receiving_org', 'receiving_party_type', receivingOrg, true);
  const cat = c.category('category', 'kategori');
  const severityRaw = c.raw('severity');
  const severity = severityOf(severityRaw);
  if (severity === undefined) {
    c.fail('severity', `kolumnen "${c.col('severity')}" har värdet ${q(severityRaw.trim())}; allvarlighetsgrad ska vara 1–4 eller Mindre allvarlig, Måttlig, Allvarlig, Mycket allvarlig eller Katastrofal.`);
  }
  const statusRaw = c.raw('status');
  let status = statusOf(statusRaw);
  if (status === undefined) {
    c.fail('status', `kolumnen "${c.col('status')}" har värdet ${q(statusRaw.trim())}, som inte är en känd status (Ny, Pågående, Besvarad, Avslutad).`);
  } else if (closedAt) status = 'avslutad';
  else if (status === null) c.fail('status', `kolumnen "${c.col('status')}" (status) är tom men måste ha ett värde.`);

  if (c.errors.length) return { kind: 'quarantine', errors: c.errors };
  const values: CellValue[] = [
    externalId!,
    reportedAt!,
    occurredAt,
    reportingOrg!,
    reportingType!,
    receivingOrg!,
    receivingType!,
    kommun!.code,
    kommun!.name,
    cat!.code,
    cat!.raw,
    cleanText(c.raw('subcategory'), false),
    severity ?? null,
    status!,
    answeredAt,
    closedAt,
    cleanText(c.raw('description'), true),
    cleanText(c.raw('action'), true),
  ];
  return { kind: 'ok', values, hash: contentHash('deviations', values), unknownCategory: cat!.unknown ? cat!.raw : null };
}

export function validateDispute(row: number, cells: string[], map: ResolvedMapping, lk: Lookups): RowOutcome {
  const c = new RowCtx(row, cells, map, lk);
  const externalId = c.required('external_id', 'ärendenummer');
  const openedAt = c.date('opened_at', 'startdatum', true);
  const step2 = c.date('step2_at', 'steg 2', false);
  const step3 = c.date('step3_at', 'steg 3', false);
  const resolved = c.date('resolved_at', 'löst', false);
  c.notBefore('step2_at', step2, openedAt, 'Steg 2 före start', 'opened_at');
  c.notBefore('step3_at', step3, openedAt, 'Steg 3 före start', 'opened_at');
  c.notBefore('resolved_at', resolved, openedAt, 'Löst före start', 'opened_at');
  const partyA = c.required('party_a', 'part 1');
  const partyB = c.required('party_b', 'part 2');
  const area = c.category('area', 'område');
  const stepRaw = c.raw('resolution_step');
  const step = parseStep(stepRaw);
  if (step === undefined) c.fail('resolution_step', `kolumnen "${c.col('resolution_step')}" har värdet ${q(stepRaw.trim())}; lösningssteg ska vara 1, 2 eller 3.`);
  const outcomeRaw = c.raw('outcome');
  const outcome = parseOutcome(outcomeRaw);
  if (outcome === undefined) {
    c.fail('outcome', `kolumnen "${c.col('outcome')}" har värdet ${q(outcomeRaw.trim())}; utfall ska vara Enighet, Ekonomisk reglering, Allmän domstol eller Återkallad.`);
  }
  const amountRaw = c.raw('settlement_sek');
  const amount = parseNumber(amountRaw);
  if (amount === undefined) c.fail('settlement_sek', `kolumnen "${c.col('settlement_sek')}" har värdet ${q(amountRaw.trim())}, som inte är ett belopp (skriv t.ex. 12 500,50).`);
  else if (amount !== null && amount < 0) c.fail('settlement_sek', `kolumnen "${c.col('settlement_sek')}" har värdet ${q(amountRaw.trim())}; beloppet för ekonomisk reglering kan inte vara negativt.`);
  const tempRaw = c.raw('temporary_solution');
  let temp = parseYesNo(tempRaw);
  let tempText: string | null = null;
  if (temp === undefined) {
    // A described temporary solution counts as "yes" and keeps its text; a text that starts with
    // a no ("Nej – ingen lösning behövs", "Ingen", "Saknas") is a no.
    temp = !startsWithNo(tempRaw);
    tempText = temp ? cleanText(tempRaw, true) : null;
  }
  const princRaw = c.raw('principled');
  const principled = parseYesNo(princRaw);
  if (principled === undefined) c.fail('principled', `kolumnen "${c.col('principled')}" har värdet ${q(princRaw.trim())}; skriv Ja eller Nej.`);
  const linked = c
    .raw('linked_deviations')
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

  if (c.errors.length) return { kind: 'quarantine', errors: c.errors };
  const values: CellValue[] = [
    externalId!,
    openedAt!,
    partyA!,
    c.party('party_a', '', partyA, false),
    partyB!,
    c.party('party_b', '', partyB, false),
    area!.code,
    area!.raw,
    cleanText(c.raw('summary'), true),
    step2,
    step3,
    resolved,
    step ?? null,
    outcome ?? null,
    amount ?? null,
    temp ? 1 : 0,
    tempText,
    principled ? 1 : 0,
    JSON.stringify([...new Set(linked)]),
  ];
  return { kind: 'ok', values, hash: contentHash('disputes', values), unknownCategory: area!.unknown ? area!.raw : null };
}

export function validateRow(kind: ImportCaseKind, row: number, cells: string[], map: ResolvedMapping, lk: Lookups): RowOutcome {
  return kind === 'deviations' ? validateDeviation(row, cells, map, lk) : validateDispute(row, cells, map, lk);
}

/** Canonical values as an object (sample rows, history, tests). */
export function recordOf(kind: ImportCaseKind, values: CellValue[]): Record<string, CellValue> {
  const cols = columnsOf(kind);
  const o: Record<string, CellValue> = {};
  cols.forEach((c, i) => (o[c] = values[i] ?? null));
  return o;
}
