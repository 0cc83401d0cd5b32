import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_START_URL,
  CONTENT_SECURITY_POLICY,
  appRouteUrl,
  createMainWindow,
  devToolsAllowed,
  isAppUrl,
  mainWindowOptions,
  secureWebPreferences,
} from './window';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, registerAppProtocol, resolveAppPath } from './protocol';
import { API_CHANNEL, isTrustedSender, createIpcHandler, registerIpc } from './ipc';
import { hardenWebContents, isAllowedRequestUrl, setUpSession } from './hardening';
import { readWindowState, sanitizeBounds, writeWindowState } from './window-state';
import { shellPaths } from './paths';

describe('window security settings', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs', false);
  it('isolates the renderer per Electron’s security checklist', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    // the `remote` module is gone from Electron (14+) and nothing enables it
    expect(Object.keys(prefs)).not.toContain('enableRemoteModule');
  });
  it('closes devtools outside development and always in a packaged build', () => {
    expect(devToolsAllowed({ NODE_ENV: 'production' }, false)).toBe(false);
    expect(devToolsAllowed({}, false)).toBe(false);
    expect(devToolsAllowed({ NODE_ENV: 'development' }, true)).toBe(false);
    expect(devToolsAllowed({ NODE_ENV: 'development' }, false)).toBe(true);
    expect(secureWebPreferences('/p.cjs', false).devTools).toBe(false);
  });
  it('creates the main window with exactly those preferences (the literal the scanner reads)', () => {
    const made: unknown[] = [];
    class FakeWindow {
      constructor(opts: unknown) {
        made.push(opts);
      }
    }
    createMainWindow(FakeWindow as never, '/p.cjs', { width: 1000, height: 700, x: 10, y: 20 }, false);
    expect(made).toHaveLength(1);
    expect(made[0]).toEqual(mainWindowOptions('/p.cjs', { width: 1000, height: 700, x: 10, y: 20 }, false));
    expect((made[0] as { webPreferences: unknown }).webPreferences).toEqual(secureWebPreferences('/p.cjs', false));
    expect((made[0] as { show: boolean }).show).toBe(false);
  });
  it('has a strict CSP without remote origins or eval', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self';/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*|wss?:/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
  });
});

