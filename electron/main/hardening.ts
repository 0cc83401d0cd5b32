import type { DownloadItem, Session, WebContents } from 'electron';
import { APP_SCHEME, isAppUrl } from './window';

/**
 * URLs the renderer may load at all. Everything else (http, https, ws, file, ftp …) is cancelled
 * before it leaves the process: the app makes no network request. devtools: is Chromium's own
 * DevTools front end (only reachable in development, see devToolsAllowed).
 */
export function isAllowedRequestUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === `${APP_SCHEME}:`) return isAppUrl(url);
  return u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'devtools:';
}

type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
  on(event: 'will-download', listener: (event: { preventDefault(): void }, item: DownloadItemLike) => void): unknown;
};
type DownloadItemLike = Pick<DownloadItem, 'getURL' | 'getFilename' | 'setSavePath'>;

export interface SessionOptions {
  /** Where a download is saved (electron/main/downloads.ts), or null to cancel it; without it Chromium asks. */
  chooseSavePath?(fileName: string): string | null;
}

/**
 * Session-wide settings (pure wiring over a session object; unit-tested with a fake):
 * every permission request and check is denied (camera, microphone, notifications, geolocation,
 * clipboard-read, HID/USB/serial devices …), every request outside app:// (and data:/blob:) is
 * cancelled, and downloads only from our own origin or blob:/data: (PDF and library exports),
 * saved where chooseSavePath says (never over the workspace) or not at all.
 */
export function setUpSession(session: SessionLike, opts: SessionOptions = {}): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
  session.on('will-download', (event, item) => {
    if (!isAllowedRequestUrl(item.getURL())) return event.preventDefault();
    if (!opts.chooseSavePath) return;
    const target = opts.chooseSavePath(item.getFilename());
    if (target) item.setSavePath(target);
    else event.preventDefault();
  });
}

type Listener = (event: { preventDefault(): void }, ...args: never[]) => void;
type WebContentsLike = Pick<WebContents, 'setWindowOpenHandler' | 'closeDevTools'> & {
  on(event: string, listener: Listener): unknown;
};

/**
 * Per-webContents guards (unit-tested with a fake): navigation only within app://samsyn (parsed
 * origins), redirects likewise, no new windows (window.open, target=_blank), no <webview>, and
 * DevTools closed again at once if opened where they are not allowed.
 */
export function hardenWebContents(contents: WebContentsLike, opts: { devTools: boolean }): void {
  const denyForeign = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', ((e: { preventDefault(): void }, url: string) => denyForeign(e, url)) as Listener);
  contents.on('will-frame-navigate', ((e: { preventDefault(): void; url?: string }) => denyForeign(e, e.url ?? '')) as Listener);
  contents.on('will-redirect', ((e: { preventDefault(): void }, url: string) => denyForeign(e, url)) as Listener);
  contents.on('will-attach-webview', ((e: { preventDefault(): void }) => e.preventDefault()) as Listener);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (!opts.devTools) contents.on('devtools-opened', (() => contents.closeDevTools()) as Listener);
}
