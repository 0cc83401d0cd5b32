import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from '../cases/test-fixtures';
import { expandWords, matchQuery, prefixQuery, rankQuery, significantWords } from './fts';
import { searchTuning } from './search';
import { Rng } from '../demo/generator';

let f: Fixture;
beforeEach(async () => {
  f = await makeFixture();
});
afterEach(() => f.close());

const refs = async (q: string, kinds?: string[]) => (await f.call('search.query', { q, kinds })).hits.map((h) => `${h.kind}:${h.ref}`);

describe('query building', () => {
  it('quotes every word as a prefix term; operators and syntax characters become text', () => {
    expect(prefixQuery('Läkemedel utskrivning')).toBe('"Läkemedel"* "utskrivning"*');
    expect(prefixQuery('a AND b')).toBe('"a"* "AND"* "b"*');
    expect(prefixQuery('"hej" * -x: (NEAR) ^y')).toBe('"hej"* "x"* "NEAR"* "y"*');
    expect(prefixQuery('"*-:')).toBe('');
    expect(significantWords('Patienten skrevs ut utan att SIP kallades, och SIP saknades.')).toEqual(['SIP', 'Patienten', 'kallades', 'saknades', 'skrevs']);
  });
});

describe('search.query', () => {
  it('is diacritic- and case-insensitive with prefix matching', async () => {
    const a = f.dev({ externalId: 'AV-1', description: 'Utskrivning skedde utan planering' });
    const b = f.dev({ externalId: 'AV-2', category: 'hjalpmedel', rawCategory: 'Hjälpmedel', description: 'Rullstol saknades' });
    const c = f.dev({ externalId: 'AV-3', category: 'lakemedel', description: 'Läkemedel saknades vid hemgång' });
    expect(await refs('utskrivning')).toEqual([`deviation:${a}`]);
    expect(await refs('UTSKRIVNING')).toEqual([`deviation:${a}`]);
    expect(await refs('hjalpmedel')).toEqual([`deviation:${b}`]);
    expect(await refs('lakem')).toEqual([`deviation:${c}`]);
    expect(await refs('LÄKEM saknades')).toEqual([`deviation:${c}`]); // all words must match
    const r = await f.call('search.query', { q: 'lakem' });
    expect(r.total).toBe(1);
    expect(r.ftsQuery).toBe('"lakem"*');
    expect(r.hits[0]!.title).toBe('AV-3 – Läkemedel (Skövde)');
    expect(r.hits[0]!.snippet).toContain('«Läkemedel»');
    expect(r.hits[0]!.snippetParts.find((p) => p.hit)?.text).toBe('Läkemedel');
    expect(r.hits[0]!.score).toBeGreaterThan(0);
  });

  it('never throws on FTS syntax characters', async () => {
    f.dev({ externalId: 'AV-1', description: 'Utskrivning AND planering' });
    for (const q of ['"', '""', '"utskr', 'utskr*', '*', 'AND', 'utskrivning AND', 'OR OR', 'NOT x', '-utskrivning', 'title:utskrivning', 'col:', '(utskr', 'NEAR(a b)', '^utskr', 'a+b', "l'hôpital", '', '   ']) {
      const r = await f.dispatch('search.query', { q });
      expect(r.ok, q).toBe(true);
    }
    expect((await refs('-utskrivning')).length).toBe(1); // "-" is not NOT: it is just a separator
    expect((await refs('title:utskrivning')).length).toBe(0); // both words must match; "title" is not a column filter
  });

  it('ranks best first (bm25, title weighs more) and filters by kind', async () => {
    const inBody = f.dev({ externalId: 'AV-10', category: 'ovrigt', description: 'Ett ärende som nämner munhälsa i förbigående bland mycket annan text om annat' });
    const inTitle = f.dev({ externalId: 'AV-11', category: 'munhalsa', rawCategory: 'Munhälsa', description: 'Tandvård uteblev' });
    expect(await refs('munhälsa')).toEqual([`deviation:${inTitle}`, `deviation:${inBody}`]);
    const s = f.disp({ externalId: 'T-1', summary: 'Munhälsa vid SÄBO', area: 'munhalsa' });
    expect(await refs('munhalsa', ['dispute'])).toEqual([`dispute:${s}`]);
  });

  it('stays in sync on insert, update and delete of deviations, disputes, lessons and precedents', async () => {
    const d = f.dev({ externalId: 'AV-1', description: 'Fallolycka i hemmet' });
    const s = f.disp({ externalId: 'T-1', summary: 'Oenighet om trycksår' });
    expect(await refs('fallolycka')).toEqual([`deviation:${d}`]);
    expect(await refs('trycksår')).toEqual([`dispute:${s}`]);
    f.ws.sqlite.prepare(`UPDATE deviations SET description = 'Brännskada i hemmet' WHERE id = ?`).run(d);
    expect(await refs('fallolycka')).toEqual([]);
    expect(await refs('brannskada')).toEqual([`deviation:${d}`]);
    await f.call('disputes.update', { id: s, summary: 'Oenighet om nutrition' });
    expect(await refs('trycksar')).toEqual([]);
    expect(await refs('nutrition')).toEqual([`dispute:${s}`]);

    const l = await f.call('lessons.add', { caseKind: 'deviation', caseId: d, text: 'Larmrutinen var okänd', recommendedPractice: 'Gå igenom larmrutinen' });
    const lessonHit = await f.call('search.query', { q: 'larmrutin' });
    expect(lessonHit.hits.map((h) => [h.kind, h.ref, h.caseId, h.externalId])).toEqual([['lesson', String(l.id), d, 'AV-1']]);
    expect(lessonHit.hits[0]!.title).toBe('Lärdom (AV-1): Larmrutinen var okänd');
    await f.call('lessons.update', { id: l.id, text: 'Nyckelhanteringen brast', recommendedPractice: null });
    expect(await refs('larmrutin')).toEqual([]);
    expect(await refs('nyckelhantering')).toEqual([`lesson:${l.id}`]);
    await f.call('lessons.delete', { id: l.id });
    expect(await refs('nyckelhantering')).toEqual([]);

    const p = await f.call('precedents.create', { title: 'Vägledning om sondmat', area: 'egenvard', tags: ['nutritionsplan'] });
    expect(await refs('sondmat')).toEqual([`precedent:${p.id}`]);
    expect(await refs('nutritionsplan')).toEqual([`precedent:${p.id}`]); // tags are indexed
    await f.call('precedents.update', { id: p.id, title: 'Vägledning om PEG' });
    expect(await refs('sondmat')).toEqual([]);
    expect(await refs('peg')).toEqual([`precedent:${p.id}`]);
    await f.call('precedents.delete', { id: p.id });
    expect(await refs('peg')).toEqual([]);

    f.ws.sqlite.prepare('DELETE FROM deviations WHERE id = ?').run(d);
    f.ws.sqlite.prepare('DELETE FROM disputes WHERE id = ?').run(s);
    expect(await refs('hemmet')).toEqual([]);
    expect(await refs('nutrition')).toEqual([]);
    expect(Number(f.ws.sqlite.prepare('SELECT count(*) FROM search_fts').pluck().get())).toBe(0);
  });

  it('re-indexes a deviation or dispute only when an indexed text column changes', async () => {
    const d = f.dev({ externalId: 'AV-9', description: 'Fallolycka i hemmet' });
    const s = f.disp({ externalId: 'T-9', summary: 'Oenighet om trycksår' });
    const db = f.ws.sqlite;
    /** Rows written by one UPDATE, its triggers' writes included. */
    const written = (sql: string, ...params: unknown[]) => {
      const before = Number(db.prepare('SELECT total_changes()').pluck().get());
      db.prepare(sql).run(...params);
      return Number(db.prepare('SELECT total_changes()').pluck().get()) - before;
    };
    // the importer's recurrence refresh and status/date changes leave the index alone
    expect(written(`UPDATE deviations SET recurring = 1 - recurring WHERE id = ?`, d)).toBe(1);
    expect(written(`UPDATE deviations SET status = 'avslutad', closed_at = '2025-01-01' WHERE id = ?`, d)).toBe(1);
    expect(written(`UPDATE disputes SET step2_at = '2025-01-01', principled = 1 WHERE id = ?`, s)).toBe(1);
    // a changed organisation name (part of the body) is re-indexed (FTS writes its shadow tables too)
    expect(written(`UPDATE deviations SET receiving_org = 'Vårdcentral Norrmalm' WHERE id = ?`, d)).toBeGreaterThan(1);
    expect(await refs('norrmalm')).toEqual([`deviation:${d}`]);
    expect(written(`UPDATE disputes SET party_b = 'Kommunen Öst' WHERE id = ?`, s)).toBeGreaterThan(1);
    expect(await refs('öst')).toEqual([`dispute:${s}`]);
    expect(await refs('fallolycka')).toEqual([`deviation:${d}`]);
  });

  it('shows a warning on a superseded precedent', async () => {
    const a = await f.call('precedents.create', { title: 'Syrgas i hemmet', area: 'hjalpmedel', principle: 'P' });
    const b = await f.call('precedents.create', { title: 'Syrgas, ny ordning', area: 'hjalpmedel', principle: 'P' });
    for (const id of [a.id, b.id]) {
      await f.call('precedents.setStatus', { id, status: 'granskad' });
      await f.call('precedents.setStatus', { id, status: 'vägledande' });
    }
    await f.call('precedents.setStatus', { id: a.id, status: 'ersatt', supersededBy: b.id });
    const hits = (await f.call('search.query', { q: 'syrgas' })).hits;
    expect(hits.find((h) => h.ref === a.id)!.warning).toMatch(/ersatt av «Syrgas, ny ordning»/);
    expect(hits.find((h) => h.ref === b.id)!.warning).toBeNull();
  });
});

