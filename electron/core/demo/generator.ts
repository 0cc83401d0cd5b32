/**
 * Synthetic, realistic deviation and dispute records (MedControl-PRO-like exports and
 * dispute logs) for the demo workspace, tests and benchmarks. Deterministic for a seed:
 * the same options always give the same records and the same bytes.
 *
 * All names of units are organisation names built from kommun names and the county's care
 * providers; all texts are invented fragments (texts.ts). Planted identity numbers are random
 * synthetic numbers with valid check digits, only added when asked for.
 */
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { loadReferenceData, type RefKommun } from '../reference';
import { UserError } from '../errors';
import type { CategoryCode, DeviationStatus, DisputeOutcome, PartyType } from '../../../shared/domain/enums';
import { categoryCodes } from '../../../shared/domain/enums';
import * as T from './texts';

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: a small, fast 32-bit PRNG; good enough for synthetic data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    // Mix the seed so that seeds 1, 2, 3 … start far apart.
    this.next = mulberry32(Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<X>(arr: readonly X[]): X {
    return arr[Math.floor(this.next() * arr.length)] as X;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  shuffle<X>(arr: X[]): X[] {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [arr[i], arr[j]] = [arr[j] as X, arr[i] as X];
    }
    return arr;
  }
}

/** Picks from items by weight; precomputes the cumulative table once. */
export class Weighted<X> {
  private readonly cum: number[] = [];
  private readonly total: number;
  constructor(
    readonly items: readonly X[],
    weights: readonly number[],
  ) {
    let s = 0;
    for (const w of weights) {
      s += w;
      this.cum.push(s);
    }
    this.total = s;
  }
  pick(rng: Rng): X {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cum[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as X;
  }
}

// ---------------------------------------------------------------------------------------------
// Calendar (day numbers since 1970-01-01, UTC; ISO strings cached)

const DAY_MS = 86_400_000;
const isoCache = new Map<number, string>();
export function dayToIso(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}
export function isoToDay(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}
/** YYYY-MM-DD → DD.MM.YYYY */
export function isoToDmy(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
function monthStart(year: number, month0: number): number {
  return Math.round(Date.UTC(year, month0, 1) / DAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Organisations of a delregion

const STAD = new Set(['Göteborg', 'Trollhättan', 'Borås', 'Mölndal']);
const NO_GENITIVE = new Set(['Orust', 'Ale', 'Mark']);

/** "Uddevalla kommun", "Vänersborgs kommun", "Trollhättans stad". */
export function kommunOrgName(k: string): string {
  const gen = /[aeiouyåäös]$/i.test(k) || NO_GENITIVE.has(k) ? k : `${k}s`;
  if (k === 'Mark') return 'Marks kommun';
  return STAD.has(k) ? `${gen} stad` : `${gen} kommun`;
}

const HOSPITALS: Record<string, string[]> = {
  fyrbodal: [
    'NU-sjukvården, NÄL, medicinkliniken',
    'NU-sjukvården, NÄL, geriatriska kliniken',
    'NU-sjukvården, NÄL, ortopedkliniken',
    'NU-sjukvården, Uddevalla sjukhus, medicinkliniken',
    'NU-sjukvården, Uddevalla sjukhus, kirurgkliniken',
    'NU-sjukvården, Uddevalla sjukhus, psykiatriska kliniken',
  ],
  goteborgsregionen: [
    'Sahlgrenska Universitetssjukhuset, Sahlgrenska, medicinkliniken',
    'Sahlgrenska Universitetssjukhuset, Östra sjukhuset, geriatriken',
    'Sahlgrenska Universitetssjukhuset, Mölndals sjukhus, ortopedkliniken',
    'Sahlgrenska Universitetssjukhuset, psykiatri',
    'Sjukhusen i väster, Kungälvs sjukhus, medicinkliniken',
    'Alingsås lasarett, medicinkliniken',
    'Angereds närsjukhus',
    'Frölunda specialistsjukhus',
  ],
  sjuharad: [
    'Södra Älvsborgs Sjukhus, Borås, medicinkliniken',
    'Södra Älvsborgs Sjukhus, Borås, ortopedkliniken',
    'Södra Älvsborgs Sjukhus, Skene, geriatriken',
    'Södra Älvsborgs Sjukhus, psykiatriska kliniken',
  ],
  skaraborg: [
    'Skaraborgs Sjukhus, Skövde, medicinkliniken',
    'Skaraborgs Sjukhus, Lidköping, geriatriken',
    'Skaraborgs Sjukhus, Falköping, ortopedkliniken',
    'Skaraborgs Sjukhus, Mariestad, rehabiliteringskliniken',
    'Skaraborgs Sjukhus, Skövde, psykiatriska kliniken',
  ],
};

const KOMMUN_UNITS = [' hemsjukvård', ', hemtjänst', ', särskilt boende', ', korttidsenhet', ', rehabenheten', ' hemsjukvård'];

interface KommunInfo {
  code: string;
  name: string;
  population: number;
  org: string;
  kommunUnits: string[];
  regionLocal: string[];
  privat: string[];
}

interface Area {
  delregionId: string;
  kommuner: KommunInfo[];
  byPopulation: Weighted<KommunInfo>;
  hospitals: Weighted<string>;
  allPrivat: string[];
  regionCommon: string[];
}

const areaCache = new Map<string, Area>();

function buildKommunInfo(k: RefKommun, population: number): KommunInfo {
  const org = kommunOrgName(k.name);
  const big = population >= 30_000;
  // A deterministic, name-based choice of private providers (no randomness: same for every seed).
  const h = [...k.name].reduce((s, c) => (s * 31 + c.charCodeAt(0)) >>> 0, 7);
  const privat = big
    ? [`Capio Vårdcentral ${k.name}`, `Praktikertjänst Vårdcentral ${k.name}`, `Läkarhuset ${k.name}`]
    : h % 3 === 0
      ? [`Praktikertjänst Vårdcentral ${k.name}`]
      : h % 3 === 1
        ? [`Capio Vårdcentral ${k.name}`]
        : [];
  return {
    code: k.code,
    name: k.name,
    population,
    org,
    kommunUnits: KOMMUN_UNITS.map((u) => `${org}${u}`),
    regionLocal: [`Närhälsan ${k.name} vårdcentral`, `Närhälsan ${k.name} rehabmottagning`],
    privat,
  };
}

function areaFor(delregionId: string): Area {
  const cached = areaCache.get(delregionId);
  if (cached) return cached;
  const ref = loadReferenceData();
  const preset = ref.delregions.find((d) => d.id === delregionId);
  if (!preset || !HOSPITALS[delregionId]) {
    throw new UserError(`Okänd delregion "${delregionId}". Välj en av: ${ref.delregions.map((d) => d.id).join(', ')}.`);
  }
  const pop = (code: string) => {
    const figs = ref.population.filter((p) => p.kommunCode === code).sort((a, b) => b.year - a.year);
    return figs[0]?.value ?? 10_000;
  };
  const kommuner = preset.kommunCodes.map((c) => buildKommunInfo(ref.kommuner.find((k) => k.code === c)!, pop(c)));
  const hospitals = HOSPITALS[delregionId]!;
  const area: Area = {
    delregionId,
    kommuner,
    byPopulation: new Weighted(
      kommuner,
      kommuner.map((k) => k.population),
    ),
    hospitals: new Weighted(
      hospitals,
      hospitals.map((_, i) => (i < 2 ? 3 : 1.5)),
    ),
    allPrivat: kommuner.flatMap((k) => k.privat),
    regionCommon: ['Regionhälsan, Habilitering & Hälsa', 'Närhälsan hemsjukvårdsteam'],
  };
  if (area.allPrivat.length === 0) area.allPrivat.push(`Praktikertjänst Vårdcentral ${kommuner[0]!.name}`);
  areaCache.set(delregionId, area);
  return area;
}

function outsideKommuner(delregionId: string): Weighted<KommunInfo> {
  const key = `outside:${delregionId}`;
  const cached = areaCache.get(key);
  if (cached) return cached.byPopulation;
  const ref = loadReferenceData();
  const list = ref.kommuner
    .filter((k) => k.delregion !== delregionId)
    .map((k) => buildKommunInfo(k, ref.population.filter((p) => p.kommunCode === k.code).sort((a, b) => b.year - a.year)[0]?.value ?? 10_000));
  // Göteborg would dominate; damp it so outside rows come from several kommuner.
  const w = new Weighted(
    list,
    list.map((k) => Math.sqrt(k.population)),
  );
  areaCache.set(key, { delregionId, kommuner: list, byPopulation: w, hospitals: new Weighted([], []), allPrivat: [], regionCommon: [] });
  return w;
}

// ---------------------------------------------------------------------------------------------
// Value vocabularies

const CATEGORY_WEIGHTS: Record<CategoryCode, number> = {
  in_utskrivning: 22,
  lakemedel: 18,
  information: 14,
  hemsjukvard: 12,
  lakarmedverkan: 8,
  hjalpmedel: 7,
  sip: 5,
  egenvard: 3,
  rehab_hab: 3,
  psykisk_beroende: 3,
  vardhygien: 2,
  munhalsa: 1.2,
  ovrigt: 2,
};
const categoryPicker = new Weighted<CategoryCode>(
  categoryCodes,
  categoryCodes.map((c) => CATEGORY_WEIGHTS[c]),
);

let categoryLabelsCache: Map<CategoryCode, { label: string; synonyms: string[] }> | null = null;
function categoryLabels(): Map<CategoryCode, { label: string; synonyms: string[] }> {
  if (!categoryLabelsCache) {
    categoryLabelsCache = new Map(loadReferenceData().categories.map((c) => [c.code as CategoryCode, { label: c.label, synonyms: c.synonyms }]));
  }
  return categoryLabelsCache;
}
/** Canonical label most of the time, a synonym from categories.json otherwise. */
function categoryLabel(rng: Rng, code: CategoryCode): string {
  const c = categoryLabels().get(code)!;
  return c.synonyms.length > 0 && rng.chance(0.3) ? rng.pick(c.synonyms) : c.label;
}

type Flow = [PartyType, PartyType];
const FLOWS = new Weighted<Flow>(
  [
    ['kommun', 'region'],
    ['region', 'kommun'],
    ['kommun', 'privat'],
    ['privat', 'kommun'],
    ['region', 'privat'],
    ['privat', 'region'],
    ['kommun', 'kommun'],
    ['region', 'region'],
    ['privat', 'privat'],
  ],
  [42, 33, 7, 5, 3, 3, 3, 2, 2],
);

const PARTY_LABELS: Record<PartyType, readonly string[]> = {
  kommun: ['Kommun', 'Kommun', 'Kommun'],
  region: ['Region', 'Region', 'VGR'],
  privat: ['Privat', 'Privat vårdgivare', 'Privat'],
};

const SEVERITY_WORDS = ['Mindre allvarlig', 'Måttlig', 'Allvarlig', 'Mycket allvarlig'];
const severityPicker = new Weighted([1, 2, 3, 4], [35, 38, 20, 7]);

const STATUS_LABELS: Record<DeviationStatus, readonly string[]> = {
  ny: ['Ny', 'Registrerad'],
  pagaende: ['Under utredning', 'Pågående'],
  besvarad: ['Besvarad'],
  avslutad: ['Avslutad', 'Stängd'],
};

/** Monthly seasonality (Jan … Dec): summer and Christmas peaks. */
const SEASON = [1.08, 0.95, 1.0, 0.97, 1.0, 1.12, 1.22, 1.12, 0.98, 0.97, 0.98, 1.15];

// ---------------------------------------------------------------------------------------------
// Identity numbers (synthetic; valid Luhn check digit)

export type PnrForm = 'YYMMDD-NNNC' | 'YYYYMMDDNNNC' | 'YYYYMMDD-NNNC' | 'YYMMDDNNNC' | 'YYMMDD+NNNC' | 'samordningsnummer';
export const PNR_FORMS: readonly PnrForm[] = ['YYMMDD-NNNC', 'YYYYMMDDNNNC', 'YYYYMMDD-NNNC', 'YYMMDDNNNC', 'YYMMDD+NNNC', 'samordningsnummer'];

export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = nineDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A synthetic identity number in the given written form. */
export function syntheticIdentityNumber(rng: Rng, form: PnrForm): string {
  const year = form === 'YYMMDD+NNNC' ? rng.int(1912, 1924) : rng.int(1928, 1958);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28) + (form === 'samordningsnummer' ? 60 : 0);
  const yy = String(year % 100).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  const nnn = String(rng.int(0, 999)).padStart(3, '0');
  const c = luhnCheckDigit(`${yy}${mm}${dd}${nnn}`);
  const last4 = `${nnn}${c}`;
  switch (form) {
    case 'YYMMDD-NNNC':
    case 'samordningsnummer':
      return `${yy}${mm}${dd}-${last4}`;
    case 'YYYYMMDDNNNC':
      return `${year}${mm}${dd}${last4}`;
    case 'YYYYMMDD-NNNC':
      return `${year}${mm}${dd}-${last4}`;
    case 'YYMMDDNNNC':
      return `${yy}${mm}${dd}${last4}`;
    case 'YYMMDD+NNNC':
      return `${yy}${mm}${dd}+${last4}`;
  }
}

const PNR_SENTENCES = ['Patientens personnummer {pnr} angavs i meddelandet.', 'Gäller patient {pnr}.', 'Uppgift om patient ({pnr}) fanns i överrapporteringen.'];

// ---------------------------------------------------------------------------------------------
// Deviations

export interface DeviationGenOptions {
  rows: number;
  seed: number;
  delregionId: string;
  /** First day of the first month (YYYY-MM-DD; the day is ignored). Default 2024-01-01. */
  startDate?: string;
  /** Number of months covered. Default 24. */
  months?: number;
  /** The data's extraction date: later dates do not exist yet. Default: last day of the last month. */
  asOf?: string;
  /** Number of rows that get one synthetic identity number in the description. */
  plantIdentityNumbers?: number;
  /** Share of rows made invalid (quarantine on import). */
  invalidShare?: number;
  /** Share of rows whose kommun lies outside the delregion. */
  outsideShare?: number;
  /** Share of rows repeating an earlier external id of the file. */
  duplicateShare?: number;
}

export type DeviationColumn =
  | 'externalId'
  | 'reportedAt'
  | 'occurredAt'
  | 'reportingOrg'
  | 'reportingPartyType'
  | 'receivingOrg'
  | 'receivingPartyType'
  | 'kommun'
  | 'category'
  | 'severity'
  | 'status'
  | 'answeredAt'
  | 'closedAt'
  | 'description'
  | 'action';

export type RowKind = 'ok' | 'invalid' | 'outside' | 'duplicate';

export interface DeviationRecord {
  externalId: string;
  reportedAt: string;
  occurredAt: string | null;
  reportingOrg: string;
  reportingPartyType: PartyType;
  receivingOrg: string;
  receivingPartyType: PartyType;
  kommun: string;
  kommunCode: string;
  category: CategoryCode;
  /** The label as written in the file (canonical label or a synonym). */
  categoryLabel: string;
  severity: number | null;
  severityLabel: string;
  status: DeviationStatus;
  statusLabel: string;
  answeredAt: string | null;
  closedAt: string | null;
  description: string;
  action: string;
  /** How dates of this row are written. */
  dateStyle: 'iso' | 'dmy';
  reportingPartyLabel: string;
  receivingPartyLabel: string;
  kind: RowKind;
  invalidReason?: 'bad_date' | 'answered_before_reported' | 'missing_required' | 'unknown_kommun';
  /** Written values that replace the canonical ones (invalid rows). */
  overrides?: Partial<Record<DeviationColumn, string>>;
  plantedIdentityNumber?: string;
  plantedForm?: PnrForm;
}

/** The Swedish headers written to the file (aliases from IMPORT.md), in column order. */
export const DEVIATION_HEADERS: readonly [DeviationColumn, string][] = [
  ['externalId', 'Ärendenummer'],
  ['reportedAt', 'Registreringsdatum'],
  ['occurredAt', 'Händelsedatum'],
  ['reportingOrg', 'Rapporterande enhet'],
  ['reportingPartyType', 'Rapporterande huvudman'],
  ['receivingOrg', 'Mottagande enhet'],
  ['receivingPartyType', 'Mottagande huvudman'],
  ['kommun', 'Kommun'],
  ['category', 'Kategori'],
  ['severity', 'Allvarlighetsgrad'],
  ['status', 'Status'],
  ['answeredAt', 'Svarsdatum'],
  ['closedAt', 'Avslutsdatum'],
  ['description', 'Händelsebeskrivning'],
  ['action', 'Åtgärd'],
];

interface MonthSlot {
  start: number;
  days: number;
  count: number;
}

/** Rows per month: seasonality, a slight trend, noise, and a sustained level shift at the end. */
function monthPlan(rng: Rng, rows: number, startDay: number, months: number): MonthSlot[] {
  const d0 = new Date(startDay * DAY_MS);
  const y0 = d0.getUTCFullYear();
  const m0 = d0.getUTCMonth();
  const shiftMonths = Math.max(1, Math.min(9, Math.round(months * 0.375)));
  const weights: number[] = [];
  const slots: MonthSlot[] = [];
  for (let i = 0; i < months; i++) {
    const start = monthStart(y0, m0 + i);
    const next = monthStart(y0, m0 + i + 1);
    const calMonth = (m0 + i) % 12;
    let w = (SEASON[calMonth] as number) * (1 + 0.004 * i) * (1 + 0.035 * Math.max(-2, Math.min(2, rng.normal())));
    if (i >= months - shiftMonths) w *= 1.45;
    weights.push(w);
    slots.push({ start, days: next - start, count: 0 });
  }
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  let prev = 0;
  for (let i = 0; i < months; i++) {
    acc += weights[i] as number;
    const cum = Math.round((rows * acc) / total);
    slots[i]!.count = cum - prev;
    prev = cum;
  }
  return slots;
}

function lognormalDays(rng: Rng, median: number, sigma: number, max: number): number {
  return Math.min(max, Math.max(0, Math.round(median * Math.exp(sigma * rng.normal()))));
}

function weekdayDay(rng: Rng, slot: MonthSlot): number {
  for (;;) {
    const d = slot.start + Math.floor(rng.next() * slot.days);
    const dow = (d + 4) % 7; // 0 = Sunday (1970-01-01 was a Thursday)
    if (dow === 0 && !rng.chance(0.4)) continue;
    if (dow === 6 && !rng.chance(0.45)) continue;
    return d;
  }
}

interface Parties {
  reportingOrg: string;
  receivingOrg: string;
}

function orgOf(rng: Rng, area: Area, k: KommunInfo, type: PartyType, category: CategoryCode): string {
  if (type === 'kommun') return rng.pick(k.kommunUnits);
  if (type === 'privat') return k.privat.length > 0 && rng.chance(0.8) ? rng.pick(k.privat) : rng.pick(area.allPrivat);
  // region
  if (category === 'munhalsa') return `Folktandvården ${k.name}`;
  if (category === 'rehab_hab' && rng.chance(0.5)) return rng.chance(0.5) ? area.regionCommon[0]! : k.regionLocal[1]!;
  if (category === 'psykisk_beroende' && rng.chance(0.6)) return area.hospitals.items.find((h) => /psykiatri/.test(h)) ?? area.hospitals.pick(rng);
  const r = rng.next();
  if (r < 0.55) return area.hospitals.pick(rng);
  if (r < 0.95) return k.regionLocal[0]!;
  return area.regionCommon[1]!;
}

function pickParties(rng: Rng, area: Area, k: KommunInfo, flow: Flow, category: CategoryCode): Parties {
  const reportingOrg = orgOf(rng, area, k, flow[0], category);
  let receivingOrg = orgOf(rng, area, k, flow[1], category);
  for (let i = 0; i < 5 && receivingOrg === reportingOrg; i++) {
    const other = flow[1] === 'kommun' ? area.byPopulation.pick(rng) : k;
    receivingOrg = orgOf(rng, area, other, flow[1], category);
  }
  return { reportingOrg, receivingOrg };
}

function capitalizeFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function describe(rng: Rng, category: CategoryCode, otherOrg: string): string {
  const opener = rng.pick(T.openers).replace('{org}', otherOrg);
  let text = `${capitalizeFirst(opener)} ${rng.pick(T.eventsByCategory[category])}${rng.pick(T.consequences)}`;
  const r = rng.next();
  if (r < 0.04) text += `\r\n${rng.pick(T.extras)}`;
  else if (r < 0.1) text += ` ${rng.pick(T.extras)}`;
  return text;
}

function act(rng: Rng): string {
  const a = rng.pick(T.actions);
  if (!rng.chance(0.15)) return a;
  const b = rng.pick(T.actions);
  return b === a ? a : `${a} ${b}`;
}

const UNKNOWN_KOMMUNER = ['Ankeborg', 'Storstad', 'Hemby', 'Okänd'];

/**
 * Deviation records one at a time (memory stays flat for a million rows).
 * `rows` counts every line of the file: valid, invalid, outside and duplicate rows.
 */
export function* iterateDeviationRows(opts: DeviationGenOptions): Generator<DeviationRecord> {
  const rows = Math.max(0, Math.floor(opts.rows));
  const rng = new Rng(opts.seed);
  const area = areaFor(opts.delregionId);
  const outside = (opts.outsideShare ?? 0) > 0 ? outsideKommuner(opts.delregionId) : null;
  const startDay = isoToDay(`${(opts.startDate ?? '2024-01-01').slice(0, 7)}-01`);
  const months = Math.max(1, Math.floor(opts.months ?? 24));
  const plan = monthPlan(rng, rows, startDay, months);
  const lastSlot = plan[plan.length - 1]!;
  const asOfDay = opts.asOf ? isoToDay(opts.asOf) : lastSlot.start + lastSlot.days - 1;
  const invalidShare = opts.invalidShare ?? 0;
  const outsideShare = opts.outsideShare ?? 0;
  const duplicateShare = opts.duplicateShare ?? 0;
  const planted = Math.min(rows, Math.max(0, Math.floor(opts.plantIdentityNumbers ?? 0)));
  let nextPlant = planted > 0 ? Math.floor((0.5 * rows) / planted) : -1;
  let plantedSoFar = 0;
  const counters = new Map<number, number>();
  const recent: DeviationRecord[] = [];
  const idWidth = Math.max(6, String(rows).length);

  let index = 0;
  for (const slot of plan) {
    for (let j = 0; j < slot.count; j++, index++) {
      const plantHere = index === nextPlant;
      if (plantHere) {
        plantedSoFar++;
        nextPlant = plantedSoFar < planted ? Math.floor(((plantedSoFar + 0.5) * rows) / planted) : -1;
      }
      // Row kind (planted rows are always ordinary rows so the number of planted numbers is exact).
      const r = rng.next();
      let kind: RowKind = 'ok';
      if (!plantHere) {
        if (r < duplicateShare && recent.length > 0) kind = 'duplicate';
        else if (r < duplicateShare + invalidShare) kind = 'invalid';
        else if (r < duplicateShare + invalidShare + outsideShare && outside) kind = 'outside';
      }
      if (kind === 'duplicate') {
        const orig = recent[Math.floor(rng.next() * recent.length)]!;
        yield { ...orig, kind: 'duplicate' };
        continue;
      }

      const reportedDay = weekdayDay(rng, slot);
      const reportedAt = dayToIso(reportedDay);
      const year = Number(reportedAt.slice(0, 4));
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      const externalId = `MC-${year}-${String(n).padStart(idWidth, '0')}`;

      const k = kind === 'outside' ? outside!.pick(rng) : area.byPopulation.pick(rng);
      const category = categoryPicker.pick(rng);
      const flow = FLOWS.pick(rng);
      const parties = pickParties(rng, kind === 'outside' ? { ...area, allPrivat: k.privat.length ? k.privat : area.allPrivat } : area, k, flow, category);

      const occurredAt = rng.chance(0.9) ? dayToIso(reportedDay - Math.min(14, Math.floor(-Math.log(1 - rng.next()) * 2.5))) : null;
      const sev = rng.chance(0.05) ? null : severityPicker.pick(rng);
      const severityLabel = sev === null ? '' : rng.chance(0.72) ? String(sev) : SEVERITY_WORDS[sev - 1]!;

      // Lead times (long tail), open cases are the recent ones.
      let answeredDay: number | null = null;
      let closedDay: number | null = null;
      if (!rng.chance(0.035)) {
        const a = reportedDay + lognormalDays(rng, 24, 0.85, 420);
        if (a <= asOfDay) {
          answeredDay = a;
          if (!rng.chance(0.08)) {
            const c = a + lognormalDays(rng, 7, 1.0, 200);
            if (c <= asOfDay) closedDay = c;
          }
        }
      }
      let status: DeviationStatus;
      if (closedDay !== null) status = 'avslutad';
      else if (answeredDay !== null) status = 'besvarad';
      else if (asOfDay - reportedDay < 14 && rng.chance(0.6)) status = 'ny';
      else status = 'pagaende';

      const other = flow[0] === 'kommun' ? parties.receivingOrg : parties.reportingOrg;
      let description = describe(rng, category, other);
      const action = answeredDay !== null ? act(rng) : '';

      const rec: DeviationRecord = {
        externalId,
        reportedAt,
        occurredAt,
        reportingOrg: parties.reportingOrg,
        reportingPartyType: flow[0],
        receivingOrg: parties.receivingOrg,
        receivingPartyType: flow[1],
        kommun: k.name,
        kommunCode: k.code,
        category,
        categoryLabel: categoryLabel(rng, category),
        severity: sev,
        severityLabel,
        status,
        statusLabel: rng.pick(STATUS_LABELS[status]),
        answeredAt: answeredDay === null ? null : dayToIso(answeredDay),
        closedAt: closedDay === null ? null : dayToIso(closedDay),
        description,
        action,
        dateStyle: rng.chance(0.15) ? 'dmy' : 'iso',
        reportingPartyLabel: rng.pick(PARTY_LABELS[flow[0]]),
        receivingPartyLabel: rng.pick(PARTY_LABELS[flow[1]]),
        kind,
      };

      if (plantHere) {
        const form = PNR_FORMS[(plantedSoFar - 1) % PNR_FORMS.length]!;
        const pnr = syntheticIdentityNumber(rng, form);
        description = `${description} ${rng.pick(PNR_SENTENCES).replace('{pnr}', pnr)}`;
        rec.description = description;
        rec.plantedIdentityNumber = pnr;
        rec.plantedForm = form;
      }

      if (kind === 'invalid') makeInvalid(rng, rec);

      if (kind === 'ok' || kind === 'outside') {
        if (recent.length < 64) recent.push(rec);
        else recent[Math.floor(rng.next() * 64)] = rec;
      }
      yield rec;
    }
  }
}

function makeInvalid(rng: Rng, rec: DeviationRecord): void {
  const reasons = ['bad_date', 'answered_before_reported', 'missing_required', 'unknown_kommun'] as const;
  const reason = rng.pick(reasons);
  rec.invalidReason = reason;
  const y = rec.reportedAt.slice(0, 4);
  switch (reason) {
    case 'bad_date':
      rec.overrides = { reportedAt: rng.pick([`${y}-13-05`, `31.02.${y}`, 'igår', `${rec.reportedAt.slice(8, 10)}/${rec.reportedAt.slice(5, 7)}/${y.slice(2)}`, '1899-12-30']) };
      break;
    case 'answered_before_reported': {
      const d = dayToIso(isoToDay(rec.reportedAt) - rng.int(2, 20));
      rec.answeredAt = d;
      rec.status = 'besvarad';
      rec.statusLabel = 'Besvarad';
      rec.closedAt = null;
      if (!rec.action) rec.action = act(rng);
      break;
    }
    case 'missing_required': {
      const col = rng.pick(['reportingOrg', 'receivingOrg', 'category', 'status', 'externalId'] as const);
      rec.overrides = { [col]: '' };
      break;
    }
    case 'unknown_kommun':
      rec.overrides = { kommun: rng.pick(UNKNOWN_KOMMUNER) };
      break;
  }
}

/** All deviation records in memory (use iterateDeviationRows for very large files). */
export function generateDeviationRows(opts: DeviationGenOptions): DeviationRecord[] {
  return Array.from(iterateDeviationRows(opts));
}

// ---------------------------------------------------------------------------------------------
// Disputes

export interface DisputeGenOptions {
  count: number;
  seed: number;
  delregionId: string;
  startDate?: string;
  months?: number;
  asOf?: string;
  /** Deviations to link to (same area, reported shortly before the dispute opened). */
  deviations?: readonly DeviationRecord[];
  invalidShare?: number;
}

export type DisputeColumn =
  | 'externalId'
  | 'openedAt'
  | 'partyA'
  | 'partyB'
  | 'area'
  | 'summary'
  | 'step2At'
  | 'step3At'
  | 'resolvedAt'
  | 'resolutionStep'
  | 'outcome'
  | 'settlementSek'
  | 'temporarySolution'
  | 'principled'
  | 'linkedDeviations';

export type DisputeScenario = 'open1' | 'open2' | 'open3' | 'res1' | 'res2' | 'res3' | 'ekonomisk' | 'domstol' | 'aterkallad';

export interface DisputeRecord {
  externalId: string;
  openedAt: string;
  partyA: string;
  partyAType: PartyType;
  partyB: string;
  partyBType: PartyType;
  area: CategoryCode;
  areaLabel: string;
  summary: string;
  step2At: string | null;
  step3At: string | null;
  resolvedAt: string | null;
  resolutionStep: 1 | 2 | 3 | null;
  outcome: DisputeOutcome | null;
  settlementSek: number | null;
  temporarySolution: boolean;
  temporarySolutionText: string | null;
  principled: boolean;
  linkedDeviations: string[];
  resolutionNote: string | null;
  scenario: DisputeScenario;
  dateStyle: 'iso' | 'dmy';
  yesNoStyle: 0 | 1;
  amountStyle: 0 | 1 | 2;
  kind: 'ok' | 'invalid';
  invalidReason?: 'resolved_before_opened' | 'bad_date';
  overrides?: Partial<Record<DisputeColumn, string>>;
}

export const DISPUTE_HEADERS: readonly [DisputeColumn, string][] = [
  ['externalId', 'Ärendenummer'],
  ['openedAt', 'Startdatum'],
  ['partyA', 'Part 1'],
  ['partyB', 'Part 2'],
  ['area', 'Område'],
  ['summary', 'Beskrivning'],
  ['step2At', 'Steg 2'],
  ['step3At', 'Steg 3'],
  ['resolvedAt', 'Löst'],
  ['resolutionStep', 'Löst på steg'],
  ['outcome', 'Utfall'],
  ['settlementSek', 'Belopp kr'],
  ['temporarySolution', 'Tillfällig lösning'],
  ['principled', 'Principiell'],
  ['linkedDeviations', 'Kopplade avvikelser'],
];

const OUTCOME_LABELS: Record<DisputeOutcome, string> = {
  enighet: 'Enighet',
  ekonomisk_reglering: 'Ekonomisk reglering',
  allman_domstol: 'Allmän domstol',
  aterkallad: 'Återkallad',
};

const DISPUTE_AREA_WEIGHTS: Partial<Record<CategoryCode, number>> = {
  in_utskrivning: 8,
  hemsjukvard: 6,
  lakarmedverkan: 5,
  hjalpmedel: 5,
  lakemedel: 4,
  psykisk_beroende: 4,
  sip: 3,
  egenvard: 2,
  rehab_hab: 2,
  vardhygien: 1,
  munhalsa: 1,
  information: 1,
  ovrigt: 1,
};
const disputeAreas = new Weighted<CategoryCode>(
  Object.keys(DISPUTE_AREA_WEIGHTS) as CategoryCode[],
  Object.values(DISPUTE_AREA_WEIGHTS) as number[],
);

/** The escalation scenarios for n disputes: every step open and every outcome present when n allows. */
export function disputeScenarios(n: number): DisputeScenario[] {
  const quota: [DisputeScenario, number][] = [
    ['open1', Math.max(2, Math.round(n * 0.08))],
    ['open2', Math.max(2, Math.round(n * 0.06))],
    ['open3', Math.max(2, Math.round(n * 0.05))],
    ['ekonomisk', Math.max(1, Math.round(n * 0.04))],
    ['domstol', 1],
    ['aterkallad', Math.max(1, Math.round(n * 0.04))],
    ['res2', Math.round(n * 0.2)],
    ['res3', Math.round(n * 0.08)],
  ];
  const out: DisputeScenario[] = [];
  for (const [s, q] of quota) for (let i = 0; i < q && out.length < n; i++) out.push(s);
  while (out.length < n) out.push('res1');
  return out;
}

function plainPartyOrg(rng: Rng, area: Area, k: KommunInfo, type: PartyType, category: CategoryCode): string {
  if (type === 'kommun') return k.org;
  if (type === 'privat') return k.privat.length > 0 ? rng.pick(k.privat) : rng.pick(area.allPrivat);
  if (category === 'munhalsa') return 'Folktandvården';
  if (category === 'rehab_hab' || category === 'psykisk_beroende') return rng.chance(0.5) ? 'Regionhälsan, Habilitering & Hälsa' : area.hospitals.items[0]!.split(',')[0]!;
  const r = rng.next();
  if (r < 0.5) return area.hospitals.items[0]!.split(',')[0]!;
  if (r < 0.85) return 'Närhälsan';
  return 'Västra Götalandsregionen';
}

export function generateDisputeRows(opts: DisputeGenOptions): DisputeRecord[] {
  const n = Math.max(0, Math.floor(opts.count));
  const rng = new Rng((opts.seed ^ 0x5bd1e995) >>> 0);
  const area = areaFor(opts.delregionId);
  const startDay = isoToDay(`${(opts.startDate ?? '2024-01-01').slice(0, 7)}-01`);
  const months = Math.max(1, Math.floor(opts.months ?? 24));
  const d0 = new Date(startDay * DAY_MS);
  const endDay = monthStart(d0.getUTCFullYear(), d0.getUTCMonth() + months) - 1;
  const asOfDay = opts.asOf ? isoToDay(opts.asOf) : endDay;
  const scenarios = rng.shuffle(disputeScenarios(n));
  const devByArea = new Map<CategoryCode, DeviationRecord[]>();
  for (const d of opts.deviations ?? []) {
    if (d.kind !== 'ok') continue;
    const list = devByArea.get(d.category) ?? [];
    list.push(d);
    devByArea.set(d.category, list);
  }
  const recs: DisputeRecord[] = [];
  for (const scenario of scenarios) {
    const category = scenario === 'domstol' ? 'in_utskrivning' : disputeAreas.pick(rng);
    const k = area.byPopulation.pick(rng);
    const r = rng.next();
    const types: [PartyType, PartyType] = r < 0.75 ? ['kommun', 'region'] : r < 0.9 ? ['kommun', 'privat'] : ['region', 'privat'];
    if (rng.chance(0.35)) types.reverse();
    const partyA = plainPartyOrg(rng, area, k, types[0], category);
    const partyB = plainPartyOrg(rng, area, k, types[1], category);

    // Step durations (days), then the opening date that fits the scenario.
    const to2 = rng.int(7, 45);
    const to3 = rng.int(14, 70);
    const reachesStep = scenario === 'open1' || scenario === 'res1' || scenario === 'aterkallad' ? 1 : scenario === 'open2' || scenario === 'res2' ? 2 : 3;
    const resolveAfter =
      scenario === 'res1' || scenario === 'aterkallad'
        ? rng.int(3, 40)
        : scenario === 'res2'
          ? rng.int(7, 60)
          : scenario === 'res3'
            ? rng.int(20, 150)
            : scenario === 'ekonomisk'
              ? rng.int(60, 200)
              : scenario === 'domstol'
                ? rng.int(220, 380)
                : 0;
    const open = scenario.startsWith('open');
    const toTop = reachesStep === 1 ? 0 : reachesStep === 2 ? to2 : to2 + to3;
    let opened: number;
    if (open) {
      // Reached its step, still open at asOf (recent cases).
      const sinceTop = rng.int(5, reachesStep === 3 ? 120 : 60);
      opened = asOfDay - toTop - sinceTop;
    } else {
      const span = toTop + resolveAfter;
      const latest = asOfDay - span - 1;
      opened = latest <= startDay ? startDay : startDay + Math.floor(rng.next() * (latest - startDay));
    }
    if (opened < startDay) opened = startDay + rng.int(0, 10);
    const step2 = reachesStep >= 2 ? opened + to2 : null;
    const step3 = reachesStep >= 3 ? opened + to2 + to3 : null;
    const resolved = open ? null : opened + toTop + resolveAfter;
    const outcome: DisputeOutcome | null = open
      ? null
      : scenario === 'ekonomisk'
        ? 'ekonomisk_reglering'
        : scenario === 'domstol'
          ? 'allman_domstol'
          : scenario === 'aterkallad'
            ? 'aterkallad'
            : 'enighet';
    const temporarySolution = reachesStep >= 2 ? rng.chance(0.75) || scenario === 'domstol' : rng.chance(0.2);
    const principled = scenario === 'domstol' || (reachesStep === 3 ? rng.chance(0.5) : rng.chance(0.08));
    const settlementSek = scenario === 'ekonomisk' ? rng.int(80, 900) * 500 : null;

    // Linked deviations: same area, reported in the 120 days before the dispute opened.
    const linked: string[] = [];
    if (rng.chance(0.6)) {
      const want = rng.int(1, 3);
      const pool = devByArea.get(category);
      const openedIso = dayToIso(opened);
      const fromIso = dayToIso(opened - 120);
      if (pool) {
        const cands = pool.filter((d) => d.reportedAt <= openedIso && d.reportedAt >= fromIso);
        for (let i = 0; i < want && cands.length > 0; i++) {
          const d = cands.splice(Math.floor(rng.next() * cands.length), 1)[0]!;
          linked.push(d.externalId);
        }
      } else if (!opts.deviations) {
        const y = dayToIso(opened).slice(0, 4);
        for (let i = 0; i < want; i++) linked.push(`MC-${y}-${String(rng.int(1, 9999)).padStart(6, '0')}`);
      }
    }

    recs.push({
      externalId: '',
      openedAt: dayToIso(opened),
      partyA,
      partyAType: types[0],
      partyB,
      partyBType: types[1],
      area: category,
      areaLabel: categoryLabel(rng, category),
      summary: rng.pick(T.disputeQuestions[category]),
      step2At: step2 === null ? null : dayToIso(step2),
      step3At: step3 === null ? null : dayToIso(step3),
      resolvedAt: resolved === null ? null : dayToIso(resolved),
      resolutionStep: open ? null : (reachesStep as 1 | 2 | 3),
      outcome,
      settlementSek,
      temporarySolution,
      temporarySolutionText: temporarySolution ? rng.pick(T.temporarySolutions) : null,
      principled,
      linkedDeviations: linked,
      resolutionNote: open ? null : rng.pick(T.resolutionNotes),
      scenario,
      dateStyle: rng.chance(0.2) ? 'dmy' : 'iso',
      yesNoStyle: rng.chance(0.15) ? 1 : 0,
      amountStyle: rng.pick([0, 1, 2] as const),
      kind: 'ok',
    });
  }
  recs.sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0));
  const counters = new Map<string, number>();
  for (const r of recs) {
    const y = r.openedAt.slice(0, 4);
    const c = (counters.get(y) ?? 0) + 1;
    counters.set(y, c);
    r.externalId = `TV-${y}-${String(c).padStart(3, '0')}`;
  }
  const invalidShare = opts.invalidShare ?? 0;
  if (invalidShare > 0) {
    for (const r of recs) {
      if (!rng.chance(invalidShare)) continue;
      r.kind = 'invalid';
      if (r.resolvedAt && rng.chance(0.5)) {
        r.invalidReason = 'resolved_before_opened';
        r.resolvedAt = dayToIso(isoToDay(r.openedAt) - rng.int(1, 30));
      } else {
        r.invalidReason = 'bad_date';
        r.overrides = { openedAt: rng.pick(['2024-02-30', 'snart', '00.00.0000']) };
      }
    }
  }
  return recs;
}

// ---------------------------------------------------------------------------------------------
// CSV writing

export interface CsvOptions {
  encoding?: 'utf8' | 'cp1252';
  separator?: ';' | ',';
  /** Write a UTF-8 byte order mark (utf8 only). Default false. */
  bom?: boolean;
}

function quoter(separator: string): (v: string) => string {
  const needs = separator === ';' ? /[;"\r\n]/ : /[,"\r\n]/;
  return (v) => (needs.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
}

function fmtDate(iso: string | null, style: 'iso' | 'dmy'): string {
  if (iso === null) return '';
  return style === 'dmy' ? isoToDmy(iso) : iso;
}

export function deviationCells(r: DeviationRecord): string[] {
  const o = r.overrides;
  const v: Record<DeviationColumn, string> = {
    externalId: r.externalId,
    reportedAt: fmtDate(r.reportedAt, r.dateStyle),
    occurredAt: fmtDate(r.occurredAt, r.dateStyle),
    reportingOrg: r.reportingOrg,
    reportingPartyType: r.reportingPartyLabel,
    receivingOrg: r.receivingOrg,
    receivingPartyType: r.receivingPartyLabel,
    kommun: r.kommun,
    category: r.categoryLabel,
    severity: r.severityLabel,
    status: r.statusLabel,
    answeredAt: fmtDate(r.answeredAt, r.dateStyle),
    closedAt: fmtDate(r.closedAt, r.dateStyle),
    description: r.description,
    action: r.action,
  };
  if (o) Object.assign(v, o);
  return DEVIATION_HEADERS.map(([c]) => v[c]);
}

function swedishAmount(n: number, style: 0 | 1 | 2): string {
  const grouped = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return style === 0 ? grouped : style === 1 ? `${grouped},00` : String(n);
}

export function disputeCells(r: DisputeRecord): string[] {
  const yes = (b: boolean) => (r.yesNoStyle === 1 ? (b ? 'J' : 'N') : b ? 'Ja' : 'Nej');
  const v: Record<DisputeColumn, string> = {
    externalId: r.externalId,
    openedAt: fmtDate(r.openedAt, r.dateStyle),
    partyA: r.partyA,
    partyB: r.partyB,
    area: r.areaLabel,
    summary: r.summary,
    step2At: fmtDate(r.step2At, r.dateStyle),
    step3At: fmtDate(r.step3At, r.dateStyle),
    resolvedAt: fmtDate(r.resolvedAt, r.dateStyle),
    resolutionStep: r.resolutionStep === null ? '' : String(r.resolutionStep),
    outcome: r.outcome === null ? '' : OUTCOME_LABELS[r.outcome],
    settlementSek: r.settlementSek === null ? '' : swedishAmount(r.settlementSek, r.amountStyle),
    temporarySolution: yes(r.temporarySolution),
    principled: yes(r.principled),
    linkedDeviations: r.linkedDeviations.join(', '),
  };
  if (r.overrides) Object.assign(v, r.overrides);
  return DISPUTE_HEADERS.map(([c]) => v[c]);
}

const CHUNK_BYTES = 1 << 21;

/**
 * Yields encoded chunks of about 2 MB: the header line, then the rows, CRLF line ends.
 * UTF-8 lines are written straight into a preallocated buffer (no giant strings); Windows-1252
 * collects a string chunk and encodes it with iconv-lite.
 */
function* csvChunks<R>(rows: Iterable<R>, headers: readonly string[], cells: (r: R) => string[], opts: CsvOptions): Generator<Buffer> {
  const sep = opts.separator ?? ';';
  const enc = opts.encoding ?? 'utf8';
  const q = quoter(sep);
  const lineOf = (c: string[]): string => {
    let line = q(c[0]!);
    for (let i = 1; i < c.length; i++) line += sep + q(c[i]!);
    return `${line}\r\n`;
  };
  const head = (opts.bom && enc === 'utf8' ? '\ufeff' : '') + lineOf([...headers]);
  if (enc === 'cp1252') {
    let buf = head;
    for (const r of rows) {
      buf += lineOf(cells(r));
      if (buf.length >= CHUNK_BYTES >> 1) {
        yield iconv.encode(buf, 'win1252');
        buf = '';
      }
    }
    if (buf.length > 0) yield iconv.encode(buf, 'win1252');
    return;
  }
  let out = Buffer.allocUnsafe(CHUNK_BYTES);
  let off = out.write(head, 0, 'utf8');
  for (const r of rows) {
    const line = lineOf(cells(r));
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
    if (off + line.length * 3 > out.length) {
      if (off > 0) yield out.subarray(0, off);
      out = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, line.length * 3));
      off = 0;
    }
    off += out.write(line, off, 'utf8');
  }
  if (off > 0) yield out.subarray(0, off);
}

