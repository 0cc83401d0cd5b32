import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, isAppUrl, mainWindowOptions, secureWebPreferences } from './window';
import { resolveAppPath } from './protocol';
import { isTrustedSender, createIpcHandler } from './ipc';

describe('window security settings', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs');
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
  });
  it('closes devtools outside development', () => {
    expect(prefs.devTools).toBe(process.env.NODE_ENV === 'development');
  });
  it('uses those preferences for the main window', () => {
    expect(mainWindowOptions('/p.cjs').webPreferences).toEqual(secureWebPreferences('/p.cjs'));
  });
  it('has a strict CSP without remote origins or eval', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
  });
});

describe('app origin', () => {
  it('compares parsed origins, not string prefixes', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAppUrl('app://samsyn.evil.example/index.html')).toBe(false);
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
    expect(resolveAppPath(root, 'app://samsyn/a%00.js')).toBeNull();
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
});
