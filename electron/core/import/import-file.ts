/**
 * Import of one deviation or dispute file: header row → mapping (explicit, profile, or proposed)
 * → per row: de-identify every cell, validate, stage → one transaction (upsert.ts) → report.
 *
 * Counting rule: `rows` is the number of data rows below the header row; rows whose cells are
 * all empty or whitespace are not counted (and not stored). For every file
 * rows = inserted + updated + unchanged + quarantined + outsideDelregion + duplicatesInFile.
 */
import type Database from 'better-sqlite3';
import { todayIso } from '../../../shared/dates';
import { defaultSourceSystem, fieldsOf, type ImportCaseKind, type ImportReport, type Mapping } from '../../../shared/domain/import';
import { UserError } from '../errors';
import type { OpenedWorkspace } from '../db/open-workspace';
import { kommunMatcher } from '../workspace/workspace';
import { openTable, type RawRow, type TableInfo, type TableInput, type TableReader } from './read-table';
import { countKnownColumns, displayHeaders, headerSignature, HEADER_MIN_KNOWN, HEADER_SCAN_ROWS, noHeaderError, normalizeHeader, proposeMapping, resolveMapping, type ResolvedMapping } from './mapping';
import { Pseudonymiser, pseudonymiserFor } from './deidentify';
import { makeLookups, recordOf, validateRow, type Lookups, type RowError } from './validate';
import { applyStage } from './upsert';
import { Stage } from './stage';
import { cleanText } from './values';
import { normalizeKommun } from '../../../shared/text';

export interface ProfileRow {
  id: number;
  name: string;
  kind: ImportCaseKind;
  headerSignature: string;
  mapping: Mapping;
  sourceSystem: string;
}

export function profileById(sqlite: Database.Database, id: number): ProfileRow | null {
  const r = sqlite.prepare('SELECT id, name, kind, header_signature, mapping, source_system FROM mapping_profiles WHERE id = ?').get(id) as RawProfile | undefined;
  return r ? toProfile(r) : null;
}
export function profileByName(sqlite: Database.Database, name: string): ProfileRow | null {
  const r = sqlite.prepare('SELECT id, name, kind, header_signature, mapping, source_system FROM mapping_profiles WHERE name = ?').get(name) as RawProfile | undefined;
  return r ? toProfile(r) : null;
}
/** The header signatures of the saved mapping profiles for one kind of case. */
export function profileSignatures(sqlite: Database.Database, kind: ImportCaseKind): Set<string> {
  return new Set(sqlite.prepare('SELECT header_signature FROM mapping_profiles WHERE kind = ?').pluck().all(kind) as string[]);
}

export function profileBySignature(sqlite: Database.Database, kind: ImportCaseKind, signature: string): ProfileRow | null {
  const r = sqlite
    .prepare('SELECT id, name, kind, header_signature, mapping, source_system FROM mapping_profiles WHERE kind = ? AND header_signature = ? ORDER BY updated_at DESC, id DESC LIMIT 1')
    .get(kind, signature) as RawProfile | undefined;
  return r ? toProfile(r) : null;
}
interface RawProfile {
  id: number;
  name: string;
  kind: ImportCaseKind;
  header_signature: string;
  mapping: string;
  source_system: string;
}
function toProfile(r: RawProfile): ProfileRow {
  return { id: r.id, name: r.name, kind: r.kind, headerSignature: r.header_signature, mapping: JSON.parse(r.mapping) as Mapping, sourceSystem: r.source_system };
}

/** Data rows read ahead after the header row to choose between columns that fit one field. */
const SAMPLE_ROWS = 20;

export interface HeaderFound {
  info: TableInfo;
  headerRowNumber: number;
  headers: string[];
  /** The first data rows (up to SAMPLE_ROWS), for choosing between columns that fit one field; `rest` yields them again. */
  sample: string[][];
  /** Continues after the header row. */
  rest: AsyncIterator<RawRow>;
  close(): Promise<void>;
}

