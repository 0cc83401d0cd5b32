import { useCallback, useLayoutEffect, useState } from 'react';

/**
 * The width to draw a chart at: the fixed width when given (print), else the measured width of
 * the wrapper (ResizeObserver). Measuring ourselves (instead of recharts' ResponsiveContainer)
 * gives a chart that is drawn once at its final size, and a reliable "rendered" moment.
 * The ref is a callback ref: the wrapper is unmounted while the chart is shown as a table, and the
 * new wrapper must be measured when the chart comes back ("Visa som diagram").
 */
export function useChartWidth<T extends HTMLElement>(fixed?: number): { ref: (el: T | null) => void; width: number } {
  const [el, setEl] = useState<T | null>(null);
  const [measured, setMeasured] = useState(0);
  const ref = useCallback((node: T | null) => setEl(node), []);
  useLayoutEffect(() => {
    if (fixed || !el) return;
    const set = () => {
      // a wrapper being removed reports width 0: keep the last real width
      if (!el.isConnected) return;
      setMeasured(Math.floor(el.getBoundingClientRect().width));
    };
    set();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(set);
    ro.observe(el);
    return () => ro.disconnect();
  }, [fixed, el]);
  return { ref, width: fixed ?? measured };
}
