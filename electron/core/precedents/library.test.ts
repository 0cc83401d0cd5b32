import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { createWorkspace } from '../workspace/workspace';
import { createContext } from '../context';
import { createHandlers } from '../handlers';
import { createDispatch, type Dispatch } from '../../transport/dispatch';
import type { Workspace } from '../session';
import * as t from '../db/schema';
import { canonicalBytes } from './canonical-json';
import { readWorkspaceKeys, signBytes } from './keys';
import { duplicateJsonKey } from './library-file';
import type { Result } from '../../../shared/api/result';

const ACCEPTANCE = path.resolve(__dirname, '../../../../shared/acceptance/data');
const TAMPERED = 'Filen har ändrats efter export – signaturen stämmer inte.';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-library-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Env {
  ws: Workspace;
  dispatch: Dispatch;
  call<T = any>(method: string, input: unknown): Promise<T>;
  result(method: string, input: unknown): Promise<Result<any>>;
}

let n = 0;
async function env(delregionId = 'skaraborg', now?: () => Date): Promise<Env> {
  const file = path.join(tmp, `ws-${++n}.samsyn`);
  const opened = await createWorkspace(file, { delregionId, userName: `analytiker-${delregionId}` });
  const ctx = createContext({ appDataDir: path.join(tmp, `app-${n}`), now });
  const ws = ctx.session.adopt(opened);
  const dispatch = createDispatch(createHandlers(ctx));
  return {
    ws,
    dispatch,
    result: (m, i) => dispatch(m, i),
    call: async (m, i) => {
      const r = await dispatch(m, i);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { apiError: r.error });
      return r.data as any;
    },
  };
}

function insertDispute(ws: Workspace, externalId: string): number {
  const now = new Date().toISOString();
  const r = ws.db
    .insert(t.disputes)
    .values({
      sourceSystem: 'tvistlogg',
      externalId,
      openedAt: '2026-09-01',
      partyA: 'Skövde kommun',
      partyB: 'Skaraborgs Sjukhus',
      area: 'in_utskrivning',
      summary: 'Oenighet om insatser i hemmet efter utskrivning.',
      resolvedAt: '2026-10-01',
      resolutionStep: 2,
      outcome: 'enighet',
      contentHash: 'x',
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: t.disputes.id })
    .get();
  return r.id;
}

function insertPrecedent(ws: Workspace, over: Partial<typeof t.precedents.$inferInsert> = {}): string {
  const id = over.id ?? crypto.randomUUID();
  const now = '2026-10-02T10:00:00.000Z';
  ws.db
    .insert(t.precedents)
    .values({
      id,
      kind: 'ärende',
      revision: 1,
      updatedAt: now,
      title: 'Insats i hemmet efter utskrivning',
      area: 'in_utskrivning',
      agreementRefs: ['Hälso- och sjukvårdsavtalet 5.2'],
      tags: ['SIP', 'hemsjukvård'],
      facts: 'Patienten skrevs ut utan att ansvaret för insatsen var klarlagt.',
      question: 'Vem ansvarar för insatsen tills SIP har upprättats?',
      resolution: 'Löst i steg 2 med enighet.',
      principle: 'Den part som ordinerat insatsen ansvarar tills SIP har upprättats.',
      decisionPoints: [],
      status: 'vägledande',
      decidedAt: '2026-10-01',
      originDelregion: 'skaraborg',
      originPublisher: 'analytiker-skaraborg',
      locallyEdited: true,
      createdAt: now,
      ...over,
    })
    .run();
  return id;
}

/** Every table's rows (incl. the FTS index), for "nothing changed" assertions. */
function dump(ws: Workspace): string {
  const tables = ws.sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const name of tables) out[name] = ws.sqlite.prepare(`SELECT * FROM "${name}"`).all();
  return JSON.stringify(out, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? String(v) : v));
}

function precedentRow(ws: Workspace, id: string) {
  return ws.db.select().from(t.precedents).where(eq(t.precedents.id, id)).get();
}

async function exportText(e: Env, input: Record<string, unknown> = {}): Promise<string> {
  const r = await e.call('library.export', input);
  expect(r.status).toBe('ok');
  return r.content as string;
}

/** Re-signs an edited document with the workspace's own key (to test what comes after the signature). */
function resign(e: Env, doc: Record<string, any>): string {
  const { signature: _s, ...unsigned } = doc;
  const keys = readWorkspaceKeys(e.ws)!;
  return JSON.stringify({ ...unsigned, signature: signBytes(canonicalBytes(unsigned), keys.privateKey) });
}

async function expectRefused(e: Env, text: string, message: string | RegExp, method = 'library.apply'): Promise<void> {
  const before = dump(e.ws);
  const r = await e.result(method, { text, trustPublisher: true });
  expect(r.ok).toBe(false);
  if (!r.ok) {
    if (typeof message === 'string') expect(r.error.message).toBe(message);
    else expect(r.error.message).toMatch(message);
    expect(r.error.code).not.toBe('INTERNAL');
  }
  expect(dump(e.ws)).toBe(before);
}

