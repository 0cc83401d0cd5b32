import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from './test-fixtures';
import { csvCell } from './case-list';

let f: Fixture;
beforeEach(async () => {
  f = await makeFixture();
});
afterEach(() => f.close());

function decodeCsv(b64: string): string {
  return Buffer.from(b64, 'base64').toString('utf8');
}

describe('cases.list', () => {
  it('keyset paging returns every row exactly once, in order, with many rows sharing a date', async () => {
    // 53 deviations over 5 dates (ties on the date are broken by id)
    const ids: number[] = [];
    for (let i = 0; i < 53; i++) ids.push(f.dev({ externalId: `AV-${i}`, reportedAt: `2026-01-0${(i % 5) + 1}` }));
    for (const sort of ['date_desc', 'date_asc'] as const) {
      const seen: number[] = [];
      const dates: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await f.call('cases.list', { kind: 'deviation', sort, limit: 10, cursor });
        expect(page.total).toBe(53);
        seen.push(...page.cases.map((c) => c.id));
        dates.push(...page.cases.map((c) => c.date));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(pages).toBe(6); // 10+10+10+10+10+3
      expect(seen).toHaveLength(53);
      expect(new Set(seen).size).toBe(53);
      expect([...seen].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
      const sorted = [...dates].sort();
      expect(dates).toEqual(sort === 'date_asc' ? sorted : sorted.reverse());
    }
  });

  it('filters: period, category, kommun, org, party type, status, severity, has lesson, full text', async () => {
    const a = f.dev({ externalId: 'A', reportedAt: '2026-01-05', category: 'lakemedel', status: 'ny', severity: 3, description: 'Läkemedelslista saknades vid utskrivning' });
    const b = f.dev({ externalId: 'B', reportedAt: '2026-02-05', category: 'hjalpmedel', kommunCode: '1495', kommun: 'Skara', status: 'avslutad', severity: 1, description: 'Hjälpmedel levererades inte' });
    const c = f.dev({ externalId: 'C', reportedAt: '2026-03-05', category: 'lakemedel', receivingOrg: 'Närhälsan Skövde', receivingPartyType: 'region', reportingOrg: 'Vårdcentralen Hjärtat', reportingPartyType: 'privat', status: 'besvarad' });
    await f.call('lessons.add', { caseKind: 'deviation', caseId: b, text: 'Beställ i tid.' });
    const ids = async (input: Record<string, unknown>) => (await f.call('cases.list', { kind: 'deviation', ...input })).cases.map((x) => x.id);
    expect(await ids({})).toEqual([c, b, a]);
    expect(await ids({ from: '2026-02-01', to: '2026-02-28' })).toEqual([b]);
    expect(await ids({ category: 'lakemedel' })).toEqual([c, a]);
    expect(await ids({ kommunCode: '1495' })).toEqual([b]);
    expect(await ids({ org: 'Närhälsan Skövde' })).toEqual([c]);
    expect(await ids({ org: 'Skövde kommun' })).toEqual([b, a]); // reporting side
    expect(await ids({ partyType: 'privat' })).toEqual([c]);
    expect(await ids({ status: 'avslutad' })).toEqual([b]);
    expect(await ids({ severity: 3 })).toEqual([a]);
    expect(await ids({ hasLesson: true })).toEqual([b]);
    expect(await ids({ hasLesson: false })).toEqual([c, a]);
    expect(await ids({ q: 'lakemedelslista' })).toEqual([a]);
    expect(await ids({ q: 'hjalp' })).toEqual([b]);
    expect(await ids({ q: '"*' })).toEqual([]); // no words: empty, no FTS error
    const list = await f.call('cases.list', { kind: 'deviation', category: 'lakemedel' });
    expect(list.total).toBe(2);
    expect(list.cases[0]).toEqual({
      kind: 'deviation', id: c, externalId: 'C', date: '2026-03-05', category: 'lakemedel', title: 'Läkemedel', status: 'besvarad',
      kommun: 'Skövde', reportingOrg: 'Vårdcentralen Hjärtat', receivingOrg: 'Närhälsan Skövde',
    });
    expect((await f.fail('cases.list', { kind: 'deviation', step: 2 })).message).toMatch(/steg gäller bara tvister/);
    expect((await f.fail('cases.list', { kind: 'deviation', from: '2026-03-01', to: '2026-01-01' })).message).toMatch(/startdatum ligger efter/);
  });

  it('dispute filters: step reached, open/resolved, party', async () => {
    const s1 = f.disp({ externalId: 'T1', openedAt: '2026-01-01' });
    const s2 = f.disp({ externalId: 'T2', openedAt: '2026-01-02', step2At: '2026-01-10' });
    const s3 = f.disp({ externalId: 'T3', openedAt: '2026-01-03', step2At: '2026-01-10', step3At: '2026-01-20', resolvedAt: '2026-02-01', outcome: 'enighet', partyB: 'Närhälsan' });
    const ids = async (input: Record<string, unknown>) => (await f.call('cases.list', { kind: 'dispute', ...input })).cases.map((x) => x.id);
    expect(await ids({})).toEqual([s3, s2, s1]);
    expect(await ids({ step: 1 })).toEqual([s1]);
    expect(await ids({ step: 2 })).toEqual([s2]);
    expect(await ids({ step: 3 })).toEqual([s3]);
    expect(await ids({ status: 'oppen' })).toEqual([s2, s1]);
    expect(await ids({ status: 'lost' })).toEqual([s3]);
    expect(await ids({ org: 'Närhälsan' })).toEqual([s3]);
    const list = await f.call('cases.list', { kind: 'dispute' });
    expect(list.cases.map((c) => c.status)).toEqual(['löst', 'steg 2', 'steg 1']);
    expect((await f.fail('cases.list', { kind: 'dispute', kommunCode: '1496' })).message).toMatch(/kommun gäller bara avvikelser/);
  });

  it('dispute filter: principled character (yes / no / all); deviations refused', async () => {
    const p1 = f.disp({ externalId: 'P1', openedAt: '2026-01-01' });
    const n1 = f.disp({ externalId: 'N1', openedAt: '2026-01-02' });
    const p2 = f.disp({ externalId: 'P2', openedAt: '2026-01-03', step2At: '2026-01-10' });
    const n2 = f.disp({ externalId: 'N2', openedAt: '2026-01-04' });
    const n3 = f.disp({ externalId: 'N3', openedAt: '2026-01-05' });
    f.ws.sqlite.prepare('UPDATE disputes SET principled = 1 WHERE id IN (?, ?)').run(p1, p2);
    const list = async (input: Record<string, unknown>) => f.call('cases.list', { kind: 'dispute', ...input });
    // 2 principled (P1, P2), 3 not (N1, N2, N3), 5 in all
    expect((await list({ principled: true })).total).toBe(2);
    expect((await list({ principled: true })).cases.map((x) => x.id)).toEqual([p2, p1]);
    expect((await list({ principled: false })).total).toBe(3);
    expect((await list({ principled: false })).cases.map((x) => x.id)).toEqual([n3, n2, n1]);
    expect((await list({})).total).toBe(5);
    // combined with another filter: principled and still in step 1 is P1 only
    expect((await list({ principled: true, step: 1 })).cases.map((x) => x.id)).toEqual([p1]);
    expect((await f.fail('cases.list', { kind: 'deviation', principled: true })).message).toMatch(/principiell karaktär gäller bara tvister/);
  });

  it('refuses a cursor from another filter', async () => {
    for (let i = 0; i < 3; i++) f.dev({ externalId: `X${i}` });
    const p = await f.call('cases.list', { kind: 'deviation', limit: 1 });
    expect(p.nextCursor).toBeTruthy();
    expect((await f.fail('cases.list', { kind: 'deviation', limit: 1, category: 'sip', cursor: p.nextCursor })).message).toMatch(/annat urval/);
    expect((await f.fail('cases.list', { kind: 'deviation', cursor: 'skräp' })).code).toBe('BAD_INPUT');
  });
});

describe('cases.exportCsv', () => {
  it('neutralises formula injection: = + - @ TAB CR are prefixed with an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+46 70')).toBe("'+46 70");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('Skövde; Skara')).toBe('"Skövde; Skara"');
    expect(csvCell('vanlig text')).toBe('vanlig text');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12.5)).toBe('12,5');
  });

  it('exports the filtered list as UTF-8 with BOM, ; separated, CRLF, injection neutralised', async () => {
    f.dev({ externalId: '=cmd|calc', reportedAt: '2026-01-02', reportingOrg: '@Skövde kommun', category: 'hjalpmedel' });
    f.dev({ externalId: 'AV-2', reportedAt: '2026-01-03', category: 'hjalpmedel', receivingOrg: 'Närhälsan; Skövde' });
    f.dev({ externalId: 'AV-3', reportedAt: '2026-01-04', category: 'sip' });
    const out = await f.call('cases.exportCsv', { kind: 'deviation', category: 'hjalpmedel', sort: 'date_asc' });
    expect(out.rows).toBe(2);
    expect(out.fileName).toBe('avvikelser-2026-06-15.csv');
    const bytes = Buffer.from(out.csvBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = decodeCsv(out.csvBase64).slice(1);
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(4); // header, 2 rows, '' after the last CRLF
    expect(lines[0]!.startsWith('Ärende-id;Källsystem;Rapporterad')).toBe(true);
    expect(lines[1]!.startsWith("'=cmd|calc;MedControl;2026-01-02;;Medicintekniska produkter och hjälpmedel;;Skövde;'@Skövde kommun;kommun")).toBe(true);
    expect(lines[2]).toContain(';"Närhälsan; Skövde";');
    expect(lines[3]).toBe('');
    const disp = await f.call('cases.exportCsv', { kind: 'dispute' });
    expect(disp.rows).toBe(0);
    expect(decodeCsv(disp.csvBase64).split('\r\n')[0]).toMatch(/^\uFEFFÄrende-id;Källsystem;Öppnad/);
  });
});