/** Opens the table and reads up to (and including) the header row. */
export async function findHeader(
  input: TableInput,
  fileName: string,
  kind: ImportCaseKind,
  opts: { sheet?: string; profileHeaders?: string[]; profileSignatures?: ReadonlySet<string>; signal?: AbortSignal },
): Promise<HeaderFound> {
  const extra = opts.profileHeaders ? new Set(opts.profileHeaders.map(normalizeHeader).filter(Boolean)) : undefined;
  const isHeader = (cells: string[]) =>
    countKnownColumns(kind, cells, extra) >= HEADER_MIN_KNOWN || (!!opts.profileSignatures?.size && opts.profileSignatures.has(headerSignature(displayHeaders(cells))));
  const first = await openTable(input, fileName, opts.sheet ? { sheet: opts.sheet } : undefined);
  const found = await scanForHeader(first, isHeader, opts.signal);
  if (found) return found;
  // CSV: the separator is detected from how consistently it splits the first records; irregular
  // rows (a stray ";" in a text, a missing last field) together with commas in organisation names
  // can make "," win although the header row is clearly ";"-separated. The header row decides.
  if (first.info.format === 'csv') {
    for (const separator of [';', '\t', ','] as const) {
      if (separator === first.info.separator) continue;
      const again = await scanForHeader(await openTable(input, fileName, { separator }), isHeader, opts.signal);
      if (again) return again;
    }
  }
  throw noHeaderError(fileName, kind);
}

/**
 * The header row: the first row (of HEADER_SCAN_ROWS) with enough known column names (aliases, the
 * chosen profile's headers), or exactly the header set of a saved mapping profile (IMPORT.md: a
 * profile is re-used automatically when its header set is seen again, however unusual its names).
 */
async function scanForHeader(reader: TableReader, isHeader: (cells: string[]) => boolean, signal: AbortSignal | undefined): Promise<HeaderFound | null> {
  const it = reader.rows(signal)[Symbol.asyncIterator]();
  const close = async () => {
    try {
      await it.return?.();
    } catch {
      /* already closed */
    }
  };
  try {
    for (let scanned = 0; scanned < HEADER_SCAN_ROWS; scanned++) {
      const n = await it.next();
      if (n.done) break;
      if (isHeader(n.value.cells)) {
        const buffered: RawRow[] = [];
        let done = false;
        while (buffered.length < SAMPLE_ROWS) {
          const r = await it.next();
          if (r.done) {
            done = true;
            break;
          }
          buffered.push({ rowNumber: r.value.rowNumber, cells: [...r.value.cells] });
        }
        const sample = buffered.map((r) => [...r.cells]);
        let i = 0;
        const rest: AsyncIterator<RawRow> = {
          next: async () => (i < buffered.length ? { done: false, value: buffered[i++]! } : done ? { done: true, value: undefined } : it.next()),
          return: async (v?: unknown) => (it.return ? it.return(v) : { done: true, value: undefined }),
        };
        return { info: reader.info, headerRowNumber: n.value.rowNumber, headers: displayHeaders(n.value.cells), sample, rest, close };
      }
    }
  } catch (e) {
    await close();
    throw e;
  }
  await close();
  return null;
}

export interface MappingChoice {
  mapping: Mapping;
  profile: ProfileRow | null;
  /** The profile was picked automatically by the header signature. */
  auto: boolean;
}

/** Explicit mapping > named/id profile > profile with the same header set > aliases (with the first rows as tie-break). */
export function chooseMapping(
  sqlite: Database.Database,
  kind: ImportCaseKind,
  headers: string[],
  explicit: Mapping | undefined,
  profile: ProfileRow | null,
  sample: readonly string[][] = [],
): MappingChoice {
  if (explicit) return { mapping: explicit, profile, auto: false };
  if (profile) return { mapping: profile.mapping, profile, auto: false };
  const found = profileBySignature(sqlite, kind, headerSignature(headers));
  if (found) return { mapping: found.mapping, profile: found, auto: true };
  return { mapping: proposeMapping(kind, headers, sample), profile: null, auto: false };
}

function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
}

// A combining mark (a decomposed å, ä, ö as some systems and macOS write them).
const COMBINING = /[\u0300-\u036f]/;

