import { describe, expect, it } from 'vitest';
import { analyseRunChart, crossingsLimit, longestRunLimit, median, qbinomHalf } from './run-chart';

describe('median', () => {
  it('odd n → middle, even n → mean of the middle two, empty → null', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('limits', () => {
  it('qbinom(0.05, n, 0.5) from the exact binomial CDF', () => {
    // n = 7: CDF(0) = 1/128 < 0.05, CDF(1) = 8/128 = 0.0625 ≥ 0.05 → 1
    expect(qbinomHalf(0.05, 7)).toBe(1);
    // n = 9: CDF(1) = 10/512 = 0.0195, CDF(2) = 46/512 = 0.0898 → 2
    expect(qbinomHalf(0.05, 9)).toBe(2);
    // n = 17: CDF(4) = (1+17+136+680+2380)/131072 = 0.0245, CDF(5) = +6188 → 9402/131072 = 0.0717 → 5
    expect(qbinomHalf(0.05, 17)).toBe(5);
    // n = 23: CDF(6) = (1+23+253+1771+8855+33649+100947)/2^23 = 145499/8388608 = 0.0173;
    //         CDF(7) = 145499 + 245157 = 390656/8388608 = 0.0466 < 0.05; CDF(8) = +490314 → 880970/8388608 = 0.105 → 8
    expect(qbinomHalf(0.05, 23)).toBe(8);
  });
  it("n' = 24 → run limit 8, crossings limit 8; n' = 18 → 7 and 5", () => {
    // round(log2(24) + 3) = round(7.585) = 8; round(log2(18) + 3) = round(7.170) = 7
    expect([longestRunLimit(24), crossingsLimit(24)]).toEqual([8, 8]);
    expect([longestRunLimit(18), crossingsLimit(18)]).toEqual([7, 5]);
    // n' = 10: round(6.32) = 6, qbinom(0.05, 9) = 2
    expect([longestRunLimit(10), crossingsLimit(10)]).toEqual([6, 2]);
  });
});

describe('analyseRunChart', () => {
  it('24 points, 12 below then 12 above: run 12 > 8 and 1 crossing < 8 → signal', () => {
    const pts = Array.from({ length: 24 }, (_, i) => i + 1); // median 12.5
    expect(analyseRunChart(pts)).toMatchObject({ median: 12.5, longestRun: 12, longestRunLimit: 8, crossings: 1, crossingsLimit: 8, signal: true, useful: 24 });
    expect(analyseRunChart(pts).signals).toEqual(['run', 'crossings']);
  });

  it('24 alternating points: runs of 1, 23 crossings → no signal', () => {
    const pts = Array.from({ length: 24 }, (_, i) => (i % 2 ? 3 : 1)); // median 2
    expect(analyseRunChart(pts)).toMatchObject({ median: 2, longestRun: 1, crossings: 23, longestRunLimit: 8, crossingsLimit: 8, signal: false });
  });

  it("the spec's n' = 18 example: longest run 4, 9 crossings, limits 7 and 5, no signal", () => {
    const pts = [22, 18, 27, 16, 20, 31, 24, 18, 21, 30, 28, 33, 31, 11, 16, 25, 19, 23];
    // sorted middle: 9th = 22, 10th = 23 → 22.5; sides − − + − − + + − − + + + + − − + − +
    // runs: 2,1,2,2,2,4,2,1,1,1 → longest 4; 10 runs → 9 crossings
    expect(analyseRunChart(pts)).toMatchObject({ median: 22.5, longestRun: 4, longestRunLimit: 7, crossings: 9, crossingsLimit: 5, signal: false, useful: 18 });
  });

  it('ignores points on the median', () => {
    // 11 points, median 5 (6th); the three 5s are ignored → n' = 8: − − − − + + + +
    // longest 4 ≤ round(log2 8 + 3) = 6; crossings 1, limit qbinom(0.05, 7) = 1 → 1 < 1 is false → no signal
    const a = analyseRunChart([1, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9]);
    expect(a).toMatchObject({ median: 5, useful: 8, longestRun: 4, longestRunLimit: 6, crossings: 1, crossingsLimit: 1, signal: false });
  });

  it('10 points, one switch: only the crossings rule fires', () => {
    // median (11 + 12) / 2 = 11.5: 1 2 3 10 11 below, 12..16 above → runs 5 and 5, 1 crossing
    // n' = 10: run limit round(log2 10 + 3) = 6 (5 ≤ 6, no run signal); crossings limit 2 (1 < 2 → signal)
    const a = analyseRunChart([1, 2, 3, 10, 11, 12, 13, 14, 15, 16]);
    expect(a).toMatchObject({ median: 11.5, longestRun: 5, crossings: 1, longestRunLimit: 6, crossingsLimit: 2, signal: true, signals: ['crossings'] });
  });

  it('fewer than 10 points, or all points on the median: no analysis', () => {
    expect(analyseRunChart([1, 2, 3])).toMatchObject({ median: 2, longestRun: null, longestRunLimit: null, crossings: null, crossingsLimit: null, signal: false });
    expect(analyseRunChart(Array(12).fill(0))).toMatchObject({ median: 0, useful: 0, longestRun: null, signal: false });
    expect(analyseRunChart([])).toMatchObject({ median: null, useful: null, signal: false });
  });
});