describe('library export and import between two workspaces', () => {
  it('round trip: export from A, import into B, found by search in B, origin kept', async () => {
    const a = await env('skaraborg');
    const b = await env('fyrbodal');
    const disputeId = insertDispute(a.ws, 'T-2026-017');
    a.ws.db
      .insert(t.lessons)
      .values({
        caseKind: 'dispute',
        caseId: disputeId,
        text: 'Ansvaret för insatsen i hemmet ska klargöras i SIP före utskrivning.',
        cause: 'ansvar_oklart',
        recordedOn: '2026-10-03',
        createdAt: 'x',
        createdBy: 'x',
        updatedAt: 'x',
      })
      .run();
    const id = insertPrecedent(a.ws, { localCaseKind: 'dispute', localCaseId: disputeId });
    insertPrecedent(a.ws, { title: 'Ett utkast', status: 'utkast' });

    const text = await exportText(a);
    const doc = JSON.parse(text);
    expect(doc.format).toBe('samsyn-precedent-library');
    expect(doc.formatVersion).toBe(1);
    expect(doc.precedents).toHaveLength(1); // default: only vägledande
    const p = doc.precedents[0];
    expect(p.id).toBe(id);
    expect(p.caseHash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.lessons).toEqual([{ text: 'Ansvaret för insatsen i hemmet ska klargöras i SIP före utskrivning.', cause: 'ansvar_oklart', date: '2026-10-03' }]);
    expect(text).not.toContain('T-2026-017');
    expect(Object.keys(p)).not.toContain('localCaseId');
    expect(text).toContain('\n  "precedents"'); // readable, pretty-printed

    const preview = await b.call('library.preview', { text });
    expect(preview.counts).toMatchObject({ new: 1, updated: 0, identical: 0, conflict: 0, total: 1 });
    expect(preview.items[0].title).toBe('Insats i hemmet efter utskrivning');
    expect(preview.publisher).toMatchObject({ delregion: 'skaraborg', trusted: false, own: false, knownPublisherWithOtherKey: false });
    expect(preview.publisher.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);

    // Not trusted yet: apply refuses and changes nothing
    const before = dump(b.ws);
    const refused = await b.result('library.apply', { text });
    expect(refused.ok).toBe(false);
    expect(dump(b.ws)).toBe(before);

    const applied = await b.call('library.apply', { text, trustPublisher: true });
    expect(applied.applied).toMatchObject({ inserted: 1, updated: 0, conflictsStored: 0, publisherTrusted: true });
    expect(fs.existsSync(applied.backupPath)).toBe(true);
    const row = precedentRow(b.ws, id)!;
    expect(row).toMatchObject({
      originDelregion: 'skaraborg',
      originPublisher: 'analytiker-skaraborg',
      originKeyFingerprint: preview.publisher.fingerprint,
      baseRevision: 1,
      locallyEdited: false,
      localCaseId: null,
    });
    expect(row.importedLessons).toHaveLength(1);
    const hits = b.ws.sqlite.prepare(`SELECT kind, ref, title FROM search_fts WHERE search_fts MATCH 'utskrivning*'`).all() as { kind: string; ref: string; title: string }[];
    expect(hits).toContainEqual({ kind: 'precedent', ref: id, title: 'Insats i hemmet efter utskrivning' });
    // lessons of imported precedents are searchable too
    expect(b.ws.sqlite.prepare(`SELECT count(*) FROM search_fts WHERE search_fts MATCH 'klargoras'`).pluck().get()).toBe(1);
    expect((await b.call('library.trustedKeys', {})).map((k: any) => k.fingerprint)).toEqual([preview.publisher.fingerprint]);

    // Second import of the same file changes nothing
    const mid = dump(b.ws);
    const again = await b.call('library.apply', { text });
    expect(again.preview.counts).toMatchObject({ new: 0, identical: 1, total: 1 });
    expect(again.applied).toMatchObject({ inserted: 0, updated: 0, conflictsStored: 0 });
    expect(again.backupPath).toBeNull();
    expect(dump(b.ws)).toBe(mid);

    // Own file back into A: own key, trusted, identical
    const own = await a.call('library.preview', { text });
    expect(own.publisher).toMatchObject({ own: true, trusted: true });
    expect(own.counts).toMatchObject({ identical: 1, total: 1 });

    // base64 bytes work the same as text
    const viaBytes = await b.call('library.preview', { base64: Buffer.from(text).toString('base64') });
    expect(viaBytes.counts.identical).toBe(1);
  });

  it('export can pick precedents by id, and lists candidates with vägledande preselected', async () => {
    const a = await env();
    const draft = insertPrecedent(a.ws, { title: 'Utkast om läkemedel', status: 'utkast', area: 'lakemedel' });
    insertPrecedent(a.ws);
    const c = await a.call('library.exportCandidates', {});
    expect(c.filter((x: any) => x.selected)).toHaveLength(1);
    const doc = JSON.parse(await exportText(a, { precedentIds: [draft] }));
    expect(doc.precedents.map((p: any) => p.title)).toEqual(['Utkast om läkemedel']);
    const r = await a.result('library.export', { precedentIds: [crypto.randomUUID()] });
    expect(r.ok).toBe(false);
  });

  it('the de-identification check blocks the export and points to every hit', async () => {
    const a = await env();
    const id = insertPrecedent(a.ws, { facts: 'Patient 19121212-1212 skrevs ut.', principle: 'Ring 070-123 45 67 eller skriv till anna.andersson@example.se.' });
    const r = await a.call('library.export', {});
    expect(r.status).toBe('blocked');
    expect(r.hits).toHaveLength(3);
    const pnr = r.hits.find((h: any) => h.kind === 'personnummer');
    expect(pnr).toMatchObject({ precedentId: id, field: 'facts', fieldLabel: 'fakta', start: 8, end: 21 });
    expect(pnr.masked).not.toContain('1212-1212');
    expect(pnr.masked.startsWith('19')).toBe(true);
    expect(r.hits.map((h: any) => h.kind).sort()).toEqual(['e-postadress', 'personnummer', 'telefonnummer']);
    expect(JSON.stringify(r)).not.toContain('19121212-1212');
    // a blocked export does not even create the key pair
    expect(readWorkspaceKeys(a.ws)).toBeNull();
  });
});

