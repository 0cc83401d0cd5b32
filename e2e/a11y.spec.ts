import type { Page } from '@playwright/test';
import { test, expect, cli } from './fixtures';
import { axe, englishWords, go, infoTipProblems, reflowProblems, settle, startDemo, swedishBrowser, FIXTURE_CSV, type DemoApp, type Finding } from './a11y-helpers';

/**
 * WCAG 2.1 AA (DOS-lagen) with axe-core on every screen and dialog of a demo workspace, plus:
 * lang="sv", no English UI words, charts readable as text and tables, reflow at 200 % zoom and
 * prefers-reduced-motion. Every screen is collected first and the findings are reported together.
 */

test.use(swedishBrowser);

let app: DemoApp;
test.beforeAll(async () => {
  app = await startDemo({ library: true });
});
test.afterAll(async () => {
  await app?.stop();
});

async function open(page: Page) {
  await page.goto(app.server.appUrl);
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
  await settle(page);
}

function report(findings: Finding[]): string {
  return findings.map((f) => `[${f.screen}] ${f.rule} (${f.impact}): ${f.help}\n    ${f.nodes.join('\n    ')}`).join('\n');
}

test('every screen and dialog passes axe (WCAG 2.1 A/AA) and speaks Swedish only', async ({ page }) => {
  test.setTimeout(240_000);
  const findings: Finding[] = [];
  const english: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const check = async (screen: string) => {
    findings.push(...(await axe(page, screen)));
    english.push(...(await englishWords(page, screen)));
  };

  await open(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');

  // workspace picker
  await go(page, '#/arbetsyta');
  await check('arbetsyta');

  // Översikt: the page, an open InfoTip, the charts as tables
  await go(page, '#/oversikt');
  await check('översikt');
  const tip = page.locator('[data-figure="dev.count"]').getByLabel('Definition: Antal avvikelser');
  await tip.click();
  await expect(page.getByText('Antal avvikelser i samverkan med rapportdatum i perioden')).toBeVisible();
  await check('översikt, definition öppen');
  await tip.click();
  const tipFit = await infoTipProblems(page, 'översikt 1280 px');
  expect(tipFit, tipFit.join('\n')).toEqual([]);
  const toggles = page.getByRole('button', { name: 'Visa som tabell' });
  const n = await toggles.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) await toggles.first().click();
  await check('översikt, diagram som tabeller');

  // drill-down
  await page.locator('[data-figure="dev.count"] .kf-value').getByRole('link').click();
  await expect(page.locator('#h-cases')).toBeVisible();
  await settle(page);
  await check('översikt, ärendelista');

  // Import: preview with a file chosen, then the report
  await go(page, '#/import');
  await check('import');
  await page.getByLabel('Fil (CSV, TXT eller XLSX)').setInputFiles(FIXTURE_CSV);
  await expect(page.getByRole('heading', { name: '2. Granska filen och kopplingen' })).toBeVisible();
  const category = page.getByRole('combobox', { name: 'Kategori', exact: true });
  if ((await category.inputValue()) === '') await category.selectOption('Avvikelseområde');
  await expect(page.getByRole('button', { name: 'Importera' })).toBeEnabled();
  await expect(page.locator('table.sample-table')).toContainText('Samordnad individuell plan');
  await settle(page);
  await check('import, förhandsgranskning');
  await page.getByRole('button', { name: 'Importera' }).click();
  await expect(page.getByRole('heading', { name: 'Importrapport' })).toBeVisible({ timeout: 30_000 });
  await settle(page);
  await check('import, rapport');

  // Karantän, with the "Kasta raden" confirmation open
  await go(page, '#/import/karantan');
  await check('karantän');
  await page.getByRole('button', { name: 'Kasta raden' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Kasta raden?' });
  await expect(dialog).toBeVisible();
  await check('karantän, bekräftelsedialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await go(page, '#/import/historik');
  await check('importhistorik');
  await page.locator('table a[href^="#/import/batch/"]').first().click();
  await settle(page);
  await check('import, en import');
  await go(page, '#/import/profiler');
  await check('mappningsprofiler');
  await go(page, '#/import/folkmangd');
  await check('folkmängd');

  // Avvikelser
  await go(page, '#/avvikelser');
  await check('avvikelser');
  await page.locator('table.case-table tbody tr').first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Avvikelse / })).toBeVisible();
  await settle(page);
  await check('avvikelse');

  // Oenighet och tvist
  await go(page, '#/tvister');
  await check('tvister');
  await go(page, '#/tvister/1');
  await check('tvist');
  await go(page, '#/tvister/ny');
  await check('ny oenighet');

  // Lärdomar och vägledande fall
  await go(page, '#/larande');
  await check('lärande');
  await page.locator('a[href^="#/larande/prejudikat/"]').first().click();
  await settle(page);
  await check('vägledande fall');
  await go(page, '#/larande/nytt');
  await check('nytt vägledande fall');

  // Sök with results
  await go(page, '#/sok?q=hjalpmedel');
  await expect(page.getByRole('list', { name: 'Sökträffar' })).toBeVisible();
  await check('sök');

  // Bibliotek: each tab, and a library file's preview
  for (const tab of ['', '/las-in', '/konflikter', '/avsandare', '/profiler']) {
    await go(page, `#/bibliotek${tab}`);
    await check(`bibliotek${tab}`);
  }
  await go(page, '#/bibliotek/las-in');
  await page.getByLabel('Biblioteksfil (.samsyn-bibliotek.json)').setInputFiles(app.libraryFile);
  await expect(page.getByText('Vårdsamverkan Skaraborg').first()).toBeVisible();
  await settle(page);
  await check('bibliotek, förhandsgranskning');

  // Rapport (page with its preview), Inställningar, Hjälp
  await go(page, '#/rapport');
  await expect(page.locator('.report-sheet .report-doc')).toBeVisible();
  await settle(page);
  await check('rapport');
  await go(page, '#/installningar');
  await check('inställningar');
  await go(page, '#/hjalp');
  await check('hjälp');

  expect(findings, report(findings)).toEqual([]);
  expect(english, english.join('\n')).toEqual([]);
  expect(errors).toEqual([]);
});

