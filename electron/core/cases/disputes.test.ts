import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from './test-fixtures';

let f: Fixture;
beforeEach(async () => {
  f = await makeFixture();
});
afterEach(() => f.close());

const base = { openedAt: '2026-02-01', partyA: 'Skövde kommun', partyB: 'Skaraborgs Sjukhus', area: 'in_utskrivning', summary: 'Oenighet om utskrivning utan SIP.' };

describe('manual disputes: create, escalate, resolve', () => {
  it('creates with a generated id, escalates step by step, resolves with settlement; the timeline counts days per step', async () => {
    const d = await f.call('disputes.create', base);
    expect(d.externalId).toBe('M-2026-0001');
    expect(d.origin).toBe('manual');
    expect(d.status).toBe('steg 1');
    // as-of = 2026-06-15 (fixture today): step 1 has lasted 2026-02-01 → 2026-06-15 = 28+31+30+31+14 = 134 days
    expect(d.timeline).toEqual([{ stage: 'steg1', label: expect.stringContaining('Steg 1'), from: '2026-02-01', to: null, days: 134, current: true }]);

    const e2 = await f.call('disputes.escalate', { id: d.id, at: '2026-02-11' });
    expect(e2.step2At).toBe('2026-02-11');
    expect(e2.status).toBe('steg 2');
    const e3 = await f.call('disputes.escalate', { id: d.id, at: '2026-03-01', note: 'Till förbundsstyrelsen' });
    expect(e3.step3At).toBe('2026-03-01');
    // a fourth escalation is refused: after step 3 comes settlement/court, i.e. resolve
    expect((await f.fail('disputes.escalate', { id: d.id, at: '2026-03-02' })).message).toMatch(/redan en tvist i steg 3/);

    const t = await f.call('disputes.setTemporarySolution', { id: d.id, text: 'Kommunen tar över hemsjukvården tills vidare.', at: '2026-03-02' });
    expect(t.temporarySolution).toBe(true);

    const r = await f.call('disputes.resolve', { id: d.id, resolvedAt: '2026-04-10', outcome: 'ekonomisk_reglering', settlementSek: 45000 });
    expect(r.status).toBe('löst');
    expect(r.resolutionStep).toBe(3);
    // steg 1: 02-01 → 02-11 = 10 days; steg 2: 02-11 → 03-01 = 18 days (2026 not a leap year); steg 3: 03-01 → 04-10 = 40 days
    expect(r.timeline.map((s) => [s.stage, s.from, s.to, s.days, s.current])).toEqual([
      ['steg1', '2026-02-01', '2026-02-11', 10, false],
      ['steg2', '2026-02-11', '2026-03-01', 18, false],
      ['steg3', '2026-03-01', '2026-04-10', 40, false],
      ['avslut', '2026-04-10', null, null, false],
    ]);
    expect(r.timeline[3]!.label).toBe('Ekonomisk reglering (löst i steg 3)');
    expect(r.events.map((e) => e.type)).toEqual(['opened', 'step2', 'step3', 'temporary_solution', 'resolved', 'settlement']);
    expect((await f.fail('disputes.resolve', { id: d.id, resolvedAt: '2026-04-11', outcome: 'enighet' })).message).toMatch(/redan löst/);

    // second manual dispute in the same year gets the next number
    expect((await f.call('disputes.create', base)).externalId).toBe('M-2026-0002');
  });

  it('writes an audit row for every edit: who (workspace user), when, what changed', async () => {
    const d = await f.call('disputes.create', base);
    await f.call('disputes.escalate', { id: d.id, at: '2026-02-11' });
    await f.call('disputes.update', { id: d.id, summary: 'Ny sammanfattning', principled: true });
    await f.call('disputes.update', { id: d.id, summary: 'Ny sammanfattning' }); // no change → no row
    await f.call('disputes.resolve', { id: d.id, resolvedAt: '2026-03-01', outcome: 'enighet' });
    const audit = await f.call('disputes.audit', { id: d.id });
    expect(audit.map((a) => a.action)).toEqual(['create', 'escalate', 'update', 'resolve']);
    expect(audit.every((a) => a.user === 'Anna Analytiker')).toBe(true);
    expect(audit.every((a) => /^\d{4}-\d{2}-\d{2}T/.test(a.at))).toBe(true);
    expect(audit[1]!.changes).toEqual({ step2At: { from: null, to: '2026-02-11' } });
    expect(audit[2]!.changes).toEqual({ summary: { from: base.summary, to: 'Ny sammanfattning' }, principled: { from: false, to: true } });
    expect(audit[3]!.changes).toEqual({
      resolvedAt: { from: null, to: '2026-03-01' },
      resolutionStep: { from: null, to: 2 },
      outcome: { from: null, to: 'enighet' },
    });
    // the user name comes from the workspace settings
    await f.call('settings.update', { userName: 'Bertil' });
    await f.call('disputes.update', { id: d.id, note: 'Uppföljning i styrgruppen' });
    const last = (await f.call('disputes.audit', { id: d.id })).at(-1)!;
    expect(last.user).toBe('Bertil');
    expect(last.changes).toEqual({ note: 'Uppföljning i styrgruppen' });
    // audit also shown in the dispute view
    expect((await f.call('cases.dispute', { id: d.id })).audit).toHaveLength(5);
  });

  it('escalates and resolves imported disputes too, and refuses unknown ids', async () => {
    const id = f.disp({ externalId: 'T-1', openedAt: '2026-01-05', summary: 'Läkemedel' });
    const d = await f.call('disputes.escalate', { id, at: '2026-01-20' });
    expect(d.origin).toBe('import');
    expect(d.currentStep).toBe(2);
    expect((await f.fail('cases.dispute', { id: 999 })).code).toBe('NOT_FOUND');
  });
});

