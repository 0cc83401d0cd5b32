/** The stored dev.recurring flag stays exact through imports, newer exports and category re-mapping. */
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { importFile } from './import-file';
import { addSynonym } from './categories';
import { fixQuarantine } from './quarantine';
import { refreshRecurring } from '../indicators/recurring';
import { devCells, STD_HEADERS, tempWorkspace, toCsv, TEST_TODAY, type DevRow, type TestWorkspace } from './test-helpers';

let t: TestWorkspace;
afterEach(() => t?.cleanup());

const imp = (rows: DevRow[], name: string) => importFile(t.ws, { bytes: new Uint8Array(toCsv(STD_HEADERS, rows.map(devCells))) }, name, { kind: 'deviations', now: TEST_TODAY });

type Org = readonly [name: string, partyType: string];
const A: Org = ['Skövde kommun hemsjukvård', 'Kommun'];
const B: Org = ['Skaraborgs Sjukhus Skövde', 'Region'];
const C: Org = ['Närhälsan Hjo vårdcentral', 'VGR'];

function row(id: string, reported: string, category: string, from: Org = A, to: Org = B): DevRow {
  return {
    id,
    reported,
    occurred: reported,
    repOrg: from[0],
    repType: from[1],
    recOrg: to[0],
    recType: to[1],
    kommun: 'Skövde',
    category,
    severity: '2',
    status: 'Ny',
    answered: '',
    closed: '',
    description: 'Text',
    action: '',
  };
}

const flags = (s: Database.Database) =>
  Object.fromEntries((s.prepare('SELECT external_id, recurring FROM deviations ORDER BY external_id').raw().all() as [string, number][]).map(([k, v]) => [k, v]));

/** The definition, evaluated row by row (the former correlated predicate). */
const oracle = (s: Database.Database) =>
  Object.fromEntries(
    (
      s
        .prepare(
          `SELECT d.external_id, ((SELECT count(*) FROM deviations y WHERE y.category = d.category AND y.reporting_org = d.reporting_org
             AND y.receiving_org = d.receiving_org AND y.reported_at BETWEEN date(d.reported_at, '-364 days') AND d.reported_at) >= 3)
           FROM deviations d ORDER BY d.external_id`,
        )
        .raw()
        .all() as [string, number][]
    ).map(([k, v]) => [k, v]),
  );