test('charts are readable without sight: a text summary, the same numbers as a table, signals by shape', async ({ page }) => {
  await open(page);
  await go(page, '#/oversikt');
  const period = (await page.locator('.dashboard').getAttribute('data-period'))!.split('_') as [string, string];
  const r = await cli(['indicators', '--db', app.db, '--from', period[0], '--to', period[1], '--json']);
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as {
    indicators: { 'dev.monthly': { points: { month: string; count: number }[]; signal: boolean }; 'dev.byCategory': { label: string; count: number }[] };
  };
  const sv = (x: number) => new Intl.NumberFormat('sv-SE').format(x).replace(/\s/g, ' ');
  const norm = (s: string) => s.replace(/\s/g, ' ').trim();

  // every chart on the dashboard is a <figure> with a summary in words and a table alternative
  const figures = page.locator('figure[data-chart]');
  expect(await figures.count()).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < (await figures.count()); i++) {
    const fig = figures.nth(i);
    expect(norm(await fig.locator('figcaption').innerText()).length, `${await fig.getAttribute('data-chart')} saknar sammanfattning`).toBeGreaterThan(20);
    await expect(fig.locator('.chart-canvas')).toHaveAttribute('aria-hidden', 'true');
    const toggle = fig.getByRole('button', { name: 'Visa som tabell' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(fig.getByRole('button', { name: 'Visa som diagram' })).toHaveAttribute('aria-expanded', 'true');
    await expect(fig.locator('table th[scope="col"]').first()).toBeVisible();
  }

  // run chart: one row per month with the core's count
  const run = page.locator('[data-chart="run-chart"]');
  const points = doc.indicators['dev.monthly'].points;
  const runRows = run.locator('table tbody tr');
  await expect(runRows).toHaveCount(points.length);
  for (let i = 0; i < points.length; i++) expect(norm(await runRows.nth(i).locator('td').first().innerText())).toMatch(new RegExp(`^${sv(points[i]!.count)}\\b`));
  await expect(run.locator('figcaption')).toContainText(doc.indicators['dev.monthly'].signal ? 'Signal:' : 'signal');

  // by category: the same labels and counts as the core
  const cat = page.locator('[data-chart="by-category"]');
  const text = norm(await cat.locator('table tbody').innerText());
  for (const c of doc.indicators['dev.byCategory']) expect(text).toContain(c.label);
  const catRows = cat.locator('table tbody tr');
  await expect(catRows).toHaveCount(doc.indicators['dev.byCategory'].length);
  for (let i = 0; i < doc.indicators['dev.byCategory'].length; i++) {
    const c = doc.indicators['dev.byCategory'][i]!;
    const row = catRows.filter({ hasText: c.label }).first();
    expect(norm(await row.innerText())).toMatch(new RegExp(`(^|\\s)${sv(c.count)}(\\s|$)`));
  }

  // back to charts: Anhøj signal points differ by shape (diamond) and are named in the legend, not by colour alone
  for (let i = 0; i < (await figures.count()); i++) await figures.nth(i).getByRole('button', { name: 'Visa som diagram' }).click();
  await expect(run).toHaveAttribute('data-chart-rendered', 'true');
  const signalPoints = run.locator('[data-signal="true"]');
  if ((await signalPoints.count()) > 0) {
    expect(await signalPoints.evaluateAll((els) => els.every((e) => e.tagName.toLowerCase() === 'path'))).toBe(true);
    expect(await run.locator('[data-signal="false"]').evaluateAll((els) => els.every((e) => e.tagName.toLowerCase() === 'circle'))).toBe(true);
    await expect(run.locator('.chart-legend')).toContainText('Signal');
    await expect(run.locator('figcaption')).toContainText('Signal:');
  }
});

test('at 1024×768 the case lists show every column without a sideways scroll', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const page = await context.newPage();
  await open(page);
  for (const screen of ['#/avvikelser', '#/tvister']) {
    await go(page, screen);
    const wrap = page.locator('.table-wrap', { has: page.locator('table.case-table') }).first();
    await expect(wrap.getByRole('columnheader', { name: 'Status' })).toBeVisible();
    const [scroll, client] = await wrap.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scroll, `${screen}: the list is ${scroll - client} px wider than its area`).toBeLessThanOrEqual(client);
  }
  await context.close();
});

