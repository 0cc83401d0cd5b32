import { describe, expect, it } from 'vitest';
import { findIdentityNumbers, luhnOk, redactIdentityNumbers, scanPersonalData } from './pnr';

describe('identity numbers', () => {
  it('checks the Luhn digit over the 10-digit form', () => {
    expect(luhnOk('8112189876')).toBe(true); // Skatteverket's example 811218-9876
    expect(luhnOk('8112189875')).toBe(false);
  });

  it('finds every written form and normalises to ten digits', () => {
    const text = 'A 811218-9876, B 8112189876, C 19811218-9876, D 198112189876, E 811218+9876.';
    const hits = findIdentityNumbers(text);
    expect(hits.map((h) => h.raw)).toEqual(['811218-9876', '8112189876', '19811218-9876', '198112189876', '811218+9876']);
    expect(new Set(hits.map((h) => h.tenDigits))).toEqual(new Set(['8112189876']));
  });

  it('recognises coordination numbers (day + 60) and rejects bad check digits and dates', () => {
    // 701063-2391: day 63 = 3 + 60; check digit computed by hand: 7010632391 → Luhn ok
    expect(luhnOk('7010632391')).toBe(true);
    expect(findIdentityNumbers('samordningsnummer 701063-2391')[0]?.kind).toBe('samordningsnummer');
    expect(findIdentityNumbers('fel 811218-9875')).toEqual([]);
    expect(findIdentityNumbers('månad 13: 811318-9870')).toEqual([]);
    expect(findIdentityNumbers('ärende MC-2024-000001 och 2024-07-03')).toEqual([]);
  });

  it('finds a number glued to a word, and with an en dash or a space for the hyphen', () => {
    const text = 'Pnr8507092388, pnr850709-2388, Patient198507092388. ID850709–2388 och 850709 2388 samt 0311304562slut';
    expect(findIdentityNumbers(text).map((h) => h.raw)).toEqual(['8507092388', '850709-2388', '198507092388', '850709–2388', '850709 2388', '0311304562']);
    expect(new Set(findIdentityNumbers(text).map((h) => h.tenDigits)).size).toBe(2);
    expect(findIdentityNumbers('ärende AV2024-000117, lopnr 12345')).toEqual([]);
  });

  it('redacts identity numbers in a file name', () => {
    expect(redactIdentityNumbers('avvikelse_850709-2388.csv')).toBe('avvikelse_[personnummer].csv');
    expect(redactIdentityNumbers('avvikelser 2025-Q4.csv')).toBe('avvikelser 2025-Q4.csv');
  });

  it('does not take a part of a longer digit string', () => {
    expect(findIdentityNumbers('123456781121898761')).toEqual([]);
  });

  it('finds numbers written with spaces around the hyphen, and phone numbers in signature form', () => {
    expect(findIdentityNumbers('Pnr 850709 - 2388.').map((h) => h.raw)).toEqual(['850709 - 2388']);
    const kinds = (t: string) => scanPersonalData(t).map((h) => `${h.kind}:${h.raw}`);
    expect(kinds('Ring 070 - 123 45 67 i dag')).toEqual(['telefonnummer:070 - 123 45 67']);
    expect(kinds('Tel +46 (0)70-123 45 67')).toEqual(['telefonnummer:+46 (0)70-123 45 67']);
    expect(kinds('Avtalet 5.2 från 2026-06-30, punkt 12 - 14')).toEqual([]);
  });

  it('scans for phone numbers and e-mail addresses too', () => {
    const kinds = scanPersonalData('Ring 070-123 45 67 eller skriv till anna.svensson@vgregion.se, pnr 811218-9876.').map((h) => h.kind);
    expect(kinds).toEqual(['telefonnummer', 'e-postadress', 'personnummer']);
    expect(scanPersonalData('Beslut 2026-06-30 enligt avtalet 4.2.')).toEqual([]);
  });
});
