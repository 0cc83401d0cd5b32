import { useLayoutEffect, useRef, useState } from 'react';

/**
 * The width to draw a chart at: the fixed width when given (print), else the measured width of
 * the wrapper (ResizeObserver). Measuring ourselves (instead of recharts' ResponsiveContainer)
 * gives a chart that is drawn once at its final size, and a reliable "rendered" moment.
 */
export function useChartWidth<T extends HTMLElement>(fixed?: number): { ref: React.RefObject<T | null>; width: number } {
  const ref = useRef<T | null>(null);
  const [measured, setMeasured] = useState(0);
  useLayoutEffect(() => {
    if (fixed) return;
    const el = ref.current;
    if (!el) return;
    const set = () => setMeasured(Math.floor(el.getBoundingClientRect().width));
    set();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(set);
    ro.observe(el);
    return () => ro.disconnect();
  }, [fixed]);
  return { ref, width: fixed ?? measured };
}
