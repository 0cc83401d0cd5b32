#!/usr/bin/env node
// Builds the app (electron-vite build → out/main, out/preload, out/renderer) when the built
// renderer is missing or older than its sources. Shared by `npm start` (scripts/start.mjs) and
// the CLI's `report` command (which spawns this file), so both work right after `npm install`.
// A lock folder keeps two processes from building at the same time; the second waits and
// re-checks. Run directly: exit 0 when up to date (or built), 1 when the build failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOCK = path.join(root, 'out', '.build-lock');
const STALE_LOCK_MS = 10 * 60_000;

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** True when out/renderer is missing or older than renderer/, shared/, electron/main, electron/preload or the build config. */
export function isStale() {
  const marker = path.join(root, 'out', 'renderer', 'index.html');
  const built = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
  const sources = Math.max(
    ...['renderer', 'shared', 'electron/main', 'electron/preload'].map((d) => newestMtime(path.join(root, d))),
    fs.statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs,
  );
  return built < sources;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function takeLock() {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      return true;
    } catch {
      try {
        if (Date.now() - fs.statSync(LOCK).mtimeMs > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* removed meanwhile */
      }
      sleep(250);
    }
  }
}

/** Builds when stale. Returns { ok, built }; messages go to stderr. */
export function buildIfStale({ quiet = false } = {}) {
  if (!isStale()) return { ok: true, built: false };
  takeLock();
  try {
    if (!isStale()) return { ok: true, built: false }; // another process built it while we waited
    if (!quiet) process.stderr.write('Bygger gränssnittet …\n');
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) {
      process.stderr.write('Bygget misslyckades (se ovan).\n');
      return { ok: false, built: false };
    }
    return { ok: true, built: true };
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = buildIfStale({ quiet: process.argv.includes('--quiet') });
  process.exit(r.ok ? 0 : 1);
}
