/**
 * The Electron shell's PDF printer: the report's print route in a hidden window (same preload,
 * same security settings as the main window), waiting for the route's ready signal
 * (`<html data-report-ready="true">`, never a fixed delay), then webContents.printToPDF with a
 * tagged PDF, an outline, and the page header/footer templates ("Sida x av y", as-of date).
 * Cannot run on machines without an Electron runtime; it is type-checked there.
 */
import { BrowserWindow } from 'electron';
import type { PdfPrinter, PdfPrintRequest } from '../core/context';
import { UserError } from '../core/errors';
import { APP_ORIGIN, secureWebPreferences } from './window';

/** 15 mm side margins → 180 mm ≈ 680 CSS px content (the print layout's width). Inches. */
const MARGINS = { top: 20 / 25.4, bottom: 18 / 25.4, left: 15 / 25.4, right: 15 / 25.4 };
const READY_TIMEOUT_MS = 60_000;

// Runs in the page: resolves with null when ready, or the route's error message. No timers.
const WAIT_FOR_READY = `new Promise((resolve) => {
  const html = document.documentElement;
  const check = () => {
    if (html.dataset.reportError) { resolve(html.dataset.reportError); return true; }
    if (html.dataset.reportReady === 'true') { resolve(null); return true; }
    return false;
  };
  if (check()) return;
  const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
  mo.observe(html, { attributes: true, attributeFilter: ['data-report-ready', 'data-report-error'] });
})`;

export function createElectronPrinter(preloadPath: string): PdfPrinter {
  return async (req: PdfPrintRequest): Promise<Uint8Array> => {
    const win = new BrowserWindow({
      show: false,
      width: 794,
      height: 1123,
      webPreferences: { ...secureWebPreferences(preloadPath), offscreen: false },
    });
    const onAbort = () => {
      if (!win.isDestroyed()) win.destroy();
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    try {
      await win.loadURL(`${APP_ORIGIN}/index.html#${req.route}`);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new UserError('Rapporten blev inte klar att skriva ut inom en minut.')), READY_TIMEOUT_MS);
      });
      const error = (await Promise.race([win.webContents.executeJavaScript(WAIT_FOR_READY, true), timeout])) as string | null;
      if (error) throw new UserError(`Rapporten kunde inte ritas: ${error}`);
      const pdf = await win.webContents.printToPDF({
        pageSize: 'A4',
        landscape: false,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: req.headerTemplate,
        footerTemplate: req.footerTemplate,
        margins: MARGINS,
        preferCSSPageSize: false,
        generateTaggedPDF: true,
        generateDocumentOutline: true,
      });
      return new Uint8Array(pdf);
    } catch (e) {
      if (req.signal?.aborted) throw new UserError('Avbrutet.', 'CANCELLED');
      throw e;
    } finally {
      if (timer) clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      if (!win.isDestroyed()) win.destroy();
    }
  };
}
