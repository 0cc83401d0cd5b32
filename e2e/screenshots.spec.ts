import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, SCREENSHOTS } from './fixtures';
import { go, settle, startDemo, swedishBrowser, FIXTURE_CSV, type DemoApp } from './a11y-helpers';

/**
 * The README's screenshots (docs/screenshots/*.png, 1280×800) of every main screen, taken from the
 * demo workspace. Runs last (alphabetical order), so these are the pictures the README shows.
 */

test.use({ ...swedishBrowser, viewport: { width: 1280, height: 800 } });

let app: DemoApp;
test.beforeAll(async () => {
  app = await startDemo({ library: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});
test.afterAll(async () => {
  await app?.stop();
});

async function shot(page: Page, name: string) {
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  // no focus ring from the navigation in the pictures
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

test('screenshots of every main screen', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(app.server.appUrl);
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();

  await go(page, '#/oversikt');
  await shot(page, 'oversikt');

  await go(page, '#/import');
  await page.getByLabel('Fil (CSV, TXT eller XLSX)').setInputFiles(FIXTURE_CSV);
  await expect(page.getByRole('heading', { name: '2. Granska filen och kopplingen' })).toBeVisible();
  await shot(page, 'import');

  await go(page, '#/import/karantan');
  await shot(page, 'karantan');

  await go(page, '#/avvikelser');
  await shot(page, 'avvikelser');
  await page.locator('table.case-table tbody tr').first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Avvikelse / })).toBeVisible();
  await shot(page, 'avvikelse');

  await go(page, '#/tvister');
  await shot(page, 'tvister');
  await go(page, '#/tvister/6');
  await shot(page, 'tvist');

  await go(page, '#/larande');
  await shot(page, 'larande');
  await page.locator('a[href^="#/larande/prejudikat/"]').first().click();
  await shot(page, 'prejudikat');

  await go(page, '#/sok?q=hjalpmedel');
  await expect(page.getByRole('list', { name: 'Sökträffar' })).toBeVisible();
  await shot(page, 'sok');

  await go(page, '#/bibliotek');
  await shot(page, 'bibliotek');

  await go(page, '#/rapport');
  await expect(page.locator('.report-sheet .report-doc')).toBeVisible();
  await settle(page);
  // the preview: the report as it will be printed
  await page.locator('.report-sheet').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: path.join(SCREENSHOTS, 'rapport.png'), fullPage: false });

  await go(page, '#/installningar');
  await shot(page, 'installningar');

  await go(page, '#/hjalp');
  await shot(page, 'hjalp');

  for (const n of ['oversikt', 'import', 'karantan', 'avvikelser', 'avvikelse', 'tvister', 'tvist', 'larande', 'prejudikat', 'sok', 'bibliotek', 'rapport', 'installningar', 'hjalp']) {
    expect(fs.statSync(path.join(SCREENSHOTS, `${n}.png`)).size).toBeGreaterThan(10_000);
  }
});
