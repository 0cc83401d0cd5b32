/**
 * Entry point of the importer's file readers: sniff the bytes, refuse what we cannot read,
 * and hand back a streaming row reader for CSV/TXT or XLSX.
 *
 * Row contract (both formats):
 * - `rowNumber` is the real, 1-based physical number in the file: the CSV record number
 *   (a quoted field with line breaks is one record) or the XLSX row's `r` attribute.
 *   Title rows, blank rows and the header all count.
 * - Completely empty rows (every cell '') are NOT yielded; the numbering still counts them,
 *   so the next yielded row keeps its real number.
 * - Cells are strings; an empty cell is ''. Rows may have different lengths (XLSX rows end at
 *   their last present cell).
 *
 * Refusals happen in `openTable`, before any row is read: one Swedish sentence naming the file.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { UserError } from '../errors';
import { openCsv, type CsvSeparator } from './read-csv';
import { openXlsx } from './read-xlsx';

export type TableInput = { path: string } | { bytes: Uint8Array };

export interface TableInfo {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252' | null; // null for xlsx
  separator: ';' | ',' | '\t' | null; // null for xlsx
  sheetNames: string[]; // [] for csv
  sheet: string | null; // chosen sheet (xlsx)
  fileName: string;
  size: number; // bytes
  sha256: string; // hex of the whole file
}

/** 1-based physical row/record number in the file (title rows and header count); cells as text. */
export interface RawRow {
  rowNumber: number;
  cells: string[];
}

export interface TableReader {
  info: TableInfo;
  rows(signal?: AbortSignal): AsyncIterable<RawRow>;
}

const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(head: Uint8Array, sig: readonly number[]): boolean {
  if (head.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (head[i] !== sig[i]) return false;
  return true;
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot).toLowerCase();
}

export async function openTable(
  input: TableInput,
  fileName: string,
  opts?: { sheet?: string; separator?: CsvSeparator },
): Promise<TableReader> {
  let size: number;
  let head: Uint8Array;
  if ('path' in input) {
    let st;
    try {
      st = await stat(input.path);
    } catch {
      throw new UserError(`Filen ${fileName} kunde inte öppnas.`);
    }
    if (!st.isFile()) throw new UserError(`${fileName} är ingen fil.`);
    size = st.size;
    head = await readHead(input.path, 8);
  } else {
    size = input.bytes.length;
    head = input.bytes.subarray(0, 8);
  }

  const ext = extensionOf(fileName);
  if (size === 0) throw new UserError(`Filen ${fileName} är tom.`);
  if (startsWith(head, OLE2_SIGNATURE) && (ext === '.xlsx' || ext === '.xlsm')) {
    // Password-protected OOXML files are stored in an OLE2 container.
    throw new UserError(
      `Filen ${fileName} är lösenordsskyddad. Ta bort lösenordet i Excel, spara filen och försök igen.`,
    );
  }
  if (startsWith(head, OLE2_SIGNATURE)) {
    throw new UserError(
      `Filen ${fileName} är i det gamla Excel-formatet .xls. Spara den som .xlsx eller CSV och försök igen.`,
    );
  }
  if (ext === '.xls') {
    // often a text or HTML table that a system saved with the .xls name
    throw new UserError(
      `Filen ${fileName} har ändelsen .xls men är ingen Excel-arbetsbok. Öppna den i Excel och spara den som .xlsx eller CSV, och försök igen.`,
    );
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) {
    throw new UserError(
      `Filen ${fileName} är en PDF och kan inte importeras. Använd en CSV- eller Excel-fil (.xlsx).`,
    );
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return openXlsx(input, fileName, size, opts);
  }
  if (ext === '.xlsx' || ext === '.xlsm') {
    throw new UserError(`Filen ${fileName} har ändelsen ${ext} men är ingen Excel-arbetsbok.`);
  }
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    throw new UserError(
      `Filen ${fileName} är sparad som UTF-16. Spara den som CSV (UTF-8) och försök igen.`,
    );
  }
  return openCsv(input, fileName, size, { separator: opts?.separator });
}

async function readHead(path: string, n: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Chunk size used when streaming a file from disk. */
export const READ_CHUNK_BYTES = 1 << 20;

/** The bytes of an input as a sequence of chunks (streamed from disk for a path). */
export async function* inputChunks(
  input: TableInput,
  chunkBytes: number = READ_CHUNK_BYTES,
): AsyncGenerator<Uint8Array> {
  if ('path' in input) {
    const stream = createReadStream(input.path, { highWaterMark: chunkBytes });
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } finally {
      stream.destroy();
    }
  } else {
    const b = input.bytes;
    for (let pos = 0; pos < b.length; pos += chunkBytes) yield b.subarray(pos, pos + chunkBytes);
  }
}

/** SHA-256 (hex) over the original bytes, streamed for a path. */
export async function sha256Of(input: TableInput): Promise<string> {
  const hash = createHash('sha256');
  if ('bytes' in input) hash.update(input.bytes);
  else for await (const chunk of inputChunks(input)) hash.update(chunk);
  return hash.digest('hex');
}
