/**
 * How far a distribution moves (Fig. 5 right): the correct option's log-likelihood with the
 * clip's own audio vs another clip's audio. Three numbers: the mean shift, the overlap
 * coefficient of the two kernel density estimates (simple-statistics, Gaussian kernel,
 * Scott/Silverman `nrd` bandwidth unless given), and the two-sample Kolmogorov–Smirnov statistic.
 */
import { interquartileRange, kernelDensityEstimation, mean, sampleStandardDeviation } from 'simple-statistics';

export interface DistributionShift {
  /** mean(after) − mean(before). */
  meanShift: number;
  /** ∫ min(f_before, f_after) over the KDEs, in [0, 1] (1: the same distribution). */
  overlap: number;
  /** sup |F_before − F_after| of the empirical CDFs, in [0, 1]. */
  ks: number;
}

export interface ShiftOptions {
  /** KDE bandwidth for both samples (default: each sample's `nrd`). */
  bandwidth?: number;
  /** Grid points of the overlap integral. Default 1024. */
  gridPoints: number;
}

/** The two-sample Kolmogorov–Smirnov statistic. */
export function ksStatistic(a: readonly number[], b: readonly number[]): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const t = Math.min(x[i] as number, y[j] as number);
    while (i < x.length && (x[i] as number) <= t) i++;
    while (j < y.length && (y[j] as number) <= t) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** A KDE on a grid: the density at each grid point, and the grid. */
export function densityOnGrid(xs: readonly number[], grid: readonly number[], bandwidth?: number): number[] {
  const f = kernelDensityEstimation(xs, 'gaussian', bandwidth ?? 'nrd');
  return grid.map(f);
}

/** An even grid covering both samples with a margin of 4 bandwidths. */
export function sharedGrid(a: readonly number[], b: readonly number[], points: number, bandwidth: number): number[] {
  const lo = Math.min(...a, ...b) - 4 * bandwidth;
  const hi = Math.max(...a, ...b) + 4 * bandwidth;
  return Array.from({ length: points }, (_, k) => lo + ((hi - lo) * k) / (points - 1));
}

/** The `nrd` rule of thumb (as simple-statistics applies it), for the grid's margin. */
function nrd(xs: readonly number[]): number {
  const sd = sampleStandardDeviation(xs as number[]);
  const s = Math.min(sd, interquartileRange(xs as number[]) / 1.34) || sd || 1;
  return 1.06 * s * xs.length ** -0.2;
}

/** Mean shift, KDE overlap coefficient and KS statistic between two samples. */
export function distributionShift(before: readonly number[], after: readonly number[], options: Partial<ShiftOptions> = {}): DistributionShift {
  if (before.length < 2 || after.length < 2) throw new Error(`distributionShift: each sample needs ≥ 2 values (got ${before.length} and ${after.length})`);
  const points = options.gridPoints ?? 1024;
  const widest = options.bandwidth ?? Math.max(nrd(before), nrd(after));
  const grid = sharedGrid(before, after, points, widest);
  const f = densityOnGrid(before, grid, options.bandwidth);
  const g = densityOnGrid(after, grid, options.bandwidth);
  const dx = (grid[1] as number) - (grid[0] as number);
  let overlap = 0;
  for (let k = 0; k < points; k++) overlap += Math.min(f[k] as number, g[k] as number) * dx * (k === 0 || k === points - 1 ? 0.5 : 1); // trapezoid rule
  return { meanShift: mean(after as number[]) - mean(before as number[]), overlap: Math.min(1, overlap), ks: ksStatistic(before, after) };
}
