import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, cli, startServer, ROOT, SCREENSHOTS, type AppServer } from './fixtures';
import { axe } from './a11y-helpers';

/** Local date (YYYY-MM-DD) `days` from today. */
function day(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const orgs: [string, string, string][] = [
  ['NU-sjukvården NÄL', 'Uddevalla kommun', 'Uddevalla'],
  ['Trollhättans stad', 'NU-sjukvården NÄL', 'Trollhättan'],
  ['Vänersborgs kommun', 'Närhälsan Vänersborg vårdcentral', 'Vänersborg'],
  ['Strömstads kommun', 'NU-sjukvården Uddevalla sjukhus', 'Strömstad'],
  ['Lysekils kommun', 'Närhälsan Lysekil vårdcentral', 'Lysekil'],
];
const cats = ['Hjälpmedel', 'SVPL', 'Läkemedel', 'Hemsjukvård', 'SIP', 'Informationsöverföring'];
const statuses = ['Ny', 'Pågående', 'Besvarad', 'Avslutad'];
const texts = [
  ['Rullstol och lyftsele saknades när patienten kom hem efter utskrivning.', 'Rutinen för beställning av hjälpmedel före hemgång ses över.'],
  ['Utskrivningsmeddelande kom efter att patienten lämnat sjukhuset.', 'Påminnelse till avdelningen om SVPL-rutinen.'],
  ['Läkemedelslista saknades vid överflyttning till korttidsboende.', 'Åtgärd: läkemedelsberättelse skickas alltid med.'],
  ['Hemsjukvården fick inte information om ändrad insulindos.', 'Informationsöverföringen förtydligas i lokal rutin.'],
  ['SIP-möte blev inte av trots kallelse, ingen från vårdcentralen deltog.', 'Kontaktperson för SIP utses på vårdcentralen.'],
];

function deviationsCsv(version: 1 | 2): string {
  const head = 'Ärendenummer;Registreringsdatum;Rapporterande enhet;Mottagande enhet;Kommun;Kategori;Allvarlighetsgrad;Status;Besvarad;Händelsebeskrivning;Åtgärd';
  const rows: string[] = [head];
  for (let i = 1; i <= 60; i++) {
    const [rep, rec, kommun] = orgs[i % orgs.length]!;
    const [desc, action] = texts[i % texts.length]!;
    let status = statuses[i % statuses.length]!;
    let answered = status === 'Besvarad' || status === 'Avslutad' ? day(-190 + i * 3) : '';
    // the second file answers case AV-2026-0004 (a new version in the history)
    if (version === 2 && i === 4) {
      status = 'Besvarad';
      answered = day(-20);
    }
    rows.push([`AV-2026-${String(i).padStart(4, '0')}`, day(-200 + i * 3), rep, rec, kommun, cats[i % cats.length], String((i % 4) + 1), status, answered, desc, action].join(';'));
  }
  return rows.join('\r\n') + '\r\n';
}

const test = base.extend<{ app: AppServer }>({
  app: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-cases-'));
    const db = path.join(dir, 'fyrbodal.samsyn');
    const init = await cli(['init', '--db', db, '--delregion', 'fyrbodal']);
    expect(init.code, init.stderr).toBe(0);
    for (const v of [1, 2] as const) {
      const f = path.join(dir, `avvikelser-v${v}.csv`);
      fs.writeFileSync(f, deviationsCsv(v));
      const imp = await cli(['import', 'deviations', f, '--db', db]);
      expect(imp.code, imp.stderr + imp.stdout).toBe(0);
    }
    const server = await startServer({ db });
    await use(server);
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

// Swedish date fields (ÅÅÅÅ-MM-DD) in the screenshots: Chromium formats <input type=date> by its UI language.
test.use({
  launchOptions: {
    executablePath: process.env.SAMSYN_CHROMIUM ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=sv-SE'],
    env: { ...process.env, LANG: 'sv_SE.UTF-8', LANGUAGE: 'sv_SE:sv' },
  },
});

test('deviations list, a dispute through the escalation ladder, a lesson, a precedent and diacritic-free search', async ({ page, app }) => {
  test.setTimeout(120_000);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.appUrl);
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });

  // ---- Avvikelser: list, filters in the URL, paging, detail with history
  await nav.getByRole('link', { name: 'Avvikelser' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Avvikelser' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '60 avvikelser' })).toBeVisible();
  await expect(page.locator('table.case-table tbody tr')).toHaveCount(50);
  await page.getByRole('button', { name: 'Nästa sida' }).click();
  await expect(page.locator('table.case-table tbody tr')).toHaveCount(10);
  await expect(page.getByText('Rad 51–60 av 60')).toBeVisible();
  // open a case from page 2 and go back: still page 2
  await page.locator('table.case-table tbody tr').first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Avvikelse AV-/ })).toBeVisible();
  await page.goBack();
  await expect(page.getByText('Rad 51–60 av 60')).toBeVisible();
  await expect(page.locator('table.case-table tbody tr')).toHaveCount(10);
  await page.getByRole('button', { name: 'Föregående' }).click();
  await expect(page.getByText('Rad 1–50 av 60')).toBeVisible();
  // sort by date (header button with aria-sort)
  const dateHeader = page.getByRole('columnheader', { name: /Rapporterad/ });
  await expect(dateHeader).toHaveAttribute('aria-sort', 'descending');
  await dateHeader.getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: /Rapporterad/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('table.case-table tbody tr').first().getByRole('rowheader')).toHaveText('AV-2026-0001');
  // filter by category and free text; the filters land in the URL
  await page.getByText('Filter: period, område, part, status').click();
  await page.getByLabel('Kategori').selectOption('hjalpmedel');
  await page.getByLabel('Sök i avvikelsernas text').fill('rullstol');
  await page.getByRole('button', { name: 'Sök och filtrera' }).click();
  await expect(page).toHaveURL(/kategori=hjalpmedel/);
  await expect(page).toHaveURL(/q=rullstol/);
  await expect(page.getByRole('status').filter({ hasText: /avvikelser? med valda filter/ })).toBeVisible();
  await page.getByRole('link', { name: /Rensa filter/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '60 avvikelser.' })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'avvikelser.png'), fullPage: false });
  // CSV export of the current list comes as a download
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportera till CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  await expect(page.getByText(/60 rader exporterades/)).toBeVisible();
  // a deviation with an earlier version from the first file
  await page.getByRole('columnheader', { name: /Rapporterad/ }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: /Rapporterad/ })).toHaveAttribute('aria-sort', 'ascending');
  await page.getByRole('link', { name: 'AV-2026-0004', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Avvikelse AV-2026-0004' })).toBeVisible();
  const history = page.getByRole('region', { name: 'Historik från importer' });
  await expect(history.getByText('avvikelser-v2.csv').first()).toBeVisible();
  await expect(history.getByRole('rowheader', { name: 'Status' })).toBeVisible();
  await page.screenshot({ path: path.join(ROOT, '.tmp', 'avvikelse-vy.png'), fullPage: true });

  // ---- Ny oenighet by hand
  await nav.getByRole('link', { name: 'Oenighet och tvist' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Oenighet och tvist' })).toBeVisible();
  await page.getByRole('link', { name: 'Ny oenighet', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ny oenighet' })).toBeVisible();
  await page.getByLabel('Datum då oenigheten uppstod').fill(day(-90));
  await page.getByLabel('Ärende-id (valfritt – skapas annars)').fill('OT-2026-17');
  await page.locator('#party-A').fill('Uddevalla kommun');
  await page.locator('#party-A-type').selectOption('kommun');
  await page.locator('#party-B').fill('NU-sjukvården');
  await page.locator('#party-B-type').selectOption('region');
  await page.getByLabel('Avtalsområde').selectOption('hjalpmedel');
  await page.getByLabel(/Sammanfattning/).fill('Parterna är oeniga om vem som ska förskriva och bekosta ett hjälpmedel (elrullstol) vid utskrivning, och om vilken åtgärd som krävs före hemgång.');
  await page.getByLabel(/Kopplade avvikelser/).fill('AV-2026-0004');
  await page.getByRole('button', { name: 'Registrera oenigheten' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Oenighet OT-2026-17' })).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Eskaleringstrappan' });
  await expect(timeline.getByRole('listitem')).toHaveCount(4);
  await expect(timeline.locator('[aria-current="step"]')).toContainText('Steg 1');

  // ---- Ändra uppgifter: the core's refusal is shown; then a new summary and principled character
  await page.getByRole('button', { name: 'Ändra uppgifter' }).click();
  const editForm = page.getByRole('form', { name: 'Ändra uppgifter' });
  await editForm.locator('#edit-party-B').fill('Uddevalla kommun');
  await editForm.getByRole('button', { name: 'Spara ändringarna' }).click();
  await expect(editForm.getByRole('alert')).toContainText('samma organisation');
  await editForm.locator('#edit-party-B').fill('NU-sjukvården');
  const newSummary = 'Parterna är oeniga om vem som ska förskriva och bekosta en elrullstol vid utskrivning.';
  await editForm.getByLabel(/Sammanfattning/).fill(newSummary);
  await editForm.getByLabel(/Principiell karaktär/).check();
  await editForm.getByRole('button', { name: 'Spara ändringarna' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Uppgifterna är sparade.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Frågan och lösningen' })).toContainText(newSummary);
  await expect(page.getByRole('region', { name: 'Uppgifter', exact: true }).getByText('Ja – kan lyftas till VVG')).toBeVisible();
  const editAudit = page.getByRole('region', { name: 'Ändringslogg' }).getByRole('row').filter({ has: page.getByRole('cell', { name: 'Ändrade uppgifter' }) });
  await expect(editAudit).toContainText('Sammanfattning');
  await expect(editAudit).toContainText(newSummary);
  await expect(editAudit).toContainText('Principiell');

  // ---- the list filtered on principled character
  await nav.getByRole('link', { name: 'Oenighet och tvist' }).click();
  await page.getByText('Filter: period, område, part, status').click();
  await page.getByLabel('Principiell karaktär').selectOption('ja');
  await page.getByRole('button', { name: 'Använd filter' }).click();
  await expect(page).toHaveURL(/principiell=ja/);
  await expect(page.getByRole('status').filter({ hasText: '1 ärende med valda filter.' })).toBeVisible();
  await page.getByRole('link', { name: 'OT-2026-17', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Oenighet OT-2026-17' })).toBeVisible();

  // the core's validation message is shown: steg 2 before the opening date
  await page.getByRole('button', { name: 'Eskalera till steg 2' }).click();
  await page.getByLabel('Datum för eskaleringen').fill(day(-100));
  await page.getByRole('button', { name: 'Eskalera', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('före');
  // escalate twice
  await page.getByLabel('Datum för eskaleringen').fill(day(-75));
  await page.getByRole('button', { name: 'Eskalera', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'eskalerat till steg 2' })).toBeVisible();
  await expect(timeline.locator('[aria-current="step"]')).toContainText('Steg 2');
  await page.getByRole('button', { name: 'Eskalera till steg 3' }).click();
  await page.getByLabel('Datum för eskaleringen').fill(day(-60));
  await page.getByLabel('Anteckning (valfri)').fill('Lyft till förbundsdirektör och hälso- och sjukvårdsdirektör');
  await page.getByRole('button', { name: 'Eskalera', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tvist OT-2026-17' })).toBeVisible();
  await expect(timeline.locator('[aria-current="step"]')).toContainText('Steg 3');
  // temporary solution
  await page.getByRole('button', { name: 'Registrera tillfällig lösning' }).click();
  await page.getByLabel('Beskrivning').fill('Kommunen lånar ut en elrullstol ur sitt korttidsförråd tills frågan är avgjord.');
  await page.getByLabel('Datum', { exact: true }).fill(day(-58));
  await page.getByRole('button', { name: 'Spara tillfällig lösning' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'tillfälliga lösningen är registrerad' })).toBeVisible();
  // resolve with an outcome and an economic settlement
  await page.getByRole('button', { name: 'Lös ärendet' }).click();
  await page.getByLabel('Utfall').selectOption('ekonomisk_reglering');
  await page.getByLabel('Löst på steg').selectOption('3');
  await page.getByLabel('Datum', { exact: true }).fill(day(-30));
  await page.getByLabel(/Ekonomisk reglering, belopp/).fill('18 500');
  await page.getByRole('button', { name: 'Markera som löst' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ärendet är löst.' })).toBeVisible();
  await expect(timeline.getByRole('listitem').nth(3)).toContainText('Ekonomisk reglering');
  await expect(timeline.getByRole('listitem').nth(0)).toContainText('15 dagar');
  await expect(timeline.getByRole('listitem').nth(1)).toContainText('15 dagar');
  await expect(timeline.getByRole('listitem').nth(2)).toContainText('30 dagar');
  await expect(page.getByText('18 500 kr')).toBeVisible();
  const audit = page.getByRole('region', { name: 'Ändringslogg' });
  await expect(audit.getByRole('cell', { name: 'Löste ärendet' })).toBeVisible();
  await expect(audit.getByRole('cell', { name: 'Eskalerade' })).toHaveCount(2);

  // a lesson on the dispute
  await page.getByRole('button', { name: 'Skriv en lärdom' }).click();
  await page.getByLabel('Lärdom', { exact: true }).fill('Hjälpmedel måste vara beställda och levererade innan utskrivning; åtgärd före hemgång stäms av i SVPL.');
  await page.getByLabel('Orsakskategori').selectOption('ansvar_oklart');
  await page.getByRole('button', { name: 'Spara lärdomen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Lärdomen är sparad.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lärdomar' }).getByText('Ansvarsfördelning oklar')).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'tvist.png'), fullPage: false });
  await page.screenshot({ path: path.join(ROOT, '.tmp', 'tvist-hel.png'), fullPage: true });

  // ---- make it a precedent, review it and mark it vägledande
  await page.getByRole('button', { name: 'Skapa vägledande fall' }).click();
  await page.getByLabel(/Rubrik/).fill('Hjälpmedel vid utskrivning: förskrivaren ansvarar till leverans');
  await page.getByLabel(/Princip/).fill('Vid utskrivning ansvarar den förskrivande vårdgivaren för att hjälpmedlet är levererat innan patienten kommer hem.');
  await page.getByRole('button', { name: 'Skapa utkast' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /förskrivaren ansvarar/ })).toBeVisible();
  // back on the case, the draft is offered instead of a second identical one
  await page.goBack();
  await expect(page.getByTestId('precedent-draft-exists')).toContainText('förskrivaren ansvarar');
  await expect(page.getByRole('button', { name: 'Skapa vägledande fall' })).toHaveCount(0);
  await page.getByTestId('precedent-draft-exists').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: /förskrivaren ansvarar/ })).toBeVisible();
  await expect(page.getByText('Utkast', { exact: false }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Granska' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Status: Granskad.' })).toBeVisible();
  await page.getByRole('button', { name: 'Gör vägledande' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Status: Vägledande.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lärdomar' })).toContainText('Hjälpmedel måste vara beställda');
  await page.screenshot({ path: path.join(ROOT, '.tmp', 'prejudikat-vy.png'), fullPage: true });

  // ---- a patientfall written directly, which supersedes nothing yet; the first one is then ersatt by it
  await nav.getByRole('link', { name: 'Lärdomar och vägledande fall' }).click();
  await page.getByRole('link', { name: 'Nytt vägledande fall', exact: true }).click();
  await page.getByLabel('Rubrik').fill('Siv, 72 år: hjälpmedel och hemgång');
  await page.getByLabel('Avtalsområde').selectOption('hjalpmedel');
  await page.getByLabel(/Fakta/).fill('Siv, 72 år, skrivs ut från sjukhus med nyförskriven elrullstol.');
  await page.getByLabel(/Princip/).fill('Vid utskrivning ansvarar förskrivaren för hjälpmedlet tills det är levererat och utprovat.');
  await page.getByRole('button', { name: 'Lägg till vägskäl' }).click();
  await page.getByLabel('Vägskäl 1: fråga').fill('Är hjälpmedlet levererat före hemgång?');
  await page.getByLabel('Vägskäl 1: vägledning').fill('Nej: skjut upp hemgången eller ordna ett tillfälligt lån.');
  await page.getByRole('button', { name: 'Spara som utkast' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Siv, 72 år: hjälpmedel och hemgång' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Vägskäl' })).toContainText('Är hjälpmedlet levererat');
  await nav.getByRole('link', { name: 'Lärdomar och vägledande fall' }).click();
  await page.getByRole('link', { name: /förskrivaren ansvarar/ }).click();
  await page.getByLabel('Ersätt med').selectOption({ label: 'Siv, 72 år: hjälpmedel och hemgång (Utkast)' });
  await page.getByRole('button', { name: 'Ersätt med valt fall …' }).click();
  const dialog = page.getByRole('dialog', { name: 'Markera fallet som ersatt?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Markera som ersatt' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'Ersatt' })).toContainText('Siv, 72 år');

  await nav.getByRole('link', { name: 'Lärdomar och vägledande fall' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lärdomar och vägledande fall' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lärdomar per period' })).toContainText('Hjälpmedel måste vara beställda');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'larande.png'), fullPage: false });

  // ---- search without diacritics
  await nav.getByRole('link', { name: 'Sök' }).click();
  await page.getByLabel('Sökord').fill('atgard');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page).toHaveURL(/#\/sok\?q=atgard/);
  const hits = page.getByRole('list', { name: 'Sökträffar' });
  await expect(hits.locator('mark', { hasText: /åtgärd/i }).first()).toBeVisible();
  await expect(hits.getByRole('link', { name: /OT-2026-17/ }).first()).toBeVisible();
  await page.getByLabel('Sökord').fill('hjalpmedel');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(hits.locator('mark', { hasText: /hjälpmedel/i }).first()).toBeVisible();
  await expect(hits.getByRole('link', { name: /förskrivaren ansvarar/ })).toBeVisible();
  await expect(hits).toContainText('Vägledande fall');
  await expect(page.getByRole('status').filter({ hasText: /träffar för ”hjalpmedel”/ })).toBeVisible();
  // the screenshot: several kinds of hits for two words without diacritics
  await page.getByLabel('Sökord').fill('forskriv hjalpmedel');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /för ”forskriv hjalpmedel”/ })).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'sok.png'), fullPage: false });
  // a hit leads to the item
  await hits.getByRole('link', { name: /förskrivaren ansvarar/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /förskrivaren ansvarar/ })).toBeVisible();

  expect(errors).toEqual([]);
});