describe('search.query: one pass to count, one to rank', () => {
  const VOCAB = ['patienten', 'patientens', 'patient', 'utskrivning', 'utskrivningsklar', 'utskriven', 'läkemedel', 'läkemedelslista', 'hjälpmedel', 'insulin', 'överrapportering', 'rutinen', 'saknades', 'hemgång', 'SIP'];

  /** Deviations of varied length (so that scores rarely tie), a few disputes and lessons. */
  async function corpus(n: number, seed: number) {
    const rng = new Rng(seed);
    for (let i = 0; i < n; i++) {
      const words = Array.from({ length: rng.int(1, 12) }, () => rng.pick(VOCAB));
      f.dev({ externalId: `AV-${i}`, category: rng.pick(['lakemedel', 'hjalpmedel', 'in_utskrivning']), rawCategory: rng.next() < 0.2 ? 'Läkemedel' : null, description: words.join(' ') });
    }
    for (let i = 0; i < 5; i++) f.disp({ externalId: `T-${i}`, summary: Array.from({ length: rng.int(2, 8) }, () => rng.pick(VOCAB)).join(' ') });
    const ids = f.ws.sqlite.prepare('SELECT id FROM deviations').pluck().all() as number[];
    for (let i = 0; i < 8; i++) await f.call('lessons.add', { caseKind: 'deviation', caseId: rng.pick(ids), text: Array.from({ length: rng.int(2, 10) }, () => rng.pick(VOCAB)).join(' ') });
  }

  /** bm25 over FTS5's own prefix query, as search.query ranked before. */
  function reference(q: string, limit: number, where = '') {
    const rows = f.ws.sqlite
      .prepare(`SELECT kind, ref, bm25(search_fts, 0, 0, 4.0, 1.0) AS rank FROM search_fts WHERE search_fts MATCH ?${where} ORDER BY rank LIMIT ?`)
      .all(prefixQuery(q), limit) as { kind: string; ref: string; rank: number }[];
    const total = Number(f.ws.sqlite.prepare(`SELECT count(*) FROM search_fts WHERE search_fts MATCH ?${where}`).pluck().get(prefixQuery(q)));
    return { total, hits: rows.map((r) => ({ key: `${r.kind}:${r.ref}`, score: Math.round(-r.rank * 1000) / 1000 })) };
  }

  /** Same scores in the same order, and the same hits for every score above the last one shown (ties at the cut may differ). */
  function expectSameRanking(got: { key: string; score: number }[], want: { key: string; score: number }[], label: string) {
    expect(got.map((h) => h.score), label).toEqual(want.map((h) => h.score));
    const cut = want.at(-1)?.score;
    const above = (xs: { key: string; score: number }[]) => xs.filter((h) => h.score !== cut).map((h) => h.key).sort();
    expect(above(got), label).toEqual(above(want));
  }

  it('lists the indexed terms of each prefix and writes the queries from them', async () => {
    f.dev({ externalId: 'AV-1', description: 'Patienten och patientens läkemedelslista; Ørjan' });
    const t = expandWords(f.ws.sqlite, 'patient läkemedelsl Ørjan xyz');
    expect(t).toEqual([
      { word: 'patient', terms: ['patienten', 'patientens'] },
      { word: 'läkemedelsl', terms: ['lakemedelslista'] },
      { word: 'Ørjan', terms: null }, // ø is folded by FTS5 only: left to its prefix query
      { word: 'xyz', terms: [] },
    ]);
    expect(matchQuery(t.slice(0, 3))).toBe('("patienten" OR "patientens") AND "lakemedelslista" AND "Ørjan"*');
    expect(rankQuery(t.slice(0, 3))).toBe('"patient"* "lakemedelslista" "Ørjan"*');
    expect(matchQuery(t)).toBeNull();
    expect(rankQuery(t)).toBeNull();
    expect((await f.call('search.query', { q: 'Ørjan patient' })).total).toBe(1);
    expect((await f.call('search.query', { q: 'patient xyz' })).total).toBe(0);
  });

  it('finds, counts and ranks like the plain prefix query', async () => {
    await corpus(150, 5);
    const rng = new Rng(9);
    const queries = ['patienten', 'patient', 'utskr', 'lakemedel', 'läkemedelslista', 'insulin hemgång', 'SIP rutinen', 'MC', 'AV', 'över', 'hjalpm saknades', 'x', ...Array.from({ length: 20 }, () => `${rng.pick(VOCAB).slice(0, rng.int(2, 9))} ${rng.next() < 0.5 ? rng.pick(VOCAB) : ''}`)];
    for (const q of queries) {
      const limit = rng.int(1, 40);
      const got = await f.call('search.query', { q, limit });
      const want = reference(q, limit);
      expect(got.totalIsLowerBound).toBe(false);
      expect(got.total, q).toBe(want.total);
      expectSameRanking(got.hits.map((h) => ({ key: `${h.kind}:${h.ref}`, score: h.score })), want.hits, q);
      const lessons = await f.call('search.query', { q, limit, kinds: ['lesson', 'dispute'] });
      const wantLessons = reference(q, limit, ` AND kind IN ('lesson', 'dispute')`);
      expect(lessons.total, q).toBe(wantLessons.total);
      expectSameRanking(lessons.hits.map((h) => ({ key: `${h.kind}:${h.ref}`, score: h.score })), wantLessons.hits, q);
    }
  });

  it('a broad query: says "more than", ranks all lessons, precedents and disputes and the newest deviations', async () => {
    await corpus(120, 6);
    // an old lesson that matches best of all (created after the deviations, but lessons have small ids)
    const lesson = await f.call('lessons.add', { caseKind: 'deviation', caseId: 1, text: 'insulin insulin insulin' });
    const saved = searchTuning.rankCap;
    searchTuning.rankCap = 10;
    try {
      const r = await f.call('search.query', { q: 'insulin', limit: 50 });
      const all = reference('insulin', 1000);
      expect(all.total).toBeGreaterThan(10);
      expect(r.total).toBe(10);
      expect(r.totalIsLowerBound).toBe(true);
      expect(r.hits[0]).toMatchObject({ kind: 'lesson', ref: String(lesson.id) });
      // the window: every non-deviation hit and the deviations among the 11 highest rowids
      const rowids = f.ws.sqlite.prepare(`SELECT rowid FROM search_fts WHERE search_fts MATCH '"insulin"' ORDER BY rowid DESC LIMIT 11`).pluck().all() as number[];
      const lo = rowids.at(-1)!;
      const inWindow = reference('insulin', 50, ` AND (rowid >= ${lo} OR rowid % 4 <> 0)`);
      expectSameRanking(r.hits.map((h) => ({ key: `${h.kind}:${h.ref}`, score: h.score })), inWindow.hits, 'window');
      expect(r.hits.filter((h) => h.kind === 'deviation').every((h) => Number(h.ref) * 4 >= lo)).toBe(true);
      // a narrower query is ranked in full again
      const q = 'insulin hemgång rutinen överrapportering';
      const want = reference(q, 50);
      expect(want.total).toBeLessThanOrEqual(10);
      const narrow = await f.call('search.query', { q, limit: 50 });
      expect(narrow.totalIsLowerBound).toBe(false);
      expect(narrow.total).toBe(want.total);
    } finally {
      searchTuning.rankCap = saved;
    }
  });
});

