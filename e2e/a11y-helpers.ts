import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { cli, expect, startServer, ROOT, type AppServer } from './fixtures';

/** Shared by a11y.spec.ts, keyboard.spec.ts and screenshots.spec.ts. */

export const FIXTURE_CSV = path.join(ROOT, 'e2e', 'fixtures', 'avvikelser-skaraborg.csv');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Chromium's own widgets (date fields) follow its UI language: run it in Swedish. */
export const swedishBrowser = {
  launchOptions: {
    executablePath: process.env.SAMSYN_CHROMIUM ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=sv-SE'],
    env: { ...process.env, LANG: 'sv_SE.UTF-8', LANGUAGE: 'sv_SE:sv' },
  },
};

export interface DemoApp {
  server: AppServer;
  dir: string;
  db: string;
  /** A signed library file from another delregion's demo workspace. */
  libraryFile: string;
  stop(): Promise<void>;
}

/** A demo workspace (Fyrbodal) served in browser mode; optionally a library file from a second demo (Skaraborg). */
export async function startDemo(opts: { library?: boolean } = {}): Promise<DemoApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-a11y-'));
  const db = path.join(dir, 'demo.samsyn');
  const r = await cli(['demo', '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  const libraryFile = path.join(dir, 'skaraborg.samsyn-bibliotek.json');
  if (opts.library) {
    const other = path.join(dir, 'skaraborg.samsyn');
    const o = await cli(['demo', '--db', other, '--delregion', 'skaraborg', '--seed', '2']);
    expect(o.code, o.stderr).toBe(0);
    const e = await cli(['library', 'export', '--db', other, '--out', libraryFile]);
    expect(e.code, e.stderr).toBe(0);
  }
  const server = await startServer({ db });
  return {
    server,
    dir,
    db,
    libraryFile,
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the page has its h1 and nothing is loading any more. */
export async function settle(page: Page): Promise<void> {
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0, { timeout: 20_000 });
  // one locator for "a chart still drawing": counting charts and then waiting on each raced a
  // navigation that removed them between the count and the wait
  await expect(page.locator('[data-chart-rendered]:not([data-chart-rendered="true"])')).toHaveCount(0, { timeout: 15_000 });
}

/** Opens a hash route in the running app (the token is already in sessionStorage after the first goto). */
export async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await expect(page).toHaveURL(new RegExp(`${hash.replace(/[?.*+^$()[\]{}|\\]/g, '\\$&')}$`));
  await settle(page);
}

export interface Finding {
  screen: string;
  rule: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/** Runs axe (WCAG 2.1 A + AA) on the current page state. */
export async function axe(page: Page, screen: string): Promise<Finding[]> {
  const res = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return res.violations.map((v) => ({
    screen,
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 6).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ').slice(0, 260)}`),
  }));
}

/** English UI words (and leaked JS values) that must never show in the Swedish UI. */
export const ENGLISH = /\b(Loading|Error|Submit|Cancel|Choose File|No file chosen|Save|Delete|Search|Next|Previous|undefined|NaN|null|Invalid Date|January|February|March|June|July|August|October|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;

/** English words found in the visible text of the page (with a little context). */
export async function englishWords(page: Page, screen: string): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const out: string[] = [];
  const re = new RegExp(ENGLISH.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(`${screen}: ”${m[0]}” i ”…${text.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, ' ')}…”`);
  return out;
}

/**
 * Reflow (WCAG 1.4.10): the page body must not scroll sideways, and no visible element may stick out
 * past the right edge of the viewport unless it sits inside its own scroll container (data tables).
 */
export async function reflowProblems(page: Page, screen: string): Promise<string[]> {
  const res = await page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`sidan rullar i sidled (${doc.scrollWidth} > ${doc.clientWidth} px)`);
    const vw = doc.clientWidth;
    const inScroller = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
      }
      return false;
    };
    const seen = new Set<Element>();
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right <= vw + 1 && r.left >= -1) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.position === 'fixed') continue;
      if (el.closest('.visually-hidden, .skip-link, [hidden], dialog:not([open])')) continue;
      const details = el.parentElement?.closest('details');
      if (details && !details.open && !el.closest('summary')) continue;
      if (inScroller(el)) continue;
      // report the outermost offender only
      if (el.parentElement && seen.has(el.parentElement)) {
        seen.add(el);
        continue;
      }
      seen.add(el);
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
      out.push(`${name} går utanför (${Math.round(r.left)}–${Math.round(r.right)} px av ${vw}): ”${(el.textContent ?? '').trim().slice(0, 50)}”`);
    }
    return out.slice(0, 10);
  });
  return res.map((r) => `${screen}: ${r}`);
}