// A list too large to count on every page: the count stops at 10 000 and says so; "Räkna exakt" counts all.
const bigTest = base.extend<{ big: AppServer }>({
  big: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-big-'));
    const db = path.join(dir, 'fyrbodal.samsyn');
    const csv = path.join(dir, 'avvikelser.csv');
    for (const args of [
      ['generate', '--out', csv, '--rows', '20000', '--seed', '5'],
      ['init', '--db', db, '--delregion', 'fyrbodal'],
      ['import', 'deviations', csv, '--db', db],
    ]) {
      const r = await cli(args);
      expect(r.code, r.stderr + r.stdout).toBe(0);
    }
    const server = await startServer({ db });
    await use(server);
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

bigTest('a list over 10 000 says "över 10 000" and counts exactly on request; a broad search says how it ranked', async ({ page, big }) => {
  bigTest.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(big.appUrl);
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await nav.getByRole('link', { name: 'Avvikelser' }).click();
  // no filter: one index range, counted exactly
  await expect(page.getByRole('status').filter({ hasText: '20 000 avvikelser.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Räkna exakt' })).toHaveCount(0);
  // every generated case id starts with MC: 20 000 text matches, counted to 10 000
  await page.getByLabel('Sök i avvikelsernas text').fill('MC');
  await page.getByRole('button', { name: 'Sök och filtrera' }).click();
  const count = page.getByRole('status').filter({ hasText: /avvikelser med valda filter/ });
  await expect(count).toHaveText(/^Över 10\s000 avvikelser med valda filter\.$/);
  await expect(page.getByText('Rad 1–50 av över 10 000')).toBeVisible();
  expect(await axe(page, 'avvikelser över 10 000')).toEqual([]);
  await page.getByRole('button', { name: 'Räkna exakt' }).click();
  await expect(count).toHaveText(/^20\s000 avvikelser med valda filter \(räknat exakt\)\.$/);
  await expect(page.getByText('Rad 1–50 av 20 000')).toBeVisible();
  await page.getByRole('button', { name: 'Nästa sida' }).click();
  await expect(page.getByText('Rad 51–100 av 20 000')).toBeVisible();

  // a broad search: "över 10 000 träffar", and which hits were ranked
  await nav.getByRole('link', { name: 'Sök' }).click();
  await page.getByLabel('Sökord').fill('patienten');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Över 10 000 träffar för ”patienten”' })).toContainText('de 10 000 senast inlästa avvikelserna');
  await expect(page.getByRole('list', { name: 'Sökträffar' }).getByRole('listitem')).toHaveCount(100);
  expect(await axe(page, 'sök över 10 000')).toEqual([]);
  // a narrower search is counted and ranked in full
  await page.getByLabel('Sökord').fill('patienten insulin');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^[\d\s]+ träffar för ”patienten insulin” – de 100 bästa visas, bäst först\.$/ })).toBeVisible();
  // more of them on request (the contract's 200), and the lists for all of them
  await page.getByRole('button', { name: 'Visa fler träffar (upp till 200)' }).click();
  await expect(page).toHaveURL(/antal=200/);
  await expect(page.getByRole('status').filter({ hasText: /de 200 bästa visas/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Sökträffar' }).getByRole('listitem')).toHaveCount(200);
  await expect(page.getByRole('button', { name: /Visa fler träffar/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Avvikelser', exact: true }).last()).toHaveAttribute('href', /#\/avvikelser\?q=patienten%20insulin/);
  expect(errors).toEqual([]);
});
