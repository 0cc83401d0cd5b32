import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test as base, expect, startServer, cli, SCREENSHOTS, type AppServer } from './fixtures';

/**
 * Översikt (dashboard): figures from the core, period chooser in the URL, drill-down lists whose
 * count equals the figure, and the run chart's table. Runs against the demo workspace
 * (`samsyn demo`) in browser mode; every figure is compared with `samsyn indicators --json`.
 */

interface Doc {
  period: { from: string; to: string; asOf: string };
  indicators: Record<string, unknown> & {
    'dev.count': number;
    'dev.byCategory': { category: string; label: string; count: number }[];
    'dev.monthly': { points: { month: string; count: number }[]; signal: boolean };
  };
}

const test = base.extend<{ db: string; server: AppServer }>({
  db: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-dash-'));
    const file = path.join(dir, 'demo.samsyn');
    const r = await cli(['demo', '--db', file]);
    expect(r.code, r.stderr).toBe(0);
    await use(file);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  server: async ({ db }, use) => {
    const s = await startServer({ db });
    await use(s);
    await s.stop();
  },
});

async function indicators(db: string, from: string, to: string): Promise<Doc> {
  const r = await cli(['indicators', '--db', db, '--from', from, '--to', to, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Doc;
}

const sv = (n: number) => new Intl.NumberFormat('sv-SE').format(n).replace(/\s/g, ' ');
/** The first number in a text (links carry a hidden explanation after the number). */
const digits = (s: string | null) => Number(/^[\d\s]+/.exec((s ?? '').trim())?.[0].replace(/\s/g, '') ?? NaN);
/** Text that starts with exactly this number. */
const startsWith = (n: number) => new RegExp(`^${sv(n).replace(/\s/g, '\\s')}(?!\\d)`);

async function openDashboard(page: Page, server: AppServer, hash = '#/oversikt') {
  await page.goto(server.appUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  await page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);
}

/** The main figure of a key-figure tile (a link when it is a count). */
const tileValue = (page: Page, id: string) => page.locator(`[data-figure="${id}"] .kf-value`);

test('the dashboard shows the core figures, the period lives in the URL, and figures open their cases', async ({ page, server, db }) => {
  const failed: string[] = [];
  page.on('pageerror', (e) => failed.push(e.message));

  // 1. default period: the last whole quarter up to the newest import
  await openDashboard(page, server);
  const dash = page.locator('.dashboard');
  await expect(dash).toBeVisible();
  const shownPeriod = (await dash.getAttribute('data-period'))!.split('_') as [string, string];
  const q = await indicators(db, ...shownPeriod);
  expect(q.indicators['dev.count']).toBeGreaterThan(0);
  await expect(tileValue(page, 'dev.count')).toHaveText(startsWith(q.indicators['dev.count']));
  await expect(page.getByTestId('period-incomplete')).toHaveCount(0);
  await expect(page.getByText(`Data per ${q.period.asOf}`)).toBeVisible();
  await expect(page.locator('[data-chart="run-chart"]')).toHaveAttribute('data-chart-rendered', 'true');
  // definitions from the catalogue
  await page.locator('[data-figure="dev.count"]').getByLabel('Definition: Antal avvikelser').click();
  await expect(page.getByText('Antal avvikelser i samverkan med rapportdatum i perioden')).toBeVisible();
  await page.locator('[data-figure="dev.count"]').getByLabel('Definition: Antal avvikelser').click();
  // the deadline setting is shown with its indicator
  await expect(page.locator('.deadline-setting')).toContainText('Svarstid 60 dagar (inställning)');

  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'oversikt.png'), fullPage: true });

  // every number on the dashboard that is a link opens a list with exactly that many cases
  const links = await page.locator('.dashboard a.figure-link').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })));
  expect(links.length).toBeGreaterThan(30);
  const token = await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('samsyn.token'));
  for (const l of links) {
    const qs = new URLSearchParams(l.href.split('?')[1]);
    const input: Record<string, unknown> = { indicator: qs.get('indicator'), from: qs.get('from'), to: qs.get('to'), limit: 1 };
    if (qs.get('key')) input.key = qs.get('key');
    if (qs.get('asOf')) input.asOf = qs.get('asOf');
    const res = await page.request.post(`${server.url}/api/indicators.cases`, { data: input, headers: { 'x-samsyn-token': token ?? '' } });
    const body = (await res.json()) as { ok: boolean; data?: { total: number }; error?: { message: string } };
    expect(body.ok, `${l.href}: ${body.error?.message}`).toBe(true);
    expect(body.data!.total, `${l.href} visar ${l.text}`).toBe(digits(l.text));
  }

  // 2. change the period: a whole year → other figures, written to the URL, kept on reload
  const year = shownPeriod[0].slice(0, 4);
  await page.getByLabel('Periodtyp').selectOption('year');
  await expect(page).toHaveURL(new RegExp(`#/oversikt\\?from=${year}-01-01&to=${year}-12-31`));
  const y = await indicators(db, `${year}-01-01`, `${year}-12-31`);
  expect(y.indicators['dev.count']).not.toBe(q.indicators['dev.count']);
  await expect(dash).toHaveAttribute('data-period', `${year}-01-01_${year}-12-31`);
  await expect(tileValue(page, 'dev.count')).toHaveText(startsWith(y.indicators['dev.count']));
  // a period that runs past the data date says so (the default quarter did not)
  if (`${year}-12-31` > y.period.asOf) await expect(page.getByTestId('period-incomplete')).toContainText(`till och med ${y.period.asOf}`);
  await page.reload();
  await expect(page.locator('.dashboard')).toHaveAttribute('data-period', `${year}-01-01_${year}-12-31`);
  await expect(tileValue(page, 'dev.count')).toHaveText(startsWith(y.indicators['dev.count']));

  // a month through the chooser, then back with "Föregående"
  await page.getByLabel('Periodtyp').selectOption('month');
  await expect(page.locator('.dashboard')).toHaveAttribute('data-period', /^\d{4}-\d{2}-01_/);
  const monthPeriod = (await page.locator('.dashboard').getAttribute('data-period'))!.split('_') as [string, string];
  await page.getByRole('button', { name: /^Föregående period/ }).click();
  await expect(page.locator('.dashboard')).not.toHaveAttribute('data-period', monthPeriod.join('_'));
  const prevMonth = (await page.locator('.dashboard').getAttribute('data-period'))!.split('_') as [string, string];
  const pm = await indicators(db, ...prevMonth);
  await expect(tileValue(page, 'dev.count')).toHaveText(startsWith(pm.indicators['dev.count']));

  // back to the quarter (custom from/to)
  await page.getByLabel('Periodtyp').selectOption('custom');
  await page.getByLabel('Från och med').fill(shownPeriod[0]);
  await page.getByLabel('Till och med').fill(shownPeriod[1]);
  await page.getByRole('button', { name: 'Visa perioden' }).click();
  await expect(page.locator('.dashboard')).toHaveAttribute('data-period', shownPeriod.join('_'));
  await expect(tileValue(page, 'dev.count')).toHaveText(startsWith(q.indicators['dev.count']));

  // an as-of date of the user's choosing is shown and kept in the URL
  const asOf = `${shownPeriod[1].slice(0, 8)}15`;
  await page.getByLabel('Data per (datum för datauttaget)').fill(asOf);
  await page.getByRole('button', { name: 'Använd datum' }).click();
  await expect(page).toHaveURL(new RegExp(`asOf=${asOf}`));
  await expect(page.getByText(`Data per ${asOf} (valt datum)`)).toBeVisible();
  await page.getByRole('button', { name: /^Använd senaste importens datum/ }).click();
  await expect(page.getByText(`Data per ${q.period.asOf} (senaste import)`)).toBeVisible();
  await expect(tileValue(page, 'dev.count')).toHaveText(startsWith(q.indicators['dev.count']));

  // 3. "Visa som tabell" shows the run chart's numbers
  const run = page.locator('[data-chart="run-chart"]');
  await run.getByRole('button', { name: 'Visa som tabell' }).click();
  const rows = run.locator('table tbody tr');
  const points = q.indicators['dev.monthly'].points;
  await expect(rows).toHaveCount(points.length);
  for (let i = 0; i < points.length; i++) {
    await expect(rows.nth(i).locator('td').first()).toHaveText(startsWith(points[i]!.count));
  }
  await expect(run.locator('figcaption')).toContainText(q.indicators['dev.monthly'].signal ? 'Signal:' : 'Ingen');

  // 4. drill-down: the total count
  await tileValue(page, 'dev.count').getByRole('link').click();
  await expect(page).toHaveURL(/#\/oversikt\/arenden\?indicator=dev\.count/);
  const total = page.locator('#h-cases');
  await expect(total).toHaveAttribute('data-total', String(q.indicators['dev.count']));
  await expect(total).toHaveText(`${sv(q.indicators['dev.count'])} ärenden`);
  await expect(page.locator('.cases-table tbody tr')).toHaveCount(Math.min(200, q.indicators['dev.count']));
  await expect(page.locator('.cases-table tbody tr').first().getByRole('link')).toHaveAttribute('href', /^#\/avvikelser\/\d+$/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'oversikt-drilldown.png'), fullPage: false });

  // back keeps the period
  await page.getByRole('link', { name: '← Tillbaka till översikten' }).first().click();
  await expect(page.locator('.dashboard')).toHaveAttribute('data-period', shownPeriod.join('_'));

  // a month of the run chart: the list has exactly that month's count
  const last = points[points.length - 1]!;
  await page.locator('[data-chart="run-chart"]').getByRole('button', { name: 'Visa som tabell' }).click();
  await page.locator(`[data-chart="run-chart"] a[data-key="${last.month}"]`).click();
  await expect(page.locator('#h-cases')).toHaveAttribute('data-total', String(last.count));
  await page.goBack();

  // a category: the list has exactly the category's count
  const cat = q.indicators['dev.byCategory'][0]!;
  const catFrame = page.locator('[data-chart="by-category"]');
  await catFrame.getByRole('button', { name: 'Visa som tabell' }).click();
  const catLink = catFrame.locator(`a[data-key="${cat.category}"]`);
  await expect(catLink).toHaveText(startsWith(cat.count));
  await catLink.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(cat.label);
  await expect(page.locator('#h-cases')).toHaveAttribute('data-total', String(cat.count));
  await page.goBack();

  // the flow matrix and a share's denominator open lists with their numbers
  const flowLink = page.locator('.flow-matrix a').first();
  const flowN = digits(await flowLink.textContent());
  await flowLink.click();
  await expect(page.locator('#h-cases')).toHaveAttribute('data-total', String(flowN));
  await page.goBack();
  const den = page.locator('[data-figure="dev.answeredWithinDeadline"] .kf-detail a[data-key="denominator"]');
  const denN = digits(await den.textContent());
  await den.click();
  await expect(page.locator('#h-cases')).toHaveAttribute('data-total', String(denN));

  expect(failed).toEqual([]);
});

