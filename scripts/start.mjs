#!/usr/bin/env node
// `npm start`: builds what is stale, then launches Electron where its runtime exists; otherwise
// says in one line why and serves browser mode on 127.0.0.1, opening the system browser.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { buildIfStale } from './build-if-stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Path of a runnable Electron binary, or a reason why there is none. */
function electronRuntime() {
  if (process.env.SAMSYN_BROWSER_MODE === '1') return { reason: 'SAMSYN_BROWSER_MODE=1 är satt' };
  let bin;
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathTxt = path.join(dir, 'path.txt');
    if (fs.existsSync(pathTxt)) bin = path.join(dir, 'dist', fs.readFileSync(pathTxt, 'utf8'));
    if (!bin || !fs.existsSync(bin)) {
      const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
      if (r.status === 0 && fs.existsSync(pathTxt)) bin = path.join(dir, 'dist', fs.readFileSync(pathTxt, 'utf8'));
    }
  } catch {
    return { reason: 'paketet electron är inte installerat' };
  }
  if (!bin || !fs.existsSync(bin)) return { reason: 'Electrons körmiljö kunde inte hämtas till den här datorn' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { reason: 'det finns ingen grafisk skärm (DISPLAY)' };
  return { bin };
}

if (!buildIfStale().ok) process.exit(1);
const rt = electronRuntime();
if (rt.bin) {
  const child = spawn(rt.bin, [root], { stdio: 'inherit', env: { ...process.env, SAMSYN_ROOT: root } });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stderr.write(`Electron kan inte startas här (${rt.reason}) – startar webbläsarläge i stället.\n`);
  const args = [path.join(root, 'scripts', 'serve.mjs'), '--open', ...process.argv.slice(2)];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}
