import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { UserError } from '../errors';
import { openTable, type RawRow, type TableInput, type TableReader } from './read-table';

const DATA = fileURLToPath(new URL('../../../../shared/acceptance/data/', import.meta.url));

async function collect(reader: TableReader): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const row of reader.rows()) out.push(row);
  return out;
}

async function refusal(input: TableInput, name: string): Promise<UserError> {
  try {
    await openTable(input, name);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error('expected a refusal');
}

describe('refusals', () => {
  it('refuses an empty file, from bytes and from disk', async () => {
    expect((await refusal({ bytes: new Uint8Array(0) }, 'tom.csv')).message).toBe('Filen tom.csv är tom.');
    const dir = mkdtempSync(join(tmpdir(), 'samsyn-table-'));
    try {
      writeFileSync(join(dir, 'tom.csv'), '');
      expect((await refusal({ path: join(dir, 'tom.csv') }, 'tom.csv')).message).toBe('Filen tom.csv är tom.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses legacy .xls by signature, and a text file named .xls without calling it the old format', async () => {
    const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await refusal({ bytes: ole2 }, 'export.dat')).message).toBe(
      'Filen export.dat är i det gamla Excel-formatet .xls. Spara den som .xlsx eller CSV och försök igen.',
    );
    const text = new TextEncoder().encode('a;b\n1;2\n');
    expect((await refusal({ bytes: text }, 'Gammal.XLS')).message).toBe(
      'Filen Gammal.XLS har ändelsen .xls men är ingen Excel-arbetsbok. Öppna den i Excel och spara den som .xlsx eller CSV, och försök igen.',
    );
  });

  it('explains that an OLE2 file named .xlsx is password protected', async () => {
    const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await refusal({ bytes: ole2 }, 'skyddad.xlsx')).message).toMatch(/skyddad\.xlsx är lösenordsskyddad/);
  });

  it('refuses a PDF', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
    expect((await refusal({ bytes: pdf }, 'rapport.csv')).message).toMatch(/^Filen rapport\.csv är en PDF/);
  });

  it('refuses other binary content (NUL bytes), also late in the file', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect((await refusal({ bytes: png }, 'bild.png')).message).toMatch(/^Filen bild\.png innehåller binära data/);
    const late = new TextEncoder().encode('a;b\n'.repeat(100_000) + '\0');
    expect((await refusal({ bytes: late }, 'x.csv')).message).toMatch(/binära data/);
  });

  it('refuses UTF-16 text and a non-zip file named .xlsx', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x3b, 0x00]);
    expect((await refusal({ bytes: utf16 }, 'u.csv')).message).toMatch(/u\.csv är sparad som UTF-16/);
    const text = new TextEncoder().encode('a;b\n');
    expect((await refusal({ bytes: text }, 'fel.xlsx')).message).toMatch(/fel\.xlsx har ändelsen \.xlsx men är ingen Excel-arbetsbok/);
  });

  it('refuses a zip that is not a workbook, whatever its name', async () => {
    const zip = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
    expect((await refusal({ bytes: zip }, 'brev.docx')).message).toMatch(/brev\.docx är ett zip-arkiv men ingen Excel-arbetsbok/);
  });
});

describe('dispatch by content', () => {
  it('reads a CSV named .txt and an XLSX named .bin', async () => {
    const csv = await openTable({ bytes: new TextEncoder().encode('a\tb\n1\t2\n') }, 'export.txt');
    expect(csv.info).toMatchObject({ format: 'csv', separator: '\t', encoding: 'utf-8', sheetNames: [], sheet: null });
    const xlsxBytes = readFileSync(join(DATA, 'tvistlogg_skaraborg.xlsx'));
    const xlsx = await openTable({ bytes: xlsxBytes }, 'download.bin');
    expect(xlsx.info.format).toBe('xlsx');
  });
});

