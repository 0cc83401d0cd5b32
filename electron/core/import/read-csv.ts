/**
 * CSV/TXT reader: encoding and separator detection in one streamed pass (which also computes
 * size and SHA-256), then rows streamed through papaparse on demand. See read-table.ts for the
 * row contract.
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { UserError } from '../errors';
import { inputChunks, READ_CHUNK_BYTES, type RawRow, type TableInfo, type TableInput, type TableReader } from './read-table';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';
export type CsvSeparator = ';' | ',' | '\t';

/** How much decoded text at the start of the file is used to detect the separator. */
const SNIFF_BYTES = 64 * 1024;
/** Bytes decoded and handed to the CSV parser at a time (one block read from disk). */
export const CSV_PARSE_CHUNK_BYTES = 1 << 20;
/** How many records at the start of the file are used to detect the separator. */
const SNIFF_RECORDS = 50;

/** Internal knobs for tests (chunk boundaries). */
export interface CsvReadOptions {
  chunkBytes?: number;
  /** Use this separator instead of the detected one (the importer's retry when no header row is found). */
  separator?: CsvSeparator;
}

export async function openCsv(
  input: TableInput,
  fileName: string,
  size: number,
  options: CsvReadOptions = {},
): Promise<TableReader> {
  const hash = createHash('sha256');
  const utf8 = new Utf8Checker();
  const headParts: Uint8Array[] = [];
  let headLength = 0;
  let total = 0;
  for await (const chunk of inputChunks(input, options.chunkBytes)) {
    hash.update(chunk);
    total += chunk.length;
    if (chunk.indexOf(0) !== -1) {
      throw new UserError(
        `Filen ${fileName} innehåller binära data och är varken en CSV-fil eller en Excel-arbetsbok (.xlsx).`,
      );
    }
    utf8.push(chunk);
    if (headLength < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - headLength);
      headParts.push(part);
      headLength += part.length;
    }
  }
  if (total === 0) throw new UserError(`Filen ${fileName} är tom.`);
  const head = Buffer.concat(headParts);
  const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const encoding: CsvEncoding = bom ? 'utf-8-bom' : utf8.end() ? 'utf-8' : 'windows-1252';

  const headDecoder = makeDecoder(encoding);
  const headText = headDecoder.write(head) + (total <= SNIFF_BYTES ? headDecoder.end() : '');
  const sniffed = sniffCsv(headText, total <= SNIFF_BYTES);
  const separator = options.separator ?? sniffed.separator;
  const newline = sniffed.newline;

  const info: TableInfo = {
    format: 'csv',
    encoding,
    separator,
    sheetNames: [],
    sheet: null,
    fileName,
    size: total || size,
    sha256: hash.digest('hex'),
  };
  return {
    info,
    rows: (signal?: AbortSignal) => csvRows(input, fileName, encoding, separator, newline, signal, options.chunkBytes),
  };
}

/**
 * Rows of the file: blocks read from disk (or the bytes), decoded, and parsed block by block with
 * papaparse's core parser. The part after the last complete record of a block is carried over
 * and parsed again with the next block; this is what papaparse's own stream mode does, without
 * its per-row step callbacks, node streams and re-copying on backpressure (≈ half the time).
 */
