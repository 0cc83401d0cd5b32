/**
 * Column mapping: header normalisation, alias matching, header-row detection, header signature
 * (for automatic reuse of mapping profiles) and resolving a mapping to column indexes.
 */
import { normalizeKey } from '../../../shared/text';
import { fieldsOf, type ImportCaseKind, type Mapping } from '../../../shared/domain/import';
import { UserError } from '../errors';
import { parseDate } from './values';

/** Case/space/punctuation/diacritic-insensitive key of a header. */
export const normalizeHeader = (h: string): string => normalizeKey(h ?? '');

const aliasIndex = new Map<ImportCaseKind, Map<string, string>>();

/** normalised alias → field, for one kind (the field code itself is also an alias). */
export function aliasMap(kind: ImportCaseKind): Map<string, string> {
  let m = aliasIndex.get(kind);
  if (!m) {
    m = new Map();
    for (const f of fieldsOf(kind)) {
      for (const a of [...f.aliases, f.field]) {
        const k = normalizeHeader(a);
        if (!m.has(k)) m.set(k, f.field);
      }
    }
    aliasIndex.set(kind, m);
  }
  return m;
}

/** How many distinct known fields the cells of a row map to. */
export function countKnownColumns(kind: ImportCaseKind, cells: string[], extraHeaders?: Set<string>): number {
  const aliases = aliasMap(kind);
  const seen = new Set<string>();
  for (const c of cells) {
    const k = normalizeHeader(c);
    if (!k) continue;
    const f = aliases.get(k);
    if (f) seen.add(f);
    else if (extraHeaders?.has(k)) seen.add(`#${k}`);
  }
  return seen.size;
}

/** A header row is the first row that maps at least three known columns. */
export const HEADER_MIN_KNOWN = 3;
/** Rows scanned for the header before giving up. */
export const HEADER_SCAN_ROWS = 200;

export function noHeaderError(fileName: string, kind: ImportCaseKind): UserError {
  const examples = kind === 'deviations' ? 'Ärendenummer, Registreringsdatum, Kommun' : 'Ärendenummer, Startdatum, Part 1';
  return new UserError(
    `Filen ${fileName} har ingen rad som ser ut som en rubrikrad (minst tre kända kolumnrubriker, t.ex. ${examples}); ingenting har sparats.`,
  );
}

/** Display names of the header cells: empty headers become "Kolumn N"; duplicates get " (2)". */
export function displayHeaders(cells: string[]): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  cells.forEach((c, i) => {
    let h = (c ?? '').replace(/\s+/g, ' ').trim();
    if (!h) h = `Kolumn ${i + 1}`;
    let name = h;
    for (let n = 2; used.has(name); n++) name = `${h} (${n})`;
    used.add(name);
    out.push(name);
  });
  return out;
}

/** Sorted normalised header set: the key for automatic reuse of a mapping profile. */
export function headerSignature(headers: string[]): string {
  return [...new Set(headers.map(normalizeHeader).filter(Boolean))].sort().join('|');
}

/** The proposed mapping from the aliases: {field → header | null}; first matching column wins. */
/**
 * Proposes {field → header} from the aliases. When several columns fit one field, a date field
 * takes the column whose first rows (`sample`, cells by column) hold the most readable dates (an
 * export with a yes/no column "Besvarad" next to the date column "Svarsdatum"); otherwise, and on
 * a tie, the column whose alias comes first in the field's list (IMPORT.md's order), then the
 * leftmost.
 */
export function proposeMapping(kind: ImportCaseKind, headers: string[], sample: readonly string[][] = []): Mapping {
  const aliases = aliasMap(kind);
  const mapping: Mapping = {};
  const best: Record<string, { dates: number; rank: number }> = {};
  for (const f of fieldsOf(kind)) mapping[f.field] = null;
  headers.forEach((h, col) => {
    const key = normalizeHeader(h);
    const f = aliases.get(key);
    if (!f) return;
    const score = { dates: f.endsWith('_at') ? readableDates(sample, col) : 0, rank: aliasRank(kind, f, key) };
    const cur = best[f];
    if (!cur || score.dates > cur.dates || (score.dates === cur.dates && score.rank < cur.rank)) {
      mapping[f] = h;
      best[f] = score;
    }
  });
  return mapping;
}

function readableDates(sample: readonly string[][], col: number): number {
  let n = 0;
  for (const cells of sample) if (typeof parseDate(cells[col] ?? '') === 'string') n++;
  return n;
}

/** Position of a (normalised) alias in its field's list; the field's own name comes last. */
function aliasRank(kind: ImportCaseKind, field: string, key: string): number {
  const f = fieldsOf(kind).find((x) => x.field === field)!;
  const list = [...f.aliases, f.field].map(normalizeHeader);
  const i = list.indexOf(key);
  return i < 0 ? list.length : i;
}

export interface ResolvedMapping {
  /** field → column index (or -1 when not mapped) */
  index: Record<string, number>;
  /** field → header name ('' when not mapped) */
  header: Record<string, string>;
  unmappedColumns: string[];
  mapping: Mapping;
}

/**
 * Resolves {field → header} against the file's headers (exact name first, then normalised).
 * Unknown fields or headers and missing required fields are UserErrors naming them.
 */
export function resolveMapping(kind: ImportCaseKind, headers: string[], mapping: Mapping, fileName: string): ResolvedMapping {
  const fields = fieldsOf(kind);
  const known = new Set(fields.map((f) => f.field));
  for (const f of Object.keys(mapping)) {
    if (!known.has(f)) throw new UserError(`Kopplingen nämner fältet "${f}", som inte finns för ${kind === 'deviations' ? 'avvikelser' : 'tvister'}.`, 'BAD_INPUT');
  }
  const index: Record<string, number> = {};
  const header: Record<string, string> = {};
  const used = new Set<number>();
  const clean: Mapping = {};
  for (const f of fields) {
    const h = mapping[f.field];
    let idx = -1;
    if (h != null && h !== '') {
      idx = headers.indexOf(h);
      if (idx < 0) {
        const k = normalizeHeader(h);
        idx = headers.findIndex((x) => normalizeHeader(x) === k);
      }
      if (idx < 0) throw new UserError(`Kolumnen "${h}" som fältet ${f.label} är kopplat till finns inte i filen ${fileName}.`);
    }
    if (idx < 0 && f.required) {
      throw new UserError(`Filen ${fileName} saknar en kolumn för det obligatoriska fältet ${f.label} (${f.field}); koppla en kolumn till fältet och försök igen.`);
    }
    index[f.field] = idx;
    header[f.field] = idx >= 0 ? headers[idx]! : '';
    clean[f.field] = idx >= 0 ? headers[idx]! : null;
    if (idx >= 0) used.add(idx);
  }
  const unmappedColumns = headers.filter((h, i) => !used.has(i) && !/^Kolumn \d+$/.test(h));
  return { index, header, unmappedColumns, mapping: clean };
}
