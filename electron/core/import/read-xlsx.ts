/**
 * XLSX reader: our own zip central-directory reader (limits checked before inflating),
 * fflate's streaming Inflate (actual inflated bytes counted while inflating) and saxes
 * (streaming SAX) for workbook.xml, its rels, sharedStrings.xml, styles.xml and the sheet.
 * Only the compressed file is read with random access (from disk for a path input); the
 * sheet XML is never held whole in memory. See read-table.ts for the row contract: rows are
 * the sheet's `<row>` elements with their `r` number; rows absent from the XML or whose
 * cells are all empty are not yielded.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Inflate } from 'fflate';
import { SaxesParser } from 'saxes';
import { UserError } from '../errors';
import { sha256Of, type RawRow, type TableInfo, type TableInput, type TableReader } from './read-table';

const MB = 1024 * 1024;
/** Largest XLSX file (compressed) we accept. */
export const MAX_XLSX_COMPRESSED_BYTES = 100 * MB;
/** Most entries in the zip. */
export const MAX_ZIP_ENTRIES = 10_000;
/** Most uncompressed bytes over all entries (declared, and actually inflated). */
export const MAX_ZIP_TOTAL_UNCOMPRESSED_BYTES = 1024 * MB;
/** Most uncompressed bytes of a single entry (declared, and actually inflated). */
export const MAX_ZIP_ENTRY_UNCOMPRESSED_BYTES = 500 * MB;
/** Highest uncompressed/compressed ratio of an entry bigger than ZIP_RATIO_THRESHOLD_BYTES. */
export const MAX_ZIP_COMPRESSION_RATIO = 200;
export const ZIP_RATIO_THRESHOLD_BYTES = 1 * MB;

export interface ZipLimits {
  maxCompressedBytes: number;
  maxEntries: number;
  maxTotalUncompressed: number;
  maxEntryUncompressed: number;
  maxRatio: number;
  ratioThreshold: number;
}

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxCompressedBytes: MAX_XLSX_COMPRESSED_BYTES,
  maxEntries: MAX_ZIP_ENTRIES,
  maxTotalUncompressed: MAX_ZIP_TOTAL_UNCOMPRESSED_BYTES,
  maxEntryUncompressed: MAX_ZIP_ENTRY_UNCOMPRESSED_BYTES,
  maxRatio: MAX_ZIP_COMPRESSION_RATIO,
  ratioThreshold: ZIP_RATIO_THRESHOLD_BYTES,
});

/** Compressed bytes handed to the inflater at a time (bounds one inflated chunk to ~16 MB). */
const INFLATE_INPUT_CHUNK = 16 * 1024;

export interface XlsxReadOptions {
  sheet?: string;
  /** For tests: lower limits. */
  limits?: Partial<ZipLimits>;
}

// ---------------------------------------------------------------------------------------------
// Byte source: random access over the bytes or the file on disk