test('impossible dates in the address or the fields get a Swedish message, never a blank page', async ({ page, server }) => {
  const failed: string[] = [];
  page.on('pageerror', (e) => failed.push(e.message));
  await openDashboard(page, server, '#/oversikt?from=2026-13-01&to=2026-09-30');
  await expect(page.getByText('Ogiltigt datum "2026-13-01". Skriv datum som ÅÅÅÅ-MM-DD. Standardperioden visas i stället.')).toBeVisible();
  await expect(page.locator('.dashboard')).toBeVisible();
  await page.getByLabel('Data per (datum för datauttaget)').fill('2026-00-10');
  await page.getByRole('button', { name: 'Använd datum' }).click();
  await expect(page.getByText('Ogiltigt datum "2026-00-10". Skriv datum som ÅÅÅÅ-MM-DD.').first()).toBeVisible();
  await page.getByLabel('Periodtyp').selectOption('custom');
  await page.getByLabel('Från och med').fill('2026-13-01');
  await page.getByRole('button', { name: 'Visa perioden' }).click();
  await expect(page.getByText('Ogiltigt datum "2026-13-01". Skriv datum som ÅÅÅÅ-MM-DD.').first()).toBeVisible();
  // the menu still works
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Avvikelser' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Avvikelser' })).toBeVisible();
  expect(failed).toEqual([]);
});

test('an empty workspace says what to do next', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-dash-empty-'));
  const file = path.join(dir, 'tom.samsyn');
  const r = await cli(['init', '--db', file, '--delregion', 'sjuharad']);
  expect(r.code, r.stderr).toBe(0);
  const server = await startServer({ db: file });
  try {
    await page.goto(server.appUrl);
    await expect(page.getByRole('heading', { name: 'Arbetsytan har inga ärenden ännu' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Gå till Import' })).toHaveAttribute('href', '#/import');
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
