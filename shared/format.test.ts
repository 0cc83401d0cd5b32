import { describe, expect, it } from 'vitest';
import { formatSek } from './format';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatSek', () => {
  it('prints an amount exactly: öre with two decimals, whole kronor without', () => {
    expect(plain(formatSek(12500.5))).toBe('12 500,50 kr');
    expect(plain(formatSek(12500))).toBe('12 500 kr');
    expect(plain(formatSek(0.1 + 0.2))).toBe('0,30 kr');
    expect(plain(formatSek(1000.1 + 2000.2 - 0.3))).toBe('3 000 kr');
    expect(plain(formatSek(0))).toBe('0 kr');
    expect(formatSek(null)).toBe('–');
  });
});