interface ByteSource {
  size: number;
  read(pos: number, len: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

async function openSource(input: TableInput): Promise<ByteSource> {
  if ('bytes' in input) {
    const b = input.bytes;
    return {
      size: b.length,
      read: async (pos, len) => b.subarray(pos, Math.min(b.length, pos + len)),
      close: async () => {},
    };
  }
  const fh: FileHandle = await open(input.path, 'r');
  const { size } = await fh.stat();
  return {
    size,
    read: async (pos, len) => {
      const n = Math.max(0, Math.min(len, size - pos));
      const buf = new Uint8Array(n);
      let got = 0;
      while (got < n) {
        const { bytesRead } = await fh.read(buf, got, n - got, pos + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return buf.subarray(0, got);
    },
    close: () => fh.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// Zip central directory

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

class Refusal {
  constructor(private readonly fileName: string) {}
  bomb(): UserError {
    return new UserError(
      `Filen ${this.fileName} avvisades: den packas upp till orimligt mycket data och kan vara en så kallad zip-bomb.`,
    );
  }
  corrupt(): UserError {
    return new UserError(`Filen ${this.fileName} är skadad och kan inte läsas som Excel-arbetsbok.`);
  }
  doctype(): UserError {
    return new UserError(
      `Filen ${this.fileName} avvisades: den innehåller en DOCTYPE-deklaration, vilket en vanlig Excel-arbetsbok aldrig gör.`,
    );
  }
  notWorkbook(): UserError {
    return new UserError(
      `Filen ${this.fileName} är ett zip-arkiv men ingen Excel-arbetsbok (xl/workbook.xml saknas).`,
    );
  }
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;

async function readCentralDirectory(
  src: ByteSource,
  limits: ZipLimits,
  refuse: Refusal,
): Promise<Map<string, ZipEntry>> {
  // End of central directory: 22 bytes + a comment of at most 65535 bytes, at the very end.
  const tailLen = Math.min(src.size, 22 + 65535);
  const tail = await src.read(src.size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw refuse.corrupt();
  let count = u16(tail, eocd + 10);
  let cdSize = u32(tail, eocd + 12);
  let cdOffset = u32(tail, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // Zip64: the locator sits right before the EOCD record.
    const locPos = src.size - tailLen + eocd - 20;
    if (locPos < 0) throw refuse.corrupt();
    const loc = await src.read(locPos, 20);
    if (u32(loc, 0) !== 0x07064b50) throw refuse.corrupt();
    const z64 = await src.read(u64(loc, 8), 56);
    if (z64.length < 56 || u32(z64, 0) !== 0x06064b50) throw refuse.corrupt();
    count = u64(z64, 32);
    cdSize = u64(z64, 40);
    cdOffset = u64(z64, 48);
  }
  if (count > limits.maxEntries) throw refuse.bomb();
  if (cdOffset + cdSize > src.size) throw refuse.corrupt();
  const cd = await src.read(cdOffset, cdSize);

  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder('utf-8');
  let total = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || u32(cd, p) !== 0x02014b50) throw refuse.corrupt();
    const flags = u16(cd, p + 8);
    const method = u16(cd, p + 10);
    let compressedSize = u32(cd, p + 20);
    let uncompressedSize = u32(cd, p + 24);
    const nameLen = u16(cd, p + 28);
    const extraLen = u16(cd, p + 30);
    const commentLen = u16(cd, p + 32);
    let localOffset = u32(cd, p + 42);
    if (p + 46 + nameLen + extraLen > cd.length) throw refuse.corrupt();
    const name = names.decode(cd.subarray(p + 46, p + 46 + nameLen));
    // Zip64 extended information extra field.
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = u16(cd, e);
      const len = u16(cd, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + len) (uncompressedSize = u64(cd, q)), (q += 8);
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) (compressedSize = u64(cd, q)), (q += 8);
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) localOffset = u64(cd, q);
      }
      e += 4 + len;
    }
    p += 46 + nameLen + extraLen + commentLen;

    if (uncompressedSize > limits.maxEntryUncompressed) throw refuse.bomb();
    total += uncompressedSize;
    if (total > limits.maxTotalUncompressed) throw refuse.bomb();
    if (uncompressedSize > limits.ratioThreshold && uncompressedSize > limits.maxRatio * compressedSize) {
      throw refuse.bomb();
    }
    if (!entries.has(name)) {
      entries.set(name, { name, method, flags, compressedSize, uncompressedSize, localOffset });
    }
  }
  return entries;
}

/** Actual inflated bytes, across every entry inflated for one reader pass. */
interface InflateBudget {
  total: number;
}

/** Inflate one entry as a stream of chunks, counting the real output against the limits. */
async function* inflateEntry(
  src: ByteSource,
  entry: ZipEntry,
  limits: ZipLimits,
  budget: InflateBudget,
  refuse: Refusal,
): AsyncGenerator<Uint8Array> {
  if (entry.flags & 0x1) throw refuse.corrupt(); // encrypted entry
  const local = await src.read(entry.localOffset, 30);
  if (local.length < 30 || u32(local, 0) !== 0x04034b50) throw refuse.corrupt();
  const dataStart = entry.localOffset + 30 + u16(local, 26) + u16(local, 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > src.size) throw refuse.corrupt();

  let actual = 0;
  const count = (n: number) => {
    actual += n;
    budget.total += n;
    if (
      actual > entry.uncompressedSize || // the declared size lied
      actual > limits.maxEntryUncompressed ||
      budget.total > limits.maxTotalUncompressed ||
      (actual > limits.ratioThreshold && actual > limits.maxRatio * entry.compressedSize)
    ) {
      throw refuse.bomb();
    }
  };

  if (entry.method === 0) {
    for (let pos = dataStart; pos < dataEnd; pos += INFLATE_INPUT_CHUNK) {
      const chunk = await src.read(pos, Math.min(INFLATE_INPUT_CHUNK, dataEnd - pos));
      count(chunk.length);
      yield chunk;
    }
    return;
  }
  if (entry.method !== 8) throw refuse.corrupt();

  const out: Uint8Array[] = [];
  const inflater = new Inflate((chunk) => {
    count(chunk.length);
    if (chunk.length) out.push(chunk);
  });
  if (entry.compressedSize === 0) throw refuse.corrupt();
  for (let pos = dataStart; pos < dataEnd; pos += INFLATE_INPUT_CHUNK) {
    const len = Math.min(INFLATE_INPUT_CHUNK, dataEnd - pos);
    const chunk = await src.read(pos, len);
    try {
      inflater.push(chunk, pos + len >= dataEnd);
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw refuse.corrupt();
    }
    while (out.length) yield out.shift()!;
  }
}

// ---------------------------------------------------------------------------------------------
// XML over saxes

type SaxHandlers = {
  open?: (local: string, attrs: Record<string, string>) => void;
  close?: (local: string) => void;
  text?: (t: string) => void;
};

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

function makeSax(h: SaxHandlers, refuse: Refusal): SaxesParser<{ position: false }> {
  const parser = new SaxesParser({ position: false });
  parser.on('doctype', () => {
    throw refuse.doctype();
  });
  parser.on('error', () => {
    throw refuse.corrupt();
  });
  if (h.open) {
    const open = h.open;
    parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes as Record<string, string>));
  }
  if (h.close) {
    const close = h.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  if (h.text) {
    parser.on('text', h.text);
    parser.on('cdata', h.text);
  }
  return parser;
}

/** Parse one XML entry completely (workbook, rels, shared strings, styles). */
async function parseXmlEntry(
  src: ByteSource,
  entry: ZipEntry,
  h: SaxHandlers,
  ctx: ZipContext,
): Promise<void> {
  const parser = makeSax(h, ctx.refuse);
  const dec = new TextDecoder('utf-8');
  try {
    for await (const chunk of inflateEntry(src, entry, ctx.limits, ctx.budget, ctx.refuse)) {
      parser.write(dec.decode(chunk, { stream: true }));
    }
    parser.write(dec.decode());
    parser.close();
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw ctx.refuse.corrupt();
  }
}

interface ZipContext {
  limits: ZipLimits;
  budget: InflateBudget;
  refuse: Refusal;
}

// ---------------------------------------------------------------------------------------------
// Workbook parts

interface SheetRef {
  name: string;
  rid: string;
  hidden: boolean;
}

function relsPathFor(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function resolveTarget(baseDir: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : baseDir + target;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** Built-in number formats that are dates/times. */
function isBuiltinDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

/** A custom format code is a date/time when it has d, m, y or h outside quotes, brackets and escapes. */
export function isDateFormatCode(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      if (end < 0) return false;
      i = end;
    } else if (ch === '[') {
      const end = code.indexOf(']', i + 1);
      if (end < 0) return false;
      i = end;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      i++; // escaped / padding / fill character
    } else {
      const c = ch.toLowerCase();
      if (c === 'd' || c === 'm' || c === 'y' || c === 'h') return true;
    }
  }
  return false;
}

const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
function unescapeOoxml(s: string): string {
  return s.includes('_x') ? s.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

// ---------------------------------------------------------------------------------------------
// Cell values

const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * An Excel date serial as 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' (UTC, rounded to the second).
 * 1900 system: serial 1 = 1900-01-01 and Excel's fictitious 1900-02-29 is serial 60, so serials
 * below 61 are shifted by one day. Out-of-range serials come back as the plain number.
 */
export function excelSerialToString(serial: number, date1904: boolean): string {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2958466) return String(serial);
  let seconds = Math.round(serial * 86400);
  if (!date1904 && serial < 61) seconds += 86400;
  const days = Math.floor(seconds / 86400);
  const rest = seconds - days * 86400;
  const d = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + days * MS_PER_DAY);
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  if (rest === 0) return date;
  const h = Math.floor(rest / 3600);
  const m = Math.floor((rest % 3600) / 60);
  return `${date} ${pad2(h)}:${pad2(m)}:${pad2(rest % 60)}`;
}

