/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes a library file's signature covers.
 *
 * - object members sorted by their names as arrays of UTF-16 code units (not locale, not code points)
 * - no insignificant whitespace
 * - numbers serialised as ECMAScript's Number.prototype.toString (what JSON.stringify does);
 *   NaN and ±Infinity are not JSON and are refused; -0 becomes 0
 * - strings: `"` and `\` escaped, \b \t \n \f \r as such, other control characters as \u00xx
 *   (lower-case hex), everything else literal; lone surrogates are refused (not valid I-JSON)
 * - the result is meant to be encoded as UTF-8 (see canonicalBytes)
 */
export class CanonicalJsonError extends Error {}

const SHORT_ESCAPES: Record<number, string> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

export function serializeString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) {
      out += s.slice(start, i) + (SHORT_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`);
      start = i + 1;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++; // a valid surrogate pair, copied as is
      } else {
        throw new CanonicalJsonError('Texten innehåller ett ogiltigt Unicode-tecken (ensamt surrogattecken).');
      }
    }
  }
  return `${out}${s.slice(start)}"`;
}

export function serializeNumber(n: number): string {
  if (!Number.isFinite(n)) throw new CanonicalJsonError('NaN och oändliga tal kan inte skrivas som JSON.');
  if (Object.is(n, -0)) return '0';
  return String(n);
}

/** Sorts by UTF-16 code units (the default comparison of JS strings, stated explicitly). */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Canonical JSON of a JSON value. `undefined` object members are skipped (as JSON.stringify does);
 * other non-JSON values (functions, symbols, bigints, undefined in arrays) are refused.
 * Depth is limited so hostile input cannot exhaust the stack.
 */
export function canonicalize(value: unknown, maxDepth = 200): string {
  const parts: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > maxDepth) throw new CanonicalJsonError('JSON-strukturen är för djupt nästlad.');
    if (v === null) {
      parts.push('null');
      return;
    }
    switch (typeof v) {
      case 'boolean':
        parts.push(v ? 'true' : 'false');
        return;
      case 'number':
        parts.push(serializeNumber(v));
        return;
      case 'string':
        parts.push(serializeString(v));
        return;
      case 'object': {
        if (Array.isArray(v)) {
          parts.push('[');
          for (let i = 0; i < v.length; i++) {
            if (i > 0) parts.push(',');
            if (v[i] === undefined) throw new CanonicalJsonError('En lista innehåller ett värde som inte är JSON.');
            walk(v[i], depth + 1);
          }
          parts.push(']');
          return;
        }
        const obj = v as Record<string, unknown>;
        const keys = Object.keys(obj)
          .filter((k) => obj[k] !== undefined)
          .sort(compareCodeUnits);
        parts.push('{');
        keys.forEach((k, i) => {
          if (i > 0) parts.push(',');
          parts.push(serializeString(k), ':');
          walk(obj[k], depth + 1);
        });
        parts.push('}');
        return;
      }
      default:
        throw new CanonicalJsonError(`Värdet av typen ${typeof v} kan inte skrivas som JSON.`);
    }
  };
  walk(value, 0);
  return parts.join('');
}

/** The UTF-8 bytes of the canonical form — what is signed and verified. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}