/** Opens every definition (InfoTip) on the page in turn and reports those that do not fit in the viewport. */
export async function infoTipProblems(page: Page, screen: string): Promise<string[]> {
  const out: string[] = [];
  const tips = page.locator('details.infotip');
  const n = await tips.count();
  for (let i = 0; i < n; i++) {
    const tip = tips.nth(i);
    await tip.locator('summary').click();
    const measure = () =>
      tip.locator('.infotip-body').evaluate((el) => {
        const b = el.getBoundingClientRect();
        return { left: b.left, right: b.right, vw: document.documentElement.clientWidth };
      });
    // The panel is placed in the 'toggle' event, which fires a task after the click: give it
    // up to 2 s to settle inside the window before judging.
    let r = await measure();
    for (let tries = 0; tries < 20 && (r.left < -1 || r.right > r.vw + 1); tries++) {
      await page.waitForTimeout(100);
      r = await measure();
    }
    if (r.left < -1 || r.right > r.vw + 1) out.push(`${screen}: definition ${i + 1} går utanför (${Math.round(r.left)}–${Math.round(r.right)} px av ${r.vw})`);
    await tip.locator('summary').click();
  }
  return out;
}

export interface FocusInfo {
  desc: string;
  visible: boolean;
  indicator: boolean;
  inDialog: boolean;
  tag: string;
}

/** What has focus, and whether it is visible with a focus indicator (outline ≥ 2 px or a box-shadow ring). */
export async function focusInfo(page: Page): Promise<FocusInfo> {
  return page.evaluate(() => {
    let el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return { desc: 'body', visible: false, indicator: false, inDialog: false, tag: 'body' };
    const tag = el.tagName.toLowerCase();
    const desc = `${tag}${el.id ? `#${el.id}` : ''} ”${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}”`;
    const inDialog = !!el.closest('dialog[open]');
    // the file picker's real input is transparent: its visible button carries the focus ring
    if (el instanceof HTMLInputElement && el.type === 'file' && el.nextElementSibling) el = el.nextElementSibling as HTMLElement;
    const cs = getComputedStyle(el);
    const indicator = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || (!!cs.boxShadow && cs.boxShadow !== 'none');
    const r = el.getBoundingClientRect();
    const visible = r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && r.bottom > 0 && r.right > 0 && r.left < window.innerWidth && r.top < window.innerHeight;
    return { desc: `${desc}${visible ? '' : ` [utanför fönstret: ${Math.round(r.top)},${Math.round(r.left)} ${Math.round(r.width)}×${Math.round(r.height)}]`}${indicator ? '' : ' [ingen fokusmarkering]'}`, visible, indicator, inDialog, tag };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the target has focus; every stop on the way must show a visible
 * focus indicator. Throws if the target is not reached within `max` presses.
 */
export async function tabTo(page: Page, target: import('@playwright/test').Locator, opts: { back?: boolean; max?: number } = {}): Promise<void> {
  const max = opts.max ?? 150;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const f = await focusInfo(page);
    if (f.tag !== 'body') expect(f.visible && f.indicator, `fokus syns inte på ${f.desc}`).toBe(true);
    if (await target.evaluateAll((els) => (els as Element[]).includes(document.activeElement as Element))) return;
  }
  throw new Error(`nådde inte ${target} med ${opts.back ? 'Skift+Tabb' : 'Tabb'} (${max} tryck)`);
}
