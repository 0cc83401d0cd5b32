/**
 * De-identification before anything is written: every identity number (personnummer,
 * samordningsnummer, all written forms) in any cell becomes `[PNR-xxxxxx]`, the first six
 * characters (base32) of HMAC-SHA256(workspace secret, 10-digit form). The same person gets the
 * same token in every case of the workspace; the number itself is never stored.
 */
import crypto from 'node:crypto';
import { findIdentityNumbers } from '../privacy/pnr';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(buf: Buffer, chars: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= chars) break;
  }
  return out;
}

// A cell can only hold an identity number if it has at least 10 digits with at most one separator.
const MAYBE = /\d{6}(?: ?[-+\u2013] ?| )?\d{4}/;

export class Pseudonymiser {
  /** Identity numbers replaced so far. */
  count = 0;
  private tokens = new Map<string, string>();
  constructor(private readonly secret: Buffer) {}

  token(tenDigits: string): string {
    let t = this.tokens.get(tenDigits);
    if (!t) {
      const mac = crypto.createHmac('sha256', this.secret).update(tenDigits).digest();
      t = `[PNR-${base32(mac, 6)}]`;
      this.tokens.set(tenDigits, t);
    }
    return t;
  }

  /** The text with every identity number replaced by its token. */
  clean(text: string): string {
    if (!text || text.length < 10 || !MAYBE.test(text)) return text;
    const hits = findIdentityNumbers(text);
    if (hits.length === 0) return text;
    let out = '';
    let pos = 0;
    for (const h of hits) {
      out += text.slice(pos, h.start) + this.token(h.tenDigits);
      pos = h.end;
    }
    this.count += hits.length;
    return out + text.slice(pos);
  }

  /** Cleans every cell of a row in place. */
  cleanCells(cells: string[]): string[] {
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      if (c.length >= 10) cells[i] = this.clean(c);
    }
    return cells;
  }
}

export function pseudonymiserFor(sqlite: { prepare(sql: string): { pluck(): { get(): unknown } } }): Pseudonymiser {
  const secret = sqlite.prepare('SELECT hmac_secret FROM workspace WHERE id = 1').pluck().get() as Buffer | undefined;
  if (!secret) throw new Error('Arbetsytan saknar nyckel för pseudonymisering.');
  return new Pseudonymiser(Buffer.from(secret));
}

/**
 * Text typed in the app (a lesson, a precedent, a dispute written by hand) gets the same treatment
 * as an imported cell before it is stored: every identity number becomes the person's token
 * (DOMAIN.md: identity numbers never enter the database). Strings inside arrays and objects too.
 */
export function pseudonymiseTyped<T>(sqlite: Parameters<typeof pseudonymiserFor>[0], value: T): T {
  let pseudo: Pseudonymiser | null = null;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (v.length < 10 || !MAYBE.test(v)) return v;
      pseudo ??= pseudonymiserFor(sqlite);
      return pseudo.clean(v);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}

