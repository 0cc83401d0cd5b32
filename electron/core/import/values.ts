/**
 * Value parsers for imported cells (IMPORT.md "Values"). Each returns the canonical value, null
 * for an empty cell, or `undefined` when the value cannot be read (the caller quarantines it).
 */
import { normalizeKey } from '../../../shared/text';
import type { DeviationStatus, DisputeOutcome, PartyType } from '../../../shared/domain/enums';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isoIfValid(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]!) return undefined;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// time of day (ignored, but it must be a real time: "25:00" makes the value unreadable)
const TIME = String.raw`(?:[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const timeOk = (h?: string, min?: string, sec?: string) => h === undefined || (Number(h) <= 23 && Number(min) <= 59 && (sec === undefined || Number(sec) <= 59));
const ISO_RE = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${TIME}$`);
const DMY_RE = new RegExp(String.raw`^(\d{2})[./](\d{2})[./](\d{4})${TIME}$`);

/**
 * Dates: YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS], ISO with T (the written calendar date is kept),
 * DD.MM.YYYY, DD/MM/YYYY (day first). Returns 'YYYY-MM-DD', null for empty, undefined if unreadable.
 * Day and month have two digits as in IMPORT.md's formats: "2026-5-7" or "7.5.2026" (which a
 * reader could take for 5 July) is "anything else" and goes to quarantine with the value shown.
 */