async function* csvRows(
  input: TableInput,
  fileName: string,
  encoding: CsvEncoding,
  separator: CsvSeparator,
  newline: CsvNewline,
  signal: AbortSignal | undefined,
  chunkBytes: number | undefined,
): AsyncGenerator<RawRow> {
  signal?.throwIfAborted();
  const decoder = makeDecoder(encoding);
  const parser = new Papa.Parser({ delimiter: separator, newline, quoteChar: '"', escapeChar: '"' });
  const pieceBytes = chunkBytes ?? CSV_PARSE_CHUNK_BYTES;
  let carry = '';
  let parsed = 0;
  /** Complete records of the text read so far (all of them at the end). */
  const parse = (text: string, last: boolean): string[][] => {
    const aggregate = carry + text;
    if (!aggregate) return [];
    // A block may end between the \r and \n of a CRLF: a closing quote before that lone \r looks
    // malformed to the parser, so the \r waits for the next block (the last record is carried anyway).
    const upTo = !last && aggregate.endsWith('\r') ? aggregate.slice(0, -1) : aggregate;
    const result = parser.parse(upTo, 0, !last) as { data: string[][]; errors: PapaError[]; meta: { cursor: number } };
    const quoteError = result.errors.find((e) => e.type === 'Quotes');
    if (quoteError) throw brokenQuote(fileName, separator, parsed, quoteError, aggregate);
    carry = last ? '' : aggregate.substring(result.meta.cursor);
    parsed += result.data.length;
    return result.data;
  };
  let record = 0;
  const chunks = inputChunks(input, Math.max(READ_CHUNK_BYTES, pieceBytes));
  try {
    for (;;) {
      const next = await chunks.next();
      const batches: string[][][] = [];
      if (next.done) {
        batches.push(parse(decoder.end(), true));
      } else {
        // one piece per block by default; smaller pieces are a test knob for chunk boundaries
        for (let pos = 0; pos < next.value.length; pos += pieceBytes) batches.push(parse(decoder.write(next.value.subarray(pos, pos + pieceBytes)), false));
      }
      for (const rows of batches) {
        for (const cells of rows) {
          record++;
          if (signal?.aborted) signal.throwIfAborted();
          let empty = true;
          for (let i = 0; i < cells.length; i++) {
            if (cells[i] !== '') {
              empty = false;
              break;
            }
          }
          if (!empty) yield { rowNumber: record, cells };
        }
      }
      if (next.done) return;
    }
  } finally {
    await chunks.return(undefined);
  }
}

interface PapaError {
  type: string;
  code: string;
  row: number;
  index: number;
}

/**
 * A field that opens with a quote but is not closed right ("Vi hittade inte journalen" sa hon;…,
 * or no closing quote at all): the parser would read the rest of the file into that one field
 * and the rows after it would be lost without a trace. The file is refused instead, naming the
 * row, the column and the start of the field. (A quote inside an unquoted field is plain text.)
 */
function brokenQuote(fileName: string, separator: CsvSeparator, recordsBefore: number, e: PapaError, text: string): UserError {
  const row = recordsBefore + e.row + 1;
  // the column: separators outside quotes between the start of the line and the field's quote
  const lineStart = Math.max(text.lastIndexOf('\n', e.index), text.lastIndexOf('\r', e.index)) + 1;
  let column = 1;
  let quoted = false;
  for (let i = lineStart; i < e.index - 1; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === separator && !quoted) column++;
  }
  const piece = text.slice(e.index, e.index + 60);
  const start = piece.split(/\r?\n|\r/)[0]!;
  const cut = start.length === piece.length; // the field goes on beyond what is shown
  return new UserError(
    `Filen ${fileName} kan inte läsas: på rad ${row}, kolumn ${column}, börjar ett fält med citattecken (") som inte avslutas rätt ` +
      `(fältet börjar "${start}${cut ? '…' : ''}"). Resten av filen skulle då läsas som en enda text, så ingenting har sparats. ` +
      `Rätta raden – omge hela fältet med citattecken och skriv citattecken i texten dubbelt ("") – och importera filen igen.`,
  );
}

/** A streaming decoder for the detected encoding; strips a UTF-8 BOM. */
export function makeDecoder(encoding: CsvEncoding): { write(b: Uint8Array): string; end(): string } {
  if (encoding === 'windows-1252') {
    // Node 20's TextDecoder('windows-1252') mis-decodes 0x80–0x9F (€ – ” …); iconv-lite is right.
    const d = iconv.getDecoder('windows-1252');
    return {
      write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)),
      end: () => d.end() ?? '',
    };
  }
  const d = new TextDecoder('utf-8', { ignoreBOM: false });
  return {
    write: (b) => d.decode(b, { stream: true }),
    end: () => d.decode(),
  };
}