describe('identity numbers typed by hand never reach the database', () => {
  it('a dispute, an escalation note, a lesson and a precedent store the token, not the number', async () => {
    const PNR = '19811218-9876'; // Skatteverket's example, valid Luhn
    const d = await f.call('disputes.create', { ...base, summary: `Patienten ${PNR} skrevs ut utan SIP.` });
    await f.call('disputes.escalate', { id: d.id, at: '2026-02-11', note: `Gäller ${PNR}` });
    await f.call('disputes.update', { id: d.id, temporarySolutionText: `Hemtjänst för ${PNR.slice(2)}` });
    const lesson = await f.call('lessons.add', { caseKind: 'dispute', caseId: d.id, text: `Ring alltid innan utskrivning av ${PNR}.` });
    expect(lesson.text).toMatch(/^Ring alltid innan utskrivning av \[PNR-[A-Z2-7]{6}\]\.$/);
    await f.call('lessons.update', { id: lesson.id, recommendedPractice: `Kontrollera ${PNR}` });
    const p = await f.call('precedents.create', { title: 'Utskrivning', area: 'sip', facts: `Gällde ${PNR}.`, tags: [`pnr ${PNR}`] });
    await f.call('precedents.update', { id: p.id, principle: `Den som skriver ut ${PNR} ansvarar.` });
    const dump = JSON.stringify(
      ['disputes', 'dispute_events', 'lessons', 'precedents', 'audit_log'].map((t) => f.ws.sqlite.prepare(`SELECT * FROM ${t}`).all()),
    );
    const leak = /.{80}(811218|8112189876).{40}/.exec(dump);
    expect(leak?.[0] ?? null).toBeNull();
    expect(dump.match(/\[PNR-[A-Z2-7]{6}\]/g)!.length).toBeGreaterThanOrEqual(7);
    // one person, one token, across every text
    expect(new Set(dump.match(/\[PNR-[A-Z2-7]{6}\]/g)).size).toBe(1);
  });
});

