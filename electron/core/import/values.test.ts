import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadReferenceData } from '../reference';
import { cleanText, makePartyDeriver, memoized, parseDate, parseNumber, parseOutcome, parseSeverity, parseStatus, parseStep, parseYesNo } from './values';
import { headerSignature, proposeMapping, countKnownColumns } from './mapping';
import { Pseudonymiser } from './deidentify';

describe('values', () => {
  it('reads every date form of the spec and refuses the rest', () => {
    expect(parseDate('2024-07-02')).toBe('2024-07-02');
    expect(parseDate('2024-07-02 16:17')).toBe('2024-07-02');
    expect(parseDate('2024-07-02 16:17:05')).toBe('2024-07-02');
    expect(parseDate('2024-07-02T23:59:59.123Z')).toBe('2024-07-02');
    expect(parseDate('02.07.2024')).toBe('2024-07-02');
    expect(parseDate('02/07/2024')).toBe('2024-07-02');
    expect(parseDate(' ')).toBeNull();
    for (const bad of ['2026-02-30', '2023-02-29', '07/02/24', '2024/07/02', 'igår', '45702', '2024-13-01', '2025-03-10 25:00', '2025-03-10 12:60', '10.03.2025 07:15:61', '2026-5-7', '2026-05-7', '10.5.2026', '1/05/2026']) {
      expect(parseDate(bad)).toBeUndefined();
    }
    expect(parseDate('2025-03-10 23:59:59')).toBe('2025-03-10');
    expect(parseDate('10.03.2025 0:05')).toBe('2025-03-10');
    expect(parseDate('29.02.2024')).toBe('2024-02-29');
  });
  it('reads Swedish and plain numbers', () => {
    expect(parseNumber('12 500,50')).toBe(12500.5);
    expect(parseNumber('12\u00a0500,50')).toBe(12500.5);
    expect(parseNumber('12\u202f500')).toBe(12500);
    expect(parseNumber('12500.50')).toBe(12500.5);
    expect(parseNumber('12.500,50')).toBe(12500.5);
    expect(parseNumber('-1 000 kr')).toBe(-1000);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('tusen')).toBeUndefined();
  });
  it('reads yes/no, severity, status, outcome and step', () => {
    expect(['Ja', 'J', 'x', '1', 'true'].map(parseYesNo)).toEqual([true, true, true, true, true]);
    expect(['Nej', 'n', '0', 'FALSE'].map(parseYesNo)).toEqual([false, false, false, false]);
    expect(parseYesNo('kanske')).toBeUndefined();
    expect(['1', '4', 'Mindre allvarlig', 'Måttlig', 'ALLVARLIG', 'Mycket allvarlig', 'Katastrofal'].map(parseSeverity)).toEqual([1, 4, 1, 2, 3, 4, 4]);
    expect(parseSeverity('5')).toBeUndefined();
    expect(['Ny', 'Registrerad', 'Öppen', 'Under utredning', 'Pågående', 'Handläggs', 'Besvarad', 'Avslutad', 'Stängd', 'Klar'].map(parseStatus)).toEqual([
      'ny', 'ny', 'ny', 'pagaende', 'pagaende', 'pagaende', 'besvarad', 'avslutad', 'avslutad', 'avslutad',
    ]);
    expect(['Enighet', 'Ekonomisk reglering', 'Allmän domstol', 'Återkallad'].map(parseOutcome)).toEqual(['enighet', 'ekonomisk_reglering', 'allman_domstol', 'aterkallad']);
    expect(['1', 'Steg 2', '3', '4'].map(parseStep)).toEqual([1, 2, 3, undefined]);
  });
  it('derives party types from the register and the name rules', () => {
    const d = makePartyDeriver([
      { pattern: 'Närhälsan', partyType: 'region' },
      { pattern: 'Kry', partyType: 'privat' },
      { pattern: 'NÄL', partyType: 'region' },
    ]);
    expect(d('Närhälsan Hjo vårdcentral')).toBe('region');
    expect(d('NÄL medicinklinik')).toBe('region');
    expect(d('Kryddgårdens äldreboende')).toBeNull();
    expect(d('Göteborgs Stad äldreomsorg')).toBe('kommun');
    expect(d('Vara kommun')).toBe('kommun');
    expect(d('Kommunal hemsjukvård Tibro')).toBe('kommun');
    expect(d('Okänd AB')).toBeNull();
  });
});

