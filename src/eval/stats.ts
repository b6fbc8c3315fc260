/**
 * Uncertainty for benchmark numbers:
 * - `bootstrapCI`: percentile bootstrap over questions (optionally stratified, e.g. by task,
 *   so every resample keeps each task's size), seeded with `Rng`;
 * - `meanCI`: mean ± Student-t interval across seeds;
 * - `mcnemarExact`: exact McNemar test of two models' per-question correctness;
 * - `pairedBootstrap`: paired bootstrap of the difference of any metric (e.g. F1), resampling
 *   the same questions for both models;
 * - `bootstrapMultiplicities`: the same resamples as counts per item, to apply one resample to
 *   many models' outcomes at once.
 */
import { mean, quantile, sampleStandardDeviation } from 'simple-statistics';
import { Rng } from '../random';
import { studentTQuantile } from './studentT';

export interface BootstrapOptions {
  /** Default 0. */
  seed?: number;
  /** Number of resamples, default 1000. */
  resamples?: number;
  /** Confidence level, default 0.95. */
  level?: number;
  /** Resample within these groups (each keeps its size); default: one group. */
  strata?: (index: number) => string;
}

export interface Interval {
  /** The statistic on the full data. */
  estimate: number;
  lower: number;
  upper: number;
  level: number;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new Error(`confidence level must be in (0, 1), got ${level}`);
}

/** Index groups for stratified resampling. */
function strataOf(n: number, strata: ((i: number) => string) | undefined): number[][] {
  if (strata === undefined) return [Array.from({ length: n }, (_, i) => i)];
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const key = strata(i);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [i]);
    else g.push(i);
  }
  return [...groups.values()];
}

/** One bootstrap resample of indices (with replacement, within each group). */
function resampleIndices(groups: number[][], rng: Rng): number[] {
  const out: number[] = [];
  for (const g of groups) for (let k = 0; k < g.length; k++) out.push(g[rng.int(g.length)] as number);
  return out;
}

/**
 * The resamples `bootstrapCI` and `pairedBootstrap` draw (the same seed and strata give the same
 * draws), as multiplicities: `out[r][i]` is how often item i is drawn in resample r.
 */
export function bootstrapMultiplicities(n: number, options: Omit<BootstrapOptions, 'level'> = {}): Uint32Array[] {
  const { seed = 0, resamples = 1000 } = options;
  if (n === 0) throw new Error('bootstrapMultiplicities: no items');
  const rng = new Rng(seed);
  const groups = strataOf(n, options.strata);
  return Array.from({ length: resamples }, () => {
    const counts = new Uint32Array(n);
    for (const i of resampleIndices(groups, rng)) counts[i] = (counts[i] as number) + 1;
    return counts;
  });
}

/** Percentile bootstrap interval of `statistic` over `data`. */
export function bootstrapCI<T>(data: readonly T[], statistic: (sample: T[]) => number, options: BootstrapOptions = {}): Interval {
  const { seed = 0, resamples = 1000, level = 0.95 } = options;
  checkLevel(level);
  if (data.length === 0) throw new Error('bootstrapCI: no data');
  const rng = new Rng(seed);
  const groups = strataOf(data.length, options.strata);
  const stats: number[] = [];
  for (let r = 0; r < resamples; r++) stats.push(statistic(resampleIndices(groups, rng).map((i) => data[i] as T)));
  const alpha = 1 - level;
  return { estimate: statistic([...data]), lower: quantile(stats, alpha / 2), upper: quantile(stats, 1 - alpha / 2), level };
}

export interface MeanInterval {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); null for one value. */
  sd: number | null;
  /** t_{1−α/2, n−1} · sd / √n; null for one value. */
  halfWidth: number | null;
  lower: number | null;
  upper: number | null;
  level: number;
}