describe('export de-identification: the publisher and the origin too', () => {
  it('refuses a publisher name with personal data, and blocks a precedent whose origin names a person', async () => {
    const a = await env();
    insertPrecedent(a.ws);
    const r = await a.result('library.export', { publisherName: 'Anna Svensson 070-123 45 67' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^Utgivarnamnet ".*" ser ut att innehålla telefonnummer; skriv organisationens namn, utan personuppgifter\.$/);
    insertPrecedent(a.ws, { originPublisher: 'Kontakt anna.svensson@vgregion.se' });
    const blocked = await a.call('library.export', {});
    expect(blocked.status).toBe('blocked');
    expect(blocked.hits).toEqual([expect.objectContaining({ field: 'origin.publisher', fieldLabel: 'ursprung', kind: 'e-postadress' })]);
  });
});

describe('signature', () => {
  it('changing one character of any field breaks the signature', async () => {
    const a = await env();
    const b = await env('fyrbodal');
    const disputeId = insertDispute(a.ws, 'T-1');
    a.ws.db.insert(t.lessons).values({ caseKind: 'dispute', caseId: disputeId, text: 'En lärdom.', recordedOn: '2026-10-03', createdAt: 'x', createdBy: 'x', updatedAt: 'x' }).run();
    insertPrecedent(a.ws, { localCaseKind: 'dispute', localCaseId: disputeId });
    const text = await exportText(a);
    const edits: ((d: any) => void)[] = [
      (d) => (d.exportedAt = d.exportedAt.replace(/.$/, '1')),
      (d) => (d.publisher.name += 'x'),
      (d) => (d.publisher.delregion = 'fyrbodal'),
      (d) => (d.precedents[0].title = d.precedents[0].title.replace('I', 'J')),
      (d) => (d.precedents[0].facts = d.precedents[0].facts.replace('P', 'p')),
      (d) => (d.precedents[0].principle += '.'),
      (d) => (d.precedents[0].revision += 1),
      (d) => (d.precedents[0].tags[0] = 'SIQ'),
      (d) => (d.precedents[0].origin.delregion = 'sjuharad'),
      (d) => (d.precedents[0].lessons[0].text = 'En lärdom!'),
      (d) => (d.precedents[0].status = 'ersatt'),
      (d) => (d.precedents[0].extra = 1),
      (d) => d.precedents.push({ ...d.precedents[0], id: crypto.randomUUID() }),
    ];
    for (const edit of edits) {
      const d = JSON.parse(text);
      edit(d);
      await expectRefused(b, JSON.stringify(d, null, 2), TAMPERED, 'library.preview');
      await expectRefused(b, JSON.stringify(d), TAMPERED);
    }
    // one character in the raw text (inside the principle)
    const i = text.indexOf('ordinerat');
    await expectRefused(b, `${text.slice(0, i)}O${text.slice(i + 1)}`, TAMPERED);
    // another key's signature with this publicKey
    const other = crypto.generateKeyPairSync('ed25519');
    const d = JSON.parse(text);
    const { signature: _s, ...unsigned } = d;
    await expectRefused(b, JSON.stringify({ ...unsigned, signature: signBytes(canonicalBytes(unsigned), other.privateKey) }), TAMPERED);
    // whitespace and key order do not matter: verification re-canonicalises
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text)).reverse()));
    expect((await b.call('library.preview', { text: reordered })).counts.new).toBe(1);
  });

  it('key rotation: a new key from the same publisher must be trusted anew', async () => {
    const a = await env();
    const b = await env('fyrbodal');
    insertPrecedent(a.ws);
    const first = await exportText(a);
    await b.call('library.apply', { text: first, trustPublisher: true });
    a.ws.db.update(t.workspace).set({ publicKeyPem: null, privateKeyPem: null }).run();
    const second = await exportText(a);
    expect(JSON.parse(second).publisher.publicKey).not.toBe(JSON.parse(first).publisher.publicKey);
    const p = await b.call('library.preview', { text: second });
    expect(p.publisher).toMatchObject({ trusted: false, knownPublisherWithOtherKey: true });
    const before = dump(b.ws);
    const r = await b.result('library.apply', { text: second });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('ny nyckel');
    expect(dump(b.ws)).toBe(before);
    const ok = await b.call('library.apply', { text: second, trustPublisher: true });
    expect(ok.applied.publisherTrusted).toBe(true);
    expect(await b.call('library.trustedKeys', {})).toHaveLength(2);
    expect((await b.call('library.preview', { text: second })).publisher.trusted).toBe(true);
    // forgetting a key makes it untrusted again
    expect((await b.call('library.forgetKey', { fingerprint: p.publisher.fingerprint })).removed).toBe(true);
    expect((await b.call('library.preview', { text: second })).publisher.trusted).toBe(false);
  });
});

