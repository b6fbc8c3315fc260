/**
 * A reproduced table: the paper's numbers beside ours (mean and 95 % t-interval over seeds,
 * per-seed values in seed order so rows pair up), and its fidelity. For every pair of rows the
 * paper orders in a column (|Δ| ≥ 1 point on a 0–100 scale), fidelity asks whether ours orders
 * them the same way; strict fidelity also asks that our paired 95 % t-interval of the
 * difference (over seeds) excludes 0. Where the columns are per-question metrics of the
 * benchmark, each pair also carries the paired bootstrap over questions of the difference
 * (`questionBootstrap.ts`): the t-interval covers training noise across seeds, the bootstrap
 * the sampling of the questions. Paper numbers appear only in the `paper` field.
 */
import { meanCI } from '../eval';

export type TableView = 'full' | 'text_unsolvable';

export interface OurCell {
  mean: number;
  lo: number | null;
  hi: number | null;
  n: number;
  perSeed: number[];
}

export interface TableRow {
  label: string;
  paper: Record<string, number | null>;
  ours: Record<string, OurCell | null>;
}

export interface ReproducedTable {
  name: string;
  view: TableView;
  columns: string[];
  rows: TableRow[];
  /** Visible labels: quick run, overrides, calibration status of the references. */
  labels: string[];
  fidelity: Fidelity;
}

export interface PairVerdict {
  column: string;
  higher: string;
  lower: string;
  paperDelta: number;
  oursDelta: number | null;
  sameOrder: boolean;
  /** Our paired 95 % t-interval of (higher − lower) over seeds excludes 0, in the paper's direction. */
  separated: boolean;
  /**
   * Our paired 95 % bootstrap interval over questions of (higher − lower), the mean over seeds of
   * the per-seed difference. null: the column is not a per-question metric of the benchmark
   * (recognition UAR / WAR, the EMER judge), ours is unmeasured, or the run cache does not hold
   * the runs' predictions.
   */
  bootstrap: { lo: number; hi: number } | null;
  /** The bootstrap interval excludes 0, in the paper's direction. */
  bootstrapSeparated: boolean;
}

/** The paired bootstrap of (higher − lower) in a column, for two rows by label (null: none, see `PairVerdict.bootstrap`). */
export type PairBootstrap = (column: string, higher: string, lower: string) => { lo: number; hi: number } | null;

export interface Fidelity {
  pairs: number;
  /** Share of the paper's ordered pairs that ours orders the same way (null: no pairs). */
  fidelity: number | null;
  /** Share also separated by our paired CI. */
  strict: number | null;
  /** Share separated by the paired bootstrap over questions (null: no pairs, or no pair has a bootstrap). */
  bootstrapStrict: number | null;
  verdicts: PairVerdict[];
}

/** Mean and 95 % t-interval of per-seed values (null when nothing was measured). */
export function ourCell(perSeed: ReadonlyArray<number | null>): OurCell | null {
  const xs = perSeed.filter((x): x is number => x !== null && Number.isFinite(x));
  if (xs.length === 0 || xs.length !== perSeed.length) return null;
  const ci = meanCI(xs);
  return { mean: ci.mean, lo: ci.lower, hi: ci.upper, n: xs.length, perSeed: [...xs] };
}

/**
 * Fidelity of our rows to the paper's ordering (paired by seed index). `minDelta`: the smallest
 * paper difference that orders a pair, per column (default 1 point). `bootstrap`: the paired
 * bootstrap over questions of a pair (default: none, every `bootstrap` null).
 */
