import fs from 'node:fs';
import path from 'node:path';
import { createContext } from '../core/context';
import { createHandlers } from '../core/handlers';
import { createDispatch } from './dispatch';
import { startHttpServer, type RunningServer } from './http-server';
import { createChromiumPrinter } from './print-pdf';

export interface BrowserModeOptions {
  appDataDir: string;
  staticDir: string;
  /** Open this workspace at start (else the renderer decides: recent or demo). */
  workspace?: string;
  port?: number;
  token?: string;
}

/** Browser mode: the core + the HTTP transport + the built renderer, on 127.0.0.1. */
export async function startBrowserMode(opts: BrowserModeOptions): Promise<RunningServer & { stop(): Promise<void> }> {
  if (!fs.existsSync(path.join(opts.staticDir, 'index.html'))) {
    throw new Error(`Gränssnittet är inte byggt (${opts.staticDir} saknas). Kör npm run build.`);
  }
  const ctx = createContext({ appDataDir: opts.appDataDir });
  if (opts.workspace) await ctx.session.open(opts.workspace);
  const dispatch = createDispatch(createHandlers(ctx), { validateOutput: true });
  const server = await startHttpServer({ dispatch, staticDir: opts.staticDir, port: opts.port, token: opts.token });
  // PDF export: the same server's print route in headless Chromium (launched on first use)
  const printer = createChromiumPrinter({ baseUrl: server.url, token: server.token });
  ctx.printPdf = printer.print;
  return {
    ...server,
    stop: async () => {
      await printer.close();
      await server.close();
      ctx.session.close();
    },
  };
}
