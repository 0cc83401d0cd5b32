#!/usr/bin/env node
// `npm run test:electron`: the Electron smoke tests (e2e/electron/, Playwright's _electron). They
// need an Electron runtime and better-sqlite3 built for Electron (npm run rebuild:electron-sqlite).
// Where there is no Electron runtime (the offline development machines and CI) this says so in one
// line and exits 0: the tests were not run, which is not the same as passing, and they are not
// counted by `npm test`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const NOT_RUN = 'Electron-röktesterna kördes inte: ingen Electron-körmiljö på den här datorn';

function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathTxt = path.join(dir, 'path.txt');
    if (!fs.existsSync(pathTxt)) spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
    if (!fs.existsSync(pathTxt)) return null;
    const bin = path.join(dir, 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
if (!bin) {
  process.stdout.write(`${NOT_RUN} (Electrons binär finns inte och kunde inte hämtas).\n`);
  process.exit(0);
}
const needsXvfb = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const xvfb = needsXvfb ? spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim() : '';
if (needsXvfb && !xvfb) {
  process.stdout.write(`${NOT_RUN} (ingen grafisk skärm och ingen xvfb-run).\n`);
  process.exit(0);
}
const binding = path.join(root, 'native', 'electron', 'better_sqlite3.node');
if (!fs.existsSync(binding)) {
  process.stderr.write(`Electron finns men better-sqlite3 för Electron saknas (${path.relative(root, binding)}). Kör "npm run rebuild:electron-sqlite" (kräver internet).\n`);
  process.exit(1);
}

const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const pw = [path.join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '-c', path.join('e2e', 'electron', 'playwright.electron.config.ts'), ...process.argv.slice(2)];
const cmd = xvfb ? xvfb : process.execPath;
const args = xvfb ? ['-a', process.execPath, ...pw] : pw;
const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, SAMSYN_ELECTRON_BIN: bin } });
process.exit(r.status ?? 1);