export function parseDate(raw: string): string | null | undefined {
  const s = raw.trim();
  if (!s) return null;
  let m = ISO_RE.exec(s);
  if (m) return timeOk(m[4], m[5], m[6]) ? isoIfValid(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  m = DMY_RE.exec(s);
  if (m) return timeOk(m[4], m[5], m[6]) ? isoIfValid(Number(m[3]), Number(m[2]), Number(m[1])) : undefined;
  return undefined;
}

/** Swedish numbers: `12 500,50`, NBSP/narrow NBSP as thousands separator, `12500.50`, `-1 000`. */
export function parseNumber(raw: string): number | null | undefined {
  let s = raw.trim();
  if (!s) return null;
  s = s.replace(/[\s\u00a0\u202f']/g, '').replace(/(kr|sek|:-)$/i, '');
  if (/^[-+−]?\d+(,\d+)?$/.test(s)) s = s.replace(',', '.');
  else if (/^[-+−]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^[-+−]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  s = s.replace('−', '-');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

const YES = new Set(['ja', 'j', 'x', '1', 'true', 'yes', 'y', 'sant']);
const NO = new Set(['nej', 'n', '0', 'false', 'no', 'falskt']);

/** Ja/Nej/J/N/X/1/0/true/false → boolean; empty → null; anything else → undefined. */
export function parseYesNo(raw: string): boolean | null | undefined {
  const k = normalizeKey(raw);
  if (!k) return null;
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  return undefined;
}

const SEVERITY_WORDS: Record<string, number> = {
  mindreallvarlig: 1,
  lag: 1,
  lindrig: 1,
  mattlig: 2,
  allvarlig: 3,
  mycketallvarlig: 4,
  katastrofal: 4,
};

/** 1–4 or Swedish words (Mindre allvarlig=1, Måttlig=2, Allvarlig=3, Mycket allvarlig/Katastrofal=4). */
export function parseSeverity(raw: string): number | null | undefined {
  const k = normalizeKey(raw);
  if (!k) return null;
  if (/^[1-4]$/.test(k)) return Number(k);
  const lead = /^([1-4])[a-z]+$/.exec(k); // "3 - Allvarlig"
  if (lead) return Number(lead[1]);
  return SEVERITY_WORDS[k];
}

const STATUS: Record<string, DeviationStatus> = {
  ny: 'ny',
  registrerad: 'ny',
  oppen: 'ny',
  inkommen: 'ny',
  underutredning: 'pagaende',
  pagaende: 'pagaende',
  handlaggs: 'pagaende',
  utreds: 'pagaende',
  besvarad: 'besvarad',
  avslutad: 'avslutad',
  stangd: 'avslutad',
  klar: 'avslutad',
  avslutat: 'avslutad',
};

export function parseStatus(raw: string): DeviationStatus | null | undefined {
  const k = normalizeKey(raw);
  if (!k) return null;
  return STATUS[k];
}

const OUTCOME: Record<string, DisputeOutcome> = {
  enighet: 'enighet',
  ekonomiskreglering: 'ekonomisk_reglering',
  allmandomstol: 'allman_domstol',
  domstol: 'allman_domstol',
  aterkallad: 'aterkallad',
  aterkallat: 'aterkallad',
};

export function parseOutcome(raw: string): DisputeOutcome | null | undefined {
  const k = normalizeKey(raw);
  if (!k) return null;
  return OUTCOME[k];
}

/** 1–3, also "Steg 2". */
export function parseStep(raw: string): 1 | 2 | 3 | null | undefined {
  const k = normalizeKey(raw);
  if (!k) return null;
  const m = /^(?:steg)?([1-3])$/.exec(k);
  if (m) return Number(m[1]) as 1 | 2 | 3;
  return undefined;
}

/** Party type written in a column: Kommun, Region/VGR, Privat/Privat vårdgivare (tolerant). */
export function parsePartyType(raw: string): PartyType | null | undefined {
  const k = normalizeKey(raw);
  if (!k) return null;
  if (k.startsWith('kommun')) return 'kommun';
  if (k.startsWith('region') || k === 'vgr' || k === 'vastragotalandsregionen') return 'region';
  if (k.startsWith('privat')) return 'privat';
  return undefined;
}

/** Words of a name, folded (lower case, no diacritics) and separated by single spaces. */
export function foldWords(s: string): string {
  return ` ${s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9&]+/g, ' ')
    .trim()} `;
}

export interface OrgPattern {
  pattern: string;
  partyType: PartyType;
}

/**
 * Derives a party type from the organisation register (whole-word, case- and diacritic-insensitive
 * match of a known name) and from the name rules ("… kommun", "… stad", "Kommunal hemsjukvård").
 */
export function makePartyDeriver(patterns: OrgPattern[]): (org: string) => PartyType | null {
  const folded = patterns.map((p) => ({ key: foldWords(p.pattern), type: p.partyType })).filter((p) => p.key.trim());
  const cache = new Map<string, PartyType | null>();
  return (org: string) => {
    const hit = cache.get(org);
    if (hit !== undefined) return hit;
    const w = foldWords(org);
    let type: PartyType | null = null;
    for (const p of folded) {
      if (w.includes(p.key)) {
        type = p.type;
        break;
      }
    }
    if (!type && (/ (kommun|kommuns|stad|stads) /.test(w) || w.includes(' kommunal hemsjukvard') || / [a-z]+s kommun/.test(w))) type = 'kommun';
    if (cache.size < 10_000) cache.set(org, type);
    return type;
  };
}

/** A flat copy of a string that does not keep the string it was sliced from alive. */
export function flatCopy(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/**
 * Memoises a pure parser of cell text. Bounded; keys are flat copies, because the CSV parser's
 * cells are slices of its whole input chunk and a kept slice keeps the chunk alive.
 */
export function memoized<T>(fn: (raw: string) => T, limit = 20_000): (raw: string) => T {
  const cache = new Map<string, T>();
  return (raw) => {
    const hit = cache.get(raw);
    if (hit !== undefined || cache.has(raw)) return hit as T;
    const v = fn(raw);
    if (cache.size < limit) cache.set(flatCopy(raw), v);
    return v;
  };
}

// Cells that cleanText would return unchanged (most of them): tested once instead of replaced twice.
const NEEDS_CLEAN_LINE = /[^\S ]| {2}|^ | $/;
const NEEDS_CLEAN_MULTI = /\r|[ \t\u00a0]\n|^\s|\s$/;

/** Trims, turns CRLF into LF and collapses runs of spaces in one-line texts. */
export function cleanText(raw: string, multiline: boolean): string | null {
  if (!raw) return null;
  if (!(multiline ? NEEDS_CLEAN_MULTI : NEEDS_CLEAN_LINE).test(raw)) return raw;
  let s = raw.replace(/\r\n?/g, '\n');
  s = multiline ? s.replace(/[ \t\u00a0]+\n/g, '\n').trim() : s.replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}