/** Column index (0-based) from a cell reference like "AB12"; -1 when there are no letters. */
function columnIndex(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/** ISO-ish text of a `t="d"` cell normalised to 'YYYY-MM-DD[ HH:MM:SS]'. */
function isoCellToString(v: string): string {
  const date = v.slice(0, 10);
  const time = v.length >= 19 ? v.slice(11, 19) : '';
  return time && time !== '00:00:00' ? `${date} ${time}` : date;
}

// ---------------------------------------------------------------------------------------------
// Reader

interface Workbook {
  sheets: SheetRef[];
  sheetPaths: Map<string, string>; // rid → entry name
  date1904: boolean;
  sharedStringsPath: string;
  stylesPath: string;
}

export async function openXlsx(
  input: TableInput,
  fileName: string,
  size: number,
  opts: XlsxReadOptions = {},
): Promise<TableReader> {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...opts.limits };
  const refuse = new Refusal(fileName);
  if (size > limits.maxCompressedBytes) {
    throw new UserError(
      `Filen ${fileName} är större än ${Math.round(limits.maxCompressedBytes / MB)} MB, som är gränsen för Excel-filer. Spara den som CSV och försök igen.`,
    );
  }
  const src = await openSource(input);
  let entries: Map<string, ZipEntry>;
  const budget: InflateBudget = { total: 0 };
  const ctx: ZipContext = { limits, budget, refuse };
  let workbook: Workbook;
  let sharedStrings: string[];
  let dateStyles: boolean[];
  let sheetEntry: ZipEntry;
  let chosen: SheetRef;
  try {
    entries = await readCentralDirectory(src, limits, refuse);
    const wbEntry = entries.get('xl/workbook.xml');
    if (!wbEntry) throw refuse.notWorkbook();
    workbook = await readWorkbook(src, entries, wbEntry, ctx);
    if (workbook.sheets.length === 0) {
      throw new UserError(`Filen ${fileName} innehåller inga kalkylblad.`);
    }
    if (opts.sheet !== undefined) {
      const found = workbook.sheets.find((s) => s.name === opts.sheet);
      if (!found) {
        throw new UserError(
          `Filen ${fileName} har inget blad som heter "${opts.sheet}"; bladen är: ${workbook.sheets.map((s) => `"${s.name}"`).join(', ')}.`,
        );
      }
      chosen = found;
    } else {
      chosen = workbook.sheets.find((s) => !s.hidden) ?? workbook.sheets[0];
    }
    const sheetPath = workbook.sheetPaths.get(chosen.rid);
    const entry = sheetPath ? entries.get(sheetPath) : undefined;
    if (!entry) throw refuse.corrupt();
    sheetEntry = entry;

    sharedStrings = await readSharedStrings(src, entries.get(workbook.sharedStringsPath), ctx);
    dateStyles = await readDateStyles(src, entries.get(workbook.stylesPath), ctx);
    await checkSheetProlog(src, sheetEntry, ctx);
  } finally {
    await src.close();
  }

  const info: TableInfo = {
    format: 'xlsx',
    encoding: null,
    separator: null,
    sheetNames: workbook.sheets.map((s) => s.name),
    sheet: chosen.name,
    fileName,
    size,
    sha256: await sha256Of(input),
  };
  const openTotal = budget.total;
  const sheetCtx = { sharedStrings, dateStyles, date1904: workbook.date1904 };
  return {
    info,
    rows: (signal?: AbortSignal) =>
      sheetRows(input, sheetEntry, { limits, refuse, budget: { total: openTotal } }, sheetCtx, signal),
  };
}

