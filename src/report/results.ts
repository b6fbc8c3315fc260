/**
 * The content of `results.json`: every table with each column present in `paper` and `ours`
 * (null where missing), its fidelity with verdicts, every figure with its numbers and fidelity
 * "n/a", the fidelity summary per table, the calibration summary verbatim, provenance and timings.
 */
import type { OurCell, ReproducedTable } from '../experiments';
import { checkFigure, figureNumbers } from './figure';
import { NO_FIDELITY, tableKey } from './format';
import type { FigureSeries, FidelitySummary, ReportFigure, ReportInput, ReportResults, ResultsFigure, ResultsTable } from './types';

const cell = (c: OurCell | null | undefined): OurCell | null =>
  c === null || c === undefined ? null : { mean: c.mean, lo: c.lo, hi: c.hi, n: c.n, perSeed: [...c.perSeed] };

function resultsTable(t: ReproducedTable): ResultsTable {
  return {
    name: t.name,
    view: t.view,
    columns: [...t.columns],
    rows: t.rows.map((r) => ({
      label: r.label,
      paper: Object.fromEntries(t.columns.map((c) => [c, r.paper[c] ?? null])),
      ours: Object.fromEntries(t.columns.map((c) => [c, cell(r.ours[c])])),
    })),
    labels: [...t.labels],
    fidelity: t.fidelity,
  };
}

const series = (s: FigureSeries): FigureSeries => ({
  name: s.name,
  x: [...s.x],
  y: [...s.y],
  ...(s.lo === undefined ? {} : { lo: [...s.lo] }),
  ...(s.hi === undefined ? {} : { hi: [...s.hi] }),
});

function resultsFigure(f: ReportFigure): ResultsFigure {
  checkFigure(f);
  return {
    name: f.name,
    kind: f.kind,
    xLabel: f.xLabel,
    yLabel: f.yLabel,
    series: f.series.map(series),
    labels: [...f.labels],
    numbers: figureNumbers(f),
    fidelity: NO_FIDELITY,
  };
}

/** A table's fidelity without its verdicts. */
export function fidelitySummary(t: ReproducedTable): FidelitySummary {
  return { pairs: t.fidelity.pairs, fidelity: t.fidelity.fidelity, strict: t.fidelity.strict, bootstrapStrict: t.fidelity.bootstrapStrict };
}

/** The content of `results.json` (throws on two tables with the same name and view, or an inconsistent figure). */
export function reportResults(input: ReportInput): ReportResults {
  const fidelity: Record<string, FidelitySummary> = {};
  for (const t of input.tables) {
    const key = tableKey(t);
    if (key in fidelity) throw new Error(`reportResults: two tables "${key}"`);
    fidelity[key] = fidelitySummary(t);
  }
  return {
    tables: input.tables.map(resultsTable),
    figures: input.figures.map(resultsFigure),
    fidelity,
    calibration: input.calibration,
    provenance: { ...input.provenance },
    timings: (input.timings ?? []).map((t) => ({ ...t })),
  };
}
