import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, SCREENSHOTS } from './fixtures';

const ANALYSIS = 'Analysen visar att samverkan kring utskrivning behöver stärkas i Fyrbodal under hösten.';

test('write the analysis, see the de-identification block, export the PDF and produce it again', async ({ page, server }) => {
  test.setTimeout(180_000);
  await page.goto(server.appUrl);
  await expect(page.getByText('Samsyn-demo-Fyrbodal.samsyn')).toBeVisible();
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: /^Rapport/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rapport till VVG' })).toBeVisible();

  // the preview is the print component
  const preview = page.locator('.report-sheet .report-doc');
  await expect(preview.getByRole('heading', { level: 1 })).toContainText('Uppföljning av avvikelser och oenighet i samverkan — Fyrbodal');

  // an identity number blocks the export until it is removed
  const analysis = page.getByRole('textbox', { name: 'Analys och förslag' });
  await analysis.fill('Patienten 19121212-1212 skrevs ut för tidigt.');
  await expect(page.getByRole('alert').filter({ hasText: 'Texten innehåller personuppgifter' })).toBeVisible();
  const exportButton = page.getByRole('button', { name: 'Exportera PDF' });
  await expect(exportButton).toBeDisabled();

  await analysis.fill(ANALYSIS);
  await expect(page.getByRole('alert').filter({ hasText: 'Texten innehåller personuppgifter' })).toHaveCount(0);
  await expect(preview).toContainText(ANALYSIS);
  await expect(exportButton).toBeEnabled();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 2200 });
  await page.getByRole('heading', { level: 1, name: 'Rapport till VVG' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'rapport.png'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });

  const downloaded = page.waitForEvent('download');
  await exportButton.click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/^Samsyn-rapport-Fyrbodal-.*\.pdf$/);
  const file = path.join(server.dir, 'rapport.pdf');
  await download.saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  expect(text).toContain(ANALYSIS);
  expect(text).toMatch(/Sida 1 av \d+/);
  await expect(page.getByRole('status').filter({ hasText: 'har laddats ned' })).toBeVisible();

  // the saved report can be produced again, identically
  const saved = page.locator('[data-saved-report]');
  await expect(saved).toHaveCount(1);
  const again = page.waitForEvent('download');
  await saved.getByRole('button', { name: /^Skapa igen/ }).click();
  await again;
  await expect(page.getByRole('status').filter({ hasText: 'identiska med den sparade rapporten' })).toBeVisible();
});

test('the print route renders without the app chrome and signals when ready', async ({ page, server }) => {
  await page.goto(server.appUrl);
  await expect(page.getByText('Samsyn-demo-Fyrbodal.samsyn')).toBeVisible();
  await page.evaluate(() => {
    window.location.hash = '#/rapport/utskrift?from=2026-01-01&to=2026-03-31';
  });
  await expect(page.locator('html')).toHaveAttribute('data-report-ready', 'true', { timeout: 30_000 });
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
  await expect(page).toHaveTitle(/^Uppföljning av avvikelser och oenighet i samverkan — Fyrbodal, kvartal 1 2026$/);
});
