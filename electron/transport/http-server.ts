import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from './dispatch';

export const TOKEN_HEADER = 'x-samsyn-token';
/** Largest request body (a file sent as base64 for import). */
export const MAX_BODY_BYTES = 400 * 1024 * 1024;

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export interface HttpServerOptions {
  dispatch: Dispatch;
  /** Folder with the built renderer (index.html + assets); optional for API-only use (tests). */
  staticDir?: string;
  port?: number;
  token?: string;
}

export interface RunningServer {
  url: string;
  /** URL with the token in the fragment: what the user opens. */
  appUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/**
 * Browser mode's transport: the same dispatch over HTTP on 127.0.0.1 only, on a random free
 * port, with a per-launch token required on every API request (401 without it) and the Host
 * header checked (no DNS rebinding).
 */
/** decodeURIComponent, or null for a malformed escape. */
function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export async function startHttpServer(opts: HttpServerOptions): Promise<RunningServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  let port = 0;
  const server = http.createServer((req, res) => {
    const send = (status: number, body: string, type = 'application/json; charset=utf-8') => {
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
      });
      res.end(body);
    };
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      send(403, JSON.stringify({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Otillåten värd.' } }));
      return;
    }
    // A request line such as `//` or `/%E0` must not take the server down: parse and decode
    // defensively and answer 400.
    const requested = req.url ?? '/';
    const url = requested.startsWith('/') && URL.canParse(`http://127.0.0.1:${port}${requested}`) ? new URL(`http://127.0.0.1:${port}${requested}`) : null;
    const pathname = url ? safeDecode(url.pathname) : null;
    if (pathname === null) {
      send(400, 'Ogiltig adress', 'text/plain; charset=utf-8');
      return;
    }
    if (pathname.startsWith('/api/')) {
      const given = req.headers[TOKEN_HEADER];
      if (typeof given !== 'string' || !safeEqual(given, token)) {
        send(401, JSON.stringify({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Saknar giltig nyckel för denna session. Öppna adressen som Samsyn skrev ut vid start.' } }));
        return;
      }
      if (req.method !== 'POST') {
        send(405, JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message: 'Endast POST.' } }));
        return;
      }
      const method = pathname.slice('/api/'.length);
      const chunks: Buffer[] = [];
      let size = 0;
      let tooBig = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) {
          tooBig = true;
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('end', async () => {
        if (tooBig) return;
        let input: unknown;
        try {
          const text = Buffer.concat(chunks).toString('utf8');
          input = text ? JSON.parse(text) : {};
        } catch {
          send(400, JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message: 'Begäran var inte giltig JSON.' } }));
          return;
        }
        try {
          const result = await opts.dispatch(method, input);
          send(200, JSON.stringify(result));
        } catch {
          // dispatch answers every failure as a Result; this is the last line of defence
          if (!res.headersSent) send(500, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: 'Ett oväntat fel inträffade.' } }));
        }
      });
      req.on('close', () => {
        if (tooBig && !res.headersSent) send(413, JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message: 'Begäran är för stor.' } }));
      });
      return;
    }
    if (!opts.staticDir) {
      send(404, 'Hittades inte', 'text/plain; charset=utf-8');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, 'Metoden tillåts inte', 'text/plain; charset=utf-8');
      return;
    }
    const root = path.resolve(opts.staticDir);
    let rel = pathname;
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(root, `.${rel}`);
    if (!file.startsWith(root + path.sep)) {
      send(403, 'Otillåten sökväg', 'text/plain; charset=utf-8');
      return;
    }
    const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(root, 'index.html');
    fs.readFile(target, (err, data) => {
      if (err) {
        send(404, 'Hittades inte', 'text/plain; charset=utf-8');
        return;
      }
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(target)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
      res.end(req.method === 'HEAD' ? undefined : data);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    appUrl: `${url}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
