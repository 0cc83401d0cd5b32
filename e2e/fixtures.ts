import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface AppServer {
  url: string;
  appUrl: string;
  home: string;
  dir: string;
  stop(): Promise<void>;
}

/** Starts browser mode (real core, real SQLite file in a temp dir) and resolves when it prints its URL. */
export async function startServer(opts: { db?: string; home?: string } = {}): Promise<AppServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-e2e-'));
  const home = opts.home ?? path.join(dir, 'home');
  const args = [path.join(ROOT, 'scripts', 'serve.mjs'), '--home', home];
  if (opts.db) args.push('--db', opts.db);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`servern startade inte: ${stderr}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, nl));
      }
    });
    child.on('exit', (code) => reject(new Error(`servern avslutades (${code}): ${stderr}`)));
  });
  const { url, appUrl } = JSON.parse(line) as { url: string; appUrl: string };
  return {
    url,
    appUrl,
    home,
    dir,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the CLI (for preparing workspaces in e2e tests). */
export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'samsyn.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? 1)));
  return { code, stdout, stderr };
}

export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

export const test = base.extend<{ server: AppServer }>({
  server: async ({}, use) => {
    const s = await startServer();
    await use(s);
    await s.stop();
  },
});
export { expect };
