#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npm run samsyn -- …` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../electron/cli/samsyn.ts', import.meta.url).href);