describe('the acceptance files', () => {
  const sha = (file: string) => createHash('sha256').update(readFileSync(join(DATA, file))).digest('hex');

  it('avvikelser_export_2026-10-05.csv: Windows-1252, semicolons, CRLF, ” characters', async () => {
    const file = 'avvikelser_export_2026-10-05.csv';
    const reader = await openTable({ path: join(DATA, file) }, file);
    expect(reader.info).toEqual({
      format: 'csv',
      encoding: 'windows-1252',
      separator: ';',
      sheetNames: [],
      sheet: null,
      fileName: file,
      size: readFileSync(join(DATA, file)).length,
      sha256: sha(file),
    });
    const rows = await collect(reader);
    expect(rows.length).toBe(738);
    expect(rows[0].cells.slice(0, 3)).toEqual(['Ärendenummer', 'Registreringsdatum', 'Händelsedatum']);
    expect(rows[0].cells.length).toBe(16);
    expect(rows[1]).toEqual({
      rowNumber: 2,
      cells: [
        'MC-2024-000001', '02.07.2024', '2024-06-28', 'Närhälsan Hjo vårdcentral', 'VGR',
        'Lidköpings kommun vård och omsorg', 'Kommun', 'Skövde', 'Informationsöverföring', 'Allvarlig',
        'Stängd', '2024-07-03', '2024-08-08',
        'Patienten skrevs ut utan att kommunens sjuksköterska fått meddelande i SVPL.',
        'Rutinen har gåtts igenom på APT.', '',
      ],
    });
    expect(rows[2].cells[13]).toBe(
      'Gäller pat 581109+8465. Informationen om såromläggning följde inte med patienten (”ingen överrapportering”).',
    );
    expect(rows.every((r) => r.cells.length === 16)).toBe(true);
  });

  it('avvikelser_export_2026-11-02.csv: UTF-8 with BOM, commas, quoted', async () => {
    const file = 'avvikelser_export_2026-11-02.csv';
    const reader = await openTable({ path: join(DATA, file) }, file);
    expect(reader.info).toMatchObject({ format: 'csv', encoding: 'utf-8-bom', separator: ',', sha256: sha(file) });
    const rows = await collect(reader);
    expect(rows.length).toBe(225);
    expect(rows[0].cells[0]).toBe('Avvikelse-ID'); // BOM stripped
    expect(rows[0].cells.at(-1)).toBe('Åtgärd');
    expect(rows[1]).toEqual({
      rowNumber: 2,
      cells: [
        'MC-2026-000500', '2026-04-02', '2026-04-02', 'Lidköpings kommun vård och omsorg', 'Kommun',
        'Skaraborgs Sjukhus Lidköping', 'Region', 'Grästorp', 'In- och utskrivning', '2', 'Avslutad',
        '2026-05-02', '2026-05-09', 'Hjälpmedel (säng) fanns inte på plats vid hemkomst.',
        'Rutinen har gåtts igenom på APT.',
      ],
    });
  });

  it('folkmangd_skaraborg.csv: Windows-1252, title line and blank line above the header', async () => {
    const file = 'folkmangd_skaraborg.csv';
    const rows = await collect(await openTable({ bytes: readFileSync(join(DATA, file)) }, file));
    expect(rows.slice(0, 3)).toEqual([
      { rowNumber: 1, cells: ['Folkmängd efter region och år'] },
      { rowNumber: 3, cells: ['region', '2024', '2025'] },
      { rowNumber: 4, cells: ['1445 Essunga', '5503', '5540'] },
    ]);
    expect(rows.find((r) => r.cells[0] === '1444 Grästorp')?.cells).toEqual(['1444 Grästorp', '5523', '5560']);
  });

  it('tvistlogg_skaraborg.xlsx: title row, blank row, header on row 3, date cells', async () => {
    const file = 'tvistlogg_skaraborg.xlsx';
    const reader = await openTable({ path: join(DATA, file) }, file);
    expect(reader.info).toMatchObject({
      format: 'xlsx', encoding: null, separator: null, sheetNames: ['Tvistlogg'], sheet: 'Tvistlogg', sha256: sha(file),
    });
    const rows = await collect(reader);
    expect(rows[0]).toEqual({ rowNumber: 1, cells: ['Logg oenighet och tvist — Skaraborg'] });
    expect(rows[1].rowNumber).toBe(3);
    expect(rows[1].cells.slice(0, 5)).toEqual(['Ärendenummer', 'Startdatum', 'Part 1', 'Part 2', 'Avtalsområde']);
    expect(rows[2]).toEqual({
      rowNumber: 4,
      cells: [
        'SKA-OT-2025-001', '2025-02-14', 'Falköpings kommun hemsjukvård', 'Capio Vårdcentral Mariestad',
        'Hälso- och sjukvård i hemmet', 'Oenighet om ansvar för insats i hemmet efter utskrivning.',
        '', '', '2025-04-13', '1', 'Enighet', '', 'Nej', 'Nej',
      ],
    });
    expect(rows.length).toBe(18);
  });
});
