import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from '../cases/test-fixtures';

let f: Fixture;
beforeEach(async () => {
  f = await makeFixture();
});
afterEach(() => f.close());

async function resolvedDispute() {
  return f.disp({
    externalId: 'T-42',
    openedAt: '2026-01-05',
    step2At: '2026-01-15',
    step3At: '2026-02-01',
    resolvedAt: '2026-03-10',
    resolutionStep: 3,
    outcome: 'ekonomisk_reglering',
    settlementSek: 45000,
    summary: 'Oenighet om vem som betalar hemsjukvård efter utskrivning.',
    temporarySolutionText: 'Kommunen gav insatsen under tiden.',
    area: 'hemsjukvard',
  });
}

describe('precedents from cases', () => {
  it('refuses an unresolved case with a clear sentence', async () => {
    const open = f.disp({ externalId: 'T-1' });
    expect((await f.fail('precedents.createFromCase', { kind: 'dispute', id: open })).message).toBe(
      'Ärendet T-1 är inte löst än. Ett vägledande fall kan bara göras av ett löst ärende.',
    );
    const dev = f.dev({ externalId: 'AV-1', status: 'pagaende' });
    expect((await f.fail('precedents.mark', { kind: 'deviation', id: dev, title: 'x', principle: 'y' })).message).toMatch(/inte besvarad eller avslutad/);
  });

  it('creates a draft pre-filled from a resolved dispute, with origin and a case hash that hides the id', async () => {
    const id = await resolvedDispute();
    await f.call('lessons.add', { caseKind: 'dispute', caseId: id, text: 'Betalningsansvar ska klaras ut före utskrivning.', cause: 'ansvar_oklart', recordedOn: '2026-03-11' });
    const p = await f.call('precedents.createFromCase', { kind: 'dispute', id });
    expect(p.status).toBe('utkast');
    expect(p.kind).toBe('ärende');
    expect(p.area).toBe('hemsjukvard');
    expect(p.revision).toBe(1);
    expect(p.facts).toBe('Oenighet om vem som betalar hemsjukvård efter utskrivning.');
    expect(p.question).toBe('Oenighet mellan Skövde kommun och Skaraborgs Sjukhus om hälso- och sjukvård i hemmet.');
    expect(p.resolution).toContain('Löst 2026-03-10 i steg 3');
    expect(p.resolution).toContain('ekonomisk reglering');
    expect(p.resolution).toContain('Tillfällig lösning: Kommunen gav insatsen under tiden.');
    expect(p.resolution).toMatch(/Ekonomisk reglering: 45\s000 kr\./);
    expect(p.title).toBe('Hälso- och sjukvård i hemmet: Oenighet om vem som betalar hemsjukvård efter utskrivning');
    expect(p.origin).toEqual({ delregion: 'skaraborg', publisher: 'Anna Analytiker', keyFingerprint: null, imported: false });
    expect(p.caseHash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.localCase).toEqual({ kind: 'dispute', id, externalId: 'T-42' });
    expect(p.lessons).toEqual([{ text: 'Betalningsansvar ska klaras ut före utskrivning.', cause: 'ansvar_oklart', date: '2026-03-11' }]);
    expect(p.decidedAt).toBeNull();
    // a second precedent of the same case has the same hash (copies recognisable)
    const p2 = await f.call('precedents.createFromCase', { kind: 'dispute', id, title: 'Annan rubrik' });
    expect(p2.caseHash).toBe(p.caseHash);
    expect(p2.id).not.toBe(p.id);
    // the case view lists its precedents
    expect((await f.call('cases.dispute', { id })).precedents.map((x) => x.id).sort()).toEqual([p.id, p2.id].sort());
  });

  it('precedents.mark makes a guiding precedent directly, decided at the resolution date', async () => {
    const id = await resolvedDispute();
    const p = await f.call('precedents.mark', { kind: 'dispute', id, title: 'Betalning av hemsjukvård', principle: 'Vid oklarhet betalar den som beslutat insatsen.' });
    expect(p.status).toBe('vägledande');
    expect(p.decidedAt).toBe('2026-03-10');
    const dev = f.dev({ externalId: 'AV-9', status: 'avslutad', closedAt: null, answeredAt: null });
    const p2 = await f.call('precedents.mark', { kind: 'deviation', id: dev, title: 'T', principle: 'P' });
    expect(p2.decidedAt).toBe('2026-06-15'); // no resolution date: today
  });

  it('writes a patientfall directly with decision points', async () => {
    const p = await f.call('precedents.create', {
      kind: 'patientfall',
      title: 'Siv, 72 år',
      area: 'in_utskrivning',
      facts: 'Siv skrivs ut efter en höftfraktur.',
      principle: 'Planeringen startar vid inskrivning.',
      decisionPoints: [{ question: 'Vem kallar till SIP?', guidance: 'Den som först ser behovet.' }],
      tags: ['SIP'],
    });
    expect(p.kind).toBe('patientfall');
    expect(p.decisionPoints).toHaveLength(1);
    expect(p.localCase).toBeNull();
    expect(p.caseHash).toBeNull();
    expect((await f.fail('precedents.create', { title: 'X', area: 'okänt' })).message).toMatch(/Okänt område/);
  });
});