/**
 * Cells in composed form (NFC), in place: the same text written decomposed is the same value
 * (an unchanged re-import stays unchanged, names match the register).
 */
export function composed(cells: string[]): string[] {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (COMBINING.test(c)) cells[i] = c.normalize('NFC');
  }
  return cells;
}

/** The row processor shared by import, preview and quarantine fixes. */
export class RowProcessor {
  constructor(
    readonly kind: ImportCaseKind,
    readonly map: ResolvedMapping,
    readonly headers: string[],
    readonly lookups: Lookups,
    readonly pseudo: Pseudonymiser,
    /** CSV: a row with values beyond the header's columns is quarantined (a separator inside an unquoted text shifts the columns). */
    readonly separator: string | null = null,
  ) {}

  process(row: RawRow) {
    const cells = this.pseudo.cleanCells(composed(row.cells)); // the reader hands out a fresh array per row
    let outcome = validateRow(this.kind, row.rowNumber, cells, this.map, this.lookups);
    if (this.separator !== null && cells.length > this.headers.length) {
      const extra = this.extraFields(row.rowNumber, cells);
      if (extra) outcome = { kind: 'quarantine', errors: [...(outcome.kind === 'quarantine' ? outcome.errors : []), extra] };
    }
    const idIdx = this.map.index.external_id!;
    const id = idIdx >= 0 ? cleanText(cells[idIdx] ?? '', false) : null;
    return { cells, outcome, externalId: id };
  }

  private extraFields(rowNumber: number, cells: string[]): RowError | null {
    const n = this.headers.length;
    let last = cells.length - 1;
    while (last >= n && cells[last]!.trim() === '') last--;
    if (last < n) return null; // only empty fields after the last column (a trailing separator)
    const extra = cells.slice(n, last + 1).join(this.separator!);
    const shown = extra.length > 80 ? `${extra.slice(0, 77)}…` : extra;
    const sep = this.separator === '\t' ? 'tabb' : `"${this.separator}"`;
    return {
      field: '',
      column: `Kolumn ${n + 1}`,
      value: extra,
      message:
        `Rad ${rowNumber}: raden har ${last + 1} fält men rubrikraden ${n}, så värdena hamnar i fel kolumner; "${shown}" hör inte till någon kolumn. ` +
        `Troligen står ett ${sep} i en text utan citattecken – rätta raden i karantänen eller i källfilen.`,
    };
  }

  rawObject(cells: string[]): Record<string, string> {
    const o: Record<string, string> = {};
    const n = Math.max(cells.length, this.headers.length);
    for (let i = 0; i < n; i++) {
      const h = this.headers[i] ?? `Kolumn ${i + 1}`;
      o[h] = cells[i] ?? '';
    }
    return o;
  }
}

/**
 * The workspace's tolerant kommun matcher, retried without a trailing "kommun"/"stad" word and
 * without a genitive s, so names that themselves end in "stad" (Mariestad, Strömstad) also
 * match as "Mariestads kommun" or "MARIESTAD KOMMUN".
 */
/**
 * Kommuner outside the county's agreement that exports still name (DOMAIN.md: Kungsbacka belongs
 * to Halland): recognised, so their rows count as outside the delregion instead of being
 * quarantined as an unknown kommun.
 */
const OUTSIDE_AGREEMENT = [{ code: '1384', name: 'Kungsbacka' }] as const;

export function tolerantKommunMatcher(ws: OpenedWorkspace): Lookups['matchKommun'] {
  const county = kommunMatcher(ws);
  const outside = new Map<string, { code: string; name: string }>(OUTSIDE_AGREEMENT.map((k) => [normalizeKommun(k.name), k]));
  const base = (raw: string) => county(raw) ?? outside.get(normalizeKommun(raw)) ?? null;
  const cache = new Map<string, { code: string; name: string } | null>();
  return (raw) => {
    const hit = cache.get(raw);
    if (hit !== undefined) return hit;
    let found = base(raw);
    if (!found) {
      const stripped = raw.trim().replace(/[\s,]+(kommun|stad)$/i, '');
      if (stripped !== raw.trim()) found = base(stripped) ?? (/s$/i.test(stripped) ? base(stripped.slice(0, -1)) : null);
    }
    if (cache.size < 10_000) cache.set(raw, found);
    return found;
  };
}

