import { describe, expect, it } from 'vitest';
import { periodText, rangeLines } from './format';

describe('report formatting', () => {
  it('breaks a range of dates after its dash; a named range stays one line', () => {
    expect(rangeLines('2026-01-15 – 2026-04-20')).toEqual(['2026-01-15 –', '2026-04-20']);
    expect(rangeLines('jan–jun 2026')).toEqual(['jan–jun 2026']);
    expect(rangeLines('jul 2026')).toEqual(['jul 2026']);
  });

  it('names the period once: a custom period is only its dates', () => {
    expect(periodText({ label: '2026-01-15 – 2026-04-20', from: '2026-01-15', to: '2026-04-20' })).toEqual({ label: null, range: '2026-01-15 – 2026-04-20' });
    expect(periodText({ label: 'kvartal 3 2026', from: '2026-07-01', to: '2026-09-30' })).toEqual({ label: 'kvartal 3 2026', range: '2026-07-01 – 2026-09-30' });
  });
});
