/**
 * Comparison of a figure with the previous period and the same period a year earlier. The
 * figures come from the core (indicators.dashboard); this only takes their difference and
 * words it in Swedish (arrow + text alternative).
 */
import { formatDecimal, formatInt } from '../../../../shared/format';

export type CompareKind = 'count' | 'rate' | 'share' | 'days';

export interface Change {
  /** current − earlier, in the unit shown (percentage points for shares); null when either is unknown. */
  diff: number | null;
  arrow: '↑' | '↓' | '→' | '';
  /** Visible short form, e.g. "+12", "−3,5 p.e.", "±0". */
  short: string;
  /** Text alternative, e.g. "ökning med 12 jämfört med föregående period". */
  text: string;
}

function fmt(kind: CompareKind, v: number): string {
  switch (kind) {
    case 'count':
    case 'days':
      return Number.isInteger(v) ? formatInt(v) : formatDecimal(v, 1);
    case 'rate':
      return formatDecimal(v, 2);
    case 'share':
      return formatDecimal(v, 1);
  }
}

const unitWord: Record<CompareKind, string> = { count: '', rate: ' per 10 000 invånare', share: ' procentenheter', days: ' dagar' };
const unitShort: Record<CompareKind, string> = { count: '', rate: '', share: ' p.e.', days: ' d' };

export function change(kind: CompareKind, current: number | null, earlier: number | null, against: string): Change {
  if (current === null || earlier === null) {
    return { diff: null, arrow: '', short: '–', text: `kan inte jämföras med ${against} (värde saknas)` };
  }
  let diff = kind === 'share' ? (current - earlier) * 100 : current - earlier;
  // avoid "−0,0" from floating point noise
  if (Math.abs(diff) < 1e-9) diff = 0;
  const rounded = Number(fmt(kind, Math.abs(diff)).replace(/\s/g, '').replace(',', '.'));
  if (diff === 0 || rounded === 0) {
    return { diff: 0, arrow: '→', short: '±0', text: `oförändrat jämfört med ${against}` };
  }
  const up = diff > 0;
  const abs = fmt(kind, Math.abs(diff));
  return {
    diff,
    arrow: up ? '↑' : '↓',
    short: `${up ? '+' : '−'}${abs}${unitShort[kind]}`,
    text: `${up ? 'ökning' : 'minskning'} med ${abs}${unitWord[kind]} jämfört med ${against}`,
  };
}
