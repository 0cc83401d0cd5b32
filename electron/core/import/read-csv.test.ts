import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { openCsv, detectSeparator, Utf8Checker } from './read-csv';
import type { RawRow, TableReader } from './read-table';

const utf8 = (s: string) => new TextEncoder().encode(s);
const cp1252 = (s: string) => new Uint8Array(iconv.encode(s, 'windows-1252'));

async function collect(reader: TableReader): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const row of reader.rows()) out.push(row);
  return out;
}

async function readBytes(bytes: Uint8Array, chunkBytes?: number) {
  const reader = await openCsv({ bytes }, 'test.csv', bytes.length, { chunkBytes });
  return { info: reader.info, rows: await collect(reader) };
}

describe('encoding detection and decoding', () => {
  it('decodes Windows-1252 including the 0x80–0x9F range (€ – ”) and å ä ö', async () => {
    const text = 'Namn;Belopp\r\nÅsa Öberg – ”test”;12 500 €\r\nÄngsgården;å ä ö\r\n';
    const bytes = cp1252(text);
    expect(bytes.includes(0x80)).toBe(true); // €
    expect(bytes.includes(0x94)).toBe(true); // ”
    const { info, rows } = await readBytes(bytes, 7);
    expect(info.encoding).toBe('windows-1252');
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Namn', 'Belopp'] },
      { rowNumber: 2, cells: ['Åsa Öberg – ”test”', '12 500 €'] },
      { rowNumber: 3, cells: ['Ängsgården', 'å ä ö'] },
    ]);
  });

  it('detects UTF-8 without BOM and keeps multi-byte characters split across chunks', async () => {
    const text = 'Kommun;Kategori\nGötene;Läkarmedverkan – ”akut” €\n';
    for (const chunk of [1, 2, 3, 5, 1024]) {
      const { info, rows } = await readBytes(utf8(text), chunk);
      expect(info.encoding).toBe('utf-8');
      expect(rows[1].cells).toEqual(['Götene', 'Läkarmedverkan – ”akut” €']);
    }
  });

  it('detects and strips a UTF-8 BOM', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('"Ärende-ID","Kommun"\n"A1","Skövde"\n')]);
    const { info, rows } = await readBytes(bytes, 2);
    expect(info.encoding).toBe('utf-8-bom');
    expect(info.separator).toBe(',');
    expect(rows[0].cells).toEqual(['Ärende-ID', 'Kommun']);
    expect(rows[0].cells[0].charCodeAt(0)).toBe('Ä'.charCodeAt(0));
  });

  it('falls back to Windows-1252 when an invalid UTF-8 byte appears late in the file', async () => {
    const lines = ['a;b'];
    for (let i = 0; i < 5000; i++) lines.push(`rad ${i};värde`); // valid UTF-8 for a long time…
    lines.push('sista;G\xf6tene'); // …then a lone cp1252 ö
    const bytes = new Uint8Array(Buffer.from(lines.join('\n'), 'latin1'));
    const { info, rows } = await readBytes(bytes, 4096);
    expect(info.encoding).toBe('windows-1252');
    expect(rows.at(-1)!.cells).toEqual(['sista', 'Götene']);
  });
});

describe('Utf8Checker', () => {
  it('accepts a multi-byte character split at any chunk boundary', () => {
    const bytes = utf8('a€b𝄞c');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const c = new Utf8Checker();
      c.push(bytes.subarray(0, cut));
      c.push(bytes.subarray(cut));
      expect(c.end()).toBe(true);
    }
  });
  it('rejects invalid sequences and a truncated character at the end', () => {
    const bad = new Utf8Checker();
    bad.push(new Uint8Array([0x61, 0xe5, 0x62])); // cp1252 å between ASCII letters
    expect(bad.end()).toBe(false);
    const truncated = new Utf8Checker();
    truncated.push(utf8('€').subarray(0, 2));
    expect(truncated.end()).toBe(false);
    const overlong = new Utf8Checker();
    overlong.push(new Uint8Array([0xc0, 0xaf]));
    expect(overlong.end()).toBe(false);
  });
});

