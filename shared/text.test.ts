import { describe, expect, it } from 'vitest';
import { normalizeKey, normalizeKommun } from './text';

describe('tolerant names', () => {
  it('folds case, diacritics, spaces and punctuation', () => {
    expect(normalizeKey('Läkemedels-hantering ')).toBe('lakemedelshantering');
    expect(normalizeKey('ÅÄÖ åäö')).toBe('aaoaao');
  });
  it('drops "kommun"/"stad" only as a separate word, and SCB code prefixes', () => {
    expect(normalizeKommun('Skövde kommun')).toBe('skovde');
    expect(normalizeKommun('Göteborgs Stad')).toBe('goteborgs');
    expect(normalizeKommun('Mariestad')).toBe('mariestad');
    expect(normalizeKommun('Strömstad kommun')).toBe('stromstad');
    expect(normalizeKommun('1496 Skövde')).toBe('skovde');
  });
});