describe('edits and workflow', () => {
  it('every edit bumps revision and updated_at and sets locally_edited; no-op edits do not', async () => {
    const p = await f.call('precedents.create', { title: 'A', area: 'sip' });
    f.ws.sqlite.prepare(`UPDATE precedents SET locally_edited = 0, updated_at = '2026-01-01T00:00:00.000Z' WHERE id = ?`).run(p.id);
    const u = await f.call('precedents.update', { id: p.id, title: 'B', tags: ['x'] });
    expect(u.revision).toBe(2);
    expect(u.locallyEdited).toBe(true);
    expect(u.updatedAt).toBe(f.ctx.now().toISOString());
    expect((await f.call('precedents.update', { id: p.id, title: 'B' })).revision).toBe(2);
    const s = await f.call('precedents.update', { id: p.id, principle: 'Princip.' });
    expect(s.revision).toBe(3);
    const audit = f.ws.sqlite.prepare(`SELECT action, changes FROM audit_log WHERE entity = 'precedent' AND entity_id = ? ORDER BY id`).all(p.id) as { action: string; changes: string }[];
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(JSON.parse(audit[1]!.changes)).toEqual({ title: { from: 'A', to: 'B' }, tags: { from: [], to: ['x'] } });
  });

  it('utkast → granskad → vägledande → ersatt; forbidden transitions and supersededBy rules', async () => {
    const a = await f.call('precedents.create', { title: 'Gammalt fall', area: 'sip' });
    const b = await f.call('precedents.create', { title: 'Nytt fall', area: 'sip', principle: 'Ny princip.' });
    const st = (id: string, status: string, extra: Record<string, unknown> = {}) => f.call('precedents.setStatus', { id, status, ...extra });
    const no = async (id: string, status: string, extra: Record<string, unknown> = {}) => (await f.fail('precedents.setStatus', { id, status, ...extra })).message;

    expect(await no(a.id, 'vägledande')).toMatch(/Ett utkast måste granskas innan det kan bli vägledande/);
    expect(await no(a.id, 'granskad')).toMatch(/Skriv principen/);
    await f.call('precedents.update', { id: a.id, principle: 'Gammal princip.' });
    expect((await st(a.id, 'granskad')).status).toBe('granskad');
    expect(await no(a.id, 'ersatt', { supersededBy: b.id })).toMatch(/kan inte ändras från granskad till ersatt/);
    expect(await no(a.id, 'granskad')).toMatch(/redan status granskad/);
    const v = await st(a.id, 'vägledande', { decidedAt: '2026-05-01' });
    expect(v.decidedAt).toBe('2026-05-01');
    expect(v.revision).toBe(4); // create 1, principle 2, granskad 3, vägledande 4
    expect(await no(a.id, 'ersatt')).toBe('Ange vilket fall som ersätter det här.');
    expect(await no(a.id, 'ersatt', { supersededBy: a.id })).toBe('Ett fall kan inte ersättas av sig självt.');
    expect((await f.fail('precedents.setStatus', { id: a.id, status: 'ersatt', supersededBy: 'finns-inte' })).code).toBe('NOT_FOUND');
    expect(await no(a.id, 'utkast')).toMatch(/kan inte ändras från vägledande till utkast/);
    const e = await st(a.id, 'ersatt', { supersededBy: b.id });
    expect(e.status).toBe('ersatt');
    expect(e.supersededBy).toBe(b.id);
    expect(e.supersededByTitle).toBe('Nytt fall');
    expect(e.warnings).toContain('Fallet är ersatt av «Nytt fall». Hänvisa till det nya fallet i stället.');
    expect(e.decidedAt).toBe('2026-05-01');
    // a superseded precedent cannot supersede another
    await st(b.id, 'granskad');
    await st(b.id, 'vägledande');
    const c = await f.call('precedents.create', { title: 'C', area: 'sip', principle: 'P' });
    await st(c.id, 'granskad');
    await st(c.id, 'vägledande');
    expect(await no(c.id, 'ersatt', { supersededBy: a.id })).toMatch(/självt ersatt/);
    // draft deletion only
    expect((await f.fail('precedents.delete', { id: b.id })).message).toMatch(/Bara utkast/);
    const d = await f.call('precedents.create', { title: 'D', area: 'sip' });
    expect(await f.call('precedents.delete', { id: d.id })).toEqual({ deleted: true });
    // list: vägledande first
    const list = await f.call('precedents.list', {});
    expect(list.total).toBe(3);
    expect(list.precedents.map((p) => p.status)).toEqual(['vägledande', 'vägledande', 'ersatt']);
    expect((await f.call('precedents.list', { status: 'ersatt' })).precedents.map((p) => p.id)).toEqual([a.id]);
  });

  it('patientfall needs a decision point before review; personal data in a text gives a warning', async () => {
    const p = await f.call('precedents.create', { kind: 'patientfall', title: 'Siv', area: 'sip', principle: 'P', facts: 'Ring 070-123 45 67.' });
    expect((await f.fail('precedents.setStatus', { id: p.id, status: 'granskad' })).message).toMatch(/minst ett vägskäl/);
    expect(p.warnings.some((w) => /fakta.*telefonnummer/.test(w))).toBe(true);
  });
});