describe('merge', () => {
  it('new, newer revision, identical, older, and both edited → conflict; keep mine / take theirs', async () => {
    const a = await env();
    const b = await env('fyrbodal');
    const p1 = insertPrecedent(a.ws, { title: 'Fall ett' });
    const p2 = insertPrecedent(a.ws, { title: 'Fall två' });
    const v1 = await exportText(a);
    expect((await b.call('library.apply', { text: v1, trustPublisher: true })).applied.inserted).toBe(2);

    // A edits p1 (revision 2): B has not edited it → updated
    a.ws.db.update(t.precedents).set({ revision: 2, title: 'Fall ett, reviderat', updatedAt: '2026-11-01T00:00:00.000Z' }).where(eq(t.precedents.id, p1)).run();
    const v2 = await exportText(a);
    const pv2 = await b.call('library.preview', { text: v2 });
    expect(pv2.counts).toMatchObject({ updated: 1, identical: 1, new: 0, conflict: 0 });
    expect(pv2.items.find((i: any) => i.id === p1)).toMatchObject({ status: 'updated', theirRevision: 2, localRevision: 1 });
    const ap2 = await b.call('library.apply', { text: v2 });
    expect(ap2.applied.updated).toBe(1);
    expect(precedentRow(b.ws, p1)).toMatchObject({ title: 'Fall ett, reviderat', revision: 2, baseRevision: 2, locallyEdited: false });
    expect(b.ws.sqlite.prepare(`SELECT count(*) FROM search_fts WHERE search_fts MATCH 'reviderat'`).pluck().get()).toBe(1);

    // An older file is not applied
    const older = await b.call('library.preview', { text: v1 });
    expect(older.items.find((i: any) => i.id === p1).status).toBe('older');

    // Both edit p2 since revision 1 → conflict, stored side by side, B's version untouched
    b.ws.db.update(t.precedents).set({ revision: 2, facts: 'Fyrbodals tillägg.', locallyEdited: true }).where(eq(t.precedents.id, p2)).run();
    a.ws.db.update(t.precedents).set({ revision: 2, facts: 'Skaraborgs tillägg.' }).where(eq(t.precedents.id, p2)).run();
    const v3 = await exportText(a);
    const pv3 = await b.call('library.preview', { text: v3 });
    expect(pv3.counts).toMatchObject({ conflict: 1, identical: 1 });
    const ap3 = await b.call('library.apply', { text: v3 });
    expect(ap3.applied.conflictsStored).toBe(1);
    expect(precedentRow(b.ws, p2)!.facts).toBe('Fyrbodals tillägg.');
    const conflicts = await b.call('library.conflicts', {});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ precedentId: p2, theirRevision: 2 });
    expect(conflicts[0].mine.facts).toBe('Fyrbodals tillägg.');
    expect(conflicts[0].theirs.facts).toBe('Skaraborgs tillägg.');
    // the same file again: the conflict is already waiting, nothing changes
    const mid = dump(b.ws);
    const again = await b.call('library.apply', { text: v3 });
    expect(again.preview.items.find((i: any) => i.id === p2)).toMatchObject({ status: 'conflict', conflictPending: true });
    expect(dump(b.ws)).toBe(mid);

    // keep mine: our version wins with a revision above theirs; the same file is then nothing new
    const kept = await b.call('library.resolveConflict', { conflictId: conflicts[0].id, keep: 'mine' });
    expect(kept).toMatchObject({ resolution: 'mine', revision: 3 });
    expect(precedentRow(b.ws, p2)).toMatchObject({ facts: 'Fyrbodals tillägg.', revision: 3, baseRevision: 2, locallyEdited: true });
    expect(await b.call('library.conflicts', {})).toHaveLength(0);
    expect((await b.call('library.preview', { text: v3 })).items.find((i: any) => i.id === p2).status).toBe('identical');
    expect((await b.result('library.resolveConflict', { conflictId: conflicts[0].id, keep: 'theirs' })).ok).toBe(false);

    // take theirs: A edits again (revision 3), B edits again → conflict → take theirs
    a.ws.db.update(t.precedents).set({ revision: 3, facts: 'Skaraborgs andra tillägg.' }).where(eq(t.precedents.id, p2)).run();
    b.ws.db.update(t.precedents).set({ revision: 4, facts: 'Fyrbodals andra tillägg.', locallyEdited: true }).where(eq(t.precedents.id, p2)).run();
    const v4 = await exportText(a);
    await b.call('library.apply', { text: v4 });
    const [c2] = await b.call('library.conflicts', {});
    const taken = await b.call('library.resolveConflict', { conflictId: c2.id, keep: 'theirs' });
    expect(taken).toMatchObject({ resolution: 'theirs', revision: 3 });
    expect(precedentRow(b.ws, p2)).toMatchObject({ facts: 'Skaraborgs andra tillägg.', revision: 3, baseRevision: 3, locallyEdited: false });
    expect((await b.call('library.preview', { text: v4 })).counts).toMatchObject({ identical: 2, conflict: 0 });
  });

  it("someone else's newer copy of my own precedent is a conflict, never an overwrite", async () => {
    const a = await env();
    const b = await env('fyrbodal');
    const id = insertPrecedent(a.ws);
    await b.call('library.apply', { text: await exportText(a), trustPublisher: true });
    b.ws.db.update(t.precedents).set({ revision: 2, principle: 'Ändrad i Fyrbodal.', locallyEdited: true }).where(eq(t.precedents.id, id)).run();
    const back = await exportText(b);
    const p = await a.call('library.preview', { text: back });
    expect(p.items[0]).toMatchObject({ id, status: 'conflict' });
    await a.call('library.apply', { text: back, trustPublisher: true });
    expect(precedentRow(a.ws, id)!.principle).toBe('Den part som ordinerat insatsen ansvarar tills SIP har upprättats.');
    expect(await a.call('library.conflicts', {})).toHaveLength(1);
  });
});

