import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile, previewFile } from './import-file';
import { call } from '../../transport/dispatch';
import { detectSeparator } from './read-csv';
import { deviationRecordSchema, disputeRecordSchema } from './validate';
import { importReportSchema } from '../../../shared/domain/import';
import { devCells, genDeviations, makePnr, makeXlsx, rng, STD_HEADERS, tableCounts, tempWorkspace, toCsv, TEST_TODAY, type TestWorkspace } from './test-helpers';

let t: TestWorkspace;
afterEach(() => t?.cleanup());

const bytes = (b: Buffer | Uint8Array) => ({ bytes: new Uint8Array(b) });
const imp = (b: Buffer | Uint8Array, name: string, extra: Partial<Parameters<typeof importFile>[3]> = {}) =>
  importFile(t.ws, bytes(b), name, { kind: 'deviations', now: TEST_TODAY, ...extra });

function balance(r: { rows: number; inserted: number; updated: number; unchanged: number; quarantined: number; outsideDelregion: number; duplicatesInFile: number }) {
  return r.inserted + r.updated + r.unchanged + r.quarantined + r.outsideDelregion + r.duplicatesInFile;
}

describe('deviation import', () => {
  it('reads Windows-1252 with quoted newlines and a title row; UTF-8-BOM with other headers and spellings is unchanged', async () => {
    t = await tempWorkspace();
    const rows = genDeviations(30, 1);
    rows[0]!.description = 'Rad ett\r\nrad två; med ”citat” och € – streck';
    rows[1]!.description = 'Sa "hej" till personalen';
    const body = toCsv(STD_HEADERS, rows.map(devCells), { encoding: 'windows-1252' });
    const titled = Buffer.concat([Buffer.from('Export från MedControl PRO;;\r\n;;\r\n', 'latin1'), body]);
    const r1 = await imp(titled, 'export.csv');
    expect(r1).toMatchObject({ rows: 30, inserted: 30, updated: 0, unchanged: 0, quarantined: 0, headerRowNumber: 3, encoding: 'windows-1252' });
    const d0 = t.ws.sqlite.prepare(`SELECT description FROM deviations WHERE external_id = 'MC-000001'`).pluck().get();
    expect(d0).toBe('Rad ett\nrad två; med ”citat” och € – streck');
    expect(t.ws.sqlite.prepare(`SELECT description FROM deviations WHERE external_id = 'MC-000002'`).pluck().get()).toBe('Sa "hej" till personalen');
    expect(importReportSchema.parse(r1).file).toBe('export.csv');

    // the same content, other headers, comma separator, UTF-8 with BOM, other value spellings
    const headers2 = ['Avvikelse-ID', 'Rapportdatum', 'Datum för händelse', 'Avsändare', 'Avsändande huvudman', 'Mottagare', 'Mottagande huvudman', 'Berörd kommun', 'Avvikelsekategori', 'Konsekvens', 'Ärendestatus', 'Datum för svar', 'Avslutad datum', 'Beskrivning', 'Vidtagen åtgärd'];
    const sev = ['', 'Mindre allvarlig', 'Måttlig', 'Allvarlig', 'Mycket allvarlig'];
    const respelled = rows.map((d) => {
      const c = devCells(d);
      c[1] = `${d.reported.slice(8, 10)}.${d.reported.slice(5, 7)}.${d.reported.slice(0, 4)}`; // DD.MM.YYYY
      c[4] = d.repType === 'Region' ? 'VGR' : d.repType === 'VGR' ? 'Region' : d.repType;
      c[7] = `${d.kommun.toUpperCase()} KOMMUN`;
      c[8] = d.category === 'SVPL' ? 'Samordnad vårdplanering' : d.category;
      c[9] = sev[Number(d.severity)]!;
      c[10] = d.status === 'Avslutad' ? 'Stängd' : d.status;
      c[13] = d.description.replace(/\r\n/g, '\n');
      return c;
    });
    const r2 = await imp(toCsv(headers2, respelled, { sep: ',', encoding: 'utf-8-bom', eol: '\n', quoteAll: true }), 'export2.csv');
    expect(r2.errors).toEqual([]);
    expect(r2).toMatchObject({ rows: 30, inserted: 0, updated: 0, unchanged: 30, encoding: 'utf-8-bom' });
  });

  it('quarantines each kind of invalid row with a message naming row, column and value', async () => {
    t = await tempWorkspace();
    const good = genDeviations(3, 2);
    const bad = genDeviations(12, 3).map((d, i) => ({ ...d, id: `BAD-${i}` }));
    bad[0]!.reported = '2026-02-30'; // impossible date
    bad[1]!.reported = '1999-12-31'; // before 2000
    bad[2]!.reported = '2026-11-22'; // more than one day after the import day (2026-11-20)
    bad[3]!.answered = '2020-01-01'; // answered before reported
    bad[3]!.status = 'Besvarad';
    bad[4]!.kommun = ''; // required
    bad[5]!.kommun = 'Atlantis'; // not one of the 49
    bad[6]!.category = '';
    bad[7]!.status = 'Vilande';
    bad[8]!.severity = 'Ganska illa';
    bad[9]!.repType = '';
    bad[9]!.repOrg = 'Okänd aktör AB'; // party type not derivable
    bad[10]!.reported = 'igår';
    bad[11]!.closed = '2019-05-05'; // closed before reported (and before 2000? no: 2019)
    const rows = [...good, ...bad].map(devCells);
    const r = await imp(toCsv(STD_HEADERS, rows), 'bad.csv');
    expect(r).toMatchObject({ rows: 15, inserted: 3, quarantined: 12, outsideDelregion: 0 });
    expect(balance(r)).toBe(r.rows);
    const byRow = new Map<number, string[]>();
    for (const e of r.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e.message]);
    // header is row 1, good rows 2–4, bad rows 5–16
    expect(byRow.get(5)!.join()).toMatch(/Rad 5: kolumnen "Registreringsdatum" har värdet "2026-02-30"/);
    expect(byRow.get(6)!.join()).toMatch(/före år 2000/);
    expect(byRow.get(7)!.join()).toMatch(/efter importdagen 2026-11-20/);
    expect(byRow.get(8)!.join()).toMatch(/Besvarad före registrering – kolumnen "Svarsdatum" har "2020-01-01"/);
    expect(byRow.get(9)!.join()).toMatch(/"Kommun" \(kommun\) är tom/);
    expect(byRow.get(10)!.join()).toMatch(/"Atlantis", som inte är en av Västra Götalands 49 kommuner/);
    expect(byRow.get(11)!.join()).toMatch(/"Kategori" \(kategori\) är tom/);
    expect(byRow.get(12)!.join()).toMatch(/"Status" har värdet "Vilande"/);
    expect(byRow.get(13)!.join()).toMatch(/"Allvarlighetsgrad" har värdet "Ganska illa"/);
    expect(byRow.get(14)!.join()).toMatch(/huvudmannen .* för "Okänd aktör AB" .* kan inte härledas/);
    expect(byRow.get(15)!.join()).toMatch(/"igår", som inte är ett giltigt datum/);
    expect(byRow.get(16)!.join()).toMatch(/Avslutad före registrering/);
    const q = await call(t.dispatch, 'quarantine.list', { status: 'open' });
    expect(q.total).toBe(12);
    expect(q.rows[0]!.raw['Ärendenummer']).toBe('BAD-0');
    expect(q.rows[0]!.errors[0]!.column).toBe('Registreringsdatum');

    // the same export again: its bad rows are already in the quarantine – open, fixed or thrown
    // away – and are not added again (the work list does not refill); the report says so
    await call(t.dispatch, 'quarantine.fix', { id: q.rows[0]!.id, values: { Registreringsdatum: '2026-02-20' } });
    await call(t.dispatch, 'quarantine.discard', { id: q.rows[1]!.id });
    const before = t.ws.sqlite.prepare('SELECT count(*) FROM quarantine').pluck().get();
    const again = await imp(toCsv(STD_HEADERS, rows), 'bad-igen.csv');
    expect(again).toMatchObject({ rows: 15, unchanged: 3, quarantined: 12, quarantineRepeats: 12 });
    expect(t.ws.sqlite.prepare('SELECT count(*) FROM quarantine').pluck().get()).toBe(before);
    expect((await call(t.dispatch, 'quarantine.list', { status: 'open' })).total).toBe(10);
    // a bad row with other values is new work
    bad[7]!.status = 'Sovande';
    const changed = await imp(toCsv(STD_HEADERS, [...good, ...bad].map(devCells)), 'bad-3.csv');
    expect(changed).toMatchObject({ quarantined: 12, quarantineRepeats: 11 });
    expect((await call(t.dispatch, 'quarantine.list', { status: 'open' })).total).toBe(11);
  });

  it('keeps the last of duplicate ids, counts rows outside the delregion by kommun and derives party types', async () => {
    t = await tempWorkspace();
    const rows = genDeviations(10, 4);
    rows[3]!.id = rows[1]!.id; // duplicate: row 5 wins over row 3
    rows[3]!.status = 'Avslutad';
    rows[3]!.closed = '2026-01-01';
    rows[3]!.reported = '2025-12-01';
    rows[3]!.answered = '2025-12-10';
    rows[6]!.kommun = 'Borås';
    rows[7]!.kommun = 'Borås stad';
    rows[8]!.kommun = '1485 Uddevalla';
    rows[9]!.kommun = 'skövdes kommun'; // genitive s, lower case: inside
    rows[5]!.kommun = 'Mariestads kommun';
    rows[0]!.kommun = 'Kungsbacka kommun'; // Halland: outside the agreement (DOMAIN.md), not an unknown kommun
    const cells = rows.map(devCells);
    for (const c of cells) (c[4] = ''), (c[6] = '');
    // no party type columns: derived from names
    const headers = STD_HEADERS.filter((_h, i) => i !== 4 && i !== 6);
    const r = await imp(toCsv(headers, cells.map((c) => c.filter((_x, i) => i !== 4 && i !== 6))), 'dups.csv');
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ rows: 10, inserted: 5, duplicatesInFile: 1, outsideDelregion: 4, quarantined: 0 });
    expect(r.outsideByKommun).toEqual([
      { kommun: 'Borås', count: 2 },
      { kommun: 'Kungsbacka', count: 1 },
      { kommun: 'Uddevalla', count: 1 },
    ]);
    expect(r.duplicates[0]).toMatchObject({ row: 3, externalId: rows[1]!.id });
    const kept = t.ws.sqlite.prepare('SELECT status, closed_at FROM deviations WHERE external_id = ?').get(rows[1]!.id);
    expect(kept).toEqual({ status: 'avslutad', closed_at: '2026-01-01' });
    const types = t.ws.sqlite.prepare('SELECT DISTINCT reporting_org, reporting_party_type FROM deviations ORDER BY 1').all() as { reporting_org: string; reporting_party_type: string }[];
    const expected: Record<string, string> = {
      'Capio Vårdcentral Mariestad': 'privat',
      'Lidköpings kommun vård och omsorg': 'kommun',
      'Närhälsan Hjo vårdcentral': 'region',
      'Skaraborgs Sjukhus Skövde': 'region',
      'Skövde kommun hemsjukvård': 'kommun',
    };
    for (const x of types) expect(x.reporting_party_type).toBe(expected[x.reporting_org]);
    expect(t.ws.sqlite.prepare(`SELECT kommun FROM deviations WHERE external_id = ?`).pluck().get(rows[9]!.id)).toBe('Skövde');
  });

  it('updates changed records with history, leaves the rest unchanged, and never re-applies an older export', async () => {
    t = await tempWorkspace();
    const rows = genDeviations(40, 5);
    const first = toCsv(STD_HEADERS, rows.map(devCells));
    const r1 = await imp(first, 'okt.csv');
    expect(r1.inserted).toBe(40);
    // newer export: 7 statuses changed, 5 new rows, other headers
    const newer = rows.map((d) => ({ ...d }));
    const changed = [0, 3, 6, 9, 12, 15, 18];
    for (const i of changed) {
      newer[i]!.status = 'Avslutad';
      newer[i]!.answered = newer[i]!.answered || newer[i]!.reported;
      newer[i]!.closed = '2026-10-01';
    }
    const extra = genDeviations(5, 6, { prefix: 'NY' });
    const headers2 = ['ID', 'Rapporteringsdatum', 'Inträffade', 'Rapporterande vårdgivare', 'Rapporterande huvudman', 'Mottagande vårdgivare', 'Mottagande huvudman', 'Kommun (händelse)', 'Händelsetyp', 'Risknivå', 'Status', 'Besvarad datum', 'Stängd', 'Vad hände', 'Mottagarens svar'];
    const r2 = await imp(toCsv(headers2, [...newer, ...extra].map(devCells), { sep: '\t' }), 'nov.csv');
    const alreadyClosed = changed.filter((i) => rows[i]!.status === 'Avslutad' && rows[i]!.closed === '2026-10-01').length;
    expect(r2).toMatchObject({ rows: 45, inserted: 5, updated: changed.length - alreadyClosed, unchanged: 40 - changed.length + alreadyClosed });
    const hist = t.ws.sqlite.prepare('SELECT count(*) AS n, min(replaced_by_batch_id) AS b, min(version_batch_id) AS v FROM deviation_history').get() as { n: number; b: number; v: number };
    expect(hist).toEqual({ n: r2.updated, b: r2.batchId, v: r1.batchId });
    const old = JSON.parse(t.ws.sqlite.prepare(`SELECT data FROM deviation_history h JOIN deviations d ON d.id = h.deviation_id WHERE d.external_id = ?`).pluck().get(rows[0]!.id) as string);
    expect(old.status).toBe(rows[0]!.status === 'Ny' ? 'ny' : old.status);
    expect(t.ws.sqlite.prepare('SELECT status FROM deviations WHERE external_id = ?').pluck().get(rows[0]!.id)).toBe('avslutad');

    // the same newer file again: nothing changes
    const before = tableCounts(t.ws.sqlite);
    const r3 = await imp(toCsv(headers2, [...newer, ...extra].map(devCells), { sep: '\t' }), 'nov.csv');
    expect(r3).toMatchObject({ inserted: 0, updated: 0, unchanged: 45 });
    // the older export again: the older versions are not re-applied
    const r4 = await imp(first, 'okt.csv');
    expect(r4).toMatchObject({ inserted: 0, updated: 0, unchanged: 40, olderVersions: r2.updated });
    const after = tableCounts(t.ws.sqlite);
    expect({ ...after, import_batches: 0 }).toEqual({ ...before, import_batches: 0 });
    expect(after.import_batches).toBe(before.import_batches + 2);
  });

  it('replaces identity numbers in every form before anything is written, with stable tokens', async () => {
    t = await tempWorkspace();
    const r = rng(77);
    const forms = ['YYMMDD-NNNC', 'YYMMDD+NNNC', 'YYMMDDNNNC', 'YYYYMMDD-NNNC', 'YYYYMMDDNNNC'] as const;
    const planted: { written: string; ten: string }[] = [];
    const rows = genDeviations(20, 8);
    rows.forEach((d, i) => {
      const p = makePnr(r, forms[i % forms.length]!, i % 4 === 3);
      planted.push(p);
      d.description = `Gäller pat ${p.written}. ${d.description}`;
      if (i === 5) d.action = `Kontakt med anhörig ${p.written}`;
      if (i === 6) d.kommun = `Atlantis ${p.written}`; // quarantined: raw values are stored de-identified
      if (i === 7) d.id = `MC-${p.written}`; // even an id column is cleaned
    });
    // the same person in two cases, written in two forms
    const same = makePnr(r, 'YYYYMMDD-NNNC');
    rows[10]!.description = `Pat ${same.written} föll.`;
    rows[11]!.description = `Pat ${same.ten.slice(0, 6)}-${same.ten.slice(6)} föll igen.`;
    const res = await imp(toCsv(STD_HEADERS, rows.map(devCells)), 'pnr.csv');
    expect(res.quarantined).toBe(1);
    // 20 descriptions (rows 10 and 11 replaced by the "same" person) + action + kommun + id = 23
    expect(res.pseudonymised).toBe(23);
    const tok10 = /\[PNR-[A-Z2-7]{6}\]/.exec(t.ws.sqlite.prepare('SELECT description FROM deviations WHERE external_id = ?').pluck().get(rows[10]!.id) as string)![0];
    const tok11 = /\[PNR-[A-Z2-7]{6}\]/.exec(t.ws.sqlite.prepare('SELECT description FROM deviations WHERE external_id = ?').pluck().get(rows[11]!.id) as string)![0];
    expect(tok10).toBe(tok11);
    t.ws.sqlite.pragma('wal_checkpoint(PASSIVE)');
    const blob = Buffer.concat([t.file, `${t.file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    const text = blob.toString('latin1');
    for (const p of [...planted, same]) {
      expect(text.includes(p.written)).toBe(false);
      expect(text.includes(p.ten)).toBe(false);
      expect(text.includes(p.written.replace(/\D/g, ''))).toBe(false);
    }
  });

  it('refuses a file without a header row and writes nothing; cancel writes nothing', async () => {
    t = await tempWorkspace();
    const before = tableCounts(t.ws.sqlite);
    await expect(imp(Buffer.from('a;b;c\n1;2;3\n'), 'konstig.csv')).rejects.toThrow(/Filen konstig\.csv har ingen rad som ser ut som en rubrikrad/);
    const ac = new AbortController();
    const big = toCsv(STD_HEADERS, genDeviations(5000, 9).map(devCells));
    const p = imp(big, 'stor.csv', { signal: ac.signal, chunkRows: 500, onProgress: (x) => x.rowsDone >= 1000 && ac.abort() });
    await expect(p).rejects.toThrow();
    expect(tableCounts(t.ws.sqlite)).toEqual(before);
    expect(t.ws.sqlite.prepare(`SELECT count(*) FROM sqlite_temp_master WHERE type = 'table'`).pluck().get()).toBe(0);
  });
});

describe('quarantine: a field the file has no column for', () => {
  it('is given by its label when the row is fixed (the party type of an organisation the register does not know)', async () => {
    t = await tempWorkspace();
    const rows = genDeviations(2, 53);
    rows[1]!.repOrg = 'Firma Omsorgsbolaget';
    const headers = STD_HEADERS.filter((_h, i) => i !== 4 && i !== 6); // no party type columns
    const cells = rows.map(devCells).map((c) => c.filter((_x, i) => i !== 4 && i !== 6));
    const r = await importFile(t.ws, bytes(toCsv(headers, cells)), 'utan-huvudman.csv', { kind: 'deviations', now: TEST_TODAY });
    expect(r.quarantined).toBe(1);
    expect(r.errors[0]).toMatchObject({ field: 'reporting_party_type', column: '' });
    const [row] = (await call(t.dispatch, 'quarantine.list', { batchId: r.batchId! })).rows;
    await expect(call(t.dispatch, 'quarantine.fix', { id: row!.id, values: { 'Okänd kolumn': 'x' } })).rejects.toThrow(/Kolumnen "Okänd kolumn" finns inte i karantänraden/);
    const fixed = await call(t.dispatch, 'quarantine.fix', { id: row!.id, values: { 'Rapporterande huvudman': 'Privat' } });
    expect(fixed.result).toBe('inserted');
    expect(fixed.row.raw['Rapporterande huvudman']).toBe('Privat');
    expect(t.ws.sqlite.prepare(`SELECT reporting_party_type FROM deviations WHERE reporting_org = 'Firma Omsorgsbolaget'`).pluck().get()).toBe('privat');
  });
});

describe('decomposed text (NFD)', () => {
  it('stores text composed, so the same file saved decomposed and composed is unchanged on re-import', async () => {
    t = await tempWorkspace();
    const rows = genDeviations(4, 47).map((d) => ({ ...d, description: 'Läkemedelslistan från vårdcentralen saknades för Åsa', recOrg: `${d.recOrg} Öst` }));
    const nfd = toCsv(STD_HEADERS, rows.map((d) => devCells(d).map((c) => c.normalize('NFD'))));
    expect(nfd.toString('utf8')).not.toBe(nfd.toString('utf8').normalize('NFC')); // really decomposed
    const r1 = await importFile(t.ws, bytes(nfd), 'nfd.csv', { kind: 'deviations', now: TEST_TODAY });
    expect(r1.inserted).toBe(4);
    const stored = t.ws.sqlite.prepare('SELECT description, receiving_org FROM deviations').raw().all() as string[][];
    for (const [d, o] of stored) expect([d, o]).toEqual([d!.normalize('NFC'), o!.normalize('NFC')]);
    const r2 = await importFile(t.ws, bytes(toCsv(STD_HEADERS, rows.map(devCells))), 'nfc.csv', { kind: 'deviations', now: TEST_TODAY });
    expect(r2).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
  });
});

describe('rows wider than the header (CSV)', () => {
  it('quarantines a row whose unquoted separator shifted its values, and accepts trailing empty fields', async () => {
    t = await tempWorkspace();
    const rows = genDeviations(3, 41).map(devCells);
    const line = (c: string[]) => c.join(';');
    const shifted = [...rows[1]!];
    shifted[13] = 'Del ett; del två'; // description with a bare ";": 16 fields
    const text = [STD_HEADERS.join(';'), `${line(rows[0]!)};;`, line(shifted), line(rows[2]!)].join('\r\n') + '\r\n';
    const r = await importFile(t.ws, bytes(Buffer.from(text)), 'avvikelser.csv', { kind: 'deviations', now: TEST_TODAY });
    expect(r).toMatchObject({ rows: 3, inserted: 2, quarantined: 1 });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 3, column: 'Kolumn 16', value: rows[1]![14] });
    expect(r.errors[0]!.message).toMatch(/^Rad 3: raden har 16 fält men rubrikraden 15, så värdena hamnar i fel kolumner; ".*" hör inte till någon kolumn\. Troligen står ett ";" i en text utan citattecken/);
    const q = await call(t.dispatch, 'quarantine.list', { batchId: r.batchId! });
    expect(q.rows[0]!.raw['Kolumn 16']).toBe(rows[1]![14]);
  });

  it('finds the ";" header although irregular rows and commas in organisation names make "," look more regular', async () => {
    t = await tempWorkspace();
    const rows = genDeviations(22, 43).map((d) => devCells({ ...d, repOrg: `${d.repOrg}, enhet 2`, recOrg: `${d.recOrg}, avdelning 3`, action: '' }));
    const lines = rows.map((c) => c.join(';'));
    lines[20] = rows[20]!.map((c, i) => (i === 13 ? 'Del ett; del två' : i === 14 ? 'Rutin ses över' : c)).join(';'); // 16 fields
    lines[21] = rows[21]!.slice(0, 14).join(';'); // the empty last field left out: 14 fields
    const text = [STD_HEADERS.join(';'), ...lines].join('\n') + '\n';
    expect(detectSeparator(text, true)).toBe(','); // what the file's regularity alone suggests
    const r = await importFile(t.ws, bytes(Buffer.from(text)), 'avvikelser.csv', { kind: 'deviations', now: TEST_TODAY });
    expect(r).toMatchObject({ rows: 22, quarantined: 1, headerRowNumber: 1 });
    expect(r.inserted + r.outsideDelregion + r.duplicatesInFile).toBe(21);
    expect(r.errors.map((e) => e.row)).toEqual([22]);
  });
});

describe('disputes', () => {
  it('imports an XLSX log with a title row and date cells, fills the timeline, and is idempotent', async () => {
    t = await tempWorkspace();
    const rows = [
      ['Logg oenighet och tvist', null],
      [],
      ['Ärendenummer', 'Startdatum', 'Part 1', 'Part 2', 'Avtalsområde', 'Sammanfattning', 'Datum steg 2', 'Datum steg 3', 'Löst datum', 'Löst på steg', 'Utfall', 'Belopp kr', 'Tillfällig lösning', 'Lyft till VVG', 'Kopplade avvikelser'],
      ['T-1', { date: '2025-02-14' }, 'Falköpings kommun hemsjukvård', 'Capio Vårdcentral Mariestad', 'Hemsjukvård', 'Oenighet om insats.', null, null, { date: '2025-04-13' }, 1, 'Enighet', null, 'Nej', 'Nej', 'MC-1; MC-2'],
      ['T-2', { date: '2025-03-01' }, 'Skövde kommun', 'Skaraborgs Sjukhus', 'SVPL', null, { date: '2025-03-20' }, { date: '2025-04-02' }, { date: '2025-06-30' }, 3, 'Ekonomisk reglering', '12 500,50', 'Ja', 'Ja', null],
      ['T-3', '2025-05-02', 'Okänd förening', 'Närhälsan Skövde', 'Bemötande', null, '2025-04-01', null, null, null, null, null, 'X', '0', 'MC-3,MC-4'],
      ['T-4', { date: '2025-05-02' }, 'A', 'B', 'SIP', null, null, null, null, 5, 'Förlikning', 'tusen', null, 'kanske', null],
    ] as Parameters<typeof makeXlsx>[0];
    const x = makeXlsx(rows, 'Tvister');
    const r = await importFile(t.ws, bytes(x), 'tvister.xlsx', { kind: 'disputes', now: TEST_TODAY });
    // T-3: step 2 before start → quarantine; T-4: step 5, unknown outcome, bad amount, bad yes/no → quarantine
    expect(r).toMatchObject({ rows: 4, inserted: 2, quarantined: 2, headerRowNumber: 3, sheet: 'Tvister', sourceSystem: 'Tvistlogg' });
    expect(r.errors.filter((e) => e.row === 7).map((e) => e.field).sort()).toEqual(['outcome', 'principled', 'resolution_step', 'settlement_sek']);
    expect(r.errors.find((e) => e.row === 6)!.message).toMatch(/Steg 2 före start/);
    const d2 = t.ws.sqlite.prepare(`SELECT * FROM disputes WHERE external_id = 'T-2'`).get() as Record<string, unknown>;
    expect(d2).toMatchObject({ opened_at: '2025-03-01', step2_at: '2025-03-20', step3_at: '2025-04-02', resolved_at: '2025-06-30', resolution_step: 3, outcome: 'ekonomisk_reglering', settlement_sek: 12500.5, temporary_solution: 1, principled: 1, area: 'in_utskrivning', party_a_type: 'kommun', party_b_type: 'region' });
    const d1 = t.ws.sqlite.prepare(`SELECT linked_deviations, area, party_b_type FROM disputes WHERE external_id = 'T-1'`).get();
    expect(d1).toEqual({ linked_deviations: '["MC-1","MC-2"]', area: 'hemsjukvard', party_b_type: 'privat' });
    for (const row of t.ws.sqlite.prepare('SELECT external_id, opened_at, party_a, party_a_type, party_b, party_b_type, area, raw_area, summary, step2_at, step3_at, resolved_at, resolution_step, outcome, settlement_sek, temporary_solution, temporary_solution_text, principled, linked_deviations FROM disputes').all()) {
      expect(disputeRecordSchema.safeParse(row).success).toBe(true);
    }
    const events = t.ws.sqlite.prepare(`SELECT d.external_id || ':' || e.type || ':' || e.at FROM dispute_events e JOIN disputes d ON d.id = e.dispute_id ORDER BY d.external_id, e.at`).pluck().all();
    expect(events).toEqual(['T-1:opened:2025-02-14', 'T-1:resolved:2025-04-13', 'T-2:opened:2025-03-01', 'T-2:step2:2025-03-20', 'T-2:step3:2025-04-02', 'T-2:resolved:2025-06-30']);
    const again = await importFile(t.ws, bytes(x), 'tvister.xlsx', { kind: 'disputes', now: TEST_TODAY });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, quarantined: 2, quarantineRepeats: 2 });
    expect(t.ws.sqlite.prepare('SELECT count(*) FROM dispute_events').pluck().get()).toBe(6);
    expect(t.ws.sqlite.prepare('SELECT count(*) FROM quarantine').pluck().get()).toBe(2); // not added twice

    // fix the quarantined T-3 (step 2 date) → stored with the batch's source system
    const q = await call(t.dispatch, 'quarantine.list', { batchId: r.batchId! });
    const t3 = q.rows.find((x) => x.raw['Ärendenummer'] === 'T-3')!;
    const bad = await call(t.dispatch, 'quarantine.fix', { id: t3.id, values: { 'Datum steg 2': '2025-01-01' } });
    expect(bad.result).toBe('invalid');
    const fixed = await call(t.dispatch, 'quarantine.fix', { id: t3.id, values: { 'Datum steg 2': '2025-05-20' } });
    expect(fixed.result).toBe('inserted');
    expect(fixed.row.status).toBe('fixed');
    expect(t.ws.sqlite.prepare(`SELECT source_system || '|' || area || '|' || raw_area || '|' || temporary_solution FROM disputes WHERE external_id = 'T-3'`).pluck().get()).toBe('Tvistlogg|ovrigt|Bemötande|1');
    const t4 = q.rows.find((x) => x.raw['Ärendenummer'] === 'T-4')!;
    expect((await call(t.dispatch, 'quarantine.discard', { id: t4.id })).status).toBe('discarded');
    expect((await call(t.dispatch, 'quarantine.list', { status: 'open' })).total).toBe(0); // the second import added none
  });

  it('reads a described temporary solution as yes, a text that starts with a no as no, and refuses a negative amount', async () => {
    t = await tempWorkspace();
    const csv = [
      'Ärendenummer;Startdatum;Part 1;Part 2;Avtalsområde;Tillfällig lösning;Belopp kr',
      'T-1;2025-03-01;Skövde kommun;Skaraborgs Sjukhus;SIP;Nej – ingen lösning behövs;',
      'T-2;2025-03-01;Skövde kommun;Skaraborgs Sjukhus;SIP;Ingen;',
      'T-3;2025-03-01;Skövde kommun;Skaraborgs Sjukhus;SIP;Saknas;',
      'T-4;2025-03-01;Skövde kommun;Skaraborgs Sjukhus;SIP;Hemtjänsten ger insulin i väntan på beslut;',
      'T-5;2025-03-01;Skövde kommun;Skaraborgs Sjukhus;SIP;Ja;',
      'T-6;2025-03-01;Skövde kommun;Skaraborgs Sjukhus;SIP;;-500',
    ].join('\n');
    const r = await importFile(t.ws, bytes(Buffer.from(csv)), 'tvister.csv', { kind: 'disputes', now: TEST_TODAY });
    expect(r).toMatchObject({ rows: 6, inserted: 5, quarantined: 1 });
    expect(r.errors).toEqual([expect.objectContaining({ row: 7, field: 'settlement_sek', value: '-500', message: expect.stringMatching(/kan inte vara negativt/) })]);
    const temp = t.ws.sqlite.prepare(`SELECT external_id, temporary_solution, temporary_solution_text FROM disputes ORDER BY external_id`).raw().all();
    expect(temp).toEqual([
      ['T-1', 0, null],
      ['T-2', 0, null],
      ['T-3', 0, null],
      ['T-4', 1, 'Hemtjänsten ger insulin i väntan på beslut'],
      ['T-5', 1, null],
    ]);
  });
});

describe('contract methods', () => {
  it('previews, starts a job, reuses a saved profile, lists history, re-maps categories, imports population', async () => {
    t = await tempWorkspace();
    const rows = genDeviations(12, 10);
    rows[2]!.category = 'Bemötande';
    rows[4]!.category = 'bemotande';
    const headers = ['Nr', 'Datum', 'Från', 'Från typ', 'Till', 'Till typ', 'Kommun', 'Kategori', 'Grad', 'Status', 'Svarat', 'Klar', 'Text', 'Åtgärd'];
    const cells = rows.map(devCells).map((c) => c.filter((_x, i) => i !== 2));
    const csv = toCsv(headers, cells);
    const b64 = csv.toString('base64');
    const pv = await call(t.dispatch, 'imports.preview', { kind: 'deviations', fileName: 'egen.csv', bytesBase64: b64 });
    expect(pv.headerRowNumber).toBe(1);
    expect(pv.proposedMapping).toMatchObject({ kommun: 'Kommun', category: 'Kategori', status: 'Status', external_id: null, action: 'Åtgärd' });
    expect(pv.problems.join(' ')).toMatch(/Ärendenummer är inte kopplat/);
    // no row can be checked before the mapping is complete, but the first row's values are examples
    expect(pv.sampleRows).toHaveLength(0);
    expect(pv.firstRaw).toMatchObject({ Nr: rows[0]!.id, Kommun: rows[0]!.kommun, Text: rows[0]!.description });
    const mapping = { ...pv.proposedMapping, external_id: 'Nr', reported_at: 'Datum', reporting_org: 'Från', reporting_party_type: 'Från typ', receiving_org: 'Till', receiving_party_type: 'Till typ', severity: 'Grad', answered_at: 'Svarat', closed_at: 'Klar', description: 'Text' };
    const pv2 = await call(t.dispatch, 'imports.preview', { kind: 'deviations', fileName: 'egen.csv', bytesBase64: b64, mapping });
    expect(pv2.sampleRows).toHaveLength(10);
    expect(pv2.sampleRows[0]!.values.external_id).toBe(rows[0]!.id);
    expect(deviationRecordSchema.safeParse(pv2.sampleRows[0]!.values).success).toBe(true);

    const job = await call(t.dispatch, 'imports.start', { kind: 'deviations', fileName: 'egen.csv', bytesBase64: b64, mapping, saveProfileAs: 'Egen export', sourceSystem: 'Eget system' });
    const done = await t.ctx.jobs.wait(job.id);
    expect(done.state).toBe('done');
    const report = importReportSchema.parse(done.result);
    expect(report).toMatchObject({ inserted: 12, sourceSystem: 'Eget system', profile: { name: 'Egen export' } });
    expect(report.unknownCategories).toEqual(['Bemötande']);

    // the same header set is recognised: the profile is used automatically
    const pv3 = await call(t.dispatch, 'imports.preview', { kind: 'deviations', fileName: 'egen2.csv', bytesBase64: b64 });
    expect(pv3.matchedProfile?.name).toBe('Egen export');
    expect(pv.alreadyImported).toBeNull();
    expect(pv3.alreadyImported).toMatchObject({ batchId: report.batchId, fileName: 'egen.csv' });
    expect(pv3.problems).toEqual([]);
    const again = await importFile(t.ws, bytes(csv), 'egen2.csv', { kind: 'deviations', now: TEST_TODAY });
    expect(again).toMatchObject({ unchanged: 12, sourceSystem: 'Eget system', profile: { name: 'Egen export' } });

    const profiles = await call(t.dispatch, 'profiles.list', { kind: 'deviations' });
    expect(profiles.map((p) => p.name)).toEqual(['Egen export']);
    const hist = await call(t.dispatch, 'imports.history', {});
    expect(hist.map((h) => h.unchanged)).toEqual([12, 0]);
    const b = await call(t.dispatch, 'imports.batch', { id: hist[1]!.id });
    expect(b.report).toMatchObject({ inserted: 12 });

    // a new synonym re-maps the stored rows, and the file stays unchanged afterwards
    const syn = await call(t.dispatch, 'categories.addSynonym', { label: 'Bemötande', categoryCode: 'information' });
    expect(syn.remapped).toEqual({ deviations: 2, disputes: 0 });
    expect(t.ws.sqlite.prepare(`SELECT count(*) FROM deviations WHERE category = 'information' AND raw_category IN ('Bemötande', 'bemotande')`).pluck().get()).toBe(2);
    const cats = await call(t.dispatch, 'categories.list', {});
    expect(cats.categories.find((c) => c.code === 'information')!.synonyms).toContainEqual({ label: 'Bemötande', userAdded: true });
    const third = await importFile(t.ws, bytes(csv), 'egen3.csv', { kind: 'deviations', now: TEST_TODAY });
    expect(third).toMatchObject({ unchanged: 12, updated: 0, unknownCategories: [] });
    expect((await call(t.dispatch, 'profiles.delete', { id: profiles[0]!.id })).deleted).toBe(true);

    // a profile for headers that are no aliases at all (and a title row above them): its header set
    // alone identifies the header row, on preview and on import
    const odd = Buffer.from(
      'Månadsuttag avvikelser\r\nNr;Inkom;Från;Till;Kn;Omr;Läge;Text\r\nP-1;2026-08-01;Skövde kommun;Skaraborgs Sjukhus;Skövde;SIP;Ny;Profiltest\r\n',
      'utf8',
    );
    await expect(importFile(t.ws, bytes(odd), 'udda.csv', { kind: 'deviations', now: TEST_TODAY })).rejects.toThrow(/ingen rad som ser ut som en rubrikrad/);
    const oddMapping = { external_id: 'Nr', reported_at: 'Inkom', reporting_org: 'Från', receiving_org: 'Till', kommun: 'Kn', category: 'Omr', status: 'Läge', description: 'Text' };
    const first = await importFile(t.ws, bytes(odd), 'udda.csv', { kind: 'deviations', now: TEST_TODAY, mapping: oddMapping, saveProfileAs: 'Udda export' });
    expect(first).toMatchObject({ inserted: 1, quarantined: 0 });
    const oddPreview = await call(t.dispatch, 'imports.preview', { kind: 'deviations', fileName: 'udda2.csv', bytesBase64: odd.toString('base64') });
    expect(oddPreview).toMatchObject({ headerRowNumber: 2, matchedProfile: { name: 'Udda export' } });
    expect(oddPreview.problems.join(' ')).not.toMatch(/obligatoriska/);
    expect(await importFile(t.ws, bytes(odd), 'udda2.csv', { kind: 'deviations', now: TEST_TODAY })).toMatchObject({ unchanged: 1, profile: { name: 'Udda export' } });

    // population
    const scb = Buffer.from('"Folkmängd efter region och år"\r\n\r\n"region","2024","2025"\r\n"1496 Skövde","58 163","58200"\r\n"Hjo","9343",".."\r\n"Riket","10551707","10587710"\r\n', 'utf8');
    const pop = await call(t.dispatch, 'population.import', { fileName: 'folkmangd.csv', bytesBase64: scb.toString('base64') });
    expect(pop).toMatchObject({ kommuner: 2, years: [2024, 2025], rowsUpdated: 3, unknownKommuner: ['Riket'], headerRowNumber: 3 });
    const list = await call(t.dispatch, 'population.list', {});
    expect(list.find((k) => k.name === 'Skövde')).toMatchObject({ value: 58200, year: 2025, refDate: '2025-12-31', source: 'SCB (import av folkmangd.csv)', missing: false });
    expect(list.find((k) => k.name === 'Hjo')).toMatchObject({ value: 9343, year: 2024 });
    expect(list).toHaveLength(15);
  });
});
