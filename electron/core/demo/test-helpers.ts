/** Test helpers for the demo data (not used by the app). */

/** Anhøj rules as in INDICATORS.md (median, longest run, crossings). */
export function anhojSignal(points: number[]): boolean {
  const sorted = [...points].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const sides = points.filter((p) => p !== median).map((p) => (p > median ? 1 : -1));
  let longest = 0;
  let run = 0;
  let crossings = 0;
  for (let i = 0; i < sides.length; i++) {
    if (i > 0 && sides[i] === sides[i - 1]) run++;
    else {
      if (i > 0) crossings++;
      run = 1;
    }
    longest = Math.max(longest, run);
  }
  const np = sides.length;
  const runLimit = Math.round(Math.log2(np) + 3);
  // smallest x with P(Bin(np-1, 0.5) <= x) >= 0.05
  let c = 0;
  let cum = 0;
  const m = np - 1;
  for (let x = 0; x <= m; x++) {
    cum += binom(m, x) / 2 ** m;
    if (cum >= 0.05) {
      c = x;
      break;
    }
  }
  return longest > runLimit || crossings < c;
}
function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
