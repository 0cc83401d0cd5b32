import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test as base, expect, startServer, cli, SCREENSHOTS, type AppServer } from './fixtures';

/** Two workspaces (Fyrbodal sends, Skaraborg receives), each served in browser mode. */
const test = base.extend<{ a: AppServer; b: AppServer; dir: string }>({
  dir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-e2e-lib-'));
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  a: async ({ dir }, use) => {
    const db = path.join(dir, 'fyrbodal.samsyn');
    const r = await cli(['init', '--db', db, '--delregion', 'fyrbodal']);
    expect(r.code, r.stderr).toBe(0);
    const s = await startServer({ db });
    await use(s);
    await s.stop();
  },
  b: async ({ dir }, use) => {
    const db = path.join(dir, 'skaraborg.samsyn');
    const r = await cli(['init', '--db', db, '--delregion', 'skaraborg']);
    expect(r.code, r.stderr).toBe(0);
    const s = await startServer({ db });
    await use(s);
    await s.stop();
  },
});

/** Calls the API from the page (same token and transport as the UI). */
async function api<T = unknown>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      // Runs in the page (node tsconfig has no DOM types).
      const token = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('samsyn.token') ?? '';
      const res = await fetch(`/api/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-samsyn-token': token }, body: JSON.stringify(i) });
      const j = (await res.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
      if (!j.ok) throw new Error(`${m}: ${j.error?.message}`);
      return j.data;
    },
    [method, input] as const,
  ) as Promise<T>;
}

async function guiding(page: Page, p: { title: string; facts: string; principle: string; area?: string }): Promise<string> {
  const created = await api<{ id: string }>(page, 'precedents.create', {
    kind: 'ärende',
    title: p.title,
    area: p.area ?? 'in_utskrivning',
    facts: p.facts,
    question: 'Vem ansvarar?',
    resolution: 'Parterna enades på steg 2.',
    principle: p.principle,
  });
  await api(page, 'precedents.setStatus', { id: created.id, status: 'granskad' });
  await api(page, 'precedents.setStatus', { id: created.id, status: 'vägledande' });
  return created.id;
}

async function exportLibrary(page: Page, file: string) {
  await page.goto(page.url().replace(/#.*$/, '#/bibliotek'));
  await expect(page.getByRole('heading', { level: 1, name: 'Bibliotek' })).toBeVisible();
  // The precedent with a planted identity number is preselected (vägledande) but would block the export.
  const sip = page.getByLabel('Välj SIP som inte kallades');
  await expect(sip).toBeChecked();
  await sip.uncheck();
  const publisher = page.getByLabel('Avsändarens namn i filen (valfritt)');
  await publisher.fill('Processledare Fyrbodal');
  const download = page.waitForEvent('download', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Exportera bibliotek' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/\.samsyn-bibliotek\.json$/);
  await d.saveAs(file);
  await expect(page.getByText('Biblioteksfilen är klar:')).toBeVisible();
}

test('export a library from Fyrbodal, import it in Skaraborg, trust, apply, resolve a conflict', async ({ page, a, b, dir }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file1 = path.join(dir, 'fyrbodal-1.samsyn-bibliotek.json');
  const file2 = path.join(dir, 'fyrbodal-2.samsyn-bibliotek.json');

  // --- Fyrbodal: three guiding precedents, one with planted personal data (a phone number: an
  // identity number typed in the app is already stored as a token, see the check below).
  await page.goto(a.appUrl);
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
  const p1 = await guiding(page, {
    title: 'Läkemedelslista vid utskrivning',
    facts: 'Patienten skrevs ut en fredag utan aktuell läkemedelslista.',
    principle: 'Vid utskrivning ansvarar slutenvården för att en aktuell läkemedelslista följer med patienten.',
  });
  await guiding(page, {
    title: 'Hjälpmedel i hemmet efter utskrivning',
    facts: 'Säng saknades vid hemgång.',
    principle: 'Den som förskriver hjälpmedlet ansvarar för att det finns på plats vid hemgång.',
    area: 'hjalpmedel',
  });
  await guiding(page, {
    title: 'SIP som inte kallades',
    facts: 'Patient 811218-9876 fick ingen SIP trots behov; anhörig nås på 070-123 45 67.',
    principle: 'Den part som först ser behovet kallar till SIP.',
    area: 'sip',
  });

  // The de-identification check blocks the export and points at the precedent.
  await page.goto(a.appUrl.replace(/#.*$/, '#/bibliotek'));
  await expect(page.getByRole('status').filter({ hasText: '3 av 3 valda' })).toBeVisible();
  await page.getByRole('button', { name: 'Exportera bibliotek' }).click();
  const blocked = page.getByRole('alert').filter({ hasText: 'Exporten stoppades' });
  await expect(blocked).toBeVisible();
  await expect(blocked.getByRole('link', { name: 'SIP som inte kallades' })).toHaveAttribute('href', /#\/larande\/prejudikat\/[0-9a-f-]{36}$/);
  await expect(blocked).toContainText('telefonnummer');
  await expect(blocked).not.toContainText('123 45 67');
  // the identity number itself never reached the database: the precedent shows the person's token
  const sip = (await api<{ precedents: { title: string; id: string }[] }>(page, 'precedents.list', { limit: 50 })).precedents.find((p) => p.title === 'SIP som inte kallades')!;
  const stored = await api<{ facts: string }>(page, 'precedents.get', { id: sip.id });
  expect(stored.facts).toMatch(/^Patient \[PNR-[A-Z2-7]{6}\] fick ingen SIP/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'bibliotek-export-stoppad.png'), fullPage: true });

  // Leave it out and export the other two.
  await exportLibrary(page, file1);
  const ownFingerprint = (await api<{ fingerprint: string }>(page, 'library.ownKey', {})).fingerprint;
  expect(ownFingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);

  // --- Skaraborg: preview shows the publisher and its fingerprint, untrusted.
  await page.goto(b.appUrl);
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Bibliotek' }).click();
  await page.getByRole('navigation', { name: 'Bibliotek' }).getByRole('link', { name: 'Läs in' }).click();
  await page.getByLabel('Biblioteksfil (.samsyn-bibliotek.json)').setInputFiles(file1);
  const card = page.getByRole('region', { name: 'Avsändare' });
  await expect(card).toContainText('Processledare Fyrbodal');
  await expect(card).toContainText('Fyrbodal');
  await expect(card).toContainText('Okänd avsändare');
  await expect(card.locator('.fingerprint').first()).toHaveText(ownFingerprint.replace(/ /g, ''));
  await expect(page.getByRole('heading', { name: 'Nya (2)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Läs in' })).toBeDisabled();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'bibliotek.png'), fullPage: true });

  await card.getByRole('button', { name: 'Lita på avsändaren' }).click();
  await expect(card).toContainText('Du har valt att lita på avsändaren');
  await page.getByRole('button', { name: 'Läs in' }).click();
  await expect(page.getByRole('heading', { name: 'Inläst' })).toBeVisible();
  await expect(page.getByText(/2 nya och 0 uppdaterade vägledande fall lästes in/)).toBeVisible();

  // Trusted publishers list shows the key.
  await page.getByRole('navigation', { name: 'Bibliotek' }).getByRole('link', { name: 'Betrodda avsändare' }).click();
  await expect(page.getByRole('row', { name: /Processledare Fyrbodal/ })).toContainText('Fyrbodal');

  // --- Prepare a conflict: both sides edit the same precedent.
  await api(page, 'precedents.update', { id: p1, principle: 'Skaraborgs tolkning: vårdcentralen stämmer av läkemedelslistan inom en vecka.' });
  await page.goto(a.appUrl.replace(/#.*$/, '#/oversikt'));
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
  await api(page, 'precedents.update', {
    id: p1,
    principle: 'Vid utskrivning ansvarar slutenvården för läkemedelslistan; kommunen meddelas samma dag.',
    resolution: 'Parterna enades på steg 2; rutinen förtydligades.',
  });
  await exportLibrary(page, file2);

  await page.goto(b.appUrl.replace(/#.*$/, '#/bibliotek/las-in'));
  await page.getByLabel('Biblioteksfil (.samsyn-bibliotek.json)').setInputFiles(file2);
  await expect(page.getByRole('region', { name: 'Avsändare' })).toContainText('Betrodd avsändare');
  await expect(page.getByRole('heading', { name: 'Konflikter (1)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Identiska (1)' })).toBeVisible();
  await page.getByRole('button', { name: 'Läs in' }).click();
  await expect(page.getByText(/1 konflikter väntar på ditt beslut/)).toBeVisible();
  await page.getByRole('link', { name: 'Lös konflikterna' }).click();

  const conflict = page.getByRole('article', { name: 'Läkemedelslista vid utskrivning' });
  await expect(conflict.getByRole('row', { name: /^Princip \(skiljer sig\)/ })).toContainText('Skaraborgs tolkning');
  await expect(conflict.getByRole('row', { name: /^Princip \(skiljer sig\)/ })).toContainText('kommunen meddelas samma dag');
  await expect(conflict.getByRole('row', { name: /^Lösning \(skiljer sig\)/ })).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'bibliotek-konflikt.png'), fullPage: true });
  await conflict.getByRole('button', { name: 'Ta deras' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ta deras version?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Ta deras' }).click();
  await expect(page.getByText(/har nu avsändarens version/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Inga olösta konflikter' })).toBeVisible();
  const after = await api<{ principle: string }>(page, 'precedents.get', { id: p1 });
  expect(after.principle).toContain('kommunen meddelas samma dag');

  // Importing the same file again changes nothing.
  await page.getByRole('navigation', { name: 'Bibliotek' }).getByRole('link', { name: 'Läs in' }).click();
  await page.getByLabel('Biblioteksfil (.samsyn-bibliotek.json)').setInputFiles(file2);
  await expect(page.getByRole('heading', { name: 'Identiska (2)' })).toBeVisible();
});

test('a tampered library file is refused with one Swedish sentence', async ({ page, a, dir }) => {
  await page.goto(a.appUrl);
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
  await guiding(page, { title: 'Vårdhygien vid hemsjukvård', facts: 'Smitta i hemmet.', principle: 'Den som utför insatsen följer basala hygienrutiner.', area: 'vardhygien' });
  const exported = await api<{ status: string; content: string }>(page, 'library.export', {});
  expect(exported.status).toBe('ok');
  const tampered = path.join(dir, 'andrad.samsyn-bibliotek.json');
  fs.writeFileSync(tampered, exported.content.replace('basala hygienrutiner', 'egna rutiner'));
  await page.goto(a.appUrl.replace(/#.*$/, '#/bibliotek/las-in'));
  await page.getByLabel('Biblioteksfil (.samsyn-bibliotek.json)').setInputFiles(tampered);
  await expect(page.getByRole('alert')).toContainText('Filen lästes inte in.');
  await expect(page.getByRole('alert')).toContainText('ändrats');
  await expect(page.getByRole('button', { name: 'Läs in' })).toHaveCount(0);
  // Not JSON at all.
  const junk = path.join(dir, 'inte-json.json');
  fs.writeFileSync(junk, 'detta är ingen biblioteksfil');
  await page.getByLabel('Biblioteksfil (.samsyn-bibliotek.json)').setInputFiles(junk);
  await expect(page.getByRole('alert')).toContainText('Filen lästes inte in.');
});
