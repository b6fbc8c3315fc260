/** Figures without paper numbers: their consistency check and the numbers shown beside them. */
import type { DisplayRow, ReportFigure } from './types';

/** Throws unless every series has as many y (and lo / hi, when given) as x. */
export function checkFigure(fig: ReportFigure): void {
  for (const s of fig.series) {
    for (const [what, xs] of [
      ['y', s.y],
      ['lo', s.lo],
      ['hi', s.hi],
    ] as const) {
      if (xs !== undefined && xs.length !== s.x.length) {
        throw new Error(`figure "${fig.name}": series "${s.name}" has ${s.x.length} x and ${xs.length} ${what}`);
      }
    }
  }
}

/**
 * The numbers shown beside a figure: its own `numbers`, or one row per point of every series
 * (series, x, y and, when given, lo / hi, named by the figure's axis labels).
 */
export function figureNumbers(fig: ReportFigure): DisplayRow[] {
  if (fig.numbers !== undefined) return fig.numbers;
  return fig.series.flatMap((s) =>
    s.x.map((x, i): DisplayRow => ({
      series: s.name,
      [fig.xLabel]: x,
      [fig.yLabel]: s.y[i] ?? null,
      ...(s.lo === undefined ? {} : { [`${fig.yLabel} lo`]: s.lo[i] ?? null }),
      ...(s.hi === undefined ? {} : { [`${fig.yLabel} hi`]: s.hi[i] ?? null }),
    })),
  );
}
