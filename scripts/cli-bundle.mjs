// The CLI as one compiled JavaScript file (out/cli/samsyn.mjs), bundled by esbuild from
// electron/cli/samsyn.ts and rebuilt whenever a source under electron/ or shared/ (or this
// script, package.json, tsconfig.json) is newer than it. Packages stay external (node_modules).
//
// Why: running the TypeScript through tsx costs ≈ 1.2 s per start on this machine (its loader
// hooks resolve and transform ~250 modules every time); the bundle starts in ≈ 0.5 s. Every CLI
// call pays it, so it shows in every benchmark scenario that runs the CLI and in the test suite.
// Two processes may build at the same moment: each writes its own temporary file and renames it
// into place (atomic), so a reader never sees half a file.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_ENTRY = path.join(root, 'electron', 'cli', 'samsyn.ts');
export const CLI_BUNDLE = path.join(root, 'out', 'cli', 'samsyn.mjs');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Newest modification time of everything the bundle is made from. */
export function sourcesMtime() {
  return Math.max(
    newestMtime(path.join(root, 'electron')),
    newestMtime(path.join(root, 'shared')),
    ...['package.json', 'tsconfig.json', 'scripts/cli-bundle.mjs'].map((f) => fs.statSync(path.join(root, f)).mtimeMs),
  );
}

export function isBundleStale() {
  if (!fs.existsSync(CLI_BUNDLE)) return true;
  return fs.statSync(CLI_BUNDLE).mtimeMs < sourcesMtime();
}

/** Builds the bundle. Throws when esbuild is missing or the build fails. */
export function buildCliBundle() {
  const require = createRequire(import.meta.url);
  const esbuild = require('esbuild');
  fs.mkdirSync(path.dirname(CLI_BUNDLE), { recursive: true });
  const tmp = `${CLI_BUNDLE}.${process.pid}.${Date.now()}.tmp`;
  try {
    esbuild.buildSync({
      entryPoints: [CLI_ENTRY],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
      // keep stack traces readable: original file names, no minification
      keepNames: true,
    });
    fs.renameSync(tmp, CLI_BUNDLE);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return CLI_BUNDLE;
}

/**
 * The bundle's path, built first when stale; null when it cannot be built (the caller then runs
 * the TypeScript through tsx). SAMSYN_CLI_TSX=1 always answers null.
 */
export function ensureCliBundle() {
  if (process.env.SAMSYN_CLI_TSX === '1') return null;
  try {
    return isBundleStale() ? buildCliBundle() : CLI_BUNDLE;
  } catch (e) {
    if (process.env.SAMSYN_DEBUG) process.stderr.write(`CLI-paketet kunde inte byggas (${e instanceof Error ? e.message : String(e)}); kör TypeScript-källan.\n`);
    return null;
  }
}