describe('mapping', () => {
  it('matches headers ignoring case, spaces, punctuation and diacritics', () => {
    const m = proposeMapping('deviations', ['ARENDE ID', 'registrerings-datum', 'Berord  kommun', 'Avvikelse kategori', 'Okänd']);
    expect(m).toMatchObject({ external_id: 'ARENDE ID', reported_at: 'registrerings-datum', kommun: 'Berord  kommun', category: 'Avvikelse kategori', status: null });
    expect(countKnownColumns('deviations', ['Export', '', ''])).toBe(0);
    expect(headerSignature(['B', 'a', 'Å'])).toBe('a|b');
    expect(headerSignature(['Ärende-ID', 'Kommun'])).toBe('arendeid|kommun');
  });

  it('chooses between columns that fit one field: readable dates first, then the alias order, then the leftmost', () => {
    const headers = ['Besvarad', 'Avslutad', 'Registrerad', 'Ärendenummer', 'Registreringsdatum', 'Svarsdatum', 'Avslutsdatum', 'Kommun'];
    const sample = [
      ['Ja', 'Nej', 'Ja', 'A-1', '2025-03-01', '2025-03-10', '', 'Skövde'],
      ['Nej', 'Ja', 'Ja', 'A-2', '2025-03-02', '', '2025-04-01', 'Skövde'],
    ];
    expect(proposeMapping('deviations', headers, sample)).toMatchObject({ reported_at: 'Registreringsdatum', answered_at: 'Svarsdatum', closed_at: 'Avslutsdatum' });
    // no rows to look at: the alias order decides (Registreringsdatum before Registrerad; Besvarad before Svarsdatum)
    expect(proposeMapping('deviations', headers)).toMatchObject({ reported_at: 'Registreringsdatum', answered_at: 'Besvarad', closed_at: 'Avslutad' });
    // the same alias twice: the leftmost
    expect(proposeMapping('deviations', ['Kommun', 'kommun ']).kommun).toBe('Kommun');
  });
});

describe('pseudonymiser', () => {
  it('gives every written form of one number the same token and leaves other digits alone', () => {
    const p = new Pseudonymiser(Buffer.alloc(32, 7));
    const a = p.clean('Pat 811218-9876 och 198112189876 samt 8112189876.');
    const tokens = a.match(/\[PNR-[A-Z2-7]{6}\]/g)!;
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(1);
    expect(p.clean('Tel 0701234567, ärende 2024-000123')).toBe('Tel 0701234567, ärende 2024-000123');
    expect(p.count).toBe(3);
  });
});

describe('cleanText and memoized parsers', () => {
  // cleanText as it was before its shortcut for cells that need no cleaning
  const reference = (raw: string, multiline: boolean): string | null => {
    if (!raw) return null;
    let s = raw.replace(/\r\n?/g, '\n');
    s = multiline ? s.replace(/[ \t\u00a0]+\n/g, '\n').trim() : s.replace(/\s+/g, ' ').trim();
    return s === '' ? null : s;
  };

  it('gives the same text as the full cleaning for any mix of spaces, tabs, line breaks and letters', () => {
    const ch = fc.constantFrom(' ', '  ', '\t', '\r', '\n', '\r\n', '\u00a0', '\u2003', '\ufeff', 'a', 'Å', 'ö', '–', ';', '"');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 12 }), fc.boolean(), (parts, multiline) => {
        const raw = parts.join('');
        expect(cleanText(raw, multiline)).toBe(reference(raw, multiline));
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('memoizes results, also undefined ones, and stays correct past its size limit', () => {
    let calls = 0;
    const f = memoized((s: string) => {
      calls++;
      return s === 'x' ? undefined : s.length;
    }, 2);
    expect([f('ab'), f('ab'), f('x'), f('x')]).toEqual([2, 2, undefined, undefined]);
    expect(calls).toBe(2);
    expect([f('abc'), f('abc')]).toEqual([3, 3]); // limit reached: computed each time
    expect(calls).toBe(4);
  });
  it('derives the party type of the county hospitals from the bundled register, by any of their usual names', () => {
    const derive = makePartyDeriver(loadReferenceData().organisations);
    for (const org of ['Sjukhuset i Kungälv, medicinkliniken', 'Kungälvs sjukhus', 'Sahlgrenska sjukhuset, avd 31', 'Östra sjukhuset', 'Mölndals sjukhus ortopedi', 'Alingsås sjukhus', 'Skene lasarett']) {
      expect(derive(org), org).toBe('region');
    }
    expect(derive('Kungälvs kommun hemtjänst')).toBe('kommun');
    expect(derive('Capio vårdcentral Lerum')).toBe('privat');
  });
});
