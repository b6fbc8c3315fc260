/**
 * Confidence intervals and paired comparisons for EmoReAlM reports. Resampling is stratified
 * by task, so each resample keeps the benchmark's task sizes (and `average_accuracy` stays the
 * unweighted mean over the same tasks).
 */
import { quantile } from 'simple-statistics';
import { Rng } from '../random';
import { officialResults, summarize, type EmoRealmReport, type ItemOutcome } from './emorealm';
import { bootstrapCI, mcnemarExact, pairedBootstrap, type BootstrapOptions, type Interval, type McNemarResult, type PairedBootstrapResult } from './stats';

/** The measured (non-null) metric keys of `officialResults` (not the counts) plus `ablation_<name>` for non-null ablation metrics. */
export function reportMetrics(report: EmoRealmReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(officialResults(report))) if (v !== null && !k.endsWith('_missing') && !k.endsWith('_unparseable')) out[k] = v;
  for (const [k, v] of Object.entries(report.ablation)) if (v !== null) out[`ablation_${k}`] = v;
  return out;
}

/** Percentile bootstrap interval of every metric of `reportMetrics`, from one set of task-stratified resamples. */
export function bootstrapReport(report: EmoRealmReport, options: Omit<BootstrapOptions, 'strata'> = {}): Record<string, Interval> {
  const { seed = 0, resamples = 1000, level = 0.95 } = options;
  const outcomes = report.outcomes;
  if (outcomes.length === 0) throw new Error('bootstrapReport: the report has no outcomes');
  const estimate = reportMetrics(report);
  const groups = new Map<string, ItemOutcome[]>();
  for (const o of outcomes) {
    const g = groups.get(o.task);
    if (g === undefined) groups.set(o.task, [o]);
    else g.push(o);
  }
  const rng = new Rng(seed);
  const draws: Record<string, number[]> = Object.fromEntries(Object.keys(estimate).map((k) => [k, []]));
  for (let r = 0; r < resamples; r++) {
    const sample: ItemOutcome[] = [];
    for (const g of groups.values()) for (let k = 0; k < g.length; k++) sample.push(g[rng.int(g.length)] as ItemOutcome);
    const m = reportMetrics(summarize(sample, report.mode));
    for (const k of Object.keys(draws)) {
      const v = m[k];
      if (v !== undefined) draws[k]?.push(v);
    }
  }
  const alpha = 1 - level;
  const out: Record<string, Interval> = {};
  for (const [k, est] of Object.entries(estimate)) {
    const d = draws[k] as number[];
    out[k] =
      d.length > 0
        ? { estimate: est, lower: quantile(d, alpha / 2), upper: quantile(d, 1 - alpha / 2), level }
        : { estimate: est, lower: est, upper: est, level };
  }
  return out;
}

/** Bootstrap interval of one metric key (see `reportMetrics`). */
export function bootstrapMetric(report: EmoRealmReport, key: string, options: Omit<BootstrapOptions, 'strata'> = {}): Interval {
  const outcomes = report.outcomes;
  const metric = (sample: ItemOutcome[]) => metricOf(sample, report.mode, key);
  metric(outcomes); // throws on an unknown key before resampling
  return bootstrapCI(outcomes, metric, { ...options, strata: (i) => (outcomes[i] as ItemOutcome).task });
}

function metricOf(sample: ItemOutcome[], mode: EmoRealmReport['mode'], key: string): number {
  const v = reportMetrics(summarize(sample, mode))[key];
  if (v === undefined) throw new Error(`unknown or unavailable metric "${key}"`);
  return v;
}

/** The two models' outcomes aligned by item id (both reports must cover the same items). */
export function pairOutcomes(a: readonly ItemOutcome[], b: readonly ItemOutcome[]): [ItemOutcome[], ItemOutcome[]] {
  const byId = new Map(b.map((o) => [o.id, o]));
  if (a.length !== b.length) throw new Error(`pairOutcomes: ${a.length} vs ${b.length} items`);
  const bAligned = a.map((o) => {
    const m = byId.get(o.id);
    if (m === undefined) throw new Error(`pairOutcomes: item "${o.id}" is only in the first report`);
    return m;
  });
  return [[...a], bAligned];
}

export interface ReportComparison {
  /** Exact McNemar on per-question correctness, over the items counted in both reports. */
  mcnemar: McNemarResult;
  /** Paired, task-stratified bootstrap of `metric(A) − metric(B)`. */
  bootstrap: PairedBootstrapResult;
  metric: string;
}

/** Compares two models on the same questions. `metric` is a `reportMetrics` key, default "average_accuracy". */
export function compareReports(a: EmoRealmReport, b: EmoRealmReport, options: Omit<BootstrapOptions, 'strata'> & { metric?: string } = {}): ReportComparison {
  if (a.mode !== b.mode) throw new Error(`compareReports: modes differ (${a.mode} vs ${b.mode})`);
  const metric = options.metric ?? 'average_accuracy';
  const [pa, pb] = pairOutcomes(a.outcomes, b.outcomes);
  const both = pa.map((o, i) => o.counted && (pb[i] as ItemOutcome).counted);
  const mcnemar = mcnemarExact(
    pa.filter((_, i) => both[i]).map((o) => o.correct),
    pb.filter((_, i) => both[i]).map((o) => o.correct),
  );
  const stat = (sample: ItemOutcome[]) => metricOf(sample, a.mode, metric);
  const bootstrap = pairedBootstrap(pa, pb, stat, { ...options, strata: (i) => (pa[i] as ItemOutcome).task });
  return { mcnemar, bootstrap, metric };
}
