#!/usr/bin/env node
// Reads the Electron fuses back from a packaged build and fails if any differs from
// scripts/fuses.ts (EXPECTED_FUSES). Usage: node scripts/read-fuses.mjs [path/to/Samsyn.exe …]
// (default: the unpacked builds in dist/). Run by `npm run dist` after packaging.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('./fuses.ts', import.meta.url).href);
process.exit(await main(process.argv.slice(2)));
