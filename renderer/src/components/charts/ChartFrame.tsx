import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useChartWidth } from './useChartSize';

export type ChartMode = 'toggle' | 'chart' | 'both';

export interface ChartFrameProps {
  /** Name of the chart; becomes data-chart on the <figure>. */
  name: string;
  /** Text summary of what the chart shows (always visible, read by screen readers). */
  summary: ReactNode;
  /** The same numbers as a table (shown by "Visa som tabell", or always with mode 'both'). */
  table: ReactNode;
  /** 'toggle' (screen, default): chart with a "Visa som tabell" button; 'chart': chart only; 'both': chart and table (print). */
  mode?: ChartMode;
  /** Fixed width in px (print); default: the width of the container. */
  width?: number;
  /** Draws the SVG at the given width. */
  children: (width: number) => ReactNode;
  /** Called once the chart has been drawn at its final size (each time its data changes). */
  onRendered?: () => void;
  /** Changes when the data changes (resets the rendered signal). */
  dataKey?: string;
  /** Initial state of the toggle. */
  initialTable?: boolean;
  className?: string;
}

/**
 * A chart with its text summary and table alternative. The <figure> carries
 * data-chart="<name>" and data-chart-rendered="true" once the SVG has been drawn, so a printer
 * can wait for the signal instead of a timeout. The SVG itself is hidden from assistive
 * technology: the summary and the table carry the same information.
 */
export function ChartFrame({ name, summary, table, mode = 'toggle', width: fixedWidth, children, onRendered, dataKey, initialTable = false, className }: ChartFrameProps) {
  const [showTable, setShowTable] = useState(initialTable);
  const { ref, width } = useChartWidth<HTMLDivElement>(fixedWidth);
  const [rendered, setRendered] = useState(false);
  const tableId = useId();
  const chartVisible = mode !== 'toggle' || !showTable;
  const cb = useRef(onRendered);
  cb.current = onRendered;

  useEffect(() => {
    setRendered(false);
    if (!chartVisible) {
      setRendered(true);
      return;
    }
    if (width <= 0) return;
    // recharts draws in a commit after ours; two frames later the SVG is on screen
    let f2 = 0;
    const f1 = requestAnimationFrame(() => {
      f2 = requestAnimationFrame(() => {
        setRendered(true);
        cb.current?.();
      });
    });
    return () => {
      cancelAnimationFrame(f1);
      cancelAnimationFrame(f2);
    };
  }, [width, dataKey, chartVisible]);

  return (
    <figure className={`chart-frame${className ? ` ${className}` : ''}`} data-chart={name} data-chart-rendered={rendered ? 'true' : 'false'}>
      <figcaption className="chart-summary">{summary}</figcaption>
      {mode === 'toggle' ? (
        <div className="chart-toggle">
          <button type="button" className="small" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((s) => !s)}>
            {showTable ? 'Visa som diagram' : 'Visa som tabell'}
          </button>
        </div>
      ) : null}
      {chartVisible ? (
        <div ref={ref} className="chart-canvas" aria-hidden="true" style={fixedWidth ? { width: fixedWidth } : undefined}>
          {width > 0 ? children(width) : null}
        </div>
      ) : null}
      {mode === 'both' || (mode === 'toggle' && showTable) ? (
        <div id={tableId} className="chart-table table-wrap">
          {table}
        </div>
      ) : (
        <div id={tableId} hidden />
      )}
    </figure>
  );
}
