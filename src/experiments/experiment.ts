/**
 * What an experiment of the registry is: tables (rows of runs × seeds, columns measured from each
 * run's outcome, the paper's row beside ours) and figures. Experiments only declare runs; the
 * runner computes them once (a run is the hash of its full config, so a row shared by two
 * experiments is one run) and `experimentTables` assembles the tables from the outcomes.
 */
import type { ItemOutcome, ScoringMode } from '../eval';
import { stableStringify } from '../runs';
import type { FigureData } from './figure';
import { questionPairBootstrap, type ViewColumns } from './questionBootstrap';
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
  /**
   * The same columns as a function of one benchmark view's scores (`benchmarkMeasure` gives both):
   * its pairs get the paired bootstrap over questions. Undefined for columns that are not
   * per-question metrics of the benchmark (recognition, the description judge): bootstrap null.
   */
  viewColumns?: ViewColumns;
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

/** Per-question benchmark outcomes of the runs (`questionSource` reads them from the run cache). */
export interface QuestionSource {
  /** The scoring mode the outcomes were judged in. */
  mode: ScoringMode;
  /** A run's outcomes on the questions of a view, in benchmark order (null: the cache does not hold its predictions). */
  outcomes(spec: RunSpec, view: TableView): readonly ItemOutcome[] | null;
}

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

/**
 * One table in one view: per row, the paper's numbers and ours over seeds (paired by seed), with
 * fidelity. With `questions` and the table's `viewColumns`, every pair also gets the paired
 * bootstrap over questions (`questionBootstrap.ts`).
 */
export function buildTable(
  t: TableDef,
  lookup: OutcomeLookup,
  seeds: readonly number[],
  view: TableView,
  labels: readonly string[],
  ctx: ExperimentContext = CANONICAL_CONTEXT,
  questions?: QuestionSource,
): ReproducedTable {
  const columns = [...t.columns];
  const specsOf = new Map(t.rows.map((r) => [r.label, withContext(r, ctx)]));
  const bootstrap =
    questions === undefined || t.viewColumns === undefined
      ? undefined
      : questionPairBootstrap(
          (label) => seeds.map((s) => questions.outcomes((specsOf.get(label) as ExperimentRow).spec(s), view)),
          questions.mode,
          t.viewColumns,
        );
  const rows: TableRow[] = t.rows.map((r) => {
    const row = specsOf.get(r.label) as ExperimentRow;
    const per = seeds.map((s) => t.measure(lookup(row.spec(s)), view));
    const paper = t.paper(r.label);
    return {
      label: r.label,
      paper: Object.fromEntries(columns.map((c) => [c, paper?.[c] ?? null])),
      ours: Object.fromEntries(columns.map((c) => [c, ourCell(per.map((m) => m[c] ?? null))])),
    };
  });
  return { name: t.name, view, columns, rows, labels: [...labels], fidelity: fidelityOf(rows, columns, t.minDelta, bootstrap) };
}

/** Every table of an experiment in each of its views (with the bootstrap over questions when `questions` is given). */
export function experimentTables(
  def: ExperimentDef,
  lookup: OutcomeLookup,
  seeds: readonly number[],
  labels: readonly string[],
  ctx: ExperimentContext = CANONICAL_CONTEXT,
  questions?: QuestionSource,
): ReproducedTable[] {
  return def.tables(ctx).flatMap((t) => t.views.map((v) => buildTable(t, lookup, seeds, v, labels, ctx, questions)));
}
