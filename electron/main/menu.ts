import type { MenuItemConstructorOptions } from 'electron';

/** What the application menu can do; implemented by shell-actions.ts (and by fakes in tests). */
export interface MenuActions {
  newWorkspace(): void;
  openWorkspace(): void;
  openRecent(path: string): void;
  openDemo(): void;
  backup(): void;
  restore(): void;
  report(): void;
  help(): void;
  about(): void;
  /** The previous / next page of the window's history (Alt+← / Alt+→, as in a browser). */
  back(): void;
  forward(): void;
}

export interface MenuOptions {
  recent: { path: string; fileName: string }[];
  devTools: boolean;
}

/**
 * The Swedish application menu (pure: unit-tested). Arkiv, Redigera, Visa, Hjälp, with the
 * shortcuts Ctrl+N (ny), Ctrl+O (öppna), Ctrl+S (säkerhetskopiera), Ctrl+P (rapport), F1 (hjälp).
 * The menu's actions run in main: native dialogs, then the core through the same dispatch as IPC.
 */
export function buildMenuTemplate(actions: MenuActions, opts: MenuOptions): MenuItemConstructorOptions[] {
  const recent: MenuItemConstructorOptions[] =
    opts.recent.length > 0
      ? opts.recent.map((r, i) => ({
          label: `${i < 9 ? `&${i + 1} ` : ''}${r.fileName.replace(/&/g, '&&')}`,
          sublabel: r.path,
          toolTip: r.path,
          click: () => actions.openRecent(r.path),
        }))
      : [{ label: 'Inga senaste arbetsytor', enabled: false }];
  const view: MenuItemConstructorOptions[] = [
    { label: 'Bakåt', accelerator: process.platform === 'darwin' ? 'Cmd+[' : 'Alt+Left', click: () => actions.back() },
    { label: 'Framåt', accelerator: process.platform === 'darwin' ? 'Cmd+]' : 'Alt+Right', click: () => actions.forward() },
    { type: 'separator' },
    { label: 'Ladda om', accelerator: 'CmdOrCtrl+R', role: 'reload' },
    { type: 'separator' },
    { label: 'Normal storlek', accelerator: 'CmdOrCtrl+0', role: 'resetZoom' },
    { label: 'Zooma in', accelerator: 'CmdOrCtrl+Plus', role: 'zoomIn' },
    { label: 'Zooma ut', accelerator: 'CmdOrCtrl+-', role: 'zoomOut' },
    { type: 'separator' },
    { label: 'Helskärm', accelerator: 'F11', role: 'togglefullscreen' },
  ];
  if (opts.devTools) view.push({ type: 'separator' }, { label: 'Utvecklarverktyg', accelerator: 'CmdOrCtrl+Shift+I', role: 'toggleDevTools' });
  return [
    {
      label: '&Arkiv',
      submenu: [
        { label: 'Ny arbetsyta …', accelerator: 'CmdOrCtrl+N', click: () => actions.newWorkspace() },
        { label: 'Öppna arbetsyta …', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
        { label: 'Senaste arbetsytor', submenu: recent },
        { label: 'Öppna demoarbetsytan', click: () => actions.openDemo() },
        { type: 'separator' },
        { label: 'Säkerhetskopiera', accelerator: 'CmdOrCtrl+S', click: () => actions.backup() },
        { label: 'Återställ från säkerhetskopia …', click: () => actions.restore() },
        { type: 'separator' },
        { label: 'Rapport (PDF) …', accelerator: 'CmdOrCtrl+P', click: () => actions.report() },
        { type: 'separator' },
        { label: 'Avsluta', accelerator: 'CmdOrCtrl+Q', role: 'quit' },
      ],
    },
    {
      label: '&Redigera',
      submenu: [
        { label: 'Ångra', accelerator: 'CmdOrCtrl+Z', role: 'undo' },
        { label: 'Gör om', accelerator: 'CmdOrCtrl+Y', role: 'redo' },
        { type: 'separator' },
        { label: 'Klipp ut', accelerator: 'CmdOrCtrl+X', role: 'cut' },
        { label: 'Kopiera', accelerator: 'CmdOrCtrl+C', role: 'copy' },
        { label: 'Klistra in', accelerator: 'CmdOrCtrl+V', role: 'paste' },
        { label: 'Markera allt', accelerator: 'CmdOrCtrl+A', role: 'selectAll' },
      ],
    },
    { label: '&Visa', submenu: view },
    {
      label: '&Hjälp',
      submenu: [
        { label: 'Hjälp', accelerator: 'F1', click: () => actions.help() },
        { type: 'separator' },
        { label: 'Om Samsyn', click: () => actions.about() },
      ],
    },
  ];
}