async function readWorkbook(
  src: ByteSource,
  entries: Map<string, ZipEntry>,
  wbEntry: ZipEntry,
  ctx: ZipContext,
): Promise<Workbook> {
  const sheets: SheetRef[] = [];
  let date1904 = false;
  await parseXmlEntry(src, wbEntry, {
    open(name, a) {
      if (name === 'sheet') {
        let rid = '';
        for (const k in a) if (k === 'id' || k.endsWith(':id')) rid = a[k];
        const state = a.state ?? '';
        sheets.push({ name: a.name ?? '', rid, hidden: state === 'hidden' || state === 'veryHidden' });
      } else if (name === 'workbookPr') {
        const v = a.date1904;
        date1904 = v === '1' || v === 'true';
      }
    },
  }, ctx);

  const sheetPaths = new Map<string, string>();
  let sharedStringsPath = 'xl/sharedStrings.xml';
  let stylesPath = 'xl/styles.xml';
  const relsEntry = entries.get(relsPathFor('xl/workbook.xml'));
  if (relsEntry) {
    await parseXmlEntry(src, relsEntry, {
      open(name, a) {
        if (name !== 'Relationship' || a.TargetMode === 'External') return;
        const target = resolveTarget('xl/', a.Target ?? '');
        const type = a.Type ?? '';
        if (type.endsWith('/sharedStrings')) sharedStringsPath = target;
        else if (type.endsWith('/styles')) stylesPath = target;
        if (a.Id) sheetPaths.set(a.Id, target);
      },
    }, ctx);
  } else {
    // No rels: assume the conventional layout.
    sheets.forEach((s, i) => sheetPaths.set(s.rid, `xl/worksheets/sheet${i + 1}.xml`));
  }
  return { sheets, sheetPaths, date1904, sharedStringsPath, stylesPath };
}

