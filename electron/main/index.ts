import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session } from 'electron';
import { createContext } from '../core/context';
import { createHandlers } from '../core/handlers';
import { createDispatch } from '../transport/dispatch';
import { APP_START_URL, appRouteUrl, createMainWindow, devToolsAllowed } from './window';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './protocol';
import { registerIpc } from './ipc';
import { createElectronPrinter } from './print-pdf';
import { hardenWebContents, setUpSession } from './hardening';
import { buildMenuTemplate } from './menu';
import { createShellActions, workspaceFromArgv, type Dialogs } from './shell-actions';
import { readWindowState, writeWindowState } from './window-state';
import { shellPaths } from './paths';
import { chooseDownloadPath } from './downloads';

// Lifecycle and wiring only: every piece with a decision in it lives in a module that takes the
// Electron objects as parameters and is unit-tested with fakes (main.test.ts).

protocol.registerSchemesAsPrivileged(APP_SCHEME_PRIVILEGES);
// Swedish UI even on an English Windows: date fields, number inputs and spell-check follow this.
app.commandLine.appendSwitch('lang', 'sv-SE');
app.enableSandbox();
// Tests and portable set-ups may point the app's own data (recent list, demo, window size) elsewhere.
if (process.env.SAMSYN_HOME) app.setPath('userData', path.resolve(process.env.SAMSYN_HOME));

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, '..', 'preload', 'index.cjs');
const devTools = devToolsAllowed(process.env, app.isPackaged);
let mainWindow: BrowserWindow | null = null;

app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, { devTools }));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const paths = shellPaths({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() });
  process.env.SAMSYN_MIGRATIONS ??= paths.migrations;
  process.env.SAMSYN_RESOURCES ??= paths.resources;
  process.env.SAMSYN_SQLITE_BINDING ??= paths.sqliteBinding;
  if (!fs.existsSync(process.env.SAMSYN_SQLITE_BINDING)) {
    dialog.showErrorBox(
      'Samsyn',
      `SQLite-modulen för Electron saknas (${process.env.SAMSYN_SQLITE_BINDING}). Arbetsytor kan inte öppnas. ` +
        'I en utvecklingskatalog: kör "npm run rebuild:electron-sqlite" (kräver internet).',
    );
  }
  if (process.platform === 'win32') app.setAppUserModelId('se.vardsamverkan.samsyn');

  registerAppProtocol(protocol, rendererDir);

  const ctx = createContext({ appDataDir: app.getPath('userData') });
  // downloads (PDF, library/profile files, CSV lists) are saved through our own checked dialog
  setUpSession(session.defaultSession, {
    chooseSavePath: (fileName) =>
      chooseDownloadPath(fileName, {
        workspacePath: () => ctx.session.workspace?.path ?? null,
        showSaveDialog: (o) => (mainWindow ? dialog.showSaveDialogSync(mainWindow, o) : dialog.showSaveDialogSync(o)),
        showError: (message) => {
          const box = { type: 'error' as const, title: 'Samsyn', message, buttons: ['OK'], noLink: true };
          if (mainWindow) dialog.showMessageBoxSync(mainWindow, box);
          else dialog.showMessageBoxSync(box);
        },
        defaultDir: app.getPath('documents'),
      }),
  });
  ctx.printPdf = createElectronPrinter(preloadPath);
  const dispatch = createDispatch(createHandlers(ctx), { validateOutput: !app.isPackaged });
  registerIpc(ipcMain, dispatch);
  app.on('will-quit', () => ctx.session.close());

  const dialogs: Dialogs = {
    open: async (o) => {
      const r = mainWindow ? await dialog.showOpenDialog(mainWindow, o) : await dialog.showOpenDialog(o);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    save: async (o) => {
      const r = mainWindow ? await dialog.showSaveDialog(mainWindow, o) : await dialog.showSaveDialog(o);
      return r.canceled ? null : (r.filePath ?? null);
    },
    message: async (o) => (mainWindow ? await dialog.showMessageBox(mainWindow, o) : await dialog.showMessageBox(o)).response,
  };
  const actions = createShellActions({
    dispatch,
    dialogs,
    reload: () => mainWindow?.webContents.reload(),
    navigate: (route) => void mainWindow?.loadURL(appRouteUrl(route)),
    goBack: () => {
      const h = mainWindow?.webContents.navigationHistory;
      if (h?.canGoBack()) h.goBack();
    },
    goForward: () => {
      const h = mainWindow?.webContents.navigationHistory;
      if (h?.canGoForward()) h.goForward();
    },
    addRecentDocument: (file) => app.addRecentDocument(file),
    refreshMenu: () => void refreshMenu(),
    documentsDir: app.getPath('documents'),
    appVersion: app.getVersion(),
  });
  async function refreshMenu(): Promise<void> {
    const r = await dispatch('workspace.recent', {});
    const recent = r.ok ? (r.data as { path: string; fileName: string; exists: boolean }[]).filter((e) => e.exists) : [];
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions, { recent, devTools })));
  }
  await refreshMenu();

  // A .samsyn file the app was started with (double-click, "Öppna med"): open it before the UI asks.
  const fromArgv = workspaceFromArgv(process.argv);
  if (fromArgv) await actions.openPath(fromArgv);

  createWindow();
  app.on('second-instance', (_e, argv) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const file = workspaceFromArgv(argv);
    if (file) void actions.openPath(file);
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

function createWindow(): void {
  const stateFile = path.join(app.getPath('userData'), 'fonster.json');
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const win = createMainWindow(BrowserWindow, preloadPath, readWindowState(stateFile, workAreas), devTools);
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    if (!win.isMinimized() && !win.isFullScreen()) writeWindowState(stateFile, win.isMaximized() ? win.getNormalBounds() : win.getBounds());
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_START_URL);
}