describe('separator detection', () => {
  it('picks ; , or tab from consistent counts outside quotes', () => {
    expect(detectSeparator('a;b;c\n1;2,5;3\n4;5;6\n', true)).toBe(';');
    expect(detectSeparator('"a;x","b"\n"1;2","3"\n', true)).toBe(',');
    expect(detectSeparator('a\tb\tc\n1\t2\t3\n', true)).toBe('\t');
  });
  it('tolerates a title line and a blank line above the header', () => {
    expect(detectSeparator('"Folkmängd efter region och år"\r\n\r\n"region","2024","2025"\r\n"Hjo","1","2"\r\n', true)).toBe(',');
  });
  it('prefers the separator with more columns when two are equally consistent', () => {
    // Decimal commas in one column of a ; file.
    expect(detectSeparator('id;belopp;kommun;status\n1;12,5;Hjo;Ny\n2;3,25;Skara;Ny\n', true)).toBe(';');
  });
  it('ignores separators inside quoted fields that span lines', () => {
    expect(detectSeparator('a;b\n"x,\ny,z,w";2\n"p,q";3\n', true)).toBe(';');
  });
  it('falls back to , for a single column', () => {
    expect(detectSeparator('namn\nAnna\nBo\n', true)).toBe(',');
  });
});

describe('parsing', () => {
  it('handles quoted separators, doubled quotes and line breaks inside quotes; rowNumber is the record number', async () => {
    const text =
      'id;text;x\r\n' +
      '1;"a; b";"säger ""hej"""\r\n' +
      '2;"rad ett\r\nrad två\nrad tre";z\r\n' +
      '3;sista;\r\n';
    const { info, rows } = await readBytes(utf8(text), 3);
    expect(info.separator).toBe(';');
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['id', 'text', 'x'] },
      { rowNumber: 2, cells: ['1', 'a; b', 'säger "hej"'] },
      { rowNumber: 3, cells: ['2', 'rad ett\r\nrad två\nrad tre', 'z'] },
      { rowNumber: 4, cells: ['3', 'sista', ''] },
    ]);
  });

  it('reads tab-separated text', async () => {
    const { info, rows } = await readBytes(utf8('Kommun\tAntal\nHjo\t3\nTöreboda\t"4\t5"\n'));
    expect(info.separator).toBe('\t');
    expect(rows.map((r) => r.cells)).toEqual([
      ['Kommun', 'Antal'],
      ['Hjo', '3'],
      ['Töreboda', '4\t5'],
    ]);
  });

  it('refuses a field whose opening quote is not closed right, naming the row and column, whatever the chunk size', async () => {
    const rows = ['Id;Text;Åtgärd', 'A-1;Första;Ok', 'A-2;"Vi hittade inte journalen" sa hon;Rutin', 'A-3;Sista;Ok', 'A-4;Efter;Ok'];
    for (const nl of ['\n', '\r\n']) {
      for (const chunk of [1, 5, 64, undefined]) {
        await expect(readBytes(utf8(rows.join(nl) + nl), chunk)).rejects.toThrow(
          /Filen test\.csv kan inte läsas: på rad 3, kolumn 2, börjar ett fält med citattecken .* \(fältet börjar "Vi hittade inte journalen"/,
        );
      }
    }
    // never closed at all: found at the end of the file
    const open = 'Id;Text\nA-1;"Patienten sa\nA-2;Ok\nA-3;Ok\n';
    for (const chunk of [1, 7, undefined]) await expect(readBytes(utf8(open), chunk)).rejects.toThrow(/på rad 2, kolumn 2, börjar ett fält med citattecken/);
    // a quote inside an unquoted field is plain text
    expect((await readBytes(utf8('Id;Text\nA-1;Hon sa "nej" direkt\n'))).rows[1]!.cells).toEqual(['A-1', 'Hon sa "nej" direkt']);
  });

  it('gives the same rows for CRLF and LF line endings', async () => {
    const lf = 'a,b\n1,"x\ny"\n2,z\n';
    const crlf = lf.replace(/\n/g, '\r\n').replace('x\r\ny', 'x\ny');
    const a = await readBytes(utf8(lf), 1);
    const b = await readBytes(utf8(crlf), 1);
    expect(a.rows).toEqual(b.rows);
    expect(b.rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', 'x\ny'],
      ['2', 'z'],
    ]);
    const noFinalNewline = await readBytes(utf8('a,b\r\n1,2'));
    expect(noFinalNewline.rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('skips completely empty records but keeps counting them', async () => {
    const { rows } = await readBytes(utf8('Titel\n\n;;\nx;y;z\n\n1;2;3\n'));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Titel'] },
      { rowNumber: 4, cells: ['x', 'y', 'z'] },
      { rowNumber: 6, cells: ['1', '2', '3'] },
    ]);
  });

  it('parses any quoted table the same way whatever the chunk size (property)', async () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'Ö', '€', ' ', ';', ',', '"', '\n', '\r\n', '1', '”'),
      maxLength: 6,
    });
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 40 }), fc.boolean(), async (t, nl, chunk, bom) => {
        const quote = (s: string) => (/[;,\t"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
        const text = t.map((r) => r.map(quote).join(';')).join(nl) + nl;
        const body = utf8(text);
        const bytes = bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
        const { rows } = await readBytes(bytes, chunk);
        const expected = t
          .map((cells, i) => ({ rowNumber: i + 1, cells }))
          .filter((r) => r.cells.some((c) => c !== ''));
        // A single-column table has no separator to detect; its cells still round-trip.
        expect(rows).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('path input, info and cancellation', () => {
  it('streams from disk with the same result as bytes, and hashes the original bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samsyn-csv-'));
    try {
      const bytes = cp1252('Ärende;Kommun\r\n1;Götene\r\n2;"Lidköping; ”centrum”"\r\n');
      const file = join(dir, 'in.csv');
      writeFileSync(file, bytes);
      const fromPath = await openCsv({ path: file }, 'in.csv', bytes.length, { chunkBytes: 5 });
      const fromBytes = await openCsv({ bytes }, 'in.csv', bytes.length);
      expect(fromPath.info).toEqual(fromBytes.info);
      expect(fromPath.info.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(fromPath.info.size).toBe(bytes.length);
      expect(await collect(fromPath)).toEqual(await collect(fromBytes));
      expect((await collect(fromPath))[2].cells).toEqual(['2', 'Lidköping; ”centrum”']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('can be iterated twice and stops on abort', async () => {
    const lines = ['a;b'];
    for (let i = 0; i < 1000; i++) lines.push(`${i};x`);
    const reader = await openCsv({ bytes: utf8(lines.join('\n')) }, 't.csv', 0, { chunkBytes: 64 });
    expect((await collect(reader)).length).toBe(1001);
    expect((await collect(reader)).length).toBe(1001);
    const ac = new AbortController();
    let seen = 0;
    await expect(
      (async () => {
        for await (const _ of reader.rows(ac.signal)) {
          seen++;
          if (seen === 10) ac.abort();
        }
      })(),
    ).rejects.toThrow(/abort/i);
    expect(seen).toBe(10);
  });

  it('reads 200 000 rows quickly without building the whole table', async () => {
    const line = 'MC-2024-000001;2024-07-02;Närhälsan Hjo vårdcentral;Skövde;"Text; med ""citat""";Stängd\n';
    const bytes = utf8('id;datum;enhet;kommun;text;status\n' + line.repeat(200_000));
    const t0 = performance.now();
    const reader = await openCsv({ bytes }, 'big.csv', bytes.length);
    let n = 0;
    let last: RawRow | undefined;
    for await (const row of reader.rows()) {
      n++;
      last = row;
    }
    const ms = performance.now() - t0;
    expect(n).toBe(200_001);
    expect(last).toEqual({
      rowNumber: 200_001,
      cells: ['MC-2024-000001', '2024-07-02', 'Närhälsan Hjo vårdcentral', 'Skövde', 'Text; med "citat"', 'Stängd'],
    });
    expect(ms).toBeLessThan(5000); // ~0.5 s on the dev machine; generous for slow CI
  });
});