describe('app origin', () => {
  it('compares parsed origins, not string prefixes', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAppUrl(appRouteUrl('/rapport'))).toBe(true);
    expect(appRouteUrl('hjalp')).toBe(`${APP_START_URL}#/hjalp`);
    expect(isAppUrl('app://samsyn.evil.example/index.html')).toBe(false);
    expect(isAppUrl('app://user@samsyn/index.html')).toBe(false);
    expect(isAppUrl('https://samsyn/index.html')).toBe(false);
    expect(isAppUrl('file:///C:/app/index.html')).toBe(false);
    expect(isAppUrl('inte en url')).toBe(false);
  });
  it('keeps app:// paths inside the app folder', () => {
    const root = path.resolve('/app/out/renderer');
    expect(resolveAppPath(root, 'app://samsyn/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://samsyn/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://samsyn/assets/a.js')).toBe(path.join(root, 'assets', 'a.js'));
    // the URL parser folds ../ at the root: the result stays inside the folder
    expect(resolveAppPath(root, 'app://samsyn/../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    // an encoded separator survives URL parsing and would escape after decoding: refused
    expect(resolveAppPath(root, 'app://samsyn/..%2f..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveAppPath(root, 'app://samsyn/..%5c..%5cwindows%5cwin.ini')).toBe(process.platform === 'win32' ? null : path.join(root, '..\\..\\windows\\win.ini'));
    expect(resolveAppPath(root, 'app://samsyn/a%00.js')).toBeNull();
  });
});

describe('app:// protocol handler', () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-proto-'));
    root = path.join(base, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Samsyn</title>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    outside = path.join(base, 'hemlig.txt');
    fs.writeFileSync(outside, 'hemligt');
  });
  afterAll(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

  it('is registered for the app scheme, which gets no CSP bypass', () => {
    const handled: string[] = [];
    registerAppProtocol({ handle: (scheme: string) => void handled.push(scheme) } as never, root);
    expect(handled).toEqual(['app']);
    expect(APP_SCHEME_PRIVILEGES).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(APP_SCHEME_PRIVILEGES[0]!.privileges).not.toHaveProperty('bypassCSP');
  });

  it('serves files of the app folder with the CSP as a response header', async () => {
    const handler = createAppProtocolHandler(root);
    const res = await handler({ url: 'app://samsyn/index.html', method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<title>Samsyn</title>');
    const js = await handler({ url: 'app://samsyn/assets/app.js', method: 'GET' });
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 404 outside the folder, for other hosts and for folders; 405 for writes', async () => {
    const handler = createAppProtocolHandler(root);
    const rel = path.relative(root, outside).split(path.sep).join('%2f');
    for (const url of [`app://samsyn/${rel}`, 'app://samsyn/..%2fhemlig.txt', 'app://samsyn/saknas.js', 'app://samsyn/assets', 'app://annan/index.html']) {
      const res = await handler({ url, method: 'GET' });
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text()).not.toContain('hemligt');
    }
    expect((await handler({ url: 'app://samsyn/index.html', method: 'POST' })).status).toBe(405);
  });
});

/** Records what a piece of set-up code installs on an Electron object. */
function fakeSession() {
  const rec = {
    request: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void, details?: unknown) => void),
    check: null as null | ((...a: unknown[]) => boolean),
    device: null as null | ((...a: unknown[]) => boolean),
    beforeRequest: null as null | ((details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void),
    listeners: {} as Record<string, (...a: never[]) => void>,
  };
  const session = {
    setPermissionRequestHandler: (h: typeof rec.request) => void (rec.request = h),
    setPermissionCheckHandler: (h: typeof rec.check) => void (rec.check = h),
    setDevicePermissionHandler: (h: typeof rec.device) => void (rec.device = h),
    webRequest: { onBeforeRequest: (h: typeof rec.beforeRequest) => void (rec.beforeRequest = h) },
    on: (event: string, l: (...a: never[]) => void) => void (rec.listeners[event] = l),
  };
  return { rec, session };
}

function fakeContents() {
  const listeners: Record<string, (...a: never[]) => void> = {};
  let openHandler: null | ((d: { url: string }) => { action: string }) = null;
  let closedDevTools = 0;
  const contents = {
    on: (event: string, l: (...a: never[]) => void) => void (listeners[event] = l),
    setWindowOpenHandler: (h: typeof openHandler) => void (openHandler = h),
    closeDevTools: () => void closedDevTools++,
  };
  const fire = (event: string, ...args: unknown[]) => {
    let prevented = false;
    const e = { preventDefault: () => void (prevented = true), url: typeof args[0] === 'string' ? args[0] : undefined };
    (listeners[event] as unknown as (...a: unknown[]) => void)(e, ...args);
    return prevented;
  };
  return { contents, listeners, fire, openHandler: () => openHandler!, closedDevTools: () => closedDevTools };
}

describe('setUpSession', () => {
  const { rec, session } = fakeSession();
  setUpSession(session as never);

  it('denies every permission request and check by default', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let answer: boolean | undefined;
      rec.request!({}, permission, (ok) => (answer = ok));
      expect(answer, permission).toBe(false);
      expect(rec.check!({}, permission, APP_ORIGIN, {})).toBe(false);
    }
    expect(rec.device!({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
  });

  it('cancels every request that would leave the app (no network at all)', () => {
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      rec.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('app://samsyn/index.html')).toBe(false);
    expect(decide('app://samsyn/assets/index-abc.js')).toBe(false);
    expect(decide('data:image/png;base64,AAAA')).toBe(false);
    expect(decide('blob:app://samsyn/1234')).toBe(false);
    for (const url of ['https://evil.example/', 'http://127.0.0.1:8080/', 'ws://localhost/', 'file:///C:/Windows/win.ini', 'ftp://x/', 'app://evil/x']) {
      expect(decide(url), url).toBe(true);
    }
    expect(isAllowedRequestUrl('inte en url')).toBe(false);
  });

  it('lets downloads start only from the app itself', () => {
    const download = (url: string) => {
      let prevented = false;
      (rec.listeners['will-download'] as unknown as (e: unknown, item: unknown) => void)({ preventDefault: () => (prevented = true) }, { getURL: () => url });
      return prevented;
    };
    expect(download('blob:app://samsyn/abc')).toBe(false);
    expect(download('https://evil.example/payload.exe')).toBe(true);
  });

  it('saves a download where chooseSavePath says, and cancels it when the user cancels', () => {
    const r = fakeSession();
    const asked: string[] = [];
    let answer: string | null = '/hem/anna/Dokument/rapport.pdf';
    setUpSession(r.session as never, {
      chooseSavePath: (name) => {
        asked.push(name);
        return answer;
      },
    });
    const fire = (url: string) => {
      let prevented = false;
      let savedAt: string | null = null;
      const item = { getURL: () => url, getFilename: () => 'Samsyn-rapport.pdf', setSavePath: (p: string) => (savedAt = p) };
      (r.rec.listeners['will-download'] as unknown as (e: unknown, item: unknown) => void)({ preventDefault: () => (prevented = true) }, item);
      return { prevented, savedAt };
    };
    expect(fire('blob:app://samsyn/abc')).toEqual({ prevented: false, savedAt: '/hem/anna/Dokument/rapport.pdf' });
    answer = null;
    expect(fire('blob:app://samsyn/def')).toEqual({ prevented: true, savedAt: null });
    // a foreign download is refused before anyone is asked
    expect(fire('https://evil.example/x.pdf')).toEqual({ prevented: true, savedAt: null });
    expect(asked).toEqual(['Samsyn-rapport.pdf', 'Samsyn-rapport.pdf']);
  });
});

describe('hardenWebContents', () => {
  it('denies navigation to other origins and allows app://samsyn', () => {
    const f = fakeContents();
    hardenWebContents(f.contents as never, { devTools: false });
    expect(f.fire('will-navigate', 'https://evil.example')).toBe(true);
    expect(f.fire('will-navigate', 'app://samsyn.evil.example/')).toBe(true);
    expect(f.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(f.fire('will-navigate', 'app://samsyn/index.html#/rapport')).toBe(false);
    expect(f.fire('will-redirect', 'https://evil.example')).toBe(true);
    expect(f.fire('will-redirect', 'app://samsyn/index.html')).toBe(false);
    expect(f.fire('will-frame-navigate', 'https://evil.example')).toBe(true);
    expect(f.fire('will-frame-navigate', 'app://samsyn/index.html')).toBe(false);
    expect(f.fire('will-attach-webview')).toBe(true);
  });
  it('denies window.open whatever the URL', () => {
    const f = fakeContents();
    hardenWebContents(f.contents as never, { devTools: false });
    for (const url of ['https://evil.example', 'app://samsyn/index.html', 'about:blank']) {
      expect(f.openHandler()({ url })).toEqual({ action: 'deny' });
    }
  });
  it('closes devtools again when they are not allowed', () => {
    const f = fakeContents();
    hardenWebContents(f.contents as never, { devTools: false });
    f.fire('devtools-opened');
    expect(f.closedDevTools()).toBe(1);
    const dev = fakeContents();
    hardenWebContents(dev.contents as never, { devTools: true });
    expect(dev.listeners['devtools-opened']).toBeUndefined();
  });
});

describe('IPC sender check', () => {
  it('accepts only frames of the app origin', async () => {
    expect(isTrustedSender({ senderFrame: { url: `${APP_ORIGIN}/index.html` } } as never)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'https://evil.example/' } } as never)).toBe(false);
    expect(isTrustedSender({ senderFrame: null } as never)).toBe(false);
    let called = 0;
    const handler = createIpcHandler(async () => {
      called++;
      return { ok: true, data: null };
    });
    const refused = await handler({ senderFrame: { url: 'file:///x' } } as never, 'workspace.current', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(called).toBe(0);
    expect(await handler({ senderFrame: { url: `${APP_ORIGIN}/` } } as never, 'workspace.current', {})).toEqual({ ok: true, data: null });
    expect(called).toBe(1);
  });
  it('installs exactly one channel, with the sender check on every call', async () => {
    const channels: Record<string, (...a: never[]) => unknown> = {};
    registerIpc({ handle: (c: string, l: (...a: never[]) => unknown) => void (channels[c] = l) } as never, async () => ({ ok: true, data: 1 }));
    expect(Object.keys(channels)).toEqual([API_CHANNEL]);
    const l = channels[API_CHANNEL] as unknown as (e: unknown, m: string, i: unknown) => Promise<unknown>;
    expect(await l({ senderFrame: { url: 'https://evil.example/' } }, 'workspace.current', {})).toMatchObject({ ok: false });
    expect(await l({ senderFrame: { url: APP_START_URL } }, 'workspace.current', {})).toEqual({ ok: true, data: 1 });
  });
});

