#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --only import,search] [-- --note "text"]`: see bench/run.ts.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./run.ts', import.meta.url).href);