/**
 * Streamed UTF-8 validity check: chunks are validated with node's isUtf8, carrying an
 * incomplete trailing sequence (at most 3 bytes) over to the next chunk.
 */
export class Utf8Checker {
  private valid = true;
  private carry: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): void {
    if (!this.valid) return;
    let data = chunk;
    if (this.carry.length) {
      data = new Uint8Array(this.carry.length + chunk.length);
      data.set(this.carry, 0);
      data.set(chunk, this.carry.length);
    }
    const keep = incompleteTail(data);
    const body = data.subarray(0, data.length - keep);
    if (!isUtf8(body)) {
      this.valid = false;
      return;
    }
    this.carry = data.slice(data.length - keep);
  }

  /** True when everything pushed is valid UTF-8. */
  end(): boolean {
    return this.valid && this.carry.length === 0;
  }
}

/** Number of bytes at the end that start a multi-byte sequence not yet complete (0–3). */
function incompleteTail(b: Uint8Array): number {
  const n = b.length;
  for (let i = 1; i <= 3 && i <= n; i++) {
    const byte = b[n - i];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte, look further back
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > i ? i : 0;
  }
  return 0;
}

const CANDIDATES: readonly CsvSeparator[] = [';', '\t', ','];

/**
 * Pick the separator among `;` tab `,` from the first records: per record, count each
 * candidate outside quotes; the winner is the candidate whose most common non-zero count is
 * shared by the most records (title lines and blank lines above the header are tolerated).
 * Ties go to the candidate with more separators per record, then `;`, tab, `,` in that
 * order. No candidate at all (one column) → `,`.
 */
export function detectSeparator(text: string, complete: boolean): CsvSeparator {
  return sniffCsv(text, complete).separator;
}

/** The first line break outside quotes: papaparse gets it explicitly (its own guess only sees the first chunk). */
export type CsvNewline = '\r\n' | '\n' | '\r';

export function sniffCsv(text: string, complete: boolean): { separator: CsvSeparator; newline: CsvNewline } {
  let newline: CsvNewline | null = null;
  const counts: number[][] = [[], [], []];
  let cur = [0, 0, 0];
  let inQuotes = false;
  let nonEmpty = false;
  let records = 0;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length && records < SNIFF_RECORDS; i++) {
    const ch = text[i];
    if (ch === '"') {
      inQuotes = !inQuotes;
      nonEmpty = true;
    } else if (inQuotes) {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      if (newline === null) {
        newline = ch === '\n' ? '\n' : text[i + 1] === '\n' || i + 1 === text.length ? '\r\n' : '\r';
      }
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (nonEmpty) {
        for (let k = 0; k < 3; k++) counts[k].push(cur[k]);
        records++;
      }
      cur = [0, 0, 0];
      nonEmpty = false;
    } else {
      nonEmpty = true;
      if (ch === ';') cur[0]++;
      else if (ch === '\t') cur[1]++;
      else if (ch === ',') cur[2]++;
    }
  }
  // The last record counts only if the text is the whole file (otherwise it may be cut off).
  if (nonEmpty && complete && records < SNIFF_RECORDS) for (let k = 0; k < 3; k++) counts[k].push(cur[k]);

  let best: CsvSeparator = ',';
  let bestScore = 0;
  let bestMode = 0;
  for (let k = 0; k < 3; k++) {
    const freq = new Map<number, number>();
    for (const c of counts[k]) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let score = 0;
    let mode = 0;
    for (const [c, f] of freq) if (f > score || (f === score && c > mode)) [score, mode] = [f, c];
    if (score > bestScore || (score === bestScore && score > 0 && mode > bestMode)) {
      bestScore = score;
      bestMode = mode;
      best = CANDIDATES[k];
    }
  }
  return { separator: best, newline: newline ?? '\n' };
}