describe('escalation ladder validation (one clear Swedish sentence)', () => {
  let id: number;
  beforeEach(async () => {
    id = (await f.call('disputes.create', base)).id; // opened 2026-02-01
  });
  const msg = async (input: Record<string, unknown>) => (await f.fail('disputes.update', { id, ...input })).message;

  it('step 2 before the dispute was opened', async () => {
    expect(await msg({ step2At: '2026-01-31' })).toBe('Steg 2 (2026-01-31) kan inte vara före att ärendet öppnades (2026-02-01).');
    expect((await f.fail('disputes.escalate', { id, at: '2026-01-15' })).message).toMatch(/Steg 2 \(2026-01-15\) kan inte vara före/);
  });
  it('step 3 before step 2, and step 3 without step 2', async () => {
    expect(await msg({ step2At: '2026-03-01', step3At: '2026-02-15' })).toBe('Steg 3 (2026-02-15) kan inte vara före steg 2 (2026-03-01).');
    expect(await msg({ step3At: '2026-03-01' })).toMatch(/Steg 3 kräver ett datum för steg 2/);
  });
  it('resolved before the last step', async () => {
    expect(await msg({ step2At: '2026-03-01', resolvedAt: '2026-02-20', outcome: 'enighet' })).toBe('Lösningsdatumet (2026-02-20) kan inte vara före steg 2 (2026-03-01).');
    expect(await msg({ resolvedAt: '2026-01-20', outcome: 'enighet' })).toMatch(/före att ärendet öppnades/);
  });
  it('settlement without outcome ekonomisk reglering', async () => {
    expect(await msg({ step2At: '2026-02-10', step3At: '2026-02-20', resolvedAt: '2026-03-01', outcome: 'enighet', settlementSek: 1000 })).toBe(
      'Ett belopp för ekonomisk reglering kräver utfallet ekonomisk reglering.',
    );
    expect(await msg({ settlementSek: 1000 })).toBe('Ett belopp för ekonomisk reglering kräver utfallet ekonomisk reglering.');
  });
  it('resolution step higher than the step reached', async () => {
    expect(await msg({ step2At: '2026-02-10', resolvedAt: '2026-03-01', outcome: 'enighet', resolutionStep: 3 })).toBe(
      'Ärendet kan inte vara löst i steg 3 när det bara har nått steg 2.',
    );
  });
  it('outcome and resolution date go together; economic settlement and court need step 3', async () => {
    expect(await msg({ resolvedAt: '2026-03-01' })).toMatch(/Ange utfall/);
    expect(await msg({ outcome: 'enighet' })).toBe('Ange datum för lösningen när ett utfall är angivet.');
    expect((await f.fail('disputes.resolve', { id, resolvedAt: '2026-03-01', outcome: 'allman_domstol' })).message).toMatch(/Allmän domstol kommer först efter steg 3/);
  });
  it('dates in the future, same party twice, unknown area', async () => {
    expect(await msg({ step2At: '2026-07-01' })).toBe('Datumet för steg 2 (2026-07-01) kan inte ligga i framtiden.');
    expect(await msg({ partyB: 'skövde KOMMUN' })).toMatch(/Part A och part B kan inte vara samma/);
    expect(await msg({ area: 'nonsens' })).toMatch(/Okänt område/);
    expect((await f.fail('disputes.create', { ...base, openedAt: '2026-13-01' })).code).toBe('BAD_INPUT');
  });
  it('a refused edit changes nothing and writes no audit row', async () => {
    await msg({ step2At: '2026-01-31' });
    const d = await f.call('cases.dispute', { id });
    expect(d.step2At).toBeNull();
    expect(d.audit.map((a) => a.action)).toEqual(['create']);
  });
});

describe('dispute view', () => {
  it('shows linked deviations, lessons and history of imported versions', async () => {
    const devId = f.dev({ externalId: 'AV-1', description: 'Utskrivning utan SIP' });
    f.dev({ externalId: 'AV-2' });
    const id = f.disp({ externalId: 'T-9', linkedDeviations: ['AV-1', 'AV-404'], step2At: '2026-01-10' });
    f.ws.sqlite
      .prepare(`INSERT INTO import_batches (kind, file_name, file_size, sha256, source_system, imported_at, imported_on, report) VALUES ('disputes', 'tvister-jan.csv', 1, 'x', 'Tvistlogg', '2026-01-11T00:00:00Z', '2026-01-11', '{}')`)
      .run();
    f.ws.sqlite
      .prepare(`INSERT INTO dispute_history (dispute_id, version_batch_id, replaced_by_batch_id, replaced_at, data, content_hash) VALUES (?, NULL, 1, '2026-01-11T00:00:00Z', ?, 'h0')`)
      .run(id, JSON.stringify({ externalId: 'T-9', openedAt: '2026-01-05', step2At: null, summary: null, partyA: 'Skövde kommun' }));
    await f.call('lessons.add', { caseKind: 'dispute', caseId: id, text: 'SIP ska kallas före utskrivning.', cause: 'rutin_inte_kand' });
    const d = await f.call('cases.dispute', { id });
    expect(d.linkedDeviationIds).toEqual(['AV-1', 'AV-404']);
    expect(d.linkedDeviations.map((c) => c.id)).toEqual([devId]);
    expect(d.lessons.map((l) => l.causeLabel)).toEqual(['Rutin inte känd']);
    expect(d.history).toHaveLength(1);
    expect(d.history[0]!.replacedByFileName).toBe('tvister-jan.csv');
    expect(d.history[0]!.changes).toEqual([{ field: 'step2At', before: null, after: '2026-01-10' }]);
    // and the deviation view shows the dispute linked to it
    const dv = await f.call('cases.deviation', { id: devId });
    expect(dv.linkedDisputes.map((c) => c.externalId)).toEqual(['T-9']);
  });
});