describe('merge: origin, lessons and divergent edits', () => {
  it('another origin cannot update a precedent received from someone else: a conflict, the copy stays', async () => {
    const a = await env();
    const b = await env('fyrbodal');
    const c = await env('goteborgsregionen');
    const id = insertPrecedent(a.ws, { revision: 3 });
    const fromA = await exportText(a);
    await b.call('library.apply', { text: fromA, trustPublisher: true });
    const doc = JSON.parse(fromA);
    const forged = { ...doc.precedents[0], revision: 9, principle: 'Ny princip från GR.', origin: { delregion: 'goteborgsregionen', publisher: 'GR-analytiker' } };
    const fromC = resign(c, { ...doc, publisher: JSON.parse(await exportText(c)).publisher, precedents: [forged] });
    const p = await b.call('library.preview', { text: fromC });
    expect(p.items[0]).toMatchObject({ id, status: 'conflict' });
    await b.call('library.apply', { text: fromC, trustPublisher: true });
    expect(precedentRow(b.ws, id)).toMatchObject({ revision: 3, originDelregion: 'skaraborg', principle: 'Den part som ordinerat insatsen ansvarar tills SIP har upprättats.' });
    expect(await b.call('library.conflicts', {})).toHaveLength(1);
    // the origin's own newer revision still updates as usual
    a.ws.db.update(t.precedents).set({ revision: 4, principle: 'Skaraborgs nya princip.' }).where(eq(t.precedents.id, id)).run();
    expect((await b.call('library.preview', { text: await exportText(a) })).items[0]).toMatchObject({ status: 'updated' });
  });

  it('a lesson added to the case of a precedent is an edit: the revision rises and the receiver gets the lesson', async () => {
    const a = await env();
    const b = await env('fyrbodal');
    const caseId = insertDispute(a.ws, 'TV-L1');
    const id = insertPrecedent(a.ws, { localCaseKind: 'dispute', localCaseId: caseId });
    await b.call('library.apply', { text: await exportText(a), trustPublisher: true });
    const lesson = await a.call('lessons.add', { caseKind: 'dispute', caseId, text: 'Ring alltid hemsjukvården före utskrivning på fredagar.' });
    expect(precedentRow(a.ws, id)!.revision).toBe(2);
    const v2 = await exportText(a);
    expect((await b.call('library.preview', { text: v2 })).items[0]).toMatchObject({ status: 'updated', theirRevision: 2, localRevision: 1 });
    await b.call('library.apply', { text: v2 });
    expect(b.ws.sqlite.prepare(`SELECT count(*) FROM search_fts WHERE search_fts MATCH 'fredagar'`).pluck().get()).toBe(1);
    // editing the lesson's text and deleting it are edits too
    await a.call('lessons.update', { id: lesson.id, text: 'Ring hemsjukvården före varje utskrivning.' });
    expect(precedentRow(a.ws, id)!.revision).toBe(3);
    await a.call('lessons.delete', { id: lesson.id });
    expect(precedentRow(a.ws, id)!.revision).toBe(4);
  });

  it('the same revision with other content from the origin updates an unedited copy', async () => {
    const a = await env();
    const b = await env('fyrbodal');
    const id = insertPrecedent(a.ws);
    await b.call('library.apply', { text: await exportText(a), trustPublisher: true });
    a.ws.db.update(t.precedents).set({ facts: 'Ändrat utan ny revision.' }).where(eq(t.precedents.id, id)).run();
    const same = await exportText(a);
    expect((await b.call('library.preview', { text: same })).items[0]).toMatchObject({ status: 'updated', theirRevision: 1 });
    await b.call('library.apply', { text: same });
    expect(precedentRow(b.ws, id)!.facts).toBe('Ändrat utan ny revision.');
  });

  it('my own precedent edited on both sides to the same revision number is a conflict, not "older"', async () => {
    const a = await env();
    const b = await env('fyrbodal');
    const id = insertPrecedent(a.ws, { revision: 3 });
    await b.call('library.apply', { text: await exportText(a), trustPublisher: true });
    b.ws.db.update(t.precedents).set({ revision: 4, principle: 'Fyrbodals ändring.', locallyEdited: true, updatedAt: '2026-11-10T00:00:00.000Z' }).where(eq(t.precedents.id, id)).run();
    a.ws.db.update(t.precedents).set({ revision: 4, principle: 'Skaraborgs ändring.', updatedAt: '2026-11-09T00:00:00.000Z' }).where(eq(t.precedents.id, id)).run();
    const fromB = await exportText(b);
    expect((await a.call('library.preview', { text: fromB })).items[0]).toMatchObject({ id, status: 'conflict' });
    // an old copy of ours (lower revision, not edited since) is older
    a.ws.db.update(t.precedents).set({ revision: 6, updatedAt: '2026-11-20T00:00:00.000Z' }).where(eq(t.precedents.id, id)).run();
    expect((await a.call('library.preview', { text: fromB })).items[0]).toMatchObject({ id, status: 'older' });
  });
});

