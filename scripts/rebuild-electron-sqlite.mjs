#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into native/electron/better_sqlite3.node — a folder of
// its own, so Node's build in node_modules (used by `npm test` and the CLI) is never touched.
// The Electron shell loads it through better-sqlite3's `nativeBinding` option
// (SAMSYN_SQLITE_BINDING, set by electron/main/paths.ts).
//
// NEEDS INTERNET (not possible on the offline development machines; documented in docs/ELECTRON.md):
//   1. prebuild-install --runtime electron: downloads better-sqlite3's prebuilt binary for the
//      target platform (works for Windows targets from any host: no compiler needed);
//   2. if that fails and the target is this machine's platform: node-gyp against Electron's
//      headers (downloaded from Electron's header server).
//
// Usage: node scripts/rebuild-electron-sqlite.mjs [--platform win32|linux] [--arch x64|arm64]
//                                                 [--electron 45.3.4] [--out native/electron]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export function parseArgs(argv, defaults = {}) {
  const opts = {
    platform: defaults.platform ?? process.platform,
    arch: defaults.arch ?? process.arch,
    electron: defaults.electron ?? JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')).version,
    out: path.join(root, 'native', 'electron'),
  };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
    const value = inline ?? argv[++i];
    if (key === '--platform') opts.platform = value;
    else if (key === '--arch') opts.arch = value;
    else if (key === '--electron') opts.electron = value;
    else if (key === '--out') opts.out = path.resolve(root, value);
    else throw new Error(`okänd flagga: ${key}`);
  }
  const nodeModules = path.join(root, 'node_modules');
  if (path.resolve(opts.out) === nodeModules || path.resolve(opts.out).startsWith(nodeModules + path.sep)) {
    throw new Error('Electron-bygget får inte läggas i node_modules (det skulle ersätta Node-bygget som testerna använder).');
  }
  return opts;
}

function copyPackage(from, to) {
  // A scratch copy of the installed better-sqlite3 (sources, binding.gyp, package.json) without its build.
  fs.cpSync(from, to, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && path.basename(src) !== 'build' });
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const pkgDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-electron-sqlite-'));
  const scratch = path.join(work, 'better-sqlite3');
  process.stdout.write(`better-sqlite3 ${version} för Electron ${opts.electron} (${opts.platform}-${opts.arch}) → ${path.relative(root, opts.out)}\n`);
  try {
    copyPackage(pkgDir, scratch);
    const built = path.join(scratch, 'build', 'Release', 'better_sqlite3.node');
    const prebuild = path.join(path.dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
    let r = spawnSync(
      process.execPath,
      [prebuild, '--runtime', 'electron', '--target', opts.electron, '--platform', opts.platform, '--arch', opts.arch, '--verbose'],
      { cwd: scratch, stdio: 'inherit' },
    );
    if ((r.status !== 0 || !fs.existsSync(built)) && opts.platform === process.platform) {
      process.stdout.write('Inget färdigbyggt paket – bygger från källkod med node-gyp mot Electrons headers …\n');
      const npmDir = path.dirname(path.dirname(fs.realpathSync(process.env.npm_execpath ?? path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'))));
      const gyp = path.join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
      r = spawnSync(
        process.execPath,
        [gyp, 'rebuild', '--release', `--target=${opts.electron}`, `--arch=${opts.arch}`, '--dist-url=https://electronjs.org/headers'],
        { cwd: scratch, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
      );
    }
    if (!fs.existsSync(built)) {
      process.stderr.write('Kunde inte hämta eller bygga better-sqlite3 för Electron. Det kräver internetåtkomst (se docs/ELECTRON.md).\n');
      return 1;
    }
    fs.mkdirSync(opts.out, { recursive: true });
    fs.copyFileSync(built, path.join(opts.out, 'better_sqlite3.node'));
    fs.writeFileSync(
      path.join(opts.out, 'BUILD.json'),
      JSON.stringify({ betterSqlite3: version, electron: opts.electron, platform: opts.platform, arch: opts.arch, builtAt: new Date().toISOString() }, null, 1),
    );
    process.stdout.write(`Klart: ${path.relative(root, path.join(opts.out, 'better_sqlite3.node'))}\n`);
    return 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main());
