#!/usr/bin/env node
// `npm run dist` (this platform), `npm run dist:win`, `npm run dist:linux`: builds installers.
// NEEDS INTERNET (Electron binaries, NSIS/AppImage tools, better-sqlite3's Electron build); not part
// of CI. Steps: electron-vite build → better-sqlite3 for Electron into native/electron/ →
// electron-builder (electron-builder.yml: fuses, asar, extraResources) → read the fuses back.
// Windows installers are best built on Windows (electron-builder needs wine for them elsewhere).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = process.argv[2];
const platform = arg === '--win' ? 'win32' : arg === '--linux' ? 'linux' : process.platform;
const builderFlag = platform === 'win32' ? '--win' : '--linux';

function step(label, cmd, args) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' && !cmd.endsWith('.exe') && cmd !== process.execPath });
  if (r.status !== 0) {
    process.stderr.write(`${label} misslyckades (${r.status ?? r.error?.message}).\n`);
    process.exit(1);
  }
}

const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
step('Bygge (electron-vite)', process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
step('better-sqlite3 för Electron', process.execPath, [path.join(root, 'scripts', 'rebuild-electron-sqlite.mjs'), '--platform', platform, '--arch', 'x64']);
step('Paketering (electron-builder)', bin('electron-builder'), ['--config', 'electron-builder.yml', builderFlag, '--x64', '--publish', 'never']);
step('Säkringar (fuses)', process.execPath, [path.join(root, 'scripts', 'read-fuses.mjs')]);
process.stdout.write('\nKlart: installationsfilerna ligger i dist/.\n');
