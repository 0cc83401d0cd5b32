import fs from 'node:fs';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './window';

/**
 * app:// is standard (relative URLs, an origin of its own) and secure (like https), may be used by
 * fetch; it gets no CSP bypass, no service workers, no CORS to other schemes.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme[] = [{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }];

/**
 * Resolves a request path under the app folder, refusing anything that escapes it
 * (../, encoded separators, absolute paths). Pure: unit-tested.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${pathname}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers on every app:// response, errors included. */
export function securityHeaders(contentType = 'text/plain; charset=utf-8'): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/**
 * The app:// handler: serves files of rootDir only (GET/HEAD, host 'samsyn'), each with the CSP
 * as a response header; everything else is 404/405. Reads with fs (no net.fetch): testable as is.
 */
export function createAppProtocolHandler(rootDir: string): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  return async (request) => {
    const method = (request.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return new Response('Metoden är inte tillåten', { status: 405, headers: securityHeaders() });
    let host: string;
    try {
      host = new URL(request.url).host;
    } catch {
      return new Response('Hittades inte', { status: 404, headers: securityHeaders() });
    }
    const file = host === APP_HOST ? resolveAppPath(rootDir, request.url) : null;
    let body: Buffer;
    try {
      if (!file || !fs.statSync(file).isFile()) throw new Error('not a file');
      body = await fs.promises.readFile(file);
    } catch {
      return new Response('Hittades inte', { status: 404, headers: securityHeaders() });
    }
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: securityHeaders(type) });
  };
}

/** Registers the app:// handler on a session's protocol object (Electron's, or a fake in tests). */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir) as (request: Request) => Promise<Response>);
}
