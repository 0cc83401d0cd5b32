import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import {
  DEFAULT_ZIP_LIMITS,
  MAX_ZIP_COMPRESSION_RATIO,
  excelSerialToString,
  isDateFormatCode,
  openXlsx,
  type XlsxReadOptions,
} from './read-xlsx';
import type { RawRow, TableReader } from './read-table';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface SheetSpec {
  name: string;
  rows: string; // the <sheetData> content
  hidden?: boolean;
  raw?: string; // the whole sheet XML, instead of rows
}

const DEFAULT_STYLES =
  `<styleSheet ${NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd;@"/>` +
  `<numFmt numFmtId="165" formatCode="#,##0.00&quot; kr&quot;"/></numFmts>` +
  `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
  // s=0 general, s=1 builtin 14 (date), s=2 custom date, s=3 custom currency (not a date), s=4 builtin 22 (date time)
  `<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs></styleSheet>`;

function buildXlsx(opts: {
  sheets: SheetSpec[];
  sharedStrings?: string[] | string;
  styles?: string;
  date1904?: boolean;
  extra?: Zippable;
  omitWorkbook?: boolean;
  level?: 0 | 6 | 9;
}): Uint8Array {
  const files: Zippable = {};
  files['[Content_Types].xml'] = strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  const sheetsXml = opts.sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.hidden ? ' state="hidden"' : ''}/>`)
    .join('');
  if (!opts.omitWorkbook) {
    files['xl/workbook.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} ${RNS}>` +
        (opts.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
        `<sheets>${sheetsXml}</sheets></workbook>`,
    );
  }
  const rels = opts.sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  rels.push(`<Relationship Id="rIdT" Type="${REL}/styles" Target="/xl/styles.xml"/>`);
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  opts.sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      s.raw ?? `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${s.rows}</sheetData></worksheet>`,
    );
  });
  const ss = opts.sharedStrings ?? [];
  files['xl/sharedStrings.xml'] = strToU8(
    typeof ss === 'string'
      ? ss
      : `<?xml version="1.0"?><sst ${NS}>${ss.map((t) => `<si><t xml:space="preserve">${t}</t></si>`).join('')}</sst>`,
  );
  files['xl/styles.xml'] = strToU8(opts.styles ?? DEFAULT_STYLES);
  Object.assign(files, opts.extra ?? {});
  return zipSync(files, { level: opts.level ?? 6 });
}

async function open(bytes: Uint8Array, opts?: XlsxReadOptions, name = 'test.xlsx'): Promise<TableReader> {
  return openXlsx({ bytes }, name, bytes.length, opts);
}

async function collect(reader: TableReader): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const row of reader.rows()) out.push(row);
  return out;
}

async function readAll(bytes: Uint8Array, opts?: XlsxReadOptions): Promise<RawRow[]> {
  return collect(await open(bytes, opts));
}

/** Overwrite the declared uncompressed size of an entry in the central directory. */
function patchDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const dv = new DataView(out.buffer);
  const nameBytes = strToU8(name);
  for (let p = 0; p + 46 < out.length; p++) {
    if (dv.getUint32(p, true) !== 0x02014b50) continue;
    const len = dv.getUint16(p + 28, true);
    const got = out.subarray(p + 46, p + 46 + len);
    if (len === nameBytes.length && got.every((b, i) => b === nameBytes[i])) {
      dv.setUint32(p + 24, size, true);
      return out;
    }
  }
  throw new Error(`no central directory entry ${name}`);
}

const c = (ref: string, inner: string, attrs = '') => `<c r="${ref}"${attrs}>${inner}</c>`;

