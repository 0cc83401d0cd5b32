#!/usr/bin/env node
// `npm run scan:security`: the static security scan gate (see scripts/electronegativity.ts).
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('./electronegativity.ts', import.meta.url).href);
process.exit(await main());
