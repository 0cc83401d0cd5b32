/**
 * Run chart analysis with Anhøj's rules (INDICATORS.md, `dev.monthly`). Pure functions over
 * the (at most 24) monthly points; the counting itself is SQL.
 */

/** Median: odd n → middle value, even n → mean of the two middle values; null for n = 0. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** P(Bin(n, 1/2) ≤ x) ≥ q as an exact rational test: smallest such x (R: qbinom(q, n, 0.5)). */
export function qbinomHalf(q: number, n: number): number {
  if (n < 0 || !Number.isInteger(n)) throw new RangeError('n must be a non-negative integer');
  // Exact: compare sum_{k≤x} C(n,k) with q · 2^n using BigInt (q given as a decimal fraction).
  const SCALE = 1_000_000n;
  const qScaled = BigInt(Math.round(q * 1_000_000));
  const total = 1n << BigInt(n);
  let c = 1n; // C(n, 0)
  let cum = 0n;
  for (let x = 0; x <= n; x++) {
    cum += c;
    if (cum * SCALE >= qScaled * total) return x;
    c = (c * BigInt(n - x)) / BigInt(x + 1);
  }
  return n;
}

export function longestRunLimit(useful: number): number {
  return Math.round(Math.log2(useful) + 3);
}

export function crossingsLimit(useful: number): number {
  return qbinomHalf(0.05, useful - 1);
}

export interface RunChartAnalysis {
  median: number | null;
  longestRun: number | null;
  longestRunLimit: number | null;
  crossings: number | null;
  crossingsLimit: number | null;
  signal: boolean;
  useful: number | null;
  signals: ('run' | 'crossings')[];
}

/** Minimum number of points for an analysis. */
export const MIN_POINTS = 10;

/**
 * Anhøj: points equal to the median are ignored; a run is consecutive non-ignored points on
 * the same side; crossings = side switches between consecutive non-ignored points.
 * Fewer than MIN_POINTS points, or fewer than 2 useful points: no analysis (nulls, no signal).
 */
export function analyseRunChart(values: readonly number[]): RunChartAnalysis {
  const m = median(values);
  const none: RunChartAnalysis = { median: m, longestRun: null, longestRunLimit: null, crossings: null, crossingsLimit: null, signal: false, useful: null, signals: [] };
  if (m === null) return none;
  const sides = values.filter((v) => v !== m).map((v) => (v > m ? 1 : -1));
  const useful = sides.length;
  if (values.length < MIN_POINTS || useful < 2) return { ...none, useful };
  let longest = 1;
  let run = 1;
  let crossings = 0;
  for (let i = 1; i < sides.length; i++) {
    if (sides[i] === sides[i - 1]) {
      run++;
    } else {
      crossings++;
      run = 1;
    }
    if (run > longest) longest = run;
  }
  const runLimit = longestRunLimit(useful);
  const crossLimit = crossingsLimit(useful);
  const signals: ('run' | 'crossings')[] = [];
  if (longest > runLimit) signals.push('run');
  if (crossings < crossLimit) signals.push('crossings');
  return { median: m, longestRun: longest, longestRunLimit: runLimit, crossings, crossingsLimit: crossLimit, signal: signals.length > 0, useful, signals };
}