async function readSharedStrings(
  src: ByteSource,
  entry: ZipEntry | undefined,
  ctx: ZipContext,
): Promise<string[]> {
  const out: string[] = [];
  if (!entry) return out;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let cur = '';
  await parseXmlEntry(src, entry, {
    open(name) {
      if (name === 'si') (inSi = true), (cur = '');
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && inSi && phonetic === 0) inT = true;
    },
    close(name) {
      if (name === 'si') {
        out.push(unescapeOoxml(cur));
        inSi = false;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inT = false;
    },
    text(t) {
      if (inT) cur += t;
    },
  }, ctx);
  return out;
}

async function readDateStyles(
  src: ByteSource,
  entry: ZipEntry | undefined,
  ctx: ZipContext,
): Promise<boolean[]> {
  const out: boolean[] = [];
  if (!entry) return out;
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parseXmlEntry(src, entry, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  }, ctx);
  for (const id of xfFormats) {
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormatCode(code) : isBuiltinDateFormat(id));
  }
  return out;
}

/** Parse the sheet only up to its root element, so a DOCTYPE is refused at open. */
async function checkSheetProlog(src: ByteSource, entry: ZipEntry, ctx: ZipContext): Promise<void> {
  const STOP = Symbol('stop');
  const parser = makeSax({ open: () => { throw STOP; } }, ctx.refuse);
  const dec = new TextDecoder('utf-8');
  const budget = { total: 0 };
  try {
    for await (const chunk of inflateEntry(src, entry, ctx.limits, budget, ctx.refuse)) {
      parser.write(dec.decode(chunk, { stream: true }));
    }
    parser.close();
  } catch (err) {
    if (err === STOP) return;
    if (err instanceof UserError) throw err;
    throw ctx.refuse.corrupt();
  }
}

