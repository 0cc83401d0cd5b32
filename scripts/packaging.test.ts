import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { EXPECTED_FUSES, builderKey, checkFuses } from './fuses';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  files: (string | { filter: string[] })[];
  extraResources: { from: string; to: string; filter?: string[] }[];
  fileAssociations: { ext: string; name: string }[];
  electronFuses: Record<string, boolean>;
  win: { icon: string; target: { target: string }[] };
  nsis: { perMachine: boolean };
  linux: { icon: string; target: { target: string }[] };
}

/** Reads and schema-validates electron-builder.yml the way electron-builder itself does (offline). */
async function builderConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const { DebugLogger } = require('builder-util');
  const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config as BuilderConfig;
}

describe('electron-builder.yml', () => {
  it('is valid and packages Samsyn for Windows (nsis + portable) and Linux (AppImage)', async () => {
    const c = await builderConfig();
    expect(c.appId).toBe('se.vardsamverkan.samsyn');
    expect(c.productName).toBe('Samsyn');
    expect(c.win.target.map((t) => t.target)).toEqual(['nsis', 'portable']);
    expect(c.linux.target.map((t) => t.target)).toEqual(['AppImage']);
    expect(c.nsis.perMachine).toBe(false);
    expect(c.fileAssociations).toEqual([expect.objectContaining({ ext: 'samsyn' })]);
    for (const icon of [c.win.icon, c.linux.icon]) expect(fs.existsSync(path.join(root, icon)), icon).toBe(true);
  });

  it('ships migrations, resources and the Electron SQLite build outside the asar, never rebuilding node_modules', async () => {
    const c = await builderConfig();
    expect(c.asar).toBe(true);
    expect(c.asarUnpack).toContain('**/*.node');
    expect(c.npmRebuild).toBe(false);
    expect(c.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter))).toContain('!node_modules/better-sqlite3/build/**');
    const extra = Object.fromEntries(c.extraResources.map((e) => [e.from, e.to]));
    expect(extra).toEqual({ drizzle: 'drizzle', resources: 'resources', 'native/electron': 'native' });
    expect(fs.existsSync(path.join(root, 'drizzle', 'meta', '_journal.json'))).toBe(true);
  });

  it('flips the fuses the read-back check expects', async () => {
    const c = await builderConfig();
    const expected = Object.fromEntries(Object.entries(EXPECTED_FUSES).map(([k, v]) => [builderKey(k), v]));
    expect(c.electronFuses).toEqual(expected);
    expect(EXPECTED_FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      GrantFileProtocolExtraPrivileges: false,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
    });
  });
});

describe('fuse read-back (scripts/read-fuses.mjs) on a stand-in binary', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  function fakeElectron(dir: string): string {
    // An "Electron binary": junk, the fuse sentinel, wire version 1, 9 fuses all '1' (enabled), junk.
    const file = path.join(dir, 'Samsyn.exe');
    fs.writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('111111111'), Buffer.alloc(4096, 7)]));
    return file;
  }

  it('fails on an unflipped binary and passes once the configured fuses are flipped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-fuses-'));
    try {
      const bin = fakeElectron(dir);
      const before = await checkFuses(bin);
      expect(before.filter((r) => !r.ok).map((r) => r.fuse)).toEqual([
        'RunAsNode',
        'EnableNodeOptionsEnvironmentVariable',
        'EnableNodeCliInspectArguments',
        'LoadBrowserProcessSpecificV8Snapshot',
        'GrantFileProtocolExtraPrivileges',
      ]);
      expect(spawnSync(process.execPath, [path.join(root, 'scripts', 'read-fuses.mjs'), bin], { encoding: 'utf8' }).status).toBe(1);

      const config: Record<number, boolean> = {};
      for (const [name, on] of Object.entries(EXPECTED_FUSES)) config[FuseV1Options[name as keyof typeof FuseV1Options]] = on!;
      await flipFuses(bin, { version: FuseVersion.V1, ...config });
      expect((await checkFuses(bin)).every((r) => r.ok)).toBe(true);
      const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'read-fuses.mjs'), bin], { encoding: 'utf8' });
      expect(r.stdout).toContain('Alla säkringar');
      expect(r.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('icons', () => {
  it('has a 512×512 PNG and a Windows .ico with a 256 px image', () => {
    const png = fs.readFileSync(path.join(root, 'resources', 'icons', 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    const ico = fs.readFileSync(path.join(root, 'resources', 'icons', 'icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    const n = ico.readUInt16LE(4);
    const widths = Array.from({ length: n }, (_, i) => ico[6 + i * 16] || 256);
    expect(widths).toContain(256);
    expect(widths).toContain(16);
  });
});

describe('Electron build of better-sqlite3', () => {
  it('is built into its own folder, never into node_modules', async () => {
    const { parseArgs } = (await import(path.join(root, 'scripts', 'rebuild-electron-sqlite.mjs'))) as {
      parseArgs(argv: string[], d?: object): { out: string; platform: string; electron: string };
    };
    const opts = parseArgs(['--platform', 'win32'], { electron: '45.3.4' });
    expect(opts.out).toBe(path.join(root, 'native', 'electron'));
    expect(opts.platform).toBe('win32');
    expect(() => parseArgs(['--out', 'node_modules/better-sqlite3/build/Release'], { electron: '45.3.4' })).toThrow(/node_modules/);
  });
});
