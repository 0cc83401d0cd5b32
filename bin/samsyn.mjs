#!/usr/bin/env node
// The samsyn CLI. Runs a compiled bundle of electron/cli/samsyn.ts (out/cli/samsyn.mjs, rebuilt
// by esbuild when any source is newer — see scripts/cli-bundle.mjs), so `npm run samsyn -- …`
// works right after `npm install` and starts in about half the time of running the TypeScript.
// Without esbuild (or with SAMSYN_CLI_TSX=1) it runs the TypeScript directly through tsx.
import { pathToFileURL } from 'node:url';
import { ensureCliBundle } from '../scripts/cli-bundle.mjs';

const bundle = ensureCliBundle();
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../electron/cli/samsyn.ts', import.meta.url).href);
}
