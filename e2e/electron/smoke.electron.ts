import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test';

// Smoke tests of the real Electron shell (_electron.launch), each with its own temporary user-data
// folder (SAMSYN_HOME). Run by `npm run test:electron` where an Electron runtime exists.
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ELECTRON_BIN = process.env.SAMSYN_ELECTRON_BIN ?? '';

interface Launched {
  app: ElectronApplication;
  page: Page;
  home: string;
}

async function launch(extraArgs: string[] = []): Promise<Launched> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-electron-'));
  const app = await electron.launch({
    executablePath: ELECTRON_BIN,
    args: [ROOT, ...extraArgs],
    env: { ...process.env, SAMSYN_HOME: home, NODE_ENV: 'production' },
  });
  const page = await app.firstWindow();
  return { app, page, home };
}

const test = base.extend<{ shell: Launched }>({
  shell: async ({}, use) => {
    const s = await launch();
    await use(s);
    await s.app.close();
    fs.rmSync(s.home, { recursive: true, force: true });
  },
});

type Bridge = { samsyn?: { invoke(method: string, input: unknown): Promise<{ ok: boolean; data?: unknown; error?: unknown }> } };
const invoke = (page: Page, method: string, input: unknown) =>
  page.evaluate(([m, i]) => (globalThis as unknown as Bridge).samsyn!.invoke(m as string, i), [method, input] as const);

test('starts on app://samsyn, opens the demo workspace, and the renderer is locked down', async ({ shell }) => {
  const { app, page } = shell;
  await expect(page.getByText('Samsyn-demo-Fyrbodal.samsyn')).toBeVisible();
  expect(new URL(page.url()).origin).toBe('app://samsyn');
  expect(await app.evaluate(({ app: a }) => a.hasSingleInstanceLock())).toBe(true);

  const env = await page.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown>;
    return { require: typeof g.require, process: typeof g.process, bridge: Object.keys((g.samsyn as object) ?? {}) };
  });
  expect(env).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke'] });

  // no request leaves the app, window.open is denied, navigation away is refused
  const fetched = await page.evaluate(() => fetch('https://example.com/').then(() => 'ok', () => 'blocked'));
  expect(fetched).toBe('blocked');
  const opened = await page.evaluate(() => (globalThis as unknown as { open(u: string): unknown }).open('https://example.com/') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(new URL(page.url()).origin).toBe('app://samsyn');
  expect(app.windows()).toHaveLength(1);

  // the CSP arrives as a response header of the app:// protocol
  const csp = await page.evaluate(() => fetch('app://samsyn/index.html').then((r) => r.headers.get('content-security-policy')));
  expect(csp).toMatch(/default-src 'self'/);

  // the application menu is Swedish
  const menu = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.items.map((i) => i.label.replace('&', '')));
  expect(menu).toEqual(['Arkiv', 'Redigera', 'Visa', 'Hjälp']);
});

test('opens a workspace given on the command line (file association)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-electron-ws-'));
  const file = path.join(dir, 'Fyrbodal.samsyn');
  const made = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'samsyn.mjs'), 'init', '--db', file, '--delregion', 'fyrbodal'], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  const s = await launch([file]);
  try {
    await expect(s.page.getByText('Fyrbodal.samsyn')).toBeVisible();
    const current = await invoke(s.page, 'workspace.current', {});
    expect(current).toMatchObject({ ok: true, data: { fileName: 'Fyrbodal.samsyn' } });
  } finally {
    await s.app.close();
    fs.rmSync(s.home, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('exports the report as a PDF (where the report feature provides a printer)', async ({ shell }) => {
  const { page } = shell;
  await expect(page.getByText('Samsyn-demo-Fyrbodal.samsyn')).toBeVisible();
  const printer = (await invoke(page, 'reports.printer', {})) as { ok: boolean; data?: { available: boolean; message: string | null } };
  expect(printer.ok).toBe(true);
  expect(printer.data?.available, printer.data?.message ?? '').toBe(true);
  const started = (await invoke(page, 'reports.export', { from: '2026-01-01', to: '2026-06-30' })) as { ok: boolean; data?: { id: string } };
  expect(started.ok).toBe(true);
  let job: { state: string; result?: unknown; error?: unknown } = { state: 'running' };
  for (let i = 0; i < 120 && job.state === 'running'; i++) {
    await page.waitForTimeout(500);
    job = ((await invoke(page, 'jobs.get', { id: started.data!.id })) as { data: typeof job }).data;
  }
  expect(job.state, JSON.stringify(job.error ?? null)).toBe('done');
  const text = JSON.stringify(job.result ?? null);
  expect(text.length).toBeGreaterThan(2);
});
