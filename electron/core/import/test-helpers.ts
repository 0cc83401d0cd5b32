/**
 * Test helpers for the import pipeline: a small seeded generator of deviation rows, CSV and XLSX
 * writers, identity numbers with valid check digits, and temporary workspaces.
 * (Used by tests only.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { strToU8, zipSync } from 'fflate';
import { createWorkspace } from '../workspace/workspace';
import { createContext, type CoreContext } from '../context';
import { createHandlers } from '../handlers';
import { createDispatch, type Dispatch } from '../../transport/dispatch';
import type { Workspace } from '../session';

/** The generator's seeded PRNG (mulberry32). */
import { mulberry32 } from '../demo/generator';

export const rng = mulberry32;
export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function luhnDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export type PnrForm = 'YYMMDD-NNNC' | 'YYMMDD+NNNC' | 'YYMMDDNNNC' | 'YYYYMMDD-NNNC' | 'YYYYMMDDNNNC';
/** A valid identity number (optionally a coordination number) in the given written form. */
export function makePnr(r: () => number, form: PnrForm, coordination = false): { written: string; ten: string } {
  const year = 1930 + Math.floor(r() * 80);
  const mm = 1 + Math.floor(r() * 12);
  const dd = 1 + Math.floor(r() * 28) + (coordination ? 60 : 0);
  const yy = String(year % 100).padStart(2, '0');
  const nnn = String(Math.floor(r() * 1000)).padStart(3, '0');
  const nine = `${yy}${String(mm).padStart(2, '0')}${String(dd).padStart(2, '0')}${nnn}`;
  const ten = `${nine}${luhnDigit(nine)}`;
  const cent = String(Math.floor(year / 100));
  const written =
    form === 'YYMMDD-NNNC'
      ? `${ten.slice(0, 6)}-${ten.slice(6)}`
      : form === 'YYMMDD+NNNC'
        ? `${ten.slice(0, 6)}+${ten.slice(6)}`
        : form === 'YYMMDDNNNC'
          ? ten
          : form === 'YYYYMMDD-NNNC'
            ? `${cent}${ten.slice(0, 6)}-${ten.slice(6)}`
            : `${cent}${ten}`;
  return { written, ten };
}

export const SKARABORG_KOMMUNER = ['Skövde', 'Lidköping', 'Falköping', 'Mariestad', 'Skara', 'Vara', 'Hjo', 'Tibro', 'Götene', 'Tidaholm'];
export const OUTSIDE_KOMMUNER = ['Borås', 'Uddevalla', 'Göteborg'];
const ORGS: [string, string][] = [
  ['Skövde kommun hemsjukvård', 'Kommun'],
  ['Lidköpings kommun vård och omsorg', 'Kommun'],
  ['Skaraborgs Sjukhus Skövde', 'Region'],
  ['Närhälsan Hjo vårdcentral', 'VGR'],
  ['Capio Vårdcentral Mariestad', 'Privat'],
];
const CATEGORIES = ['In- och utskrivning', 'SVPL', 'Läkemedel', 'Informationsöverföring', 'Hemsjukvård', 'SIP', 'Egenvård', 'Hjälpmedel'];
const STATUSES = ['Ny', 'Pågående', 'Besvarad', 'Avslutad'];
const TEXTS = ['Läkemedelslista saknades vid hemgång – dosetten kunde inte iordningställas.', 'Hjälpmedel (säng) fanns inte på plats vid hemkomst.', 'Ingen överrapportering ”i tid” till kommunens sjuksköterska.'];

export interface DevRow {
  id: string;
  reported: string;
  occurred: string;
  repOrg: string;
  repType: string;
  recOrg: string;
  recType: string;
  kommun: string;
  category: string;
  severity: string;
  status: string;
  answered: string;
  closed: string;
  description: string;
  action: string;
}

