import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceInfoSchema } from '../../../shared/api/workspace';
import { runCli } from './test-helpers';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-cli-init-'));
  process.env.SAMSYN_HOME = path.join(dir, 'home');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('samsyn init', () => {
  it('a custom delregion from kommun names and codes, written as people write them', async () => {
    const db = path.join(dir, 'egen.samsyn');
    const r = await runCli('init', '--db', db, '--delregion', 'custom', '--kommuner', 'Kungälv, tjorn; 1415, Stenungsunds kommun', '--name', 'Södra Bohuslän', '--json');
    expect(r.code, r.err).toBe(0);
    const info = workspaceInfoSchema.parse(JSON.parse(r.out));
    expect(info.settings.delregionName).toBe('Södra Bohuslän');
    expect(info.settings.kommuner.map((k) => k.name).sort()).toEqual(['Kungälv', 'Stenungsund', 'Tjörn']);
  });

  it('refuses an unknown kommun (exit 1, naming it) and custom without kommuner (exit 2)', async () => {
    const bad = await runCli('init', '--db', path.join(dir, 'x.samsyn'), '--delregion', 'custom', '--kommuner', 'Kungälv, Narnia');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Kommunen "Narnia" i --kommuner finns inte/);
    expect(fs.existsSync(path.join(dir, 'x.samsyn'))).toBe(false);
    const none = await runCli('init', '--db', path.join(dir, 'y.samsyn'), '--delregion', 'custom');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--delregion custom kräver --kommuner/);
  });
});
