import { Session, type Workspace } from './session';
import { JobRegistry } from './jobs';

/** Everything a handler may use. The shells build one per process. */
export interface CoreContext {
  session: Session;
  jobs: JobRegistry;
  /** The open workspace, or a NO_WORKSPACE UserError. */
  ws(): Workspace;
  /** Today's date for validation ("not in the future"); injectable for tests. */
  now(): Date;
  /**
   * Prints a renderer route (e.g. '/rapport/utskrift?utkast=…') to PDF. Injected by the shells
   * (Electron: webContents.printToPDF; browser mode and CLI: Chromium via playwright-core);
   * absent where no printer exists.
   */
  printPdf?: PdfPrinter;
}

export interface PdfPrintRequest {
  /** Hash route of the renderer, without '#'. */
  route: string;
  /** Document title (also the PDF's title). */
  title: string;
  /** Chromium header/footer templates (HTML with pageNumber/totalPages spans). */
  headerTemplate: string;
  footerTemplate: string;
  signal?: AbortSignal;
}
export type PdfPrinter = (req: PdfPrintRequest) => Promise<Uint8Array>;

export function createContext(opts: { appDataDir: string; now?: () => Date }): CoreContext {
  const session = new Session(opts.appDataDir);
  return {
    session,
    jobs: new JobRegistry(),
    ws: () => session.require(),
    now: opts.now ?? (() => new Date()),
  };
}
