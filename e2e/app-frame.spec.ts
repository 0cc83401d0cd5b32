import fs from 'node:fs';
import path from 'node:path';
import { test, expect, SCREENSHOTS } from './fixtures';

const navLabels = ['Översikt', 'Import', 'Avvikelser', 'Oenighet och tvist', 'Lärdomar och vägledande fall', 'Sök', 'Bibliotek', 'Rapport', 'Inställningar', 'Hjälp'];

test('first start opens the demo workspace and every navigation item renders', async ({ page, server }) => {
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.goto(server.appUrl);
  await expect(page.getByText('Samsyn-demo-Fyrbodal.samsyn')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  for (const label of navLabels) {
    await nav.getByRole('link', { name: new RegExp(`^${label}`) }).click();
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
    await expect(page.getByText('kommer snart', { exact: false })).toHaveCount(0);
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await nav.getByRole('link', { name: 'Inställningar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'installningar.png'), fullPage: false });
  expect(failed).toEqual([]);
});

test('the API refuses calls without the launch token', async ({ request, server }) => {
  const res = await request.post(`${server.url}/api/workspace.current`, { data: {} });
  expect(res.status()).toBe(401);
});
