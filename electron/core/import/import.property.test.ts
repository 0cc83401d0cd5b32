import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { importFile } from './import-file';
import { deviationRecordSchema } from './validate';
import { isUserError } from '../errors';
import { devCells, genDeviations, STD_HEADERS, tempWorkspace, toCsv, TEST_TODAY, type TestWorkspace } from './test-helpers';

let t: TestWorkspace;
beforeAll(async () => {
  t = await tempWorkspace();
});
afterAll(() => t.cleanup());

const nasty = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', '"', ';', ',', '\n', '\r\n', '""', '2026-02-30', '31.12.1999', '2099-01-01', '12 500,50', 'Ja', 'Borås', 'Atlantis', '811218-9876', '19811218-9876', 'Bemötande', '5', 'Stängd'),
);

it('random rows never break the balance or throw past the boundary', async () => {
  const base = genDeviations(50, 11).map(devCells);
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ row: fc.nat(49), col: fc.nat(STD_HEADERS.length - 1), value: nasty, dupOf: fc.option(fc.nat(49)) }), { maxLength: 60 }),
      fc.constantFrom(';', ',', '\t'),
      fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252') as fc.Arbitrary<'utf-8' | 'utf-8-bom' | 'windows-1252'>,
      async (edits, sep, encoding) => {
        const rows = base.map((r) => r.slice());
        for (const e of edits) {
          rows[e.row]![e.col] = e.value;
          if (e.dupOf !== null) rows[e.row]![0] = rows[e.dupOf]![0]!;
        }
        let report;
        try {
          report = await importFile(t.ws, { bytes: new Uint8Array(toCsv(STD_HEADERS, rows, { sep, encoding })) }, 'slump.csv', { kind: 'deviations', now: TEST_TODAY });
        } catch (e) {
          // a refused file is fine (e.g. the header row was damaged), anything else is a bug
          expect(isUserError(e)).toBe(true);
          return;
        }
        const sum = report.inserted + report.updated + report.unchanged + report.quarantined + report.outsideDelregion + report.duplicatesInFile;
        expect(sum).toBe(report.rows);
        expect(report.quarantined).toBe(new Set(report.errors.map((x) => x.row)).size);
      },
    ),
    { numRuns: 40, seed: 4242 },
  );
  const cols = 'external_id, reported_at, occurred_at, reporting_org, reporting_party_type, receiving_org, receiving_party_type, kommun_code, kommun, category, raw_category, subcategory, severity, status, answered_at, closed_at, description, action';
  for (const r of t.ws.sqlite.prepare(`SELECT ${cols} FROM deviations`).all()) {
    const ok = deviationRecordSchema.safeParse(r);
    expect(ok.success ? '' : JSON.stringify(ok.error.issues[0])).toBe('');
  }
  expect(String(t.ws.sqlite.pragma('integrity_check', { simple: true }))).toBe('ok');
});
