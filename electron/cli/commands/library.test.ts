import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../samsyn';
import type { CliIO } from '../io';
import { createWorkspace } from '../../core/workspace/workspace';
import * as t from '../../core/db/schema';
import { libraryCliExportSchema, libraryCliImportSchema, profilesCliImportSchema } from '../../../shared/api/library';

const ACCEPTANCE = path.resolve(__dirname, '../../../../shared/acceptance/data');
let tmp: string;
let A: string;
let B: string;

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTTY: false,
    out(s: string) {
      io.stdout += s.endsWith('\n') ? s : `${s}\n`;
    },
    err(s: string) {
      io.stderr += s.endsWith('\n') ? s : `${s}\n`;
    },
  };
  return io;
}

async function cli(...argv: string[]) {
  const io = capture();
  const code = await main(argv, io);
  return { code, ...io };
}

function count(db: string, sql: string): number {
  const d = new Database(db, { readonly: true });
  try {
    return Number(d.prepare(sql).pluck().get());
  } finally {
    d.close();
  }
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-cli-library-'));
  process.env.SAMSYN_HOME = path.join(tmp, 'home');
  A = path.join(tmp, 'a.samsyn');
  B = path.join(tmp, 'b.samsyn');
  const a = await createWorkspace(A, { delregionId: 'skaraborg' });
  const now = new Date().toISOString();
  a.db
    .insert(t.precedents)
    .values({
      id: crypto.randomUUID(),
      kind: 'ärende',
      updatedAt: now,
      title: 'Insats i hemmet efter utskrivning',
      area: 'in_utskrivning',
      agreementRefs: [],
      tags: [],
      principle: 'Den part som ordinerat insatsen ansvarar tills SIP har upprättats.',
      decisionPoints: [],
      status: 'vägledande',
      originDelregion: 'skaraborg',
      originPublisher: 'test',
      createdAt: now,
    })
    .run();
  a.db.insert(t.mappingProfiles).values({ name: 'P', kind: 'deviations', headerSignature: 'h', mapping: { a: 'b' }, sourceSystem: 's', createdAt: now, updatedAt: now }).run();
  a.close();
  (await createWorkspace(B, { delregionId: 'fyrbodal' })).close();
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('samsyn library', () => {
  it('export --json, import --dry-run, import, second import, refusals', async () => {
    const lib = path.join(tmp, 'bibliotek.samsyn-bibliotek.json');
    const ex = await cli('library', 'export', '--db', A, '--out', lib, '--json');
    expect(ex.code).toBe(0);
    const exOut = libraryCliExportSchema.parse(JSON.parse(ex.stdout));
    expect(exOut).toMatchObject({ file: lib, precedentCount: 1 });

    const dry = await cli('library', 'import', lib, '--db', B, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(libraryCliImportSchema.parse(JSON.parse(dry.stdout))).toMatchObject({ dryRun: true, applied: { inserted: 0 }, preview: { counts: { new: 1 } } });
    expect(count(B, 'SELECT count(*) FROM precedents')).toBe(0);
    expect(count(B, 'SELECT count(*) FROM trusted_keys')).toBe(0);

    const imp = await cli('library', 'import', lib, '--db', B, '--json');
    expect(imp.code).toBe(0);
    expect(imp.stderr).toContain(exOut.publisher.fingerprint);
    expect(JSON.parse(imp.stdout)).toMatchObject({ dryRun: false, applied: { inserted: 1, publisherTrusted: true } });
    expect(count(B, `SELECT count(*) FROM search_fts WHERE search_fts MATCH 'utskrivning*'`)).toBe(1);

    const again = await cli('library', 'import', lib, '--db', B);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 nya, 0 uppdaterade, 1 identiska');

    for (const bad of ['bibliotek_okand_version.json', 'bibliotek_proto.json']) {
      const r = await cli('library', 'import', path.join(ACCEPTANCE, bad), '--db', B, '--json');
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      // --json: the one document on stdout is the refusal, with the same sentence
      expect(JSON.parse(r.stdout)).toEqual({ error: { kind: 'user', exitCode: 1, message: r.stderr.trim() } });
    }
    const tampered = path.join(tmp, 'tampered.json');
    fs.writeFileSync(tampered, fs.readFileSync(lib, 'utf8').replace('ordinerat', 'Ordinerat'));
    const tr = await cli('library', 'import', tampered, '--db', B);
    expect(tr).toMatchObject({ code: 1, stderr: 'Filen har ändrats efter export – signaturen stämmer inte.\n' });

    expect((await cli('library', 'import', '--db', B)).code).toBe(2);
    expect((await cli('library', 'export', '--db', A)).code).toBe(2);
    expect((await cli('library', 'nonsense')).code).toBe(2);
    expect((await cli('library', 'import', path.join(tmp, 'finns-inte.json'), '--db', B)).code).toBe(1);
  });

  it('--only-trusted refuses an unknown key; profiles travel with export-profiles / import-profiles', async () => {
    const C = path.join(tmp, 'c.samsyn');
    (await createWorkspace(C, { delregionId: 'sjuharad' })).close();
    const lib = path.join(tmp, 'b2.samsyn-bibliotek.json');
    expect((await cli('library', 'export', '--db', A, '--out', lib)).code).toBe(0);
    const r = await cli('library', 'import', lib, '--db', C, '--only-trusted');
    expect(r.code).toBe(1);
    expect(count(C, 'SELECT count(*) FROM precedents')).toBe(0);

    const prof = path.join(tmp, 'profiler.samsyn-profiler.json');
    expect((await cli('library', 'export-profiles', '--db', A, '--out', prof)).code).toBe(0);
    const ip = await cli('library', 'import-profiles', prof, '--db', C, '--json');
    expect(ip.code).toBe(0);
    expect(profilesCliImportSchema.parse(JSON.parse(ip.stdout)).applied.profilesAdded).toBe(1);
    expect(count(C, `SELECT count(*) FROM mapping_profiles WHERE name = 'P'`)).toBe(1);
  });

  it('a new key for a publisher already trusted under another key needs --trust', async () => {
    const fromA = path.join(tmp, 'rot-a.samsyn-bibliotek.json');
    expect((await cli('library', 'export', '--db', A, '--out', fromA)).code).toBe(0);
    const C = path.join(tmp, 'rot-c.samsyn');
    const D = path.join(tmp, 'rot-d.samsyn');
    (await createWorkspace(C, { delregionId: 'skaraborg' })).close(); // same publisher name, another key
    (await createWorkspace(D, { delregionId: 'sjuharad' })).close();
    const fromC = path.join(tmp, 'rot-c.samsyn-bibliotek.json');
    expect((await cli('library', 'export', '--db', C, '--out', fromC)).code).toBe(0);
    expect((await cli('library', 'import', fromA, '--db', D)).code).toBe(0); // a new publisher: trusted on the command line
    const keys = () => count(D, 'SELECT count(*) FROM trusted_keys');
    expect(keys()).toBe(1);
    const refused = await cli('library', 'import', fromC, '--db', D);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Vårdsamverkan Skaraborg \(skaraborg\) är betrodd med en annan nyckel; filen är signerad med fingeravtrycket .+\. Kontrollera fingeravtrycket med avsändaren och kör igen med --trust om det stämmer – ingenting lästes in\./);
    expect(keys()).toBe(1);
    expect((await cli('library', 'import', fromC, '--db', D, '--dry-run')).code).toBe(0);
    expect((await cli('library', 'import', fromC, '--db', D, '--trust')).code).toBe(0);
    expect(keys()).toBe(2);
  });

  it('export never writes over the workspace', async () => {
    const before = fs.readFileSync(A);
    const r = await cli('library', 'export', '--db', A, '--out', A);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Biblioteksfilen kan inte sparas som .*a\.samsyn: det är arbetsytan \(--db\), som då skulle skrivas över/);
    expect(fs.readFileSync(A).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(fs.readFileSync(A).length).toBe(before.length);
    expect((await cli('library', 'export-profiles', '--db', A, '--out', `${A}-wal`)).code).toBe(1);
  });
});
