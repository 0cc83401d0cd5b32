/**
 * Chart colours (checked against white: primary 6.7:1, signal 5.5:1, median/text ≥ 7:1; link #0a3d73 on the darkest matrix cell 5.3:1).
 * Meaning is never carried by colour alone: signal points also differ in shape and are named
 * in the legend, the summary and the table.
 */
export const chartColors = {
  primary: '#0b5cad',
  signal: '#b34700',
  median: '#3d4650',
  text: '#1b1f24',
  axis: '#6b7480',
  grid: '#e1e5ea',
  bar: '#0b5cad',
  barHover: '#094c8f',
} as const;

/** Background for a matrix cell with share t (0..1) of the largest value: white → light blue; dark text stays ≥ 7:1. */
export function heatColor(t: number): string {
  const c = Math.max(0, Math.min(1, t));
  const from = [255, 255, 255];
  const to = [142, 186, 229]; // #8ebae5 — #1b1f24 on it ≈ 8.6:1
  const mix = from.map((f, i) => Math.round(f + (to[i]! - f) * c));
  return `rgb(${mix[0]}, ${mix[1]}, ${mix[2]})`;
}