export const STD_HEADERS = ['Ärendenummer', 'Registreringsdatum', 'Händelsedatum', 'Rapporterande enhet', 'Rapporterande huvudman', 'Mottagande enhet', 'Mottagande huvudman', 'Kommun', 'Kategori', 'Allvarlighetsgrad', 'Status', 'Svarsdatum', 'Avslutsdatum', 'Händelsebeskrivning', 'Åtgärd'];
export const devCells = (d: DevRow): string[] => [d.id, d.reported, d.occurred, d.repOrg, d.repType, d.recOrg, d.recType, d.kommun, d.category, d.severity, d.status, d.answered, d.closed, d.description, d.action];

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Valid deviation rows inside Skaraborg (dates 2024–2026). */
export function genDeviations(n: number, seed: number, opts: { prefix?: string; outsideShare?: number } = {}): DevRow[] {
  const r = rng(seed);
  const rows: DevRow[] = [];
  for (let i = 0; i < n; i++) {
    const y = 2024 + Math.floor(r() * 2);
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 20);
    const [repOrg, repType] = pick(r, ORGS);
    const [recOrg, recType] = pick(r, ORGS);
    const status = pick(r, STATUSES);
    const answered = status === 'Besvarad' || status === 'Avslutad' ? iso(y, m, d + 5) : '';
    const closed = status === 'Avslutad' ? iso(y, m, d + 8) : '';
    rows.push({
      id: `${opts.prefix ?? 'MC'}-${String(i + 1).padStart(6, '0')}`,
      reported: iso(y, m, d + 1),
      occurred: iso(y, m, d),
      repOrg,
      repType,
      recOrg,
      recType,
      kommun: r() < (opts.outsideShare ?? 0) ? pick(r, OUTSIDE_KOMMUNER) : pick(r, SKARABORG_KOMMUNER),
      category: pick(r, CATEGORIES),
      severity: String(1 + Math.floor(r() * 4)),
      status,
      answered,
      closed,
      description: pick(r, TEXTS),
      action: r() < 0.5 ? 'Rutinen har gåtts igenom på APT.' : '',
    });
  }
  return rows;
}

function csvField(v: string, sep: string): string {
  return /["\r\n]/.test(v) || v.includes(sep) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(headers: string[], rows: string[][], opts: { sep?: string; encoding?: 'utf-8' | 'utf-8-bom' | 'windows-1252'; eol?: string; quoteAll?: boolean } = {}): Buffer {
  const sep = opts.sep ?? ';';
  const eol = opts.eol ?? '\r\n';
  const line = (cells: string[]) => cells.map((c) => (opts.quoteAll ? `"${c.replace(/"/g, '""')}"` : csvField(c, sep))).join(sep);
  const text = [line(headers), ...rows.map(line)].join(eol) + eol;
  if (opts.encoding === 'windows-1252') return iconv.encode(text, 'windows-1252');
  const body = Buffer.from(text, 'utf8');
  return opts.encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

export type XCell = string | number | { date: string } | null;

function excelSerial(isoDate: string): number {
  return Math.round((Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, +isoDate.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86_400_000);
}
const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const colName = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : colName(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

/** A minimal XLSX workbook (inline strings, date cells with number format 14). */
export function makeXlsx(rows: XCell[][], sheetName = 'Blad1'): Uint8Array {
  const sheetRows = rows
    .map((cells, ri) => {
      const r = ri + 1;
      const cs = cells
        .map((c, ci) => {
          if (c === null || c === '') return '';
          const ref = `${colName(ci)}${r}`;
          if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
          if (typeof c === 'object') return `<c r="${ref}" s="1"><v>${excelSerial(c.date)}</v></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEsc(c)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r}">${cs}</row>`;
    })
    .join('');
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${ns}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlEsc(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${ns}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${ns}"><sheetData>${sheetRows}</sheetData></worksheet>`),
  });
}

export interface TestWorkspace {
  dir: string;
  file: string;
  ws: Workspace;
  ctx: CoreContext;
  dispatch: Dispatch;
  cleanup(): void;
}

/** The import day used by the tests. */
export const TEST_TODAY = new Date(2026, 10, 20, 12, 0, 0);

export async function tempWorkspace(delregionId = 'skaraborg'): Promise<TestWorkspace> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-import-'));
  const file = path.join(dir, 'ws.samsyn');
  const opened = await createWorkspace(file, { delregionId, userName: 'Testare' });
  const ctx = createContext({ appDataDir: path.join(dir, 'app'), now: () => TEST_TODAY });
  const ws = ctx.session.adopt(opened);
  const dispatch = createDispatch(createHandlers(ctx));
  return {
    dir,
    file,
    ws,
    ctx,
    dispatch,
    cleanup: () => {
      ctx.session.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Row counts of the tables an import writes. */
export function tableCounts(sqlite: { prepare(s: string): { pluck(): { get(): unknown } } }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['deviations', 'deviation_history', 'disputes', 'dispute_history', 'dispute_events', 'import_batches', 'quarantine', 'search_fts']) {
    out[t] = Number(sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get());
  }
  return out;
}
