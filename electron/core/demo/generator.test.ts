import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { findIdentityNumbers, luhnOk } from '../privacy/pnr';
import { categoryCodes, partyTypes } from '../../../shared/domain/enums';
import {
  DEVIATION_HEADERS,
  DISPUTE_HEADERS,
  PNR_FORMS,
  deviationCells,
  disputeCells,
  generateDeviationRows,
  generateDisputeRows,
  iterateDeviationRows,
  writeDeviationCsv,
  writeDeviationCsvFile,
  writeDisputeCsv,
} from './generator';
import { anhojSignal } from './test-helpers';

const base = { seed: 7, delregionId: 'fyrbodal' };

describe('generateDeviationRows', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = writeDeviationCsv(generateDeviationRows({ ...base, rows: 3000, plantIdentityNumbers: 10, invalidShare: 0.02, outsideShare: 0.02, duplicateShare: 0.01 }));
    const b = writeDeviationCsv(generateDeviationRows({ ...base, rows: 3000, plantIdentityNumbers: 10, invalidShare: 0.02, outsideShare: 0.02, duplicateShare: 0.01 }));
    const c = writeDeviationCsv(generateDeviationRows({ ...base, seed: 8, rows: 3000, plantIdentityNumbers: 10, invalidShare: 0.02, outsideShare: 0.02, duplicateShare: 0.01 }));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    const d1 = writeDisputeCsv(generateDisputeRows({ ...base, count: 60 }));
    const d2 = writeDisputeCsv(generateDisputeRows({ ...base, count: 60 }));
    const d3 = writeDisputeCsv(generateDisputeRows({ ...base, seed: 8, count: 60 }));
    expect(d1.equals(d2)).toBe(true);
    expect(d1.equals(d3)).toBe(false);
  });

  it('gives realistic content: all areas, all flows, delregion kommuner, ids, 24 months', () => {
    const rows = generateDeviationRows({ ...base, rows: 5000 });
    expect(rows).toHaveLength(5000);
    expect(new Set(rows.map((r) => r.category))).toEqual(new Set(categoryCodes));
    const flows = new Set(rows.map((r) => `${r.reportingPartyType}>${r.receivingPartyType}`));
    for (const a of partyTypes) for (const b of partyTypes) expect(flows.has(`${a}>${b}`)).toBe(true);
    expect(new Set(rows.map((r) => r.kommun)).size).toBe(14);
    expect(rows.every((r) => /^MC-\d{4}-\d{6}$/.test(r.externalId))).toBe(true);
    expect(new Set(rows.map((r) => r.externalId)).size).toBe(5000);
    const months = new Set(rows.map((r) => r.reportedAt.slice(0, 7)));
    expect(months.size).toBe(24);
    expect([...months].sort()[0]).toBe('2024-01');
    // Synonyms and canonical labels, digits and words, all status spellings.
    expect(rows.some((r) => r.categoryLabel === 'SVPL')).toBe(true);
    expect(rows.some((r) => r.categoryLabel === 'In- och utskrivning')).toBe(true);
    expect(rows.some((r) => r.severityLabel === 'Allvarlig')).toBe(true);
    expect(rows.some((r) => r.severityLabel === '2')).toBe(true);
    for (const s of ['Ny', 'Registrerad', 'Under utredning', 'Pågående', 'Besvarad', 'Avslutad', 'Stängd']) {
      expect(rows.some((r) => r.statusLabel === s)).toBe(true);
    }
    // Dependent dates are consistent, open cases are the recent ones.
    for (const r of rows) {
      if (r.answeredAt) expect(r.answeredAt >= r.reportedAt).toBe(true);
      if (r.closedAt) expect(r.closedAt >= r.answeredAt!).toBe(true);
      if (r.occurredAt) expect(r.occurredAt <= r.reportedAt).toBe(true);
    }
    const open = rows.filter((r) => r.status === 'ny');
    expect(open.every((r) => r.reportedAt >= '2025-12-01')).toBe(true);
    expect(rows.some((r) => /SVPL/.test(r.description)) && rows.some((r) => /SIP/.test(r.description)) && rows.some((r) => /läkemedelslista/.test(r.description))).toBe(true);
    // No identity numbers unless asked for.
    expect(rows.some((r) => findIdentityNumbers(r.description).length > 0 || findIdentityNumbers(r.action).length > 0)).toBe(false);
  });

  it('shows a sustained shift at the end (Anhøj signal on the monthly counts)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rows = generateDeviationRows({ seed, delregionId: 'skaraborg', rows: 2400 });
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(r.reportedAt.slice(0, 7), (counts.get(r.reportedAt.slice(0, 7)) ?? 0) + 1);
      const pts = [...counts.entries()].sort().map(([, c]) => c);
      expect(anhojSignal(pts)).toBe(true);
    }
  });

  it('plants Luhn-valid identity numbers in every written form, exactly as many as asked', () => {
    const rows = generateDeviationRows({ ...base, rows: 1200, plantIdentityNumbers: 24 });
    const planted = rows.filter((r) => r.plantedIdentityNumber);
    expect(planted).toHaveLength(24);
    expect(new Set(planted.map((r) => r.plantedForm))).toEqual(new Set(PNR_FORMS));
    const shapes = {
      'YYMMDD-NNNC': /^\d{6}-\d{4}$/,
      YYYYMMDDNNNC: /^(19|18)\d{10}$/,
      'YYYYMMDD-NNNC': /^(19|18)\d{6}-\d{4}$/,
      YYMMDDNNNC: /^\d{10}$/,
      'YYMMDD+NNNC': /^\d{6}\+\d{4}$/,
      samordningsnummer: /^\d{4}[6-9]\d-\d{4}$/,
    } as const;
    for (const r of planted) {
      const hits = findIdentityNumbers(r.description);
      expect(hits).toHaveLength(1);
      expect(hits[0]!.raw).toBe(r.plantedIdentityNumber);
      expect(luhnOk(hits[0]!.tenDigits)).toBe(true);
      expect(r.plantedIdentityNumber).toMatch(shapes[r.plantedForm!]);
      if (r.plantedForm === 'samordningsnummer') expect(hits[0]!.kind).toBe('samordningsnummer');
    }
    const csv = writeDeviationCsv(rows).toString('utf8');
    expect(findIdentityNumbers(csv)).toHaveLength(24);
  });

  it('makes invalid, outside and duplicate rows when asked', () => {
    const rows = generateDeviationRows({ ...base, rows: 4000, invalidShare: 0.05, outsideShare: 0.05, duplicateShare: 0.02 });
    const invalid = rows.filter((r) => r.kind === 'invalid');
    expect(new Set(invalid.map((r) => r.invalidReason))).toEqual(new Set(['bad_date', 'answered_before_reported', 'missing_required', 'unknown_kommun']));
    const outside = rows.filter((r) => r.kind === 'outside');
    expect(outside.length).toBeGreaterThan(100);
    expect(outside.every((r) => !['1460', '1438', '1439', '1484', '1461', '1430', '1421', '1427', '1486', '1435', '1488', '1485', '1487', '1492'].includes(r.kommunCode))).toBe(true);
    const dups = rows.filter((r) => r.kind === 'duplicate');
    expect(dups.length).toBeGreaterThan(40);
    const ids = new Set(rows.filter((r) => r.kind !== 'duplicate').map((r) => r.externalId));
    expect(dups.every((d) => ids.has(d.externalId))).toBe(true);
  });
});