export function fidelityOf(
  rows: readonly TableRow[],
  columns: readonly string[],
  minDelta: (column: string) => number = () => 1,
  bootstrap?: PairBootstrap,
): Fidelity {
  const verdicts: PairVerdict[] = [];
  for (const column of columns) {
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        const a = rows[i] as TableRow;
        const b = rows[j] as TableRow;
        const pa = a.paper[column];
        const pb = b.paper[column];
        if (pa === null || pa === undefined || pb === null || pb === undefined || Math.abs(pa - pb) < minDelta(column)) continue;
        const [hi, lo] = pa > pb ? [a, b] : [b, a];
        const oh = hi.ours[column];
        const ol = lo.ours[column];
        let oursDelta: number | null = null;
        let separated = false;
        let boot: PairVerdict['bootstrap'] = null;
        if (oh && ol && oh.perSeed.length === ol.perSeed.length) {
          const d = oh.perSeed.map((x, k) => x - (ol.perSeed[k] as number));
          const ci = meanCI(d);
          oursDelta = ci.mean;
          separated = ci.lower !== null && ci.lower > 0;
          boot = bootstrap?.(column, hi.label, lo.label) ?? null;
        }
        verdicts.push({
          column,
          higher: hi.label,
          lower: lo.label,
          paperDelta: Math.abs(pa - pb),
          oursDelta,
          sameOrder: oursDelta !== null && oursDelta > 0,
          separated,
          bootstrap: boot,
          bootstrapSeparated: boot !== null && boot.lo > 0,
        });
      }
    }
  }
  const n = verdicts.length;
  return {
    pairs: n,
    fidelity: n === 0 ? null : verdicts.filter((v) => v.sameOrder).length / n,
    strict: n === 0 ? null : verdicts.filter((v) => v.separated).length / n,
    bootstrapStrict: verdicts.some((v) => v.bootstrap !== null) ? verdicts.filter((v) => v.bootstrapSeparated).length / n : null,
    verdicts,
  };
}

/** Display rows: per table row, the paper's value and ours as "mean [lo, hi]". */
export function displayRows(t: ReproducedTable): Array<Record<string, string | number | null>> {
  const fmt = (c: OurCell | null) =>
    c === null ? '—' : c.lo === null ? c.mean.toFixed(1) : `${c.mean.toFixed(1)} [${c.lo.toFixed(1)}, ${(c.hi as number).toFixed(1)}]`;
  return t.rows.map((r) => {
    const out: Record<string, string | number | null> = { row: r.label };
    for (const c of t.columns) {
      out[`${c} (paper)`] = r.paper[c] ?? null;
      out[`${c} (ours)`] = fmt(r.ours[c] ?? null);
    }
    return out;
  });
}

/** Bar-chart data of a table: one group per column, one series per row (our mean, 95 % half-width as the error bar). */
export function tableBars(t: ReproducedTable): { categories: string[]; series: Array<{ name: string; values: number[]; errors: number[] }> } {
  return {
    categories: [...t.columns],
    series: t.rows.map((r) => ({
      name: r.label,
      values: t.columns.map((c) => r.ours[c]?.mean ?? NaN),
      errors: t.columns.map((c) => {
        const x = r.ours[c];
        return x === null || x === undefined || x.hi === null ? 0 : x.hi - x.mean;
      }),
    })),
  };
}

/** The fidelity verdicts as display rows (the bootstrap columns "—" where a pair has none). */
export function fidelityRows(t: ReproducedTable): Array<Record<string, string | number | null>> {
  return t.fidelity.verdicts.map((v) => ({
    column: v.column,
    'paper: higher': v.higher,
    'paper: lower': v.lower,
    'paper Δ': Math.round(v.paperDelta * 10) / 10,
    'our Δ': v.oursDelta === null ? null : Math.round(v.oursDelta * 10) / 10,
    'same order': v.sameOrder ? 'yes' : 'no',
    'CI excludes 0': v.separated ? 'yes' : 'no',
    'bootstrap CI': v.bootstrap === null ? '—' : `[${v.bootstrap.lo.toFixed(1)}, ${v.bootstrap.hi.toFixed(1)}]`,
    'bootstrap excludes 0': v.bootstrap === null ? '—' : v.bootstrapSeparated ? 'yes' : 'no',
  }));
}
