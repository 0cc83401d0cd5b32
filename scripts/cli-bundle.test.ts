import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without type declarations
import { buildCliBundle, CLI_BUNDLE, ensureCliBundle, isBundleStale, sourcesMtime } from './cli-bundle.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin', 'samsyn.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });

describe('compiled CLI bundle', () => {
  it('is rebuilt when a source is newer, and then is current', () => {
    buildCliBundle();
    expect(isBundleStale()).toBe(false);
    const older = new Date(sourcesMtime() - 60_000);
    fs.utimesSync(CLI_BUNDLE, older, older);
    expect(isBundleStale()).toBe(true);
    expect(ensureCliBundle()).toBe(CLI_BUNDLE);
    expect(isBundleStale()).toBe(false);
  }, 60_000);

  it('answers exactly like the TypeScript source run through tsx', () => {
    for (const args of [['okänt-kommando'], ['init', '--db']]) {
      const bundled = run({}, ...args);
      const tsx = run({ SAMSYN_CLI_TSX: '1' }, ...args);
      expect(bundled.status).toBe(2);
      expect(bundled.status).toBe(tsx.status);
      expect(bundled.stderr).toBe(tsx.stderr);
      expect(bundled.stderr).toContain('Användning: samsyn');
    }
  }, 120_000);
});
