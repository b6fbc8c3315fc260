/**
 * A linear probe: standardisation, then a linear score that predicts true when > 0; its
 * options, and binary scores. The fit (L2-regularised logistic regression on the tensor
 * backend) is `fitLogisticProbes` in `src/experiments/probeFit.ts`; this module is plain
 * TypeScript so that the scorer never loads the tensor library.
 */

/** Class weights of the loss. */
export const PROBE_WEIGHTINGS = ['balanced', 'none'] as const;
export type ProbeWeighting = (typeof PROBE_WEIGHTINGS)[number];

export interface ProbeOptions {
  /** λ, the L2 penalty on the weights (not the bias), on standardised features. Default 1e-2. */
  l2: number;
  /** Gradient steps. Default 300. */
  iterations: number;
  /** `balanced`: each class carries half of the loss, so the probe is not pulled to the majority class (default); `none`: every row weighs 1. */
  weighting: ProbeWeighting;
}

export const DEFAULT_PROBE_OPTIONS: ProbeOptions = { l2: 1e-2, iterations: 300, weighting: 'balanced' };

/** A fitted probe: standardisation then a linear score; predicts true when the score is > 0. */
export interface LogisticProbe {
  mean: Float64Array;
  /** 1 / standard deviation per feature (1 for a constant feature). */
  invStd: Float64Array;
  weights: Float64Array;
  bias: number;
}

/** Accuracy of binary predictions. */
export interface ProbeScore {
  /** Share of rows predicted right. */
  accuracy: number;
  /** Mean of the accuracy on true rows and on false rows (a class with no rows is left out). */
  balancedAccuracy: number;
  /** Rows scored. */
  n: number;
  /** Rows whose label is true. */
  positives: number;
}

/** The probe's linear score per row (> 0 predicts true). */
export function probeScores(probe: LogisticProbe, x: ReadonlyArray<ArrayLike<number>>): number[] {
  const d = probe.mean.length;
  return x.map((r, i) => {
    if (r.length !== d) throw new Error(`probe: row ${i} has ${r.length} features, the probe ${d}`);
    let z = probe.bias;
    for (let j = 0; j < d; j++) z += ((r[j] as number) - (probe.mean[j] as number)) * (probe.invStd[j] as number) * (probe.weights[j] as number);
    return z;
  });
}

/** The probe's predictions per row. */
export function predictProbe(probe: LogisticProbe, x: ReadonlyArray<ArrayLike<number>>): boolean[] {
  return probeScores(probe, x).map((z) => z > 0);
}

/** Accuracy and balanced accuracy of predictions against labels. */
export function scoreBinary(truth: readonly boolean[], predicted: readonly boolean[]): ProbeScore {
  if (truth.length !== predicted.length) throw new Error(`probe: ${truth.length} labels but ${predicted.length} predictions`);
  const n = truth.length;
  const positives = truth.filter(Boolean).length;
  let hitPos = 0;
  let hitNeg = 0;
  truth.forEach((t, i) => {
    if (t === predicted[i]) t ? hitPos++ : hitNeg++;
  });
  const rates = [positives > 0 ? hitPos / positives : NaN, n - positives > 0 ? hitNeg / (n - positives) : NaN].filter((r) => !Number.isNaN(r));
  return {
    accuracy: n === 0 ? NaN : (hitPos + hitNeg) / n,
    balancedAccuracy: rates.length === 0 ? NaN : rates.reduce((a, b) => a + b, 0) / rates.length,
    n,
    positives,
  };
}