describe('lessons', () => {
  it('add, update, delete, list per period and per case, with cause labels; unknown case refused', async () => {
    const d = f.dev({ externalId: 'AV-1' });
    const s = f.disp({ externalId: 'T-1' });
    const l1 = await f.call('lessons.add', { caseKind: 'deviation', caseId: d, text: 'Rutinen var okänd.', cause: 'rutin_inte_kand', recordedOn: '2026-02-01' });
    const l2 = await f.call('lessons.add', { caseKind: 'dispute', caseId: s, text: 'Ansvar oklart vid SIP.', cause: 'ansvar_oklart', recommendedPractice: 'Kalla till SIP', agreementRef: 'Avtalet 5.2', recordedOn: '2026-03-01' });
    expect(l1.caseExternalId).toBe('AV-1');
    expect(l1.causeLabel).toBe('Rutin inte känd');
    expect(l1.createdBy).toBe('Anna Analytiker');
    expect(l2.agreementRef).toBe('Avtalet 5.2');
    const up = await f.call('lessons.update', { id: l1.id, text: 'Rutinen var inte känd på enheten.', cause: 'kommunikation' });
    expect(up.text).toBe('Rutinen var inte känd på enheten.');
    expect(up.causeLabel).toBe('Kommunikation/informationsöverföring');
    expect((await f.call('lessons.list', { from: '2026-02-15', to: '2026-03-31' })).lessons.map((l) => l.id)).toEqual([l2.id]);
    expect((await f.call('lessons.list', { caseKind: 'deviation', caseId: d })).lessons.map((l) => l.id)).toEqual([l1.id]);
    expect((await f.call('lessons.list', {})).total).toBe(2);
    expect(await f.call('lessons.delete', { id: l1.id })).toEqual({ deleted: true });
    expect((await f.call('lessons.list', {})).total).toBe(1);
    expect((await f.fail('lessons.update', { id: l1.id, text: 'x' })).code).toBe('NOT_FOUND');
    expect((await f.fail('lessons.add', { caseKind: 'deviation', caseId: 999, text: 'x' })).code).toBe('NOT_FOUND');
    expect((await f.fail('lessons.add', { caseKind: 'deviation', caseId: d, text: '  ' })).message).toMatch(/Skriv lärdomen/);
    expect((await f.fail('lessons.add', { caseKind: 'deviation', caseId: d, text: 'x', recordedOn: '2027-01-01' })).message).toMatch(/framtiden/);
    const audits = f.ws.sqlite.prepare(`SELECT action FROM audit_log WHERE entity = 'lesson' ORDER BY id`).pluck().all();
    expect(audits).toEqual(['create', 'create', 'update', 'delete']);
  });
});

