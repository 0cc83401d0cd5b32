import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalize, canonicalBytes, CanonicalJsonError } from './canonical-json';

/** IEEE 754 bit pattern (hex) → number. */
function fromBits(hex: string): number {
  const b = Buffer.from(hex, 'hex');
  return b.readDoubleBE(0);
}

describe('RFC 8785 (JCS)', () => {
  it('§3.2.2 example: whitespace, literals, numbers and string escaping', () => {
    const input = JSON.parse(
      '{\n  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('§3.2.3 sorting example: keys by UTF-16 code units, with non-ASCII keys', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    );
    const out = canonicalize(input);
    // (Object.keys would list the integer-like key "1" first; the canonical text is compared instead)
    expect(out).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    // §3.2.4: the UTF-8 encoding — the emoji (U+1F600) sorts before U+FB33 as code units, not as code points
    expect(canonicalBytes(input).toString('hex')).toContain('f09f9880');
    expect(canonicalBytes({ '€': 1 }).toString('hex')).toBe('7b22e282ac223a317d');
  });

  it('Appendix B: number serialisation', () => {
    const cases: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [bits, expected] of cases) expect(canonicalize(fromBits(bits)), bits).toBe(expected);
    // NaN and Infinity are errors
    expect(() => canonicalize(fromBits('7fffffffffffffff'))).toThrow(CanonicalJsonError);
    expect(() => canonicalize(fromBits('7ff0000000000000'))).toThrow(CanonicalJsonError);
  });

  it('escapes control characters with lower-case hex and refuses lone surrogates', () => {
    expect(canonicalize('\u0000\u001f\u007f\b\f')).toBe('"\\u0000\\u001f\u007f\\b\\f"');
    expect(() => canonicalize('\ud800')).toThrow(CanonicalJsonError);
    expect(() => canonicalize({ a: '\udc00x' })).toThrow(CanonicalJsonError);
  });

  it('nested arrays keep order and objects are sorted recursively (cyberphone arrays.json)', () => {
    expect(canonicalize(JSON.parse('[56, {"d": true, "10": null, "1": [ ]}]'))).toBe('[56,{"1":[],"10":null,"d":true}]');
  });

  it('agrees with JSON.parse: canonical output parses back to the same value, and is idempotent', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const c = canonicalize(v);
        expect(JSON.parse(c)).toEqual(JSON.parse(JSON.stringify(v)));
        expect(canonicalize(JSON.parse(c))).toBe(c);
      }),
      { numRuns: 300 },
    );
  });
});