describe('personal data in library files', () => {
  it('identity numbers in a received file are replaced by this workspace\'s tokens before anything is stored', async () => {
    const a = await env();
    const b = await env('fyrbodal');
    const id = insertPrecedent(a.ws);
    const doc = JSON.parse(await exportText(a));
    const p0 = { ...doc.precedents[0], facts: 'Patienten 811218-9876 kom hem utan insats.', question: 'Vem ansvarar för [PNR-ABCDEF]?', lessons: [{ text: 'Ring om 19811218-9876 före utskrivning.', cause: null, date: '2026-10-01' }] };
    const text = resign(a, { ...doc, precedents: [p0] });
    const preview = await b.call('library.preview', { text });
    expect(preview.pseudonymised).toBe(2);
    await b.call('library.apply', { text, trustPublisher: true });
    const row = precedentRow(b.ws, id)!;
    expect(row.facts).toMatch(/^Patienten \[PNR-[A-Z2-7]{6}\] kom hem utan insats\.$/);
    expect(JSON.stringify(row.importedLessons)).toContain(row.facts.slice(10, 22));
    expect(dump(b.ws)).not.toMatch(/811218|8112189876/);
    expect(row.question).toBe('Vem ansvarar för [uppgift borttagen]?'); // another workspace's token means nothing here
    expect(b.ws.sqlite.prepare(`SELECT count(*) FROM search_fts WHERE search_fts MATCH '"811218"'`).pluck().get()).toBe(0);
    // the same file again changes nothing
    const before = dump(b.ws);
    const again = await b.call('library.apply', { text });
    expect(again.preview.counts).toMatchObject({ identical: 1, new: 0, updated: 0, conflict: 0 });
    expect(dump(b.ws)).toBe(before);
  });

  it('a pseudonym token never leaves in a library file; the copy that comes back is identical', async () => {
    const a = await env();
    const b = await env('fyrbodal');
    const caseId = insertDispute(a.ws, 'TV-P1');
    const id = insertPrecedent(a.ws, { localCaseKind: 'dispute', localCaseId: caseId });
    await a.call('precedents.update', { id, facts: 'Oenighet om hjälpmedel till 811218-9876 efter utskrivning.' });
    await a.call('lessons.add', { caseKind: 'dispute', caseId, text: 'Samma patient (811218-9876) kom tillbaka.' });
    expect(precedentRow(a.ws, id)!.facts).toMatch(/\[PNR-/);
    const file = await exportText(a);
    expect(file).not.toMatch(/PNR-|811218/);
    const sent = JSON.parse(file).precedents[0];
    expect(sent.facts).toBe('Oenighet om hjälpmedel till [uppgift borttagen] efter utskrivning.');
    expect(sent.lessons.map((l: { text: string }) => l.text)).toContain('Samma patient ([uppgift borttagen]) kom tillbaka.');
    await b.call('library.apply', { text: file, trustPublisher: true });
    expect(await b.call('library.preview', { text: file })).toMatchObject({ counts: { identical: 1 } });
    // our own file read back into our own workspace: identical, not a conflict
    expect((await a.call('library.preview', { text: file })).counts).toMatchObject({ identical: 1, conflict: 0 });
  });
});

describe('refusals: one Swedish sentence and no change to the workspace', () => {
  let a: Env;
  let b: Env;
  let text: string;
  beforeAll(async () => {
    a = await env();
    b = await env('fyrbodal');
    insertPrecedent(a.ws);
    text = await exportText(a);
  });

  it('a key written twice in one object is refused (the reader and Samsyn could see different texts)', async () => {
    // the signature covers the parsed value, so a duplicate before the real key keeps it valid
    const forged = text.replace('"principle":', '"principle": "VILSELEDANDE TEXT SOM LÄSAREN SER",\n      "principle":');
    expect(forged).not.toBe(text);
    await expectRefused(b, forged, 'Filen har fältet "principle" två gånger i samma objekt, så den som läser filen och Samsyn kan se olika värden; filen har inte lästs in.');
    // the same key in different objects, escaped keys, and keys inside strings are fine
    expect(duplicateJsonKey('{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}],"d":"\\"a\\": 1, \\"a\\""}')).toBeNull();
    expect(duplicateJsonKey('{"a":1,"\\u0061":2}')).toBe('a');
    expect(duplicateJsonKey('[{"x":1,"y":{"z":1,"z":2}}]')).toBe('z');
  });

  it('a wrong value is explained in Swedish, with the value and what is allowed', async () => {
    const doc = JSON.parse(text);
    const withPrecedent = (over: Record<string, unknown>) => resign(a, { ...doc, precedents: [{ ...doc.precedents[0], ...over }] });
    await expectRefused(b, withPrecedent({ area: 'nope' }), /^Vägledande fall nr 1 ".*" \(id .*\) har ett ogiltigt värde i fältet area \(område\): "nope" är inte ett tillåtet värde \(tillåtna: "hemsjukvard", .*\)\.$/i);
    await expectRefused(b, withPrecedent({ revision: 0 }), /i fältet revision \(revision\): 0 är för litet; minst 1\.$/);
    await expectRefused(b, withPrecedent({ decidedAt: '2026-02-31' }), /i fältet decidedAt .*: Datumet finns inte i kalendern\.$/);
    await expectRefused(b, withPrecedent({ title: 12 }), /i fältet title \(rubrik\): väntade en text, fick ett tal\.$/);
    await expectRefused(b, resign(a, { ...doc, formatVersion: '1' }), 'formatVersion ska vara talet 1, inte texten "1" – be avsändaren exportera på nytt.');
  });

  it('unknown formatVersion names the version (acceptance file)', async () => {
    const f = fs.readFileSync(path.join(ACCEPTANCE, 'bibliotek_okand_version.json'), 'utf8');
    await expectRefused(b, f, /^formatVersion 99 stöds inte/);
    await expectRefused(b, f, /^formatVersion 99 stöds inte/, 'library.preview');
  });

  it('__proto__ / constructor / prototype keys are refused and pollute nothing (acceptance file)', async () => {
    const f = fs.readFileSync(path.join(ACCEPTANCE, 'bibliotek_proto.json'), 'utf8');
    await expectRefused(b, f, /otillåtna nyckeln "__proto__"/);
    for (const key of ['constructor', 'prototype']) {
      const withKey = text.replace('"title":', `"${key}": {"polluted": true}, "title":`);
      await expectRefused(b, withKey, new RegExp(`otillåtna nyckeln "${key}"`));
    }
    // even when correctly signed
    await expectRefused(b, resign(a, JSON.parse(text.replace('"title":', '"__proto__": {"polluted": true}, "title":'))), /otillåtna nyckeln/);
    expect(({} as any).polluted).toBeUndefined();
    expect((Object.prototype as any).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('not JSON, not UTF-8, wrong format, too large, too deep, too many precedents, too long text', async () => {
    await expectRefused(b, '{"format": "samsyn-precedent-library", ', 'Filen är inte giltig JSON och kan därför inte vara en Samsyn-fil.');
    await expectRefused(b, '', 'Filen är inte giltig JSON och kan därför inte vara en Samsyn-fil.');
    const before = dump(b.ws);
    const latin1 = await b.result('library.preview', { base64: Buffer.from([0x7b, 0xe5, 0x7d]).toString('base64') });
    expect(latin1.ok ? 'ok' : latin1.error.message).toBe('Filen är inte en textfil i UTF-8 och kan därför inte vara en Samsyn-fil.');
    expect(dump(b.ws)).toBe(before);
    await expectRefused(b, '[1,2,3]', /^Filen är inte ett Samsyn-bibliotek/);
    await expectRefused(b, '{"format":"något annat"}', /^Filen är inte ett Samsyn-bibliotek/);
    const big = `{"format":"samsyn-precedent-library","x":"${'a'.repeat(50 * 1024 * 1024)}"}`;
    await expectRefused(b, big, /^Filen är för stor/);
    const bigB64 = Buffer.alloc(50 * 1024 * 1024 + 10, 0x20).toString('base64');
    const r = await b.result('library.preview', { base64: bigB64 });
    expect(r.ok ? 'ok' : r.error.message).toMatch(/^Filen är för stor/);
    await expectRefused(b, `${'['.repeat(100_000)}${']'.repeat(100_000)}`, /för djupt nästlad/);
    const many = JSON.stringify({ format: 'samsyn-precedent-library', formatVersion: 1, precedents: Array.from({ length: 20_001 }, () => ({})) });
    await expectRefused(b, many, /gränsen är 20\s000/);
    const d = JSON.parse(text);
    d.precedents[0].facts = 'x'.repeat(20_001);
    await expectRefused(b, resign(a, d), /längre än 20\s000 tecken/);
    // a profiles file is not a library
    const profiles = (await a.call('library.exportProfiles', {})).content;
    await expectRefused(b, profiles, 'Filen är en Samsyn-fil med mappningsprofiler, inte ett Samsyn-bibliotek med vägledande fall.');
  });

  it('a precedent missing a required field is refused, naming the precedent and the field', async () => {
    const d = JSON.parse(text);
    delete d.precedents[0].principle;
    await expectRefused(b, resign(a, d), /^Vägledande fall nr 1 "Insats i hemmet efter utskrivning" \(id [0-9a-f-]+\) saknar fältet principle \(princip\)\.$/);
    const e = JSON.parse(text);
    e.precedents[0].area = 'okänt';
    await expectRefused(b, resign(a, e), /Vägledande fall nr 1 .* ogiltigt värde i fältet area \(område\)/);
    const f = JSON.parse(text);
    f.precedents.push(f.precedents[0]);
    await expectRefused(b, resign(a, f), /mer än en gång/);
  });

  it('unknown keys are ignored but reported', async () => {
    const d = JSON.parse(text);
    d.precedents[0].note = 'framtida fält';
    d.comment = 'hej';
    const p = await b.call('library.preview', { text: resign(a, d) });
    expect(p.unknownKeys.sort()).toEqual(['comment', 'precedents[0].note']);
    expect(p.counts.new).toBe(1);
  });

  it('property: random JSON and random bytes never escape the dispatch boundary and never change the database', async () => {
    const before = dump(b.ws);
    const doc = JSON.parse(text);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => ({ text: JSON.stringify(v) ?? 'null' })),
          fc.uint8Array({ maxLength: 2000 }).map((u) => ({ base64: Buffer.from(u).toString('base64') })),
          fc.string({ maxLength: 500 }).map((s) => ({ text: s })),
          // mutations of a real file: replace one value somewhere
          fc.tuple(fc.jsonValue(), fc.constantFrom('format', 'formatVersion', 'publisher', 'precedents', 'signature', 'exportedAt')).map(([v, k]) => ({
            text: JSON.stringify({ ...doc, [k]: v }),
          })),
          fc.anything().map((v) => v as any),
        ),
        fc.boolean(),
        async (input, apply) => {
          let r: Result<unknown>;
          try {
            r = await b.dispatch(apply ? 'library.apply' : 'library.preview', apply && input && typeof input === 'object' ? { ...input, trustPublisher: true } : input);
          } catch (e) {
            throw new Error(`dispatch threw: ${(e as Error).message}`);
          }
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(r.error.code).not.toBe('INTERNAL');
        },
      ),
      { numRuns: 300 },
    );
    expect(dump(b.ws)).toBe(before);
    expect(({} as any).polluted).toBeUndefined();
  });
});

