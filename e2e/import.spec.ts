import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, startServer, cli, SCREENSHOTS, ROOT, type AppServer } from './fixtures';

const FIXTURE = path.join(ROOT, 'e2e', 'fixtures', 'avvikelser-skaraborg.csv');

/** A fresh Skaraborg workspace (made with the CLI) served in browser mode. */
const test = base.extend<{ app: AppServer }>({
  app: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-e2e-import-'));
    const db = path.join(dir, 'skaraborg.samsyn');
    const init = await cli(['init', '--db', db, '--delregion', 'skaraborg']);
    expect(init.code, init.stderr).toBe(0);
    const s = await startServer({ db });
    await use(s);
    await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

test('import a CSV through the UI: preview, hand mapping, report, quarantine fix, history', async ({ page, app }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.goto(app.appUrl);
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await nav.getByRole('link', { name: /^Import/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();

  // 1. Choose kind and file → preview.
  await expect(page.getByLabel('Avvikelser')).toBeChecked();
  await page.getByLabel('Fil (CSV, TXT eller XLSX)').setInputFiles(FIXTURE);
  await expect(page.getByRole('heading', { name: '2. Granska filen och kopplingen' })).toBeVisible();
  const fileCard = page.locator('section.card', { has: page.getByRole('heading', { name: 'Filen', exact: true }) });
  await expect(fileCard).toContainText('UTF-8');
  await expect(fileCard).toContainText('semikolon');
  await expect(page.getByText('Ingen sparad mappningsprofil passar')).toBeVisible();

  // "Avvikelseområde" is no known alias: Kategori is unmapped and import is blocked until mapped by hand.
  const category = page.getByRole('combobox', { name: 'Kategori', exact: true });
  await expect(category).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Importera' })).toBeDisabled();
  await expect(page.getByRole('combobox', { name: 'Ärendenummer', exact: true })).toHaveValue('Ärende-ID');
  await expect(page.getByRole('combobox', { name: 'Kommun', exact: true })).toHaveValue('Berörd kommun');
  // the first row's values are shown as examples before the mapping is complete (de-identified)
  const mapRow = (name: string) => page.getByRole('row').filter({ has: page.getByRole('combobox', { name, exact: true }) });
  await expect(mapRow('Kommun')).toContainText('Skövde');
  await expect(mapRow('Händelsebeskrivning')).toContainText('[PNR-');
  await expect(mapRow('Händelsebeskrivning')).not.toContainText('811218-9876');
  await category.selectOption('Avvikelseområde');
  // The re-preview shows stored values: the planted identity number is already replaced.
  const sample = page.locator('table.sample-table');
  await expect(sample).toContainText('In- och utskrivning');
  await expect(sample).toContainText('[PNR-');
  await expect(sample).not.toContainText('811218-9876');
  await expect(sample).toContainText('Utanför delregionen (Trollhättan)');
  await expect(sample.locator('.status-quarantine')).toContainText('Karantän');
  await page.getByLabel('Spara som mappningsprofil').check();
  // an unnamed profile: the disabled button says why
  await expect(page.getByRole('button', { name: 'Importera' })).toBeDisabled();
  await expect(page.getByTestId('profile-name-missing')).toHaveText(/Ge profilen ett namn/);
  await page.getByLabel('Profilens namn').fill('MedControl PRO – Skaraborg');
  await expect(page.getByTestId('profile-name-missing')).toHaveCount(0);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'import-forhandsgranskning.png'), fullPage: true });

  // 2. Import → progress → report.
  await page.getByRole('button', { name: 'Importera' }).click();
  await expect(page.getByRole('heading', { name: 'Importrapport' })).toBeVisible({ timeout: 30_000 });
  const counts = page.locator('table.counts-table');
  const count = (label: string) => counts.getByRole('row', { name: new RegExp(`^${label}`) }).locator('td.num');
  await expect(count('Rader i filen')).toHaveText('5');
  await expect(count('Nya')).toHaveText('3');
  await expect(count('Uppdaterade')).toHaveText('0');
  await expect(count('Oförändrade')).toHaveText('0');
  await expect(count('I karantän')).toHaveText('1');
  await expect(count('Utanför delregionen')).toHaveText('1');
  await expect(count('Dubbletter i filen')).toHaveText('0');
  await expect(count('Personnummer ersatta')).toHaveText('1');
  await expect(page.locator('p.balance')).toContainText('Summan stämmer');
  await expect(page.getByRole('row', { name: /Trollhättan/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kolumner som inte lästes in' })).toBeVisible();
  await expect(page.locator('.tag-list')).toContainText('Intern notering');
  await expect(page.getByRole('row', { name: /31\/31\/2026/ })).toBeVisible();
  await expect(nav.getByRole('link', { name: /^Import/ })).toContainText('1');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'import-rapport.png'), fullPage: true });

  // Unknown category → map it to a canonical one (adds a synonym, re-maps the stored row).
  await page.getByLabel('”Journalhantering” är').selectOption({ label: 'Informationsöverföring' });
  await page.getByRole('button', { name: 'Koppla' }).click();
  await expect(page.getByText(/”Journalhantering” kopplas nu till Informationsöverföring; 1 sparat ärende kopplades om/)).toBeVisible();

  // 3. Quarantine: fix the bad date, re-validate; counts and the nav badge update.
  await page.getByRole('navigation', { name: 'Import' }).getByRole('link', { name: /^Karantän/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Karantän' })).toBeVisible();
  await expect(page.locator('.count-line')).toContainText('1 rad i karantän');
  const item = page.getByRole('article', { name: /Rad 4 i avvikelser-skaraborg\.csv/ });
  await expect(item).toContainText('31/31/2026');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'karantan.png'), fullPage: true });
  // A still-invalid value keeps the row in quarantine and says why.
  await item.getByLabel(/^Registreringsdatum/).fill('2026-13-01');
  await item.getByRole('button', { name: 'Validera igen' }).click();
  await expect(item.getByText('Fortfarande fel:')).toBeVisible();
  // a new error in one of the other values: that field comes into view, and takes the focus
  await item.getByLabel(/^Registreringsdatum/).fill('2026-03-08');
  await item.getByText('Övriga värden i raden').click();
  await item.getByLabel(/^Berörd kommun/).fill('Atlantis');
  await item.getByRole('button', { name: 'Validera igen' }).click();
  await expect(item.getByText('Fortfarande fel:')).toBeVisible();
  await expect(item.locator('details .q-field', { hasText: 'Berörd kommun' })).toHaveCount(0);
  await expect(item.getByLabel(/^Berörd kommun/)).toBeFocused();
  await item.getByLabel(/^Berörd kommun/).fill('Falköping');
  await item.getByRole('button', { name: 'Validera igen' }).click();
  await expect(page.locator('.count-line')).toContainText('0 rader i karantän');
  await expect(page.locator('.count-line')).toContainText('sparades som nytt ärende');
  await expect(page.getByRole('heading', { name: 'Karantänen är tom' })).toBeVisible();
  await expect(nav.getByRole('link', { name: /^Import/ }).locator('.count-badge')).toHaveCount(0);

  // 4. History: the batch with its SHA-256 and counts; open its report.
  await page.getByRole('navigation', { name: 'Import' }).getByRole('link', { name: 'Importhistorik' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importhistorik' })).toBeVisible();
  const row = page.getByRole('row', { name: /avvikelser-skaraborg\.csv/ });
  await expect(row).toContainText('Avvikelser');
  const sha = (await import('node:crypto')).createHash('sha256').update(fs.readFileSync(FIXTURE)).digest('hex');
  await expect(row.locator('summary')).toHaveAttribute('title', sha);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'importhistorik.png'), fullPage: true });
  await row.getByRole('link', { name: 'avvikelser-skaraborg.csv' }).click();
  await expect(page.getByRole('heading', { name: /Import nr \d+: avvikelser-skaraborg\.csv/ })).toBeVisible();
  await expect(page.getByText(sha).first()).toBeVisible();
  await expect(page.locator('table.counts-table').getByRole('row', { name: /^Nya/ }).locator('td.num')).toHaveText('3');

  // 5. The saved mapping profile is listed and recognised on the next import of the same layout.
  await page.getByRole('navigation', { name: 'Import' }).getByRole('link', { name: 'Mappningsprofiler' }).click();
  await expect(page.getByRole('row', { name: /MedControl PRO – Skaraborg/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Import' }).getByRole('link', { name: 'Ny import' }).click();
  await page.getByLabel('Fil (CSV, TXT eller XLSX)').setInputFiles(FIXTURE);
  await expect(page.getByText('Mappningsprofilen MedControl PRO – Skaraborg känns igen och används.')).toBeVisible();
  // the same bytes were read in before: the preview says when, and what a second import does
  await expect(page.getByTestId('already-imported')).toContainText('Samma fil');
  await expect(page.getByTestId('already-imported').getByRole('link', { name: /import nr \d+/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Kategori', exact: true })).toHaveValue('Avvikelseområde');
  await page.getByRole('button', { name: 'Importera' }).click();
  await expect(page.getByRole('heading', { name: 'Importrapport' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('table.counts-table').getByRole('row', { name: /^Oförändrade/ }).locator('td.num')).toHaveText('3');
  // its bad rows were already in the quarantine (one fixed above, none open): not added again
  await expect(page.locator('table.counts-table').getByRole('row', { name: /^I karantän/ })).toContainText('fanns redan i karantänen');
});

test('a quarantined row whose party type the file lacks gets a field for it', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-e2e-q-'));
  const db = path.join(dir, 'skaraborg.samsyn');
  expect((await cli(['init', '--db', db, '--delregion', 'skaraborg'])).code).toBe(0);
  const csv = path.join(dir, 'utan-huvudman.csv');
  fs.writeFileSync(
    csv,
    'Ärende-ID;Registreringsdatum;Rapporterande enhet;Mottagande enhet;Berörd kommun;Kategori;Status\n' +
      'B-1;2026-03-02;Firma Omsorgsbolaget;Skaraborgs Sjukhus Skövde;Skövde;Läkemedel;Ny\n',
  );
  const imp = await cli(['import', 'deviations', csv, '--db', db]);
  expect(imp.code, imp.stderr).toBe(0);
  const app = await startServer({ db });
  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: /^Import/ }).click();
  await page.getByRole('navigation', { name: 'Import' }).getByRole('link', { name: /^Karantän/ }).click();
  const item = page.getByRole('article', { name: /Rad 2 i utan-huvudman\.csv/ });
  await expect(item).toContainText('Rapporterande huvudman (kolumnen saknas i filen)');
  await item.getByLabel(/^Rapporterande huvudman/).selectOption('Privat');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'karantan-huvudman.png'), fullPage: true });
  await item.getByRole('button', { name: 'Validera igen' }).click();
  await expect(page.locator('.count-line')).toContainText('0 rader i karantän');
  await expect(page.locator('.count-line')).toContainText('sparades som nytt ärende');
  await app.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('Folkmängd lists the workspace kommuner with year and source', async ({ page, app }) => {
  await page.goto(`${app.appUrl}`);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: /^Import/ }).click();
  await page.getByRole('navigation', { name: 'Import' }).getByRole('link', { name: 'Folkmängd' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Folkmängd' })).toBeVisible();
  await expect(page.getByRole('row', { name: /^Skövde/ })).toContainText('57');
  await expect(page.getByRole('row', { name: /^Skövde/ })).toContainText('2024');
});
