/**
 * Self-contained chart components (props in, SVG/HTML out) shared by the dashboard and the
 * printed report. Every chart has a text summary and a table with the same numbers; pass
 * `width` for a fixed size (print) and `mode="both"` to print chart and table. Each chart's
 * <figure data-chart="…"> gets data-chart-rendered="true" once drawn (and onRendered fires).
 */
export { ChartFrame, type ChartFrameProps, type ChartMode } from './ChartFrame';
export { RunChart, runChartSummary, runChartSignalText, longRunMonths, type RunChartProps } from './RunChart';
export { HBarChart, type HBarChartProps, type HBarItem } from './HBarChart';
export { FlowMatrix, type FlowMatrixProps, type FlowCell } from './FlowMatrix';
export { chartColors, heatColor } from './colors';
export { monthLong, monthShort, monthNamesLong, monthNamesShort } from './months';