export function lookupsFor(ws: OpenedWorkspace, now: Date): Lookups {
  return makeLookups(ws.sqlite, todayIso(now), tolerantKommunMatcher(ws));
}

export interface ImportFileOptions {
  kind: ImportCaseKind;
  mapping?: Mapping;
  profileId?: number;
  profileName?: string;
  sourceSystem?: string;
  sheet?: string;
  saveProfileAs?: string;
  now?: Date;
  signal?: AbortSignal;
  onProgress?: (p: { rowsDone: number; message: string }) => void;
  /** Rows staged per synchronous chunk before yielding to the event loop. */
  chunkRows?: number;
  /** Count rows already stored with the same content without staging them (default true; tests compare both ways). */
  unchangedFastPath?: boolean;
}

function userNameOf(sqlite: Database.Database): string {
  return (sqlite.prepare('SELECT user_name FROM workspace WHERE id = 1').pluck().get() as string | undefined) ?? '';
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/** Imports one file (all-or-nothing). Throws UserError when the file is refused as a whole. */
export async function importFile(ws: OpenedWorkspace, input: TableInput, fileName: string, opts: ImportFileOptions): Promise<ImportReport> {
  const { kind, signal } = opts;
  const sqlite = ws.sqlite;
  const now = opts.now ?? new Date();
  let profile: ProfileRow | null = null;
  if (opts.profileId != null) {
    profile = profileById(sqlite, opts.profileId);
    if (!profile) throw new UserError(`Kopplingsprofilen med id ${opts.profileId} finns inte.`, 'NOT_FOUND');
  } else if (opts.profileName) {
    profile = profileByName(sqlite, opts.profileName);
    if (!profile) throw new UserError(`Kopplingsprofilen "${opts.profileName}" finns inte i arbetsytan.`, 'NOT_FOUND');
  }
  if (profile && profile.kind !== kind) {
    throw new UserError(`Kopplingsprofilen "${profile.name}" gäller ${profile.kind === 'deviations' ? 'avvikelser' : 'tvister'}, inte ${kind === 'deviations' ? 'avvikelser' : 'tvister'}.`);
  }
  opts.onProgress?.({ rowsDone: 0, message: `Läser ${fileName} …` });
  const findOpts = {
    sheet: opts.sheet,
    profileSignatures: profileSignatures(sqlite, kind),
    profileHeaders: profile ? (Object.values(profile.mapping).filter(Boolean) as string[]) : opts.mapping ? (Object.values(opts.mapping).filter(Boolean) as string[]) : undefined,
    signal,
  };
  let head = await findHeader(input, fileName, kind, findOpts);
  let stage: Stage | null = null;
  try {
    // The first pass counts unchanged rows without staging them (Stage's fast path). If another
    // write reached the workspace meanwhile, those counts may be stale: the file is staged again
    // in full (rare: another import, a quarantine fix … during this import's staging).
    for (let fast = opts.unchangedFastPath ?? true; ; fast = false) {
      const choice = chooseMapping(sqlite, kind, head.headers, opts.mapping, profile, head.sample);
      const resolved = resolveMapping(kind, head.headers, choice.mapping, fileName);
      const sourceSystem = (opts.sourceSystem?.trim() || choice.profile?.sourceSystem || defaultSourceSystem[kind]).trim();
      const pseudo = pseudonymiserFor(sqlite);
      const proc = new RowProcessor(kind, resolved, head.headers, lookupsFor(ws, now), pseudo, head.info.separator ?? null);
      stage = new Stage(sqlite, kind, fast ? { sourceSystem } : {});
      const chunk = opts.chunkRows ?? 2000;
      const duplicates: ImportReport['duplicates'] = [];
      let duplicateCount = 0;
      let rows = 0;
      for (;;) {
        const n = await head.rest.next();
        if (n.done) break;
        const raw = n.value;
        if (isBlank(raw.cells)) continue;
        rows++;
        const { cells, outcome, externalId } = proc.process(raw);
        const earlier = stage.add(externalId, raw.rowNumber, outcome, outcome.kind === 'quarantine' ? proc.rawObject(cells) : null);
        if (earlier !== undefined) {
          duplicateCount++;
          if (duplicates.length < 1000) {
            duplicates.push({
              row: earlier,
              externalId: externalId!,
              message: `Rad ${earlier}: ärendet ${externalId} förekommer igen på rad ${raw.rowNumber} i samma fil; den senare raden gäller.`,
            });
          }
        }
        if (stage.pendingCount >= chunk) {
          stage.flush();
          if (stage.stale) break;
          opts.onProgress?.({ rowsDone: rows, message: `Läser rad ${rows.toLocaleString('sv-SE')} …` });
          await yieldToLoop();
          signal?.throwIfAborted();
        }
      }
      stage.flush();
      signal?.throwIfAborted();
      if (!stage.stale) opts.onProgress?.({ rowsDone: rows, message: 'Sparar …' });
      // Everything below is synchronous: one transaction, no await until the report is returned.
      // BEGIN IMMEDIATE: the Stage checks for other writes since its last chunk with the write lock
      // held, then applyStage runs inside the same transaction (as a savepoint).
      const staged = stage;
      const apply = () =>
        applyStage(sqlite, staged, {
          kind,
          sourceSystem,
          fileName,
          fileSize: head.info.size,
          sha256: head.info.sha256,
          nowIso: now.toISOString(),
          today: todayIso(now),
          userName: userNameOf(sqlite),
          rows,
          duplicatesInFile: duplicateCount,
          duplicates,
          pseudonymised: pseudo.count,
          unmappedColumns: resolved.unmappedColumns,
          mapping: resolved.mapping,
          headerRowNumber: head.headerRowNumber,
          format: head.info.format,
          encoding: head.info.encoding,
          sheet: head.info.sheet,
          profile: choice.profile ? { id: choice.profile.id, name: choice.profile.name } : null,
          saveProfile: opts.saveProfileAs?.trim() ? { name: opts.saveProfileAs.trim(), headerSignature: headerSignature(head.headers) } : null,
        });
      const report = staged.stale ? null : sqlite.transaction(() => (staged.verify() ? apply() : null)).immediate();
      if (!report) {
        // The workspace changed while rows were counted as unchanged without staging them.
        stage.drop();
        stage = null;
        await head.close();
        opts.onProgress?.({ rowsDone: 0, message: `Arbetsytan ändrades under importen; läser ${fileName} igen …` });
        head = await findHeader(input, fileName, kind, findOpts);
        continue;
      }
      stage.drop();
      stage = null;
      return report;
    }
  } finally {
    stage?.drop();
    await head.close();
  }
}

export interface SampleRow {
  row: number;
  status: 'ok' | 'quarantine' | 'outside';
  /** Canonical values as they will be stored (ok rows). */
  values: Record<string, string | number | null>;
  /** De-identified cells by header. */
  raw: Record<string, string>;
  errors: RowError[];
  outsideKommun: string | null;
}

export interface PreviewResult {
  info: TableInfo;
  headerRowNumber: number;
  headers: string[];
  proposedMapping: Mapping;
  fields: { field: string; label: string; required: boolean }[];
  matchedProfile: { id: number; name: string } | null;
  sampleRows: SampleRow[];
  /** The first data row's cells by header, de-identified: examples for the mapping even before it is complete. */
  firstRaw: Record<string, string> | null;
  /** The latest import of a file with the same bytes (SHA-256), if any. */
  alreadyImported: { batchId: number; fileName: string; importedAt: string } | null;
  problems: string[];
}

/** Reads the header and the first rows; writes nothing. */
export async function previewFile(
  ws: OpenedWorkspace,
  input: TableInput,
  fileName: string,
  opts: { kind: ImportCaseKind; sheet?: string; profileId?: number; mapping?: Mapping; now?: Date; sampleSize?: number },
): Promise<PreviewResult> {
  const { kind } = opts;
  let profile: ProfileRow | null = null;
  if (opts.profileId != null) {
    profile = profileById(ws.sqlite, opts.profileId);
    if (!profile) throw new UserError(`Kopplingsprofilen med id ${opts.profileId} finns inte.`, 'NOT_FOUND');
  }
  const head = await findHeader(input, fileName, kind, {
    sheet: opts.sheet,
    profileHeaders: profile ? (Object.values(profile.mapping).filter(Boolean) as string[]) : undefined,
    profileSignatures: profileSignatures(ws.sqlite, kind),
  });
  try {
    const choice = chooseMapping(ws.sqlite, kind, head.headers, opts.mapping, profile, head.sample);
    const problems: string[] = [];
    const proposed: Mapping = {};
    for (const f of fieldsOf(kind)) {
      const h = choice.mapping[f.field];
      proposed[f.field] = h && head.headers.includes(h) ? h : h ? (head.headers.find((x) => normalizeHeader(x) === normalizeHeader(h)) ?? null) : null;
      if (h && !proposed[f.field]) problems.push(`Kolumnen "${h}" i kopplingsprofilen finns inte i filen.`);
      if (f.required && !proposed[f.field]) problems.push(`Det obligatoriska fältet ${f.label} är inte kopplat till någon kolumn.`);
    }
    for (const [f, side] of [
      ['reporting_party_type', 'rapporterande'],
      ['receiving_party_type', 'mottagande'],
    ] as const) {
      if (kind === 'deviations' && !proposed[f]) problems.push(`Filen saknar kolumn för ${side} huvudman; den härleds ur organisationsnamnet, och rader där det inte går hamnar i karantän.`);
    }
    const sampleRows: SampleRow[] = [];
    let resolved: ResolvedMapping | null = null;
    try {
      resolved = resolveMapping(kind, head.headers, proposed, fileName);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
    }
    let firstRaw: Record<string, string> | null = null;
    if (!resolved) {
      // no rows can be checked yet, but the analyst needs the values to choose the columns
      for (;;) {
        const n = await head.rest.next();
        if (n.done) break;
        if (isBlank(n.value.cells)) continue;
        const cells = pseudonymiserFor(ws.sqlite).cleanCells([...n.value.cells]);
        firstRaw = Object.fromEntries(head.headers.map((h, i) => [h, cells[i] ?? '']));
        break;
      }
    }
    if (resolved) {
      const proc = new RowProcessor(kind, resolved, head.headers, lookupsFor(ws, opts.now ?? new Date()), pseudonymiserFor(ws.sqlite), head.info.separator ?? null);
      while (sampleRows.length < (opts.sampleSize ?? 10)) {
        const n = await head.rest.next();
        if (n.done) break;
        if (isBlank(n.value.cells)) continue;
        const { outcome, cells } = proc.process(n.value);
        sampleRows.push({
          row: n.value.rowNumber,
          status: outcome.kind,
          values: outcome.kind === 'ok' ? recordOf(kind, outcome.values) : {},
          raw: proc.rawObject(cells),
          errors: outcome.kind === 'quarantine' ? outcome.errors : [],
          outsideKommun: outcome.kind === 'outside' ? outcome.kommun : null,
        });
      }
    }
    return {
      info: head.info,
      headerRowNumber: head.headerRowNumber,
      headers: head.headers,
      proposedMapping: proposed,
      fields: fieldsOf(kind).map((f) => ({ field: f.field, label: f.label, required: f.required })),
      matchedProfile: choice.profile ? { id: choice.profile.id, name: choice.profile.name } : null,
      sampleRows,
      firstRaw: firstRaw ?? sampleRows[0]?.raw ?? null,
      alreadyImported:
        (ws.sqlite
          .prepare('SELECT id AS batchId, file_name AS fileName, imported_at AS importedAt FROM import_batches WHERE sha256 = ? AND kind = ? ORDER BY id DESC LIMIT 1')
          .get(head.info.sha256, kind) as { batchId: number; fileName: string; importedAt: string } | undefined) ?? null,
      problems,
    };
  } finally {
    await head.close();
  }
}