describe('deviation view', () => {
  it('shows all fields, history with what changed and which batch, lessons', async () => {
    const id = f.dev({ externalId: 'AV-7', status: 'besvarad', description: 'Ny text', answeredAt: '2026-02-01' });
    f.ws.sqlite
      .prepare(`INSERT INTO import_batches (kind, file_name, file_size, sha256, source_system, imported_at, imported_on, report) VALUES ('deviations', ?, 1, 'x', 'MedControl', '2026-01-11T00:00:00Z', '2026-01-11', '{}')`)
      .run('jan.csv');
    f.ws.sqlite
      .prepare(`INSERT INTO import_batches (kind, file_name, file_size, sha256, source_system, imported_at, imported_on, report) VALUES ('deviations', ?, 1, 'x', 'MedControl', '2026-02-11T00:00:00Z', '2026-02-11', '{}')`)
      .run('feb.csv');
    const hist = f.ws.sqlite.prepare(`INSERT INTO deviation_history (deviation_id, version_batch_id, replaced_by_batch_id, replaced_at, data, content_hash) VALUES (?, ?, ?, ?, ?, 'h')`);
    // version 1 (jan.csv): status ny, no description; version 2 (feb.csv) set description "Gammal text"; current: besvarad, "Ny text"
    hist.run(id, 1, 2, '2026-02-11T00:00:00Z', JSON.stringify({ external_id: 'AV-7', status: 'ny', description: null, answered_at: null }));
    hist.run(id, 2, null, '2026-03-01T00:00:00Z', JSON.stringify({ external_id: 'AV-7', status: 'ny', description: 'Gammal text', answered_at: null }));
    const d = await f.call('cases.deviation', { id });
    expect(d.categoryLabel).toBe('In- och utskrivning');
    expect(d.resolved).toBe(true);
    expect(d.history).toHaveLength(2);
    expect(d.history[0]!.versionFileName).toBe('jan.csv');
    expect(d.history[0]!.replacedByFileName).toBe('feb.csv');
    expect(d.history[0]!.changes).toEqual([{ field: 'description', before: null, after: 'Gammal text' }]);
    expect(d.history[1]!.changes).toEqual([
      { field: 'status', before: 'ny', after: 'besvarad' },
      { field: 'description', before: 'Gammal text', after: 'Ny text' },
      { field: 'answeredAt', before: null, after: '2026-02-01' },
    ]);
  });
});