describe('similar.forCase', () => {
  it('ranks same area first, then text similarity; skips drafts, unresolved cases and dismissed ones', async () => {
    // The open case: area in_utskrivning. Significant words: utskrivning, SIP, läkemedelslista, fredag, patienten, skrevs, kallades…
    const open = f.disp({
      externalId: 'T-0',
      area: 'in_utskrivning',
      summary: 'Patienten skrevs ut en fredag utan att SIP kallades; utskrivning skedde utan läkemedelslista.',
    });
    const mk = async (title: string, area: string, principle: string, status: 'vägledande' | 'utkast' = 'vägledande') => {
      const p = await f.call('precedents.create', { title, area, principle });
      if (status === 'vägledande') {
        await f.call('precedents.setStatus', { id: p.id, status: 'granskad' });
        await f.call('precedents.setStatus', { id: p.id, status: 'vägledande' });
      }
      return p.id;
    };
    // Similarity = Σ idf of shared words, idf = ln(1 + (N − n + 0.5)/(n + 0.5)), N = 9 indexed documents (T-0, T-1, AV-1, AV-2 and the 5 precedents).
    // n: utskrivning 7 (D0, P1, D1 via its area code in the FTS title, P2, P4, draft, AV-1) → 0.288; SIP 4 → 0.799;
    //    läkemedelslista 5 → 0.598; fredag 2 (D0, D1) → 1.386.
    // P1: same area, shares utskrivning, SIP, läkemedelslista → 1.685 → best.
    const p1 = await mk('Utskrivning och SIP', 'in_utskrivning', 'Kalla till SIP före utskrivning och skicka läkemedelslista.');
    // D1: resolved dispute, same area, shares only "fredag" in its text → 1.386 (< 1.685).
    const d1 = f.disp({ externalId: 'T-1', area: 'in_utskrivning', summary: 'Hemtjänsten kom inte en fredag kväll till brukaren i ordinärt boende.', resolvedAt: '2026-02-01', outcome: 'enighet' });
    // P3: same area, no shared words → after the same-area text matches.
    const p3 = await mk('Bostadsanpassning', 'in_utskrivning', 'Kommunen ansvarar för bostadsanpassning.');
    // P2: other area, shares utskrivning + läkemedelslista → 0.886.
    const p2 = await mk('Läkemedelslista', 'lakemedel', 'Läkemedelslista följer med vid utskrivning.');
    // P4: imported from Fyrbodal, other area, shares only utskrivning → 0.288.
    const p4 = await mk('Hjälpmedel', 'hjalpmedel', 'Hjälpmedel provas ut före utskrivning hem.');
    f.ws.sqlite.prepare(`UPDATE precedents SET origin_delregion = 'fyrbodal', origin_publisher = 'Vårdsamverkan Fyrbodal', origin_key_fingerprint = 'abc' WHERE id = ?`).run(p4);
    // Excluded: a draft with the same words, an unresolved deviation with the same words, an other-area case without shared words.
    await mk('Utskrivning SIP utkast', 'in_utskrivning', 'SIP utskrivning läkemedelslista', 'utkast');
    f.dev({ externalId: 'AV-1', description: 'Utskrivning utan SIP och läkemedelslista', status: 'pagaende' });
    f.dev({ externalId: 'AV-2', category: 'munhalsa', description: 'Tandborste saknades', status: 'avslutad' });

    const r = await f.call('similar.forCase', { kind: 'dispute', id: open });
    expect(r.case).toEqual({ kind: 'dispute', id: open, externalId: 'T-0', area: 'in_utskrivning' });
    expect(r.suggestions.map((s) => s.key)).toEqual([`precedent:${p1}`, `dispute:${d1}`, `precedent:${p3}`, `precedent:${p2}`, `precedent:${p4}`]);
    const [s1, sd, s3, s2, s4] = r.suggestions;
    expect(s1!.reason).toMatch(/^samma område, liknande ord: /);
    expect(s1!.matchedWords).toEqual(expect.arrayContaining(['SIP', 'utskrivning', 'läkemedelslista']));
    expect(sd!.matchedWords).toEqual(['fredag']);
    expect(sd!.reason).toBe('samma område, liknande ord: fredag');
    expect(s3!.reason).toBe('samma område');
    expect(s3!.score).toBe(0);
    expect(s2!.sameArea).toBe(false);
    expect(s2!.reason).toMatch(/^liknande ord: /);
    expect(s1!.score).toBeCloseTo(1.685, 2);
    expect(sd!.score).toBeCloseTo(1.386, 2);
    expect(s2!.score).toBeCloseTo(0.886, 2);
    expect(s4!.score).toBeCloseTo(0.288, 2);
    expect(s4!.origin).toEqual({ delregion: 'fyrbodal', publisher: 'Vårdsamverkan Fyrbodal', keyFingerprint: 'abc', imported: true });

    // dismiss P1: remembered
    expect(await f.call('similar.dismiss', { kind: 'dispute', id: open, key: `precedent:${p1}` })).toEqual({ dismissed: true });
    const r2 = await f.call('similar.forCase', { kind: 'dispute', id: open });
    expect(r2.suggestions.map((s) => s.key)).not.toContain(`precedent:${p1}`);
    expect(r2.dismissedCount).toBe(1);
    expect(await f.call('similar.restore', { kind: 'dispute', id: open })).toEqual({ restored: 1 });
    expect((await f.call('similar.forCase', { kind: 'dispute', id: open })).suggestions[0]!.key).toBe(`precedent:${p1}`);
  });

  it('works for a deviation with no text (same-area precedents only)', async () => {
    const dv = f.dev({ externalId: 'AV-1', category: 'sip', description: null });
    const p = await f.call('precedents.create', { title: 'SIP-fall', area: 'sip', principle: 'P' });
    await f.call('precedents.setStatus', { id: p.id, status: 'granskad' });
    const r = await f.call('similar.forCase', { kind: 'deviation', id: dv });
    expect(r.words).toEqual([]);
    expect(r.suggestions.map((s) => [s.key, s.reason])).toEqual([[`precedent:${p.id}`, 'samma område']]);
  });
});