/** The whole deviation CSV as bytes (small files; tests, the demo). */
export function writeDeviationCsv(rows: Iterable<DeviationRecord>, opts: CsvOptions = {}): Buffer {
  return Buffer.concat([
    ...csvChunks(
      rows,
      DEVIATION_HEADERS.map(([, h]) => h),
      deviationCells,
      opts,
    ),
  ]);
}

export function writeDisputeCsv(rows: Iterable<DisputeRecord>, opts: CsvOptions = {}): Buffer {
  return Buffer.concat([
    ...csvChunks(
      rows,
      DISPUTE_HEADERS.map(([, h]) => h),
      disputeCells,
      opts,
    ),
  ]);
}

export interface WrittenFile {
  rows: number;
  bytes: number;
}

async function writeChunksToFile(file: string, chunks: Iterable<Buffer>): Promise<number> {
  const fh = await fs.promises.open(file, 'w');
  let bytes = 0;
  try {
    // Overlap disk and CPU: the next chunk is built while the previous one is being written.
    let pending: Promise<unknown> = Promise.resolve();
    for (const chunk of chunks) {
      await pending;
      pending = fh.write(chunk);
      bytes += chunk.length;
    }
    await pending;
  } finally {
    await fh.close();
  }
  return bytes;
}

function counting<R>(rows: Iterable<R>, counter: { n: number }): Iterable<R> {
  return {
    *[Symbol.iterator]() {
      for (const r of rows) {
        counter.n++;
        yield r;
      }
    },
  };
}

/** Streams a deviation CSV to disk in ~1 MB chunks (a million rows never sit in memory at once). */
export async function writeDeviationCsvFile(file: string, rows: Iterable<DeviationRecord>, opts: CsvOptions = {}): Promise<WrittenFile> {
  const counter = { n: 0 };
  const bytes = await writeChunksToFile(
    file,
    csvChunks(
      counting(rows, counter),
      DEVIATION_HEADERS.map(([, h]) => h),
      deviationCells,
      opts,
    ),
  );
  return { rows: counter.n, bytes };
}

export async function writeDisputeCsvFile(file: string, rows: Iterable<DisputeRecord>, opts: CsvOptions = {}): Promise<WrittenFile> {
  const counter = { n: 0 };
  const bytes = await writeChunksToFile(
    file,
    csvChunks(
      counting(rows, counter),
      DISPUTE_HEADERS.map(([, h]) => h),
      disputeCells,
      opts,
    ),
  );
  return { rows: counter.n, bytes };
}
