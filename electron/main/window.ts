import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** The app's own origin: the UI is served from app://samsyn/ (never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'samsyn';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Sent as a response header on every app:// response (protocol.ts). No remote origin, no eval. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** DevTools only in development (`npm start` from a checkout sets NODE_ENV=development); never in a packaged build. */
export function devToolsAllowed(env: NodeJS.ProcessEnv = process.env, isPackaged = false): boolean {
  return !isPackaged && env.NODE_ENV === 'development';
}

export interface WindowBounds {
  width: number;
  height: number;
  x?: number;
  y?: number;
}

/** Security settings per Electron's checklist (pure: unit-tested). Kept identical to the literal in createMainWindow. */
export function secureWebPreferences(preloadPath: string, devTools = devToolsAllowed()): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    disableBlinkFeatures: 'Auxclick',
    devTools,
  };
}

export function mainWindowOptions(preloadPath: string, bounds?: WindowBounds, devTools = devToolsAllowed()): BrowserWindowConstructorOptions {
  return {
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 800,
    x: bounds?.x,
    y: bounds?.y,
    minWidth: 900,
    minHeight: 600,
    title: 'Samsyn',
    show: false,
    autoHideMenuBar: false,
    backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences(preloadPath, devTools),
  };
}

type BrowserWindowCtor = new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow;

/**
 * Creates the main window. The web preferences are written out literally here (not spread from a
 * helper) so that the static scanner (electronegativity) can see them; main.test.ts asserts they
 * equal secureWebPreferences(). The constructor is a parameter so tests can pass a fake.
 */
export function createMainWindow(BrowserWindow: BrowserWindowCtor, preload: string, bounds?: WindowBounds, devTools = devToolsAllowed()): ElectronBrowserWindow {
  const { webPreferences: _checked, ...chrome } = mainWindowOptions(preload, bounds, devTools);
  return new BrowserWindow({
    ...chrome,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools,
    },
  });
}

/** True when a URL belongs to the app itself (compared as parsed origins, never as string prefixes). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** The app URL of a renderer route ('/rapport' → app://samsyn/index.html#/rapport). */
export function appRouteUrl(route: string): string {
  return `${APP_START_URL}#${route.startsWith('/') ? route : `/${route}`}`;
}
