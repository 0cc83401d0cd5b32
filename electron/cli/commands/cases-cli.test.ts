import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './test-helpers';
import { createWorkspace } from '../../core/workspace/workspace';
import { refreshRecurring } from '../../core/indicators/recurring';
import { rebuildSummary } from '../../core/indicators/summary';
import { caseListSchema } from '../../../shared/api/common';
import { searchResultSchema, precedentSchema } from '../../../shared/api/precedents';
import { lessonSchema } from '../../../shared/api/cases';
import { caseShowSchema } from './case';
import { mergeNewestFirst } from './cases';
import { cliErrorSchema, type CaseSummary } from '../../../shared/api/common';

let dir: string;
let db: string;

const run = runCli;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-cli-cases-'));
  process.env.SAMSYN_HOME = path.join(dir, 'home');
  db = path.join(dir, 'ws.samsyn');
  const ws = await createWorkspace(db, { delregionId: 'skaraborg', userName: 'Anna' });
  const ins = (sql: string) => ws.sqlite.exec(sql);
  ins(`INSERT INTO deviations (source_system, external_id, reported_at, reporting_org, reporting_party_type, receiving_org, receiving_party_type, kommun_code, kommun, category, status, closed_at, description, content_hash, created_at, updated_at)
       VALUES ('MC', 'X-1', '2026-01-10', 'Skövde kommun', 'kommun', 'Skaraborgs Sjukhus', 'region', '1496', 'Skövde', 'lakemedel', 'avslutad', '2026-02-01', 'Läkemedelslista saknades vid utskrivning', 'h', 't', 't'),
              ('MC', 'AV-2', '2026-01-11', 'Skövde kommun', 'kommun', 'Skaraborgs Sjukhus', 'region', '1496', 'Skövde', 'sip', 'ny', NULL, 'SIP kallades inte', 'h', 't', 't')`);
  ins(`INSERT INTO disputes (source_system, external_id, opened_at, party_a, party_b, area, summary, step2_at, content_hash, created_at, updated_at)
       VALUES ('TL', 'X-1', '2026-01-05', 'Skövde kommun', 'Skaraborgs Sjukhus', 'sip', 'Oenighet om SIP', '2026-01-20', 'h', 't', 't'),
              ('TL', 'T-2', '2026-01-06', 'Skövde kommun', 'Skaraborgs Sjukhus', 'sip', 'Oenighet om hemsjukvård', NULL, 'h', 't', 't')`);
  refreshRecurring(ws.sqlite);
  rebuildSummary(ws.sqlite);
  ws.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('samsyn cases / case show / lesson add / precedent mark / search', () => {
  it('cases lists both kinds, newest first; --kind narrows; --json validates', async () => {
    const r = await run('cases', '--db', db, '--json');
    expect(r.code).toBe(0);
    const doc = caseListSchema.parse(JSON.parse(r.out));
    expect(doc.total).toBe(4);
    expect(doc.cases.map((c) => `${c.kind}:${c.externalId}`)).toEqual(['deviation:AV-2', 'deviation:X-1', 'dispute:T-2', 'dispute:X-1']);
    const d = caseListSchema.parse(JSON.parse((await run('cases', '--db', db, '--kind', 'dispute', '--json')).out));
    expect(d.cases.map((c) => c.status)).toEqual(['steg 1', 'steg 2']);
    expect((await run('cases', '--db', db, '--kind', 'x')).code).toBe(2);
    // --limit shortens the list, never the total (both kinds are counted)
    const one = caseListSchema.parse(JSON.parse((await run('cases', '--db', db, '--limit', '1', '--json')).out));
    expect(one.total).toBe(4);
    expect(one.cases.map((c) => c.externalId)).toEqual(['AV-2']);
    expect((await run('cases', '--db', db, '--limit', '2')).out.split('\n')[0]).toBe('4 ärenden (visar 2; ange --limit för fler).');
  });

  it('with --json a failure still prints exactly one JSON document on stdout (and the sentence on stderr)', async () => {
    const missing = await run('case', 'show', '--db', db, '--id', 'NOPE', '--json');
    expect(missing.code).toBe(1);
    const doc = cliErrorSchema.parse(JSON.parse(missing.out));
    expect(doc.error).toEqual({ kind: 'user', exitCode: 1, message: missing.err.trim() });
    const usage = await run('cases', '--db', db, '--kind', 'x', '--json');
    expect(usage.code).toBe(2);
    expect(cliErrorSchema.parse(JSON.parse(usage.out)).error).toMatchObject({ kind: 'usage', exitCode: 2 });
    // a command that prints its own document on failure (import: the refused files) prints only that one
    const imp = await run('import', 'deviations', path.join(dir, 'finns-inte.csv'), '--db', db, '--json');
    expect(imp.code).toBe(1);
    expect(Object.keys(JSON.parse(imp.out))).toEqual(['files', 'refused']);
    // without --json stdout stays empty
    expect((await run('case', 'show', '--db', db, '--id', 'NOPE')).out).toBe('');
  });

  it('both kinds are merged by date, newest first', () => {
    const c = (kind: 'deviation' | 'dispute', externalId: string, date: string) => ({ kind, externalId, date }) as CaseSummary;
    const merged = mergeNewestFirst([
      [c('deviation', 'A', '2026-03-01'), c('deviation', 'B', '2026-01-01')],
      [c('dispute', 'T', '2026-02-01'), c('dispute', 'U', '2026-01-01')],
    ]);
    expect(merged.map((x) => x.externalId)).toEqual(['A', 'T', 'B', 'U']);
  });

  it('case show asks for --kind when an id is both a deviation and a dispute', async () => {
    const amb = await run('case', 'show', '--db', db, '--id', 'X-1');
    expect(amb.code).toBe(1);
    expect(amb.err.trim()).toBe('Id X-1 finns både som avvikelse och som tvist. Ange --kind deviation eller --kind dispute.');
    const r = await run('case', 'show', '--db', db, '--id', 'X-1', '--kind', 'dispute', '--json');
    expect(r.code).toBe(0);
    const doc = caseShowSchema.parse(JSON.parse(r.out));
    expect(doc.kind).toBe('dispute');
    if (doc.kind === 'dispute') expect(doc.case.timeline.map((s) => s.stage)).toEqual(['steg1', 'steg2']);
    const missing = await run('case', 'show', '--db', db, '--id', 'NOPE');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Inget ärende med id NOPE finns/);
    const text = await run('case', 'show', '--db', db, '--id', 'T-2');
    expect(text.out).toMatch(/Eskaleringstrappa:/);
  });

  it('lesson add and precedent mark (refusing an unresolved case)', async () => {
    const l = await run('lesson', 'add', '--db', db, '--case', 'AV-2', '--text', 'Kalla till SIP i tid.', '--cause', 'rutin_inte_kand', '--json');
    expect(l.code).toBe(0);
    expect(lessonSchema.parse(JSON.parse(l.out)).causeLabel).toBe('Rutin inte känd');
    expect((await run('lesson', 'add', '--db', db, '--case', 'AV-2', '--text', 'x', '--cause', 'fel')).code).toBe(2);
    const no = await run('precedent', 'mark', '--db', db, '--case', 'T-2', '--title', 'T', '--principle', 'P');
    expect(no.code).toBe(1);
    expect(no.err.trim()).toBe('Ärendet T-2 är inte löst än. Ett vägledande fall kan bara göras av ett löst ärende.');
    const p = await run('precedent', 'mark', '--db', db, '--case', 'X-1', '--kind', 'deviation', '--title', 'Läkemedelslista vid utskrivning', '--principle', 'Sjukhuset skickar listan.', '--json');
    expect(p.code).toBe(0);
    const doc = precedentSchema.parse(JSON.parse(p.out));
    expect([doc.status, doc.decidedAt, doc.area]).toEqual(['vägledande', '2026-02-01', 'lakemedel']);
  });

  it('search prints one JSON document with the hits titles, best first', async () => {
    const r = await run('search', '--db', db, 'läkemedelslista', '--json');
    expect(r.code).toBe(0);
    const doc = searchResultSchema.parse(JSON.parse(r.out));
    expect(doc.hits.map((h) => h.title)).toContain('X-1 – Läkemedel (Skövde)');
    expect(doc.hits[0]!.score).toBeGreaterThanOrEqual(doc.hits.at(-1)!.score);
    expect((await run('search', '--db', db, '"AND*', '--json')).code).toBe(0);
    expect((await run('search', '--db', db)).code).toBe(2);
  });
});
