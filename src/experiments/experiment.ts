/**
 * What an experiment of the registry is: tables (rows of runs × seeds, columns measured from each
 * run's outcome, the paper's row beside ours) and figures. Experiments only declare runs; the
 * runner computes them once (a run is the hash of its full config, so a row shared by two
 * experiments is one run) and `experimentTables` assembles the tables from the outcomes.
 */
import { stableStringify } from '../runs';
import type { FigureData } from './figure';
import type { RunOutcome, RunSpec } from './runSpec';
import { fidelityOf, ourCell, type ReproducedTable, type TableRow, type TableView } from './table';

/** A row of a table: its label (the paper's) and the run of each seed. */
export interface ExperimentRow {
  label: string;
  spec(seed: number): RunSpec;
}

/** A table of an experiment. */
export interface TableDef {
  name: string;
  columns: readonly string[];
  rows: readonly ExperimentRow[];
  /** The views it is shown in. The benchmark's tables: both; recognition and description: `full` only (they have no text-unsolvable subset). */
  views: readonly TableView[];
  /** The paper's row (undefined: the paper has none). */
  paper(label: string): Record<string, number | null> | undefined;
  /** Our value of every column for one run in one view (null: not measured). */
  measure(outcome: RunOutcome, view: TableView): Record<string, number | null>;
  /** The smallest paper difference that counts as an ordering, per column: 1 on a 0–100 scale (default), 0.1 on a 0–10 scale. */
  minDelta?(column: string): number;
}

/** Global overrides and labels of one invocation. */
export interface ExperimentContext {
  /** `path=value` overrides applied to every preference run after the row's own (`--set`). */
  set: readonly string[];
}

export const CANONICAL_CONTEXT: ExperimentContext = { set: [] };

export interface ExperimentDef {
  title: string;
  tables(ctx: ExperimentContext): TableDef[];
  /** Figures from the outcomes (optional). */
  figures?(ctx: ExperimentContext, outcomes: OutcomeLookup, seeds: readonly number[], labels: readonly string[]): FigureData[];
}

/** The outcome of a spec, as computed by the runner. */
export type OutcomeLookup = (spec: RunSpec) => RunOutcome;

/** The context's overrides applied to a preference row (reference rows are untouched). */
export function withContext(row: ExperimentRow, ctx: ExperimentContext): ExperimentRow {
  if (ctx.set.length === 0) return row;
  return {
    label: row.label,
    spec: (seed) => {
      const s = row.spec(seed);
      return s.kind === 'preference' ? { ...s, set: [...s.set, ...ctx.set] } : s;
    },
  };
}

/** Every run of an experiment's tables, rows × seeds. */
export function experimentRunSpecs(def: ExperimentDef, seeds: readonly number[], ctx: ExperimentContext = CANONICAL_CONTEXT): RunSpec[] {
  return def.tables(ctx).flatMap((t) => t.rows.flatMap((r) => seeds.map((s) => withContext(r, ctx).spec(s))));
}

/** A lookup over outcomes returned by the runner for `specs` (same order). */
export function outcomeLookup(specs: readonly RunSpec[], outcomes: readonly RunOutcome[]): OutcomeLookup {
  const byKey = new Map<string, RunOutcome>();
  specs.forEach((s, i) => byKey.set(stableStringify(s), outcomes[i] as RunOutcome));
  return (spec) => {
    const o = byKey.get(stableStringify(spec));
    if (o === undefined) throw new Error(`no outcome for run ${stableStringify(spec)}`);
    return o;
  };
}

/** One table in one view: per row, the paper's numbers and ours over seeds (paired by seed), with fidelity. */
export function buildTable(t: TableDef, lookup: OutcomeLookup, seeds: readonly number[], view: TableView, labels: readonly string[], ctx: ExperimentContext = CANONICAL_CONTEXT): ReproducedTable {
  const columns = [...t.columns];
  const rows: TableRow[] = t.rows.map((r) => {
    const row = withContext(r, ctx);
    const per = seeds.map((s) => t.measure(lookup(row.spec(s)), view));
    const paper = t.paper(r.label);
    return {
      label: r.label,
      paper: Object.fromEntries(columns.map((c) => [c, paper?.[c] ?? null])),
      ours: Object.fromEntries(columns.map((c) => [c, ourCell(per.map((m) => m[c] ?? null))])),
    };
  });
  return { name: t.name, view, columns, rows, labels: [...labels], fidelity: fidelityOf(rows, columns, t.minDelta) };
}

/** Every table of an experiment in each of its views. */
export function experimentTables(def: ExperimentDef, lookup: OutcomeLookup, seeds: readonly number[], labels: readonly string[], ctx: ExperimentContext = CANONICAL_CONTEXT): ReproducedTable[] {
  return def.tables(ctx).flatMap((t) => t.views.map((v) => buildTable(t, lookup, seeds, v, labels, ctx)));
}
