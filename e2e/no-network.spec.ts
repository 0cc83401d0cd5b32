import { test, expect } from './fixtures';

// "The app makes no network request at all": every request the page makes while an analyst walks
// through every main screen goes to the app's own server on 127.0.0.1 (browser mode). In Electron
// the same holds by construction (app:// only; setUpSession cancels anything else; main.test.ts).
const screens = [
  { path: '/oversikt', heading: 'Översikt' },
  { path: '/import', heading: 'Import' },
  { path: '/avvikelser', heading: 'Avvikelser' },
  { path: '/tvister', heading: 'Oenighet och tvist' },
  { path: '/larande', heading: 'Lärdomar och vägledande fall' },
  { path: '/sok', heading: 'Sök' },
  { path: '/bibliotek', heading: 'Bibliotek' },
  { path: '/rapport', heading: 'Rapport' },
  { path: '/installningar', heading: 'Inställningar' },
  { path: '/hjalp', heading: 'Hjälp' },
];

test('the app makes no request outside its own origin on any main screen', async ({ page, context, server }) => {
  const own = new URL(server.url).origin;
  expect(new URL(server.url).hostname).toBe('127.0.0.1');
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(r.url()));

  await page.goto(server.appUrl);
  await expect(page.getByText('Samsyn-demo-Fyrbodal.samsyn')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  for (const s of screens) {
    await nav.getByRole('link', { name: new RegExp(`^${s.heading}`) }).click();
    await expect(page.getByRole('heading', { level: 1, name: s.heading })).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  // the workspace picker too
  await page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '#/arbetsyta';
  });
  await page.waitForLoadState('networkidle');

  const summary = [...new Set(requests.map((u) => u.replace(/#.*$/, '')))].sort();
  await test.info().attach('requests.txt', { body: summary.join('\n'), contentType: 'text/plain' });
  console.log(`${requests.length} anrop, ${summary.length} olika adresser:\n${summary.join('\n')}`);
  expect(requests.length).toBeGreaterThan(screens.length);
  const foreign = requests.filter((u) => new URL(u).origin !== own);
  expect(foreign, `anrop utanför ${own}`).toEqual([]);
  expect(failed).toEqual([]);
});
