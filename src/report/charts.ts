/**
 * Plotly specs of the report's charts: a table's grouped bars of ours with 95 % error bars, and a
 * figure's lines / density curves with error bands or bars with error bars where lo / hi are given.
 */
import { tableBars, type ReproducedTable } from '../experiments';
import { groupedBars, lines, type Figure, type Trace } from '../viz';
import type { FigureSeries, ReportFigure } from './types';

/** Grouped bars of a table: one group per column, one bar per row (our mean, 95 % half-width). */
export function tableChart(t: ReproducedTable): Figure {
  const { categories, series } = tableBars(t);
  return groupedBars(categories, series, { yTitle: 'ours: mean over seeds (95 % CI)' });
}

const difference = (a: readonly number[], b: readonly number[]): number[] => a.map((x, i) => x - (b[i] as number));

function barTrace(s: FigureSeries): Trace {
  const errors =
    s.lo === undefined || s.hi === undefined
      ? {}
      : { error_y: { type: 'data', symmetric: false, array: difference(s.hi, s.y), arrayminus: difference(s.y, s.lo), visible: true } };
  return { type: 'bar', name: s.name, x: s.x, y: s.y, ...errors };
}

/** The chart of a figure (lo / hi: a band on lines and densities, error bars on bars). */
export function figureChart(f: ReportFigure): Figure {
  if (f.kind === 'bars') {
    return {
      data: f.series.map(barTrace),
      layout: { barmode: 'group', xaxis: { title: { text: f.xLabel } }, yaxis: { title: { text: f.yLabel } } },
    };
  }
  return lines(
    f.series.map((s) => ({
      name: s.name,
      x: s.x,
      y: s.y,
      ...(s.lo === undefined || s.hi === undefined ? {} : { band: { lower: s.lo, upper: s.hi } }),
    })),
    { xTitle: f.xLabel, yTitle: f.yLabel, markers: f.kind !== 'density' },
  );
}