describe('preload', () => {
  it('exposes invoke over the one channel and nothing else', () => {
    const src = fs.readFileSync(path.join(import.meta.dirname, '..', 'preload', 'index.ts'), 'utf8');
    expect(src.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(src).toContain("ipcRenderer.invoke('api:invoke'");
    expect(src).not.toMatch(/ipcRenderer\.(send|on|sendSync)\b|require\(|process\./);
  });
});

describe('window size memory', () => {
  const screenArea = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  it('ignores invalid or missing files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-win-'));
    const file = path.join(dir, 'fonster.json');
    expect(readWindowState(file, screenArea)).toBeUndefined();
    fs.writeFileSync(file, '{ trasig json');
    expect(readWindowState(file, screenArea)).toBeUndefined();
    fs.writeFileSync(file, '[1,2]');
    expect(readWindowState(file, screenArea)).toBeUndefined();
    fs.writeFileSync(file, JSON.stringify({ width: 'stor', height: 700 }));
    expect(readWindowState(file, screenArea)).toBeUndefined();
    writeWindowState(file, { width: 1100, height: 750, x: 40, y: 30 });
    expect(readWindowState(file, screenArea)).toEqual({ width: 1100, height: 750, x: 40, y: 30 });
    expect(fs.readdirSync(dir)).toEqual(['fonster.json']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  it('drops a position that is off every screen (an unplugged monitor) and clamps the size', () => {
    expect(sanitizeBounds({ width: 1200, height: 800, x: 3000, y: 100 }, screenArea)).toEqual({ width: 1200, height: 800 });
    expect(sanitizeBounds({ width: 1200, height: 800, x: -1190, y: 100 }, screenArea)).toEqual({ width: 1200, height: 800 });
    expect(sanitizeBounds({ width: 1200, height: 800, x: 100, y: -500 }, screenArea)).toEqual({ width: 1200, height: 800 });
    expect(sanitizeBounds({ width: 1200, height: 800, x: 2500, y: 100 }, [...screenArea, { x: 1920, y: 0, width: 1920, height: 1040 }])).toEqual({
      width: 1200,
      height: 800,
      x: 2500,
      y: 100,
    });
    expect(sanitizeBounds({ width: 9000, height: 300 }, screenArea)).toEqual({ width: 1920, height: 600 });
    expect(sanitizeBounds({ width: -5, height: 300 }, screenArea)).toBeUndefined();
    expect(sanitizeBounds({ width: Number.NaN, height: 300 }, screenArea)).toBeUndefined();
    expect(sanitizeBounds(null, screenArea)).toBeUndefined();
  });
});

describe('shell paths', () => {
  it('reads migrations, resources and the Electron SQLite build from resources when packaged', () => {
    const p = shellPaths({ isPackaged: true, resourcesPath: '/opt/Samsyn/resources', appPath: '/opt/Samsyn/resources/app.asar' });
    expect(p.migrations).toBe(path.join('/opt/Samsyn/resources', 'drizzle'));
    expect(p.resources).toBe(path.join('/opt/Samsyn/resources', 'resources'));
    expect(p.sqliteBinding).toBe(path.join('/opt/Samsyn/resources', 'native', 'better_sqlite3.node'));
  });
  it('reads them from the checkout otherwise, never from node_modules', () => {
    const p = shellPaths({ isPackaged: false, resourcesPath: '/x', appPath: '/src/samsyn' });
    expect(p.sqliteBinding).toBe(path.join('/src/samsyn', 'native', 'electron', 'better_sqlite3.node'));
    expect(p.sqliteBinding).not.toContain('node_modules');
  });
});

describe('every BrowserWindow in main uses the checked preferences', () => {
  it('is created by createMainWindow (literal) or spreads secureWebPreferences()', () => {
    const dir = import.meta.dirname;
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of src.matchAll(/new BrowserWindow\(\{([\s\S]*?)\n\s*\}\);/g)) {
        const body = m[1]!;
        const ok = f === 'window.ts' ? /contextIsolation: true,[\s\S]*sandbox: true,[\s\S]*nodeIntegration: false/.test(body) : /webPreferences:\s*\{\s*\.\.\.secureWebPreferences\(/.test(body);
        expect(ok, `${f}: ${body.slice(0, 200)}`).toBe(true);
        expect(body, f).not.toMatch(/(contextIsolation|sandbox|webSecurity):\s*false|nodeIntegration:\s*true|allowRunningInsecureContent:\s*true/);
      }
    }
  });
});
