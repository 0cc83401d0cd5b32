import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, ipcMain, net, protocol, session, shell } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createContext } from '../core/context';
import { createHandlers } from '../core/handlers';
import { createDispatch } from '../transport/dispatch';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, isAppUrl, mainWindowOptions } from './window';
import { resolveAppPath } from './protocol';
import { createIpcHandler } from './ipc';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
}

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, '..', 'preload', 'index.cjs');
let mainWindow: BrowserWindow | null = null;

function createWindow(): void {
  const boundsFile = path.join(app.getPath('userData'), 'fonster.json');
  let bounds: { width: number; height: number; x?: number; y?: number } | undefined;
  try {
    bounds = JSON.parse(fs.readFileSync(boundsFile, 'utf8')) as typeof bounds;
  } catch {
    bounds = undefined;
  }
  mainWindow = new BrowserWindow(mainWindowOptions(preloadPath, bounds));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('close', () => {
    if (mainWindow) fs.writeFileSync(boundsFile, JSON.stringify(mainWindow.getBounds()));
  });
  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  mainWindow.webContents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

app.whenReady().then(() => {
  process.env.SAMSYN_MIGRATIONS ??= app.isPackaged ? path.join(process.resourcesPath, 'drizzle') : path.join(app.getAppPath(), 'drizzle');
  process.env.SAMSYN_RESOURCES ??= app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(app.getAppPath(), 'resources');

  protocol.handle(APP_SCHEME, async (request) => {
    const file = new URL(request.url).host === APP_HOST ? resolveAppPath(rendererDir, request.url) : null;
    if (!file || !fs.existsSync(file)) return new Response('Hittades inte', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const ctx = createContext({ appDataDir: app.getPath('userData') });
  const dispatch = createDispatch(createHandlers(ctx), { validateOutput: !app.isPackaged });
  ipcMain.handle('api:invoke', createIpcHandler(dispatch));

  createWindow();
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