test('works at 200 % zoom (640×360 CSS px) without sideways scrolling or lost content', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ viewport: { width: 640, height: 360 }, deviceScaleFactor: 2, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const page = await context.newPage();
  const problems: string[] = [];
  const findings: Finding[] = [];
  await open(page);
  const screens = [
    '#/oversikt',
    '#/oversikt/arenden?indicator=dev.count',
    '#/import',
    '#/import/karantan',
    '#/import/historik',
    '#/import/folkmangd',
    '#/avvikelser',
    '#/avvikelser/1',
    '#/tvister',
    '#/tvister/1',
    '#/tvister/ny',
    '#/larande',
    '#/sok?q=hjalpmedel',
    '#/bibliotek',
    '#/bibliotek/las-in',
    '#/rapport',
    '#/installningar',
    '#/hjalp',
    '#/arbetsyta',
  ];
  for (const s of screens) {
    await go(page, s);
    problems.push(...(await reflowProblems(page, s)));
    if (s === '#/oversikt') problems.push(...(await infoTipProblems(page, s)));
    findings.push(...(await axe(page, `${s} @200 %`)));
  }
  // the skip link and the main menu are still there
  await go(page, '#/oversikt');
  await page.reload();
  await settle(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Hoppa till innehållet' })).toBeFocused();
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Hjälp' })).toBeAttached();
  await context.close();
  expect(problems, problems.join('\n')).toEqual([]);
  expect(findings, report(findings)).toEqual([]);
});

test('prefers-reduced-motion turns off animations and transitions', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page);
  for (const s of ['#/oversikt', '#/import', '#/tvister/1', '#/hjalp']) {
    await go(page, s);
    const moving = await page.evaluate(() =>
      Array.from(document.querySelectorAll('*'))
        .filter((el) => {
          const cs = getComputedStyle(el);
          const dur = (v: string) => v.split(',').some((x) => parseFloat(x) > 0);
          return (cs.animationName !== 'none' && dur(cs.animationDuration)) || dur(cs.transitionDuration);
        })
        .map((el) => el.tagName + '.' + String(el.className))
        .slice(0, 5),
    );
    expect(moving, s).toEqual([]);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).not.toBe('smooth');
  }
});

test('Hjälp explains every indicator of the catalogue, the escalation ladder and the library file', async ({ page }) => {
  const { catalogue } = await import('../shared/indicators/catalogue');
  await open(page);
  await go(page, '#/hjalp');
  const main = page.getByRole('main');
  for (const e of catalogue) {
    await expect(main.locator(`[id="indikator-${e.id}"] dt`)).toContainText(e.label);
    await expect(main.locator(`[id="indikator-${e.id}"] dd`)).toContainText(e.definition.slice(0, 60));
  }
  await expect(page.getByRole('heading', { name: 'Eskaleringstrappan' })).toBeVisible();
  await expect(main).toContainText('Steg 3 – tvist');
  await expect(page.getByRole('heading', { name: 'Biblioteksfilen' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Begrepp' })).toBeVisible();
});
