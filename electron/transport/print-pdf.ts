/**
 * The PDF printer of browser mode and the CLI: opens a renderer route in headless Chromium
 * (playwright-core, Debian's Chromium), waits for the route's ready signal
 * (`<html data-report-ready="true">`, set once the data is loaded and every chart is drawn —
 * never a fixed delay) and calls page.pdf(). One Chromium launch is reused for every print.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { PdfPrinter, PdfPrintRequest } from '../core/context';
import { UserError } from '../core/errors';

export const CHROMIUM_ENV = 'SAMSYN_CHROMIUM';
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Page geometry: A4 portrait, 15 mm side margins → 180 mm ≈ 680 CSS px of content. */
export const PDF_MARGINS = { top: '20mm', bottom: '18mm', left: '15mm', right: '15mm' };
export const PRINT_VIEWPORT = { width: 680, height: 1000 };
/** Longest wait for the ready signal. */
export const READY_TIMEOUT_MS = 60_000;

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Chromium to print with: $SAMSYN_CHROMIUM, else /usr/bin/chromium, else chromium/chromium-browser/google-chrome on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env[CHROMIUM_ENV];
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : null;
  if (isExecutable(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const p = path.join(dir, name);
      if (isExecutable(p)) return p;
    }
  }
  return null;
}

export function chromiumMissingMessage(env: NodeJS.ProcessEnv = process.env): string {
  const given = env[CHROMIUM_ENV];
  if (given) return `Chromium hittades inte på ${given} (miljövariabeln ${CHROMIUM_ENV}). Ange sökvägen till en körbar Chromium eller Chrome, t.ex. ${CHROMIUM_ENV}=/usr/bin/chromium.`;
  return `Ingen Chromium hittades för att skapa PDF (sökte ${DEFAULT_CHROMIUM} och ${PATH_NAMES.join(', ')} i PATH). Installera Chromium eller ange sökvägen med miljövariabeln ${CHROMIUM_ENV}, t.ex. ${CHROMIUM_ENV}=/usr/bin/chromium.`;
}

export interface ChromiumPrinterOptions {
  /** http://127.0.0.1:PORT of the in-process server that serves the built renderer and the API. */
  baseUrl: string;
  /** The server's per-launch token (put into sessionStorage, never into the URL). */
  token: string;
  executablePath?: string;
}

export interface ChromiumPrinter {
  print: PdfPrinter;
  /** Starts Chromium now (in parallel with other start-up work) instead of at the first print. */
  warm(): void;
  close(): Promise<void>;
}

/** A printer bound to a running HTTP server. Chromium is launched on the first print and reused. */
export function createChromiumPrinter(opts: ChromiumPrinterOptions): ChromiumPrinter {
  let browser: Promise<Browser> | null = null;
  const launch = async (): Promise<Browser> => {
    const executablePath = opts.executablePath ?? findChromium();
    if (!executablePath) throw new UserError(chromiumMissingMessage(), 'USER_ERROR');
    const { chromium } = await import('playwright-core');
    try {
      return await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    } catch (e) {
      throw new UserError(`Chromium (${executablePath}) kunde inte startas: ${(e as Error).message.split('\n')[0]}. Ange en annan med miljövariabeln ${CHROMIUM_ENV}.`);
    }
  };

  const start = () => {
    browser ??= launch().catch((e: unknown) => {
      browser = null;
      throw e;
    });
    return browser;
  };

  const print = async (req: PdfPrintRequest): Promise<Uint8Array> => {
    const launching = start();
    const trace = process.env.SAMSYN_PRINT_TRACE === '1' ? (what: string) => process.stderr.write(`[pdf] ${what} ${Date.now() - t0} ms\n`) : () => undefined;
    const t0 = Date.now();
    const b = await launching;
    trace('chromium');
    const context = await b.newContext({ viewport: PRINT_VIEWPORT, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', deviceScaleFactor: 1 });
    const onAbort = () => void context.close().catch(() => undefined);
    req.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // the token goes into sessionStorage before the app's scripts run (never into the URL)
      await context.addInitScript({ content: `try { sessionStorage.setItem('samsyn.token', ${JSON.stringify(opts.token)}); } catch (e) {}` });
      const page = await context.newPage();
      await page.emulateMedia({ media: 'print' });
      await page.goto(`${opts.baseUrl}/#${req.route}`, { waitUntil: 'domcontentloaded' });
      trace('loaded');
      // a selector wait needs no eval in the page (the app's CSP forbids it)
      await page.waitForSelector('html[data-report-ready="true"], html[data-report-error]', { state: 'attached', timeout: READY_TIMEOUT_MS });
      const routeError = await page.getAttribute('html', 'data-report-error');
      if (routeError) throw new UserError(`Rapporten kunde inte ritas: ${routeError}`);
      trace('ready');
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        tagged: true,
        outline: true,
        displayHeaderFooter: true,
        headerTemplate: req.headerTemplate,
        footerTemplate: req.footerTemplate,
        margin: PDF_MARGINS,
        preferCSSPageSize: false,
      });
      trace('pdf');
      return new Uint8Array(pdf);
    } catch (e) {
      if (req.signal?.aborted) throw new UserError('Avbrutet.', 'CANCELLED');
      if (e instanceof UserError) throw e;
      const msg = (e as Error).message.split('\n')[0] ?? String(e);
      throw new UserError(/Timeout/i.test(msg) ? 'Rapporten blev inte klar att skriva ut inom en minut.' : `PDF kunde inte skapas: ${msg}`);
    } finally {
      req.signal?.removeEventListener('abort', onAbort);
      await context.close().catch(() => undefined);
    }
  };

  return {
    print,
    warm: () => void start().catch(() => undefined),
    close: async () => {
      const b = browser;
      browser = null;
      if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
    },
  };
}