/** Mean ± Student-t confidence interval, e.g. of a metric across training seeds. */
export function meanCI(values: readonly number[], level = 0.95): MeanInterval {
  checkLevel(level);
  if (values.length === 0) throw new Error('meanCI: no values');
  const m = mean([...values]);
  if (values.length === 1) return { n: 1, mean: m, sd: null, halfWidth: null, lower: null, upper: null, level };
  const sd = sampleStandardDeviation([...values]);
  const halfWidth = (studentTQuantile(1 - (1 - level) / 2, values.length - 1) * sd) / Math.sqrt(values.length);
  return { n: values.length, mean: m, sd, halfWidth, lower: m - halfWidth, upper: m + halfWidth, level };
}

export interface McNemarResult {
  /** Questions both models got right / wrong. */
  bothRight: number;
  bothWrong: number;
  /** Questions only A / only B got right (the discordant pairs). */
  onlyA: number;
  onlyB: number;
  /** Exact two-sided p: 2·P(X ≤ min(onlyA, onlyB)), X ~ Binomial(onlyA + onlyB, ½), capped at 1. */
  pValue: number;
}

/** Exact (binomial) McNemar test on paired per-question correctness. */
export function mcnemarExact(correctA: readonly boolean[], correctB: readonly boolean[]): McNemarResult {
  if (correctA.length !== correctB.length) throw new Error(`mcnemarExact: ${correctA.length} vs ${correctB.length} questions`);
  let bothRight = 0;
  let bothWrong = 0;
  let onlyA = 0;
  let onlyB = 0;
  correctA.forEach((a, i) => {
    const b = correctB[i];
    if (a && b) bothRight++;
    else if (a) onlyA++;
    else if (b) onlyB++;
    else bothWrong++;
  });
  const n = onlyA + onlyB;
  const k = Math.min(onlyA, onlyB);
  // log C(n, j) by the recurrence C(n, j+1) = C(n, j)·(n − j)/(j + 1); summed with log-sum-exp.
  const logTerms: number[] = [];
  let logC = 0;
  for (let j = 0; j <= k; j++) {
    logTerms.push(logC - n * Math.LN2);
    logC += Math.log(n - j) - Math.log(j + 1);
  }
  const top = Math.max(...logTerms);
  const tail = Math.exp(top) * logTerms.reduce((a, t) => a + Math.exp(t - top), 0);
  return { bothRight, bothWrong, onlyA, onlyB, pValue: Math.min(1, 2 * tail) };
}

export interface PairedBootstrapResult {
  /** statistic(A) − statistic(B) on the full data. */
  difference: number;
  lower: number;
  upper: number;
  level: number;
  /** Two-sided: twice the smaller share of resampled differences on either side of 0, capped at 1. */
  pValue: number;
  resamples: number;
}

/** Paired bootstrap: `a[i]` and `b[i]` are the two models on question i; both are resampled with the same indices. */
export function pairedBootstrap<T>(
  a: readonly T[],
  b: readonly T[],
  statistic: (sample: T[]) => number,
  options: BootstrapOptions = {},
): PairedBootstrapResult {
  const { seed = 0, resamples = 1000, level = 0.95 } = options;
  checkLevel(level);
  if (a.length !== b.length) throw new Error(`pairedBootstrap: ${a.length} vs ${b.length} questions`);
  if (a.length === 0) throw new Error('pairedBootstrap: no data');
  const rng = new Rng(seed);
  const groups = strataOf(a.length, options.strata);
  const diffs: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const idx = resampleIndices(groups, rng);
    diffs.push(statistic(idx.map((i) => a[i] as T)) - statistic(idx.map((i) => b[i] as T)));
  }
  const alpha = 1 - level;
  const below = diffs.filter((d) => d <= 0).length / resamples;
  const above = diffs.filter((d) => d >= 0).length / resamples;
  return {
    difference: statistic([...a]) - statistic([...b]),
    lower: quantile(diffs, alpha / 2),
    upper: quantile(diffs, 1 - alpha / 2),
    level,
    pValue: Math.min(1, 2 * Math.min(below, above)),
    resamples,
  };
}
