import { describe, expect, it } from 'vitest';
import { addMonths, monthsBetween, parsePeriodCode, periodLength, periodProblem, presetCode, presetPeriod, previousPeriod, yearEarlierPeriod } from './periods';

describe('period presets', () => {
  it('parses month, quarter, tertial, half-year and year codes', () => {
    expect(parsePeriodCode('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28', preset: 'month' });
    expect(parsePeriodCode('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29', preset: 'month' });
    expect(parsePeriodCode('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30', preset: 'quarter' });
    expect(parsePeriodCode('2026-T2')).toEqual({ from: '2026-05-01', to: '2026-08-31', preset: 'tertial' });
    expect(parsePeriodCode('2026-T3')).toEqual({ from: '2026-09-01', to: '2026-12-31', preset: 'tertial' });
    expect(parsePeriodCode('2026-H1')).toEqual({ from: '2026-01-01', to: '2026-06-30', preset: 'half' });
    expect(parsePeriodCode('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31', preset: 'year' });
    expect(parsePeriodCode('2026-13')).toBeNull();
    expect(parsePeriodCode('2026-Q5')).toBeNull();
    expect(parsePeriodCode('hej')).toBeNull();
  });

  it('finds the preset period containing a date, and its code', () => {
    expect(presetPeriod('quarter', '2026-08-15')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(presetPeriod('tertial', '2026-04-30')).toEqual({ from: '2026-01-01', to: '2026-04-30' });
    expect(presetPeriod('half', '2026-07-01')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(presetPeriod('month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetCode('quarter', '2026-08-15')).toBe('2026-Q3');
    expect(presetCode('tertial', '2026-05-01')).toBe('2026-T2');
    expect(presetCode('half', '2026-06-30')).toBe('2026-H1');
  });
});

describe('comparison periods', () => {
  it('previous period of equal length: whole months shift by months, others by days', () => {
    expect(previousPeriod({ from: '2026-07-01', to: '2026-09-30' })).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-03-31' })).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    // custom 10 days (2026-03-05..14) → the 10 days before: 02-23..03-04 (2026 is not a leap year)
    expect(previousPeriod({ from: '2026-03-05', to: '2026-03-14' })).toEqual({ from: '2026-02-23', to: '2026-03-04' });
    expect(periodLength({ from: '2026-02-23', to: '2026-03-04' })).toBe(10);
  });

  it('same period a year earlier (leap days handled)', () => {
    expect(yearEarlierPeriod({ from: '2026-07-01', to: '2026-09-30' })).toEqual({ from: '2025-07-01', to: '2025-09-30' });
    expect(yearEarlierPeriod({ from: '2025-02-01', to: '2025-02-28' })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(yearEarlierPeriod({ from: '2024-02-29', to: '2024-03-10' })).toEqual({ from: '2023-02-28', to: '2023-03-10' });
  });

  it('month arithmetic and validation', () => {
    expect(addMonths('2026-06', -23)).toBe('2024-07');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(monthsBetween('2024-07', '2026-06')).toBe(23);
    expect(periodProblem({ from: '2026-02-30', to: '2026-03-01' })).toMatch(/Ogiltigt datum/);
    expect(periodProblem({ from: '2026-03-02', to: '2026-03-01' })).toMatch(/efter/);
    expect(periodProblem({ from: '2026-03-01', to: '2026-03-01' })).toBeNull();
  });
});
