import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { focusInfo, go, settle, startDemo, swedishBrowser, tabTo, FIXTURE_CSV, type DemoApp } from './a11y-helpers';

/**
 * Keyboard only: no mouse, no .click(). Tab/Shift+Tab/Enter/Space/Escape/arrow keys move through the
 * main journeys of the analyst; setInputFiles stands in for the operating system's file chooser only.
 * Every focus stop on the way must show a visible focus ring (tabTo checks it).
 */

test.use(swedishBrowser);

let app: DemoApp;
test.beforeAll(async () => {
  app = await startDemo({ library: true });
});
test.afterAll(async () => {
  await app?.stop();
});

async function open(page: Page, hash = '#/oversikt') {
  await page.goto(app.server.appUrl);
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
  await go(page, hash);
}

const nav = (page: Page, name: string | RegExp) => page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name });

/** From anywhere in main: Shift+Tab back to a main-menu item and open it. */
async function openFromMenu(page: Page, name: string | RegExp, heading: string | RegExp) {
  await tabTo(page, nav(page, name), { back: true, max: 400 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await settle(page);
  // focus follows the navigation to the page heading (announced by screen readers)
  await expect(page.locator('#page-title')).toBeFocused();
}

test('skip link, then open a workspace from the picker', async ({ page }) => {
  await open(page, '#/avvikelser');
  await page.reload();
  await settle(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
  await expect(skip).toBeFocused();
  const box = (await skip.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect((await focusInfo(page)).indicator).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await expect(page).toHaveURL(/#\/avvikelser$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Avvikelser' })).toBeVisible();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);

  // picker → open the demo workspace
  await tabTo(page, page.getByRole('link', { name: 'Byt arbetsyta' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Välj arbetsyta' })).toBeVisible();
  await settle(page);
  await tabTo(page, page.getByRole('button', { name: /^Öppna demoarbetsytan/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Samsyn-demo-Fyrbodal.samsyn')).toBeVisible();
  // back to the test's own workspace, again from the picker (recently opened)
  await tabTo(page, page.getByRole('link', { name: 'Byt arbetsyta' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Välj arbetsyta' })).toBeVisible();
  await settle(page);
  await tabTo(page, page.getByRole('button', { name: 'Öppna demo.samsyn' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  await expect(page.locator('.workspace-name')).toContainText('demo.samsyn');
});

test('read the dashboard: a definition, a chart as a table, drill into a figure', async ({ page }) => {
  await open(page);
  // a definition opens with Enter and closes with Escape (focus stays on its button)
  const tip = page.locator('[data-figure="dev.count"] summary');
  await tabTo(page, tip);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Antal avvikelser i samverkan med rapportdatum i perioden')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText('Antal avvikelser i samverkan med rapportdatum i perioden')).toBeHidden();
  await expect(tip).toBeFocused();
  // the run chart as a table (Space on the button)
  const run = page.locator('[data-chart="run-chart"]');
  await tabTo(page, run.getByRole('button', { name: 'Visa som tabell' }));
  await page.keyboard.press('Space');
  await expect(run.locator('table tbody tr').first()).toBeVisible();
  // drill into the total count
  await tabTo(page, page.locator('[data-figure="dev.count"] .kf-value a'), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.locator('#h-cases')).toBeVisible();
  await settle(page);
  await tabTo(page, page.locator('.cases-table tbody tr').first().getByRole('link').first());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^Avvikelse / })).toBeVisible();
});

test('import a file and fix a quarantined row', async ({ page }) => {
  await open(page, '#/avvikelser');
  await openFromMenu(page, /^Import/, 'Import');
  const file = page.getByLabel('Fil (CSV, TXT eller XLSX)');
  await tabTo(page, file);
  await file.setInputFiles(FIXTURE_CSV); // the operating system's file chooser
  await expect(page.getByRole('heading', { name: '2. Granska filen och kopplingen' })).toBeVisible();
  const category = page.getByRole('combobox', { name: 'Kategori', exact: true });
  if ((await category.inputValue()) === '') {
    await tabTo(page, category);
    // pick the file's "Avvikelseområde" column with the arrow keys
    for (let i = 0; i < 40 && (await category.inputValue()) !== 'Avvikelseområde'; i++) await page.keyboard.press('ArrowDown');
  }
  const importButton = page.getByRole('button', { name: 'Importera' });
  await expect(importButton).toBeEnabled();
  await tabTo(page, importButton, { max: 300 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Importrapport' })).toBeVisible({ timeout: 30_000 });
  // the form (and its focused button) gave way to the report: focus is not lost to the page
  await expect.poll(() => page.evaluate(() => document.activeElement !== document.body && !!document.activeElement?.closest('main'))).toBe(true);

  // Karantän: the demo's row without a case number gets one
  await tabTo(page, page.getByRole('navigation', { name: 'Import' }).getByRole('link', { name: /^Karantän/ }), { back: true, max: 300 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Karantän' })).toBeVisible();
  await settle(page);
  const before = await page.locator('.count-line').innerText();
  const item = page.getByRole('article', { name: /^Rad 178 i / });
  const field = item.getByLabel(/^Ärendenummer/);
  await tabTo(page, field, { max: 300 });
  await page.keyboard.type('MC-2025-009178');
  await tabTo(page, item.getByRole('button', { name: 'Validera igen' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.count-line')).not.toHaveText(before);
  await expect(page.locator('.count-line')).toContainText('Rad 178');
  // the fixed card is gone: focus goes to what took its place, not to the top of the page
  await expect.poll(() => page.evaluate(() => document.activeElement !== document.body && !!document.activeElement?.closest('main'))).toBe(true);
});

test('record a lesson and mark a precedent', async ({ page }) => {
  await open(page, '#/tvister/1');
  await expect(page.getByRole('heading', { level: 1, name: /TV-2024-001/ })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Skriv en lärdom' }), { max: 300 });
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Lärdom', { exact: true })).toBeFocused(); // the form opens at its text
  await page.keyboard.type('Hjälpmedel ska vara levererade före hemgång; stäms av i SVPL.');
  await tabTo(page, page.getByLabel('Orsakskategori'));
  await page.keyboard.press('ArrowDown');
  await tabTo(page, page.getByRole('button', { name: 'Spara lärdomen' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Lärdomen är sparad.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Skriv en lärdom' })).toBeFocused(); // not lost to the page

  await tabTo(page, page.getByRole('button', { name: 'Skapa vägledande fall' }), { max: 300 });
  await page.keyboard.press('Enter');
  // the button gave way to its form: focus follows into the form instead of falling to the page
  await expect(page.getByLabel(/^Rubrik/)).toBeFocused();
  await tabTo(page, page.getByLabel(/^Rubrik/));
  await page.keyboard.type('Hjälpmedel före hemgång');
  await tabTo(page, page.getByLabel(/^Princip/));
  await page.keyboard.type('Vid utskrivning ansvarar förskrivaren för att hjälpmedlet finns på plats.');
  await tabTo(page, page.getByRole('button', { name: 'Skapa utkast' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Hjälpmedel före hemgång' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Hjälpmedel före hemgång' })).toBeFocused(); // a detail page focuses its heading once loaded
  await settle(page);
  await tabTo(page, page.getByRole('button', { name: 'Ändra' }), { max: 300 });
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Rubrik', { exact: true })).toBeFocused(); // into the form that opened
  await tabTo(page, page.getByRole('button', { name: 'Avbryt' }), { max: 100 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Ändra' })).toBeFocused(); // and back where it was
  await tabTo(page, page.getByRole('button', { name: 'Granska' }), { max: 300 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Status: Granskad.' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Gör vägledande' }), { max: 300 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Status: Vägledande.' })).toBeVisible();
});

test('export the report as PDF', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, '#/hjalp');
  await openFromMenu(page, /^Rapport/, 'Rapport till VVG');
  const exportButton = page.getByRole('button', { name: 'Exportera PDF' });
  await expect(exportButton).toBeEnabled();
  await tabTo(page, exportButton, { max: 300 });
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  await expect(page.getByRole('status').filter({ hasText: 'har laddats ned' })).toBeVisible();
});

test('export a library, then read one in', async ({ page }) => {
  await open(page, '#/hjalp');
  await openFromMenu(page, 'Bibliotek', 'Bibliotek');
  const download = page.waitForEvent('download', { timeout: 30_000 });
  await tabTo(page, page.getByRole('button', { name: 'Exportera bibliotek' }), { max: 300 });
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/\.samsyn-bibliotek\.json$/);
  await expect(page.getByText('Biblioteksfilen är klar:')).toBeVisible();

  await tabTo(page, page.getByRole('navigation', { name: 'Bibliotek' }).getByRole('link', { name: 'Läs in' }), { back: true, max: 300 });
  await page.keyboard.press('Enter');
  await settle(page);
  const file = page.getByLabel('Biblioteksfil (.samsyn-bibliotek.json)');
  await tabTo(page, file);
  await file.setInputFiles(app.libraryFile);
  await expect(page.getByText('Vårdsamverkan Skaraborg').first()).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Lita på avsändaren' }), { max: 100 });
  await page.keyboard.press('Enter');
  const apply = page.getByRole('button', { name: 'Läs in', exact: true });
  await expect(apply).toBeEnabled();
  await tabTo(page, apply, { max: 200 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Inläst' })).toBeVisible();
});

test('a dialog keeps focus inside, Escape closes it and returns focus', async ({ page }) => {
  await open(page, '#/import/karantan');
  const discard = page.getByRole('button', { name: 'Kasta raden' }).first();
  await tabTo(page, discard, { max: 300 });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Kasta raden?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Avbryt' })).toBeFocused();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    const f = await focusInfo(page);
    // inside the modal dialog (or momentarily on the document between its last and first button)
    expect(f.inDialog || f.tag === 'body', f.desc).toBe(true);
    if (f.inDialog) expect(f.indicator, f.desc).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(discard).toBeFocused();
  // the row is still there (Escape cancels)
  await expect(page.getByRole('button', { name: 'Kasta raden' }).first()).toBeVisible();
});

test('Tab reaches everything with a visible focus ring and cycles out of every screen (no trap)', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  const screens = ['#/oversikt', '#/import', '#/import/karantan', '#/import/historik', '#/tvister/2', '#/tvister/ny', '#/larande', '#/sok?q=hjalpmedel', '#/bibliotek', '#/rapport', '#/installningar', '#/hjalp', '#/arbetsyta'];
  const problems: string[] = [];
  for (const s of screens) {
    await go(page, s);
    await page.reload();
    await settle(page);
    const tabbable = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')).filter((e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0).length,
    );
    let wrapped = false;
    let last = '';
    let same = 0;
    for (let i = 0; i < tabbable + 20; i++) {
      await page.keyboard.press('Tab');
      const f = await focusInfo(page);
      if (f.tag === 'body') continue;
      if (!f.visible || !f.indicator) problems.push(`${s}: fokus syns inte på ${f.desc}`);
      same = f.desc === last ? same + 1 : 0;
      if (same > 3) {
        problems.push(`${s}: fokus fastnar på ${f.desc}`);
        break;
      }
      last = f.desc;
      if (i > 0 && f.desc.startsWith('a ”Hoppa till innehållet')) {
        wrapped = true;
        break;
      }
    }
    if (!wrapped) problems.push(`${s}: Tabb kom inte runt till början igen (${tabbable} fokuserbara)`);
  }
  expect(problems, problems.join('\n')).toEqual([]);
});

test('typed text is not lost: leaving a form with unsaved text asks first, and Avbryt asks before discarding', async ({ page }) => {
  await open(page, '#/installningar');
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
  const userName = page.getByLabel('Ditt namn');
  await tabTo(page, userName, { max: 100 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Anna Processledare');
  // the menu: the question comes first, "Avbryt" keeps the page and the text
  await openMenuItemExpectingQuestion(page);
  await page.keyboard.press('Enter'); // Avbryt has the focus
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
  await expect(userName).toHaveValue('Anna Processledare');
  await expect(page).toHaveURL(/#\/installningar$/);
  // Back in the browser asks too
  await page.goBack();
  await expect(page.getByRole('dialog', { name: 'Osparade ändringar' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(userName).toHaveValue('Anna Processledare');
  // confirmed: the page is left
  await openMenuItemExpectingQuestion(page);
  await tabTo(page, page.getByRole('button', { name: 'Lämna sidan' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();

  // the lesson form: Avbryt with text asks before discarding it
  await go(page, '#/tvister/2');
  await tabTo(page, page.getByRole('button', { name: 'Skriv en lärdom' }), { max: 300 });
  await page.keyboard.press('Enter');
  await page.keyboard.type('Ring hemsjukvården före utskrivning.');
  await tabTo(page, page.getByRole('button', { name: 'Avbryt' }), { max: 50 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Kasta lärdomen?' })).toBeVisible();
  await page.keyboard.press('Enter'); // Avbryt: keep writing
  await expect(page.getByLabel('Lärdom', { exact: true })).toHaveValue('Ring hemsjukvården före utskrivning.');
});

/** Shift+Tab to "Översikt" in the main menu and press Enter: the unsaved-changes question opens instead of the page. */
async function openMenuItemExpectingQuestion(page: Page) {
  await tabTo(page, nav(page, 'Översikt'), { back: true, max: 200 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Osparade ändringar' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Osparade ändringar' }).getByRole('button', { name: 'Avbryt' })).toBeFocused();
}