describe('stored dev.recurring flag', () => {
  it('covers the 364/365-day edges and same-day peers, and a newer export moving a row updates the old and the new triple', async () => {
    t = await tempWorkspace();
    const s = t.ws.sqlite;
    const rows = [
      // Läkemedel A→B: the third on day 364 after the first → recurring
      row('L-1', '2025-01-01', 'Läkemedel'),
      row('L-2', '2025-06-01', 'Läkemedel'),
      row('L-3', '2025-12-31', 'Läkemedel'),
      // SIP A→B: the third on day 365 after the first → not recurring
      row('S-1', '2025-01-01', 'SIP'),
      row('S-2', '2025-06-01', 'SIP'),
      row('S-3', '2026-01-01', 'SIP'),
      // Hjälpmedel A→B: two on one day; a third the same day makes all three recurring (later)
      row('H-1', '2025-03-01', 'Hjälpmedel'),
      row('H-2', '2025-03-01', 'Hjälpmedel'),
      // Läkemedel A→C: another receiving organisation, never recurring
      row('X-1', '2025-02-01', 'Läkemedel', A, C),
      row('X-2', '2025-03-01', 'Läkemedel', A, C),
    ];
    const r1 = await imp(rows, 'okt.csv');
    expect(r1.inserted).toBe(10);
    expect(flags(s)).toEqual({ 'H-1': 0, 'H-2': 0, 'L-1': 0, 'L-2': 0, 'L-3': 1, 'S-1': 0, 'S-2': 0, 'S-3': 0, 'X-1': 0, 'X-2': 0 });
    expect(flags(s)).toEqual(oracle(s));

    // Newer export: L-2 moves to Hjälpmedel (same day as nothing there, but within 364 days of H-1/H-2),
    // X-2 moves its receiving organisation to B (joins Läkemedel A→B), and a new same-day Hjälpmedel row.
    const newer = rows.map((r) => ({ ...r }));
    newer[1]!.category = 'Hjälpmedel'; // L-2: Läkemedel A→B loses it, Hjälpmedel A→B gains it
    newer[9] = { ...newer[9]!, recOrg: B[0], recType: B[1] }; // Läkemedel A→C → A→B
    const r2 = await imp([...newer, row('H-3', '2025-03-01', 'Hjälpmedel')], 'nov.csv');
    expect(r2).toMatchObject({ inserted: 1, updated: 2 });
    expect(flags(s)).toEqual({
      'H-1': 1, // H-1, H-2, H-3 on one day
      'H-2': 1,
      'H-3': 1,
      'L-1': 0,
      'L-2': 1, // now Hjälpmedel on 2025-06-01: H-1..H-3 within 364 days
      'L-3': 1, // L-1, X-2 (2025-03-01), L-3: still three within [2025-01-01, 2025-12-31]
      'S-1': 0,
      'S-2': 0,
      'S-3': 0,
      'X-1': 0,
      'X-2': 0, // L-1, X-2: two
    });
    expect(flags(s)).toEqual(oracle(s));

    // A newer export moving L-1 away: Läkemedel A→B keeps X-2 and L-3 only → L-3 no longer recurring
    const newest = newer.map((r) => ({ ...r }));
    newest[0]!.category = 'SIP'; // L-1 joins SIP A→B on 2025-01-01 (S-1's day): S-1, L-1, S-2 → S-2 recurring
    const r3 = await imp([...newest, row('H-3', '2025-03-01', 'Hjälpmedel')], 'dec.csv');
    expect(r3).toMatchObject({ updated: 1 });
    expect(flags(s)).toMatchObject({ 'L-1': 0, 'L-3': 0, 'S-1': 0, 'S-2': 1, 'S-3': 0, 'X-2': 0 });
    expect(flags(s)).toEqual(oracle(s));
  });

  it('a new row alone makes a stored later row recurring (no changed row in that triple)', async () => {
    t = await tempWorkspace();
    const s = t.ws.sqlite;
    const stored = [row('N-1', '2025-05-01', 'SIP'), row('N-2', '2025-06-01', 'SIP'), row('O-1', '2025-05-01', 'Läkemedel')];
    expect((await imp(stored, 'maj.csv')).inserted).toBe(3);
    expect(flags(s)).toEqual({ 'N-1': 0, 'N-2': 0, 'O-1': 0 });
    // the same export again (unchanged rows) plus one earlier row of the SIP triple
    const r2 = await imp([...stored, row('N-0', '2025-01-01', 'SIP')], 'jun.csv');
    expect(r2).toMatchObject({ inserted: 1, updated: 0, unchanged: 3 });
    // N-2's year [2024-06-02, 2025-06-01] now holds N-0, N-1, N-2; N-0 and N-1 see fewer than three
    expect(flags(s)).toEqual({ 'N-0': 0, 'N-1': 0, 'N-2': 1, 'O-1': 0 });
    expect(flags(s)).toEqual(oracle(s));
    expect(s.transaction(() => refreshRecurring(s))()).toBe(0);
  });

  it('a fixed quarantine row joins its triple', async () => {
    t = await tempWorkspace();
    const s = t.ws.sqlite;
    const r = await imp([row('Q-1', '2025-05-01', 'SIP'), row('Q-2', '2025-05-02', 'SIP'), row('Q-3', 'igår', 'SIP')], 'q.csv');
    expect(r).toMatchObject({ inserted: 2, quarantined: 1 });
    expect(flags(s)).toEqual({ 'Q-1': 0, 'Q-2': 0 });
    const id = s.prepare(`SELECT id FROM quarantine WHERE status = 'open'`).pluck().get() as number;
    expect(fixQuarantine(t.ws, id, { Registreringsdatum: '2025-05-03', Händelsedatum: '2025-05-03' }, TEST_TODAY).result).toBe('inserted');
    expect(flags(s)).toEqual({ 'Q-1': 0, 'Q-2': 0, 'Q-3': 1 });
    expect(flags(s)).toEqual(oracle(s));
  });

  it('re-mapping a category by synonym moves rows between triples', async () => {
    t = await tempWorkspace();
    const s = t.ws.sqlite;
    await imp(
      [
        row('B-1', '2025-01-10', 'Bemötande'),
        row('B-2', '2025-02-10', 'Bemötande'),
        row('E-1', '2025-03-10', 'Egenvård'),
        row('E-2', '2025-04-10', 'Egenvård'),
        row('O-1', '2025-03-01', 'Övrigt'),
        row('O-2', '2025-03-02', 'Övrigt'),
      ],
      'a.csv',
    );
    // Bemötande is unknown: stored as övrigt → four övrigt rows
    expect(flags(s)).toEqual({ 'B-1': 0, 'B-2': 0, 'E-1': 0, 'E-2': 0, 'O-1': 1, 'O-2': 1 });
    expect(flags(s)).toEqual(oracle(s));
    const code = s.prepare(`SELECT category FROM deviations WHERE external_id = 'E-1'`).pluck().get() as string;
    addSynonym(s, 'Bemötande', code, TEST_TODAY);
    expect(flags(s)).toEqual({ 'B-1': 0, 'B-2': 0, 'E-1': 1, 'E-2': 1, 'O-1': 0, 'O-2': 0 });
    expect(flags(s)).toEqual(oracle(s));
    // a full refresh changes nothing
    expect(refreshRecurring(s)).toBe(0);
  });
});
