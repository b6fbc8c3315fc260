/**
 * Sweeps: a grid over trainer knobs of one objective, run through the same runner and cache,
 * shown as a table (the Table 5 columns and the four subtask accuracies per point) and as a
 * sensitivity plot like the paper's Fig. 11 (`registry/sensitivity.ts` is three one-axis sweeps
 * of AVEm-DPO); `npm run -s sweep` builds the same from a user's `--grid`.
 */
import { expandGrid, gridPointValues, type GridAxis } from '../config';
import { PAPER_KNOBS, type ObjectiveName } from '../losses';
import type { ExperimentDef, ExperimentRow, OutcomeLookup, TableDef } from './experiment';
import { buildTable, CANONICAL_CONTEXT, type ExperimentContext } from './experiment';
import type { FigureData } from './figure';
import { subtaskMeasure, table5Measure } from './measures';
import { TABLE5_COLUMNS } from './paperRows';
import { preferenceRow } from './rows';
import type { RunOutcome } from './runSpec';
import type { TableView } from './table';

/** The columns of a sensitivity point: Table 5's and the subtask accuracies. */
export const SWEEP_COLUMNS = [...TABLE5_COLUMNS, 'audio_spurious_acc', 'audio_hallucination_acc', 'visual_spurious_acc', 'visual_hallucination_acc'] as const;

function sweepMeasure(o: RunOutcome, view: TableView): Record<string, number | null> {
  return { ...table5Measure(o, view), ...subtaskMeasure(o, view) };
}

/** An objective knob (`gammaTpd`) names its config path (`objective.gammaTpd`); any other path is used as given. */
export function knobPath(path: string): string {
  return Object.prototype.hasOwnProperty.call(PAPER_KNOBS, path) ? `objective.${path}` : path;
}

/** A sweep point: its label, its overrides and its value on each axis. */
export interface SweepPoint {
  label: string;
  set: string[];
  values: Record<string, unknown>;
}

/** Every point of a grid (last axis fastest), knob names resolved to config paths. */
export function gridPoints(axes: readonly GridAxis[]): SweepPoint[] {
  const resolved = axes.map((a) => ({ path: knobPath(a.path), values: a.values }));
  return expandGrid(resolved).map((set) => ({ label: set.join(', '), set, values: gridPointValues(set) }));
}

/** A sweep's table over `points` of `objective` from "Our base". */
export function sweepTable(name: string, objective: ObjectiveName, points: readonly SweepPoint[]): TableDef {
  const rows: ExperimentRow[] = points.map((p) => preferenceRow(p.label, 'base', objective, p.set));
  return { name, columns: SWEEP_COLUMNS, rows, views: ['full', 'text_unsolvable'], paper: () => undefined, measure: sweepMeasure };
}

const TABLE5_SET: ReadonlySet<string> = new Set(TABLE5_COLUMNS);

/**
 * The sensitivity plots of a sweep table (full view), every column against the first axis, one
 * line per column and value of the other axes: one plot of the Table 5 columns, one of the
 * subtask accuracies.
 */
export function sweepFigures(
  t: TableDef,
  points: readonly SweepPoint[],
  axis: string,
  lookup: OutcomeLookup,
  seeds: readonly number[],
  labels: readonly string[],
  ctx: ExperimentContext = CANONICAL_CONTEXT,
): FigureData[] {
  const table = buildTable(t, lookup, seeds, 'full', labels, ctx);
  const others = (p: SweepPoint) =>
    Object.entries(p.values)
      .filter(([k]) => k !== axis)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ');
  const groups = [...new Set(points.map(others))];
  const figure = (title: string, columns: readonly string[]): FigureData => ({
    name: `${t.name}: ${title}`,
    kind: 'lines',
    xLabel: axis,
    yLabel: 'score (%)',
    labels: [...labels],
    series: groups.flatMap((g) =>
      columns.map((c) => {
        const idx = points.map((p, i) => (others(p) === g ? i : -1)).filter((i) => i >= 0);
        const cell = (i: number) => table.rows[i]?.ours[c] ?? null;
        return {
          name: g === '' ? c : `${c} (${g})`,
          x: idx.map((i) => (points[i] as SweepPoint).values[axis] as number | string),
          y: idx.map((i) => cell(i)?.mean ?? NaN),
          lo: idx.map((i) => cell(i)?.lo ?? NaN),
          hi: idx.map((i) => cell(i)?.hi ?? NaN),
        };
      }),
    ),
    numbers: table.rows.map((r) => ({
      point: r.label,
      ...Object.fromEntries(columns.map((c) => [c, r.ours[c] === null || r.ours[c] === undefined ? null : Math.round((r.ours[c]?.mean as number) * 10) / 10])),
    })),
  });
  return [
    figure(
      'Table 5 columns',
      t.columns.filter((c) => TABLE5_SET.has(c)),
    ),
    figure(
      'subtask accuracies',
      t.columns.filter((c) => !TABLE5_SET.has(c)),
    ),
  ];
}

/** A user's sweep as an experiment: one table and its sensitivity plot against the first axis. */
export function sweepExperiment(objective: ObjectiveName, axes: readonly GridAxis[]): ExperimentDef {
  if (axes.length === 0) throw new Error('sweep: give at least one --grid axis');
  const points = gridPoints(axes);
  const axis = knobPath((axes[0] as GridAxis).path);
  const table = sweepTable(`Sweep of ${objective} over ${axes.map((a) => a.path).join(' × ')}`, objective, points);
  return {
    title: table.name,
    tables: () => [table],
    figures: (ctx, lookup, seeds, labels) => sweepFigures(table, points, axis, lookup, seeds, labels, ctx),
  };
}
