/**
 * Plotly figure specs (plain JSON: data + layout) and builders for the workbench's plots.
 * Specs are what tests snapshot; rendering is in `render.ts`.
 */

/** One plotly trace. Kept loose on purpose: plotly's schema is large and checked by plotly. */
export type Trace = Record<string, unknown> & { type: string };

export interface Figure {
  data: Trace[];
  layout: Record<string, unknown>;
}

export interface HeatmapOptions {
  title?: string;
  /** Row labels (y axis), top to bottom. Default: row index. */
  rowLabels?: string[];
  /** Column labels (x axis). Default: column index. */
  colLabels?: string[];
  xTitle?: string;
  yTitle?: string;
  /** Plotly colour scale name. Default 'RdBu' (diverging, for signed features). */
  colorscale?: string;
}

/** A heatmap of a matrix `z[row][col]`. */
export function heatmap(z: number[][], opts: HeatmapOptions = {}): Figure {
  return {
    data: [
      {
        type: 'heatmap',
        z,
        x: opts.colLabels ?? z[0]?.map((_, i) => String(i)),
        y: opts.rowLabels ?? z.map((_, i) => String(i)),
        colorscale: opts.colorscale ?? 'RdBu',
        reversescale: true,
      },
    ],
    layout: {
      title: { text: opts.title ?? '' },
      xaxis: { title: { text: opts.xTitle ?? '' } },
      yaxis: { title: { text: opts.yTitle ?? '' }, autorange: 'reversed' },
      margin: { l: 120, r: 20, t: 50, b: 50 },
    },
  };
}

/** One series of a grouped bar chart; `errors` are symmetric half-widths (e.g. a 95% CI). */
export interface BarSeries {
  name: string;
  values: number[];
  errors?: number[];
}

export interface BarOptions {
  title?: string;
  yTitle?: string;
  /** Horizontal reference line, e.g. chance level. */
  reference?: { y: number; label: string };
}

/** Grouped bars: one group per category, one bar per series. */
export function groupedBars(categories: string[], series: BarSeries[], opts: BarOptions = {}): Figure {
  for (const s of series) {
    if (s.values.length !== categories.length) {
      throw new Error(`groupedBars: series "${s.name}" has ${s.values.length} values for ${categories.length} categories`);
    }
  }
  const shapes =
    opts.reference === undefined ? [] : [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: opts.reference.y, y1: opts.reference.y, line: { dash: 'dot' } }];
  return {
    data: series.map((s) => ({
      type: 'bar',
      name: s.name,
      x: categories,
      y: s.values,
      ...(s.errors === undefined ? {} : { error_y: { type: 'data', array: s.errors, visible: true } }),
    })),
    layout: {
      barmode: 'group',
      title: { text: opts.title ?? '' },
      yaxis: { title: { text: opts.yTitle ?? '' } },
      shapes,
      annotations: opts.reference === undefined ? [] : [{ xref: 'paper', x: 1, y: opts.reference.y, text: opts.reference.label, showarrow: false, yshift: 10 }],
    },
  };
}

/** One line; `band` gives a shaded [lower, upper] interval. */
export interface LineSeries {
  name: string;
  /** Numbers, or category names (then the axis is categorical). */
  x: Array<number | string>;
  y: number[];
  band?: { lower: number[]; upper: number[] };
}

export interface LineOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  logX?: boolean;
  /** Draw markers on the lines. Default true (false for dense curves such as densities). */
  markers?: boolean;
}

/** Lines with optional confidence bands (for sensitivity sweeps and density curves). */
export function lines(series: LineSeries[], opts: LineOptions = {}): Figure {
  const data: Trace[] = [];
  for (const s of series) {
    if (s.x.length !== s.y.length) throw new Error(`lines: series "${s.name}" has ${s.x.length} x and ${s.y.length} y`);
    if (s.band !== undefined) {
      data.push({
        type: 'scatter',
        x: [...s.x, ...s.x.slice().reverse()],
        y: [...s.band.upper, ...s.band.lower.slice().reverse()],
        fill: 'toself',
        opacity: 0.2,
        line: { width: 0 },
        name: `${s.name} (CI)`,
        showlegend: false,
        hoverinfo: 'skip',
      });
    }
    data.push({ type: 'scatter', mode: opts.markers === false ? 'lines' : 'lines+markers', name: s.name, x: s.x, y: s.y });
  }
  const categorical = series.some((s) => s.x.some((x) => typeof x === 'string'));
  return {
    data,
    layout: {
      title: { text: opts.title ?? '' },
      xaxis: { title: { text: opts.xTitle ?? '' }, type: opts.logX === true ? 'log' : categorical ? 'category' : 'linear' },
      yaxis: { title: { text: opts.yTitle ?? '' } },
    },
  };
}
