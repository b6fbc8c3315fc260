/**
 * A figure of an experiment as data: the paper's Figs. 5 and 11 have no published numbers, so a
 * figure carries only ours (mean and 95 % interval over seeds where given) and has no fidelity.
 * The report draws it (plotly) and prints its numbers beside it.
 */
export interface FigureSeries {
  name: string;
  x: Array<number | string>;
  y: number[];
  /** Lower / upper 95 % bounds per point (optional). */
  lo?: number[];
  hi?: number[];
}

export interface FigureData {
  name: string;
  kind: 'lines' | 'bars' | 'density';
  xLabel: string;
  yLabel: string;
  series: FigureSeries[];
  /** Visible labels: quick run, overrides, calibration status of the references. */
  labels: string[];
  /** The figure's numbers as display rows. */
  numbers?: Array<Record<string, string | number | null>>;
}
