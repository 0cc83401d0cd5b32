#!/usr/bin/env node
// Runs one in-process benchmark scenario (bench/child.ts) through tsx, like bin/samsyn.mjs.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./child.ts', import.meta.url).href);