interface SheetContext {
  sharedStrings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

async function* sheetRows(
  input: TableInput,
  entry: ZipEntry,
  ctx: ZipContext,
  sheet: SheetContext,
  signal: AbortSignal | undefined,
): AsyncGenerator<RawRow> {
  signal?.throwIfAborted();
  const { sharedStrings, dateStyles, date1904 } = sheet;
  const queue: RawRow[] = [];

  let lastRow = 0;
  let rowNumber = 0;
  let cells: string[] = [];
  let nonEmpty = false;
  let col = -1;
  let type = '';
  let style = -1;
  let inCell = false;
  let inV = false;
  let inIs = false;
  let inT = false;
  let phonetic = 0;
  let v = '';
  let inline = '';

  const finishCell = () => {
    let text: string;
    switch (type) {
      case 's': {
        const idx = Number(v);
        text = v === '' ? '' : (sharedStrings[idx] ?? '');
        break;
      }
      case 'inlineStr':
        text = unescapeOoxml(inline);
        break;
      case 'str':
        text = unescapeOoxml(v);
        break;
      case 'b':
        text = v === '' ? '' : v === '1' || v === 'true' ? 'true' : 'false';
        break;
      case 'e':
        text = v;
        break;
      case 'd':
        text = v === '' ? '' : isoCellToString(v);
        break;
      default: {
        if (v === '') {
          text = '';
          break;
        }
        const n = Number(v);
        if (Number.isNaN(n)) text = v;
        else if (style >= 0 && dateStyles[style]) text = excelSerialToString(n, date1904);
        else text = String(n);
      }
    }
    while (cells.length < col) cells.push('');
    cells[col] = text;
    if (text !== '') nonEmpty = true;
  };

  const parser = makeSax({
    open(name, a) {
      switch (name) {
        case 'row': {
          const r = a.r;
          rowNumber = r ? Number(r) : lastRow + 1;
          if (!Number.isInteger(rowNumber) || rowNumber < 1) rowNumber = lastRow + 1;
          cells = [];
          nonEmpty = false;
          col = -1;
          break;
        }
        case 'c': {
          const ref = a.r;
          const idx = ref ? columnIndex(ref) : -1;
          col = idx >= 0 ? idx : col + 1;
          type = a.t ?? '';
          style = a.s !== undefined ? Number(a.s) : -1;
          inCell = true;
          v = '';
          inline = '';
          break;
        }
        case 'v':
          if (inCell) inV = true;
          break;
        case 'is':
          if (inCell) inIs = true;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inIs && phonetic === 0) inT = true;
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
          inV = false;
          break;
        case 't':
          inT = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'is':
          inIs = false;
          break;
        case 'c':
          if (inCell) finishCell();
          inCell = false;
          break;
        case 'row':
          lastRow = rowNumber;
          if (nonEmpty) queue.push({ rowNumber, cells });
          break;
      }
    },
    text(t) {
      if (inV) v += t;
      else if (inT) inline += t;
    },
  }, ctx.refuse);

  const src = await openSource(input);
  const dec = new TextDecoder('utf-8');
  try {
    for await (const chunk of inflateEntry(src, entry, ctx.limits, ctx.budget, ctx.refuse)) {
      if (signal?.aborted) signal.throwIfAborted();
      writeSafely(parser, dec.decode(chunk, { stream: true }), ctx.refuse);
      for (let i = 0; i < queue.length; i++) yield queue[i];
      queue.length = 0;
    }
    writeSafely(parser, dec.decode(), ctx.refuse);
    try {
      parser.close();
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw ctx.refuse.corrupt();
    }
    for (let i = 0; i < queue.length; i++) yield queue[i];
    queue.length = 0;
  } finally {
    await src.close();
  }
}

function writeSafely(parser: SaxesParser<{ position: false }>, text: string, refuse: Refusal): void {
  try {
    parser.write(text);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw refuse.corrupt();
  }
}