describe('cell values', () => {
  it('reads shared strings (rich text, phonetic runs excluded, escapes), inline strings, numbers and booleans', async () => {
    const sst =
      `<sst ${NS}>` +
      '<si><t>Ärendenummer</t></si>' +
      '<si><r><t>Falk</t></r><r><rPr><b/></rPr><t>öping</t></r><rPh><t>ふりがな</t></rPh></si>' +
      '<si><t>rad1_x000D_&amp;&lt;x&gt;</t></si>' +
      '</sst>';
    const bytes = buildXlsx({
      sharedStrings: sst,
      sheets: [
        {
          name: 'Blad1',
          rows:
            `<row r="1">${c('A1', '<v>0</v>', ' t="s"')}${c('B1', '<v>1</v>', ' t="s"')}${c('C1', '<v>2</v>', ' t="s"')}</row>` +
            `<row r="2">${c('A2', '<is><t>Hälso- och sjukvård</t></is>', ' t="inlineStr"')}${c('B2', '<v>12500.5</v>')}` +
            `${c('C2', '<v>1</v>', ' t="b"')}${c('D2', '<v>0</v>', ' t="b"')}${c('E2', '<v>1.0E-3</v>')}` +
            `${c('F2', '<f>A1</f><v>beräknat</v>', ' t="str"')}${c('G2', '<v>#N/A</v>', ' t="e"')}${c('H2', '<v>1234.5</v>', ' s="3"')}</row>`,
        },
      ],
    });
    expect(await readAll(bytes)).toEqual([
      { rowNumber: 1, cells: ['Ärendenummer', 'Falköping', 'rad1\r&<x>'] },
      { rowNumber: 2, cells: ['Hälso- och sjukvård', '12500.5', 'true', 'false', '0.001', 'beräknat', '#N/A', '1234.5'] },
    ]);
  });

  it('turns date cells into YYYY-MM-DD (built-in 14, custom formats) and keeps a time part', async () => {
    const bytes = buildXlsx({
      sheets: [
        {
          name: 'Blad1',
          rows:
            `<row r="1">${c('A1', '<v>45702</v>', ' s="1"')}${c('B1', '<v>45702.5</v>', ' s="4"')}` +
            `${c('C1', '<v>45702.75</v>', ' s="2"')}${c('D1', '<v>45702</v>', ' s="0"')}${c('E1', '<v>45702</v>')}` +
            `${c('F1', '<v>2025-02-14T13:45:00Z</v>', ' t="d"')}${c('G1', '<v>44000.000011574</v>', ' s="1"')}</row>`,
        },
      ],
    });
    expect((await readAll(bytes))[0].cells).toEqual([
      '2025-02-14',
      '2025-02-14 12:00:00',
      '2025-02-14 18:00:00',
      '45702',
      '45702',
      '2025-02-14 13:45:00',
      '2020-06-18 00:00:01',
    ]);
  });

  it('uses the 1904 date system when the workbook says so', async () => {
    const bytes = buildXlsx({
      date1904: true,
      sheets: [{ name: 'Blad1', rows: `<row r="1">${c('A1', '<v>44240</v>', ' s="1"')}</row>` }],
    });
    expect((await readAll(bytes))[0].cells).toEqual(['2025-02-14']);
  });

  it('converts serials exactly, including the 1900 leap-year bug', () => {
    expect(excelSerialToString(45702, false)).toBe('2025-02-14');
    expect(excelSerialToString(45702.25, false)).toBe('2025-02-14 06:00:00');
    expect(excelSerialToString(45702.99999999, false)).toBe('2025-02-15'); // rounds to the second
    expect(excelSerialToString(1, false)).toBe('1900-01-01');
    expect(excelSerialToString(59, false)).toBe('1900-02-28');
    expect(excelSerialToString(61, false)).toBe('1900-03-01');
    expect(excelSerialToString(36526, false)).toBe('2000-01-01');
    expect(excelSerialToString(0, true)).toBe('1904-01-01');
    expect(excelSerialToString(-5, false)).toBe('-5');
  });

  it('recognises date format codes outside quotes, brackets and escapes', () => {
    expect(isDateFormatCode('yyyy-mm-dd')).toBe(true);
    expect(isDateFormatCode('[$-41D]d/m/yyyy h:mm')).toBe(true);
    expect(isDateFormatCode('DD.MM.YYYY')).toBe(true);
    expect(isDateFormatCode('0.00')).toBe(false);
    expect(isDateFormatCode('General')).toBe(false);
    expect(isDateFormatCode('#,##0" kr/mån"')).toBe(false);
    expect(isDateFormatCode('[Red]0.00;[Blue]-0.00')).toBe(false);
    expect(isDateFormatCode('0\\d')).toBe(false);
  });

  it('keeps real row numbers, fills gaps between cells, skips empty rows and handles prefixed elements', async () => {
    const raw =
      `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
      `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Titel</x:t></x:is></x:c></x:row>` +
      `<x:row r="2"/>` +
      `<x:row r="3"><x:c r="A3"/><x:c r="B3" t="s"><x:v></x:v></x:c></x:row>` +
      `<x:row r="7"><x:c r="B7"><x:v>2</x:v></x:c><x:c r="D7"><x:v>4</x:v></x:c></x:row>` +
      `<x:row><x:c><x:v>5</x:v></x:c><x:c><x:v>6</x:v></x:c></x:row>` +
      `<x:row r="30"><x:c r="AA30"><x:v>27</x:v></x:c></x:row>` +
      `</x:sheetData></x:worksheet>`;
    const rows = await readAll(buildXlsx({ sheets: [{ name: 'Blad1', rows: '', raw }] }));
    expect(rows[0]).toEqual({ rowNumber: 1, cells: ['Titel'] });
    expect(rows[1]).toEqual({ rowNumber: 7, cells: ['', '2', '', '4'] });
    expect(rows[2]).toEqual({ rowNumber: 8, cells: ['5', '6'] });
    expect(rows[3].rowNumber).toBe(30);
    expect(rows[3].cells.length).toBe(27);
    expect(rows[3].cells[26]).toBe('27');
    expect(rows.length).toBe(4);
  });
});

describe('sheets', () => {
  const twoSheets = () =>
    buildXlsx({
      sheets: [
        { name: 'Avvikelser', rows: `<row r="1">${c('A1', '<is><t>första</t></is>', ' t="inlineStr"')}</row>` },
        { name: 'Tvister 2025', rows: `<row r="2">${c('A2', '<is><t>andra</t></is>', ' t="inlineStr"')}</row>` },
      ],
    });

  it('reads the first sheet by default and another by name', async () => {
    const first = await open(twoSheets());
    expect(first.info.sheetNames).toEqual(['Avvikelser', 'Tvister 2025']);
    expect(first.info.sheet).toBe('Avvikelser');
    expect((await collect(first))[0].cells).toEqual(['första']);
    const second = await open(twoSheets(), { sheet: 'Tvister 2025' });
    expect(second.info.sheet).toBe('Tvister 2025');
    expect(await collect(second)).toEqual([{ rowNumber: 2, cells: ['andra'] }]);
  });

  it('refuses an unknown sheet name and lists the sheets', async () => {
    await expect(open(twoSheets(), { sheet: 'Blad9' }, 'logg.xlsx')).rejects.toThrow(
      /logg\.xlsx.*"Blad9".*"Avvikelser", "Tvister 2025"/,
    );
  });

  it('skips a hidden first sheet by default', async () => {
    const bytes = buildXlsx({
      sheets: [
        { name: 'Dold', hidden: true, rows: `<row r="1">${c('A1', '<v>1</v>')}</row>` },
        { name: 'Synlig', rows: `<row r="1">${c('A1', '<v>2</v>')}</row>` },
      ],
    });
    const reader = await open(bytes);
    expect(reader.info.sheet).toBe('Synlig');
    expect(reader.info.sheetNames).toEqual(['Dold', 'Synlig']);
  });
});

describe('refusals', () => {
  it('refuses a DOCTYPE in the sheet at open', async () => {
    const raw = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>`;
    const bytes = buildXlsx({ sheets: [{ name: 'Blad1', rows: '', raw }] });
    await expect(open(bytes, {}, 'tvist.xlsx')).rejects.toThrow(/tvist\.xlsx.*DOCTYPE/);
  });

  it('refuses a DOCTYPE in sharedStrings.xml', async () => {
    const bytes = buildXlsx({
      sheets: [{ name: 'Blad1', rows: '' }],
      sharedStrings: `<?xml version="1.0"?><!DOCTYPE sst SYSTEM "file:///etc/passwd"><sst ${NS}/>`,
    });
    await expect(open(bytes)).rejects.toThrow(/DOCTYPE/);
  });

  it('refuses a zip without xl/workbook.xml', async () => {
    const bytes = buildXlsx({ sheets: [{ name: 'Blad1', rows: '' }], omitWorkbook: true });
    await expect(open(bytes, {}, 'arkiv.zip')).rejects.toThrow(/arkiv\.zip .*ingen Excel-arbetsbok/);
  });

  it('refuses a highly compressed entry from the central directory, before inflating', async () => {
    const bytes = buildXlsx({ sheets: [{ name: 'Blad1', rows: '' }], extra: { 'xl/media/big.bin': new Uint8Array(4 * 1024 * 1024) } });
    await expect(open(bytes, {}, 'bomb.xlsx')).rejects.toThrow(/bomb\.xlsx .*zip-bomb/);
    // The same file passes when the ratio limit is raised: the refusal came from the ratio.
    await expect(open(bytes, { limits: { maxRatio: 1e6 } })).resolves.toBeTruthy();
    expect(MAX_ZIP_COMPRESSION_RATIO).toBe(200);
  });

  it('refuses declared sizes over the limits (entries, per entry, total)', async () => {
    const bytes = buildXlsx({ sheets: [{ name: 'Blad1', rows: `<row r="1">${c('A1', '<v>1</v>')}</row>` }] });
    await expect(open(bytes, { limits: { maxEntries: 3 } })).rejects.toThrow(/zip-bomb/);
    await expect(open(bytes, { limits: { maxEntryUncompressed: 100 } })).rejects.toThrow(/zip-bomb/);
    await expect(open(bytes, { limits: { maxTotalUncompressed: 500 } })).rejects.toThrow(/zip-bomb/);
    await expect(open(bytes, { limits: { maxCompressedBytes: 100 } })).rejects.toThrow(/större än/);
    expect(DEFAULT_ZIP_LIMITS.maxEntries).toBe(10_000);
  });

  it('counts the real inflated bytes: a lying declared size is refused while inflating', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}">${c(`A${i + 1}`, `<v>${i}</v>`)}</row>`).join('');
    const honest = buildXlsx({ sheets: [{ name: 'Blad1', rows }] });
    expect((await readAll(honest)).length).toBe(3000);
    const lying = patchDeclaredSize(honest, 'xl/worksheets/sheet1.xml', 1000);
    await expect(readAll(lying)).rejects.toThrow(/zip-bomb/);
    // Declared sizes pass the limit check, but the actual output passes the per-entry limit.
    const big = patchDeclaredSize(honest, 'xl/worksheets/sheet1.xml', 10);
    await expect(readAll(big, { limits: { maxEntryUncompressed: 50_000 } })).rejects.toThrow(/zip-bomb/);
  });

  it('refuses a lying size in a large sheet during row reading, after rows were streamed', async () => {
    // Random-ish strings so the compressed sheet is far bigger than one inflate input chunk.
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed.toString(36));
    const rows = Array.from({ length: 8000 }, (_, i) => `<row r="${i + 1}">${c(`A${i + 1}`, `<is><t>${rnd()}${rnd()}</t></is>`, ' t="inlineStr"')}</row>`).join('');
    const honest = buildXlsx({ sheets: [{ name: 'Blad1', rows }] });
    const actual = strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`).length;
    const lying = patchDeclaredSize(honest, 'xl/worksheets/sheet1.xml', actual - 1000);
    const reader = await open(lying);
    let seen = 0;
    await expect(
      (async () => {
        for await (const _ of reader.rows()) seen++;
      })(),
    ).rejects.toThrow(/zip-bomb/);
    expect(seen).toBeGreaterThan(100);
    expect(seen).toBeLessThan(8000);
  });

  it('refuses a damaged sheet XML with a clear message', async () => {
    const bytes = buildXlsx({ sheets: [{ name: 'Blad1', rows: '', raw: `<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>` }] });
    await expect(readAll(bytes)).rejects.toThrow(/test\.xlsx är skadad/);
  });
});

describe('path input', () => {
  it('reads from disk with the same rows and hash as from bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samsyn-xlsx-'));
    try {
      const bytes = buildXlsx({
        sharedStrings: ['Götene', 'Hjo'],
        sheets: [{ name: 'Blad1', rows: `<row r="3">${c('A3', '<v>0</v>', ' t="s"')}${c('B3', '<v>45702</v>', ' s="1"')}</row><row r="4">${c('A4', '<v>1</v>', ' t="s"')}</row>` }],
      });
      const file = join(dir, 'logg.xlsx');
      writeFileSync(file, bytes);
      const fromPath = await openXlsx({ path: file }, 'logg.xlsx', bytes.length);
      const fromBytes = await open(bytes, {}, 'logg.xlsx');
      expect(fromPath.info).toEqual(fromBytes.info);
      expect(fromPath.info.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(fromPath.info).toMatchObject({ format: 'xlsx', encoding: null, separator: null, size: bytes.length });
      expect(await collect(fromPath)).toEqual([
        { rowNumber: 3, cells: ['Götene', '2025-02-14'] },
        { rowNumber: 4, cells: ['Hjo'] },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