describe('mapping profiles and category synonyms', () => {
  it('travel as a signed file: new, identical, renamed on name clash, conflicting synonyms skipped', async () => {
    const a = await env();
    const b = await env('fyrbodal');
    const now = '2026-10-01T00:00:00.000Z';
    const mapping = { externalId: 'Ärendenr', reportedAt: 'Registreringsdatum' };
    a.ws.db.insert(t.mappingProfiles).values({ name: 'MedControl', kind: 'deviations', headerSignature: 'a|b', mapping, sourceSystem: 'medcontrol', createdAt: now, updatedAt: now }).run();
    a.ws.db.insert(t.categorySynonyms).values({ norm: 'utskrivningsklar', label: 'Utskrivningsklar', categoryCode: 'in_utskrivning', userAdded: true }).run();
    a.ws.db.insert(t.categorySynonyms).values({ norm: 'lakarbesok', label: 'Läkarbesök', categoryCode: 'lakarmedverkan', userAdded: true }).run();
    b.ws.db.insert(t.mappingProfiles).values({ name: 'MedControl', kind: 'deviations', headerSignature: 'x', mapping: { externalId: 'Id' }, sourceSystem: 'medcontrol', createdAt: now, updatedAt: now }).run();
    b.ws.db.insert(t.categorySynonyms).values({ norm: 'lakarbesok', label: 'Läkarbesök', categoryCode: 'ovrigt', userAdded: true }).run();

    const ex = await a.call('library.exportProfiles', {});
    expect(ex).toMatchObject({ profileCount: 1, synonymCount: 2 });
    expect(JSON.parse(ex.content).format).toBe('samsyn-mapping-profiles');
    const pv = await b.call('library.previewProfiles', { text: ex.content });
    expect(pv.profiles[0]).toMatchObject({ status: 'renamed', savedAs: 'MedControl (från Vårdsamverkan Skaraborg)' });
    expect(pv.counts).toMatchObject({ synonymsNew: 1, synonymsConflict: 1 });
    // untrusted key: refused, nothing changes
    const before = dump(b.ws);
    expect((await b.result('library.applyProfiles', { text: ex.content })).ok).toBe(false);
    expect(dump(b.ws)).toBe(before);
    const ap = await b.call('library.applyProfiles', { text: ex.content, trustPublisher: true });
    expect(ap.applied).toMatchObject({ profilesAdded: 1, synonymsAdded: 1 });
    expect(b.ws.db.select().from(t.categorySynonyms).where(eq(t.categorySynonyms.norm, 'lakarbesok')).get()!.categoryCode).toBe('ovrigt');
    expect(b.ws.db.select().from(t.mappingProfiles).where(eq(t.mappingProfiles.name, 'MedControl (från Vårdsamverkan Skaraborg)')).get()!.mapping).toEqual(mapping);
    // second time: nothing
    const mid = dump(b.ws);
    const again = await b.call('library.applyProfiles', { text: ex.content });
    expect(again.applied).toMatchObject({ profilesAdded: 0, synonymsAdded: 0 });
    expect(dump(b.ws)).toBe(mid);
    // tampered
    await expectRefused(b, ex.content.replace('Registreringsdatum', 'Registreringsdatun'), TAMPERED, 'library.applyProfiles');
    // a library is not a profiles file
    insertPrecedent(a.ws);
    await expectRefused(b, await exportText(a), /^Filen är ett Samsyn-bibliotek med vägledande fall, inte en Samsyn-fil med mappningsprofiler\.$/, 'library.previewProfiles');
  });
});