describe('CSV writing', () => {
  it('quotes separators, quotes and newlines so that papaparse reads back every value', () => {
    const rows = generateDeviationRows({ ...base, rows: 2000, invalidShare: 0.02, plantIdentityNumbers: 5 });
    expect(rows.some((r) => r.description.includes('\r\n'))).toBe(true);
    expect(rows.some((r) => r.description.includes('"'))).toBe(true);
    expect(rows.some((r) => r.description.includes(';') || r.action.includes(';'))).toBe(true);
    for (const separator of [';', ','] as const) {
      const text = writeDeviationCsv(rows, { separator }).toString('utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      const parsed = Papa.parse<string[]>(text, { delimiter: separator, newline: '\r\n', skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data[0]).toEqual(DEVIATION_HEADERS.map(([, h]) => h));
      expect(parsed.data.slice(1)).toEqual(rows.map(deviationCells));
    }
    const disputes = generateDisputeRows({ ...base, count: 80 });
    const dText = writeDisputeCsv(disputes, { separator: ',' }).toString('utf8');
    const dParsed = Papa.parse<string[]>(dText, { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
    expect(dParsed.data[0]).toEqual(DISPUTE_HEADERS.map(([, h]) => h));
    expect(dParsed.data.slice(1)).toEqual(disputes.map(disputeCells));
  });

  it('writes dates as YYYY-MM-DD and DD.MM.YYYY', () => {
    const cells = generateDeviationRows({ ...base, rows: 500 }).map(deviationCells);
    expect(cells.some((c) => /^\d{4}-\d{2}-\d{2}$/.test(c[1]!))).toBe(true);
    expect(cells.some((c) => /^\d{2}\.\d{2}\.\d{4}$/.test(c[1]!))).toBe(true);
  });

  it('writes Windows-1252 that decodes back with å ä ö € –', () => {
    const rows = generateDeviationRows({ ...base, rows: 3000 });
    expect(rows.some((r) => r.description.includes('€ –'))).toBe(true);
    const utf8 = writeDeviationCsv(rows);
    const cp = writeDeviationCsv(rows, { encoding: 'cp1252' });
    expect(cp.includes(Buffer.from([0x80]))).toBe(true); // €
    expect(cp.includes(Buffer.from([0x96]))).toBe(true); // –
    expect(cp.includes(Buffer.from('Händelsebeskrivning', 'latin1'))).toBe(true);
    expect(cp.length).toBeLessThan(utf8.length);
    expect(iconv.decode(cp, 'win1252')).toBe(utf8.toString('utf8'));
    // Node 20's TextDecoder with the streaming workaround (ENVIRONMENT.md) agrees.
    const d = new TextDecoder('windows-1252');
    expect(d.decode(cp, { stream: true }) + d.decode()).toBe(utf8.toString('utf8'));
  });

  it('streams to a file with the same bytes as in memory, with a BOM when asked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-gen-'));
    try {
      const file = path.join(dir, 'a.csv');
      const opts = { ...base, rows: 30_000, plantIdentityNumbers: 3 };
      const w = await writeDeviationCsvFile(file, iterateDeviationRows(opts), { encoding: 'utf8' });
      const mem = writeDeviationCsv(generateDeviationRows(opts));
      expect(w).toEqual({ rows: 30_000, bytes: mem.length });
      expect(fs.readFileSync(file).equals(mem)).toBe(true);
      const bom = writeDeviationCsv(generateDeviationRows({ ...opts, rows: 3 }), { bom: true });
      expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('generateDisputeRows', () => {
  it('covers every step, open and resolved, with settlements, court, principled cases and links', () => {
    const devs = generateDeviationRows({ ...base, rows: 2500 });
    const ds = generateDisputeRows({ ...base, count: 44, deviations: devs });
    expect(ds).toHaveLength(44);
    const openAt = (s: number) => ds.filter((d) => !d.resolvedAt && (s === 3 ? d.step3At : s === 2 ? d.step2At && !d.step3At : !d.step2At));
    for (const s of [1, 2, 3]) expect(openAt(s).length).toBeGreaterThanOrEqual(2);
    for (const s of [1, 2, 3]) expect(ds.some((d) => d.resolutionStep === s)).toBe(true);
    expect(ds.some((d) => d.outcome === 'ekonomisk_reglering' && d.settlementSek! > 0)).toBe(true);
    expect(ds.some((d) => d.outcome === 'allman_domstol')).toBe(true);
    expect(ds.some((d) => d.outcome === 'aterkallad')).toBe(true);
    expect(ds.some((d) => d.principled)).toBe(true);
    expect(ds.some((d) => d.temporarySolution)).toBe(true);
    const ids = new Map(devs.map((d) => [d.externalId, d]));
    const linked = ds.flatMap((d) => d.linkedDeviations.map((id) => [d, ids.get(id)] as const));
    expect(linked.length).toBeGreaterThan(10);
    for (const [d, dev] of linked) {
      expect(dev).toBeDefined();
      expect(dev!.category).toBe(d.area);
      expect(dev!.reportedAt <= d.openedAt).toBe(true);
    }
    for (const d of ds) {
      expect(d.externalId).toMatch(/^TV-\d{4}-\d{3}$/);
      if (d.step2At) expect(d.step2At > d.openedAt).toBe(true);
      if (d.step3At) expect(d.step3At > d.step2At!).toBe(true);
      if (d.resolvedAt) expect(d.resolvedAt >= (d.step3At ?? d.step2At ?? d.openedAt)).toBe(true);
      if (d.resolvedAt) expect(d.resolvedAt <= '2025-12-31').toBe(true);
    }
  });
});

