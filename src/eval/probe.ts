/**
 * A linear probe: L2-regularised logistic regression from feature rows to a binary label,
 * deterministic (no random initialisation, no sampling), in plain TypeScript.
 *
 * Features are standardised with the training set's mean and standard deviation (a constant
 * feature becomes 0). The objective, with class weights c_i (`weighting`):
 *
 *   J(w, b) = Σᵢ cᵢ · [log(1 + e^{zᵢ}) − yᵢ zᵢ] / Σᵢ cᵢ + (λ/2)·‖w‖²,   zᵢ = w·xᵢ + b
 *
 * is minimised by a fixed number of full-batch Nesterov-accelerated gradient steps from
 * w = 0, b = 0, with step 1/L, where L = ¼·λ_max(X̃ᵀCX̃ / Σc) + λ (X̃ = [X, 1]) bounds the
 * curvature; λ_max comes from 50 power iterations from the all-ones vector, times 1.1 to
 * cover the power method's underestimate. J is strongly convex, so the iterate converges to
 * the unique minimiser; the same data always gives the same weights.
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

function checkRows(x: ReadonlyArray<ArrayLike<number>>, where: string): number {
  if (x.length === 0) throw new Error(`${where}: no rows`);
  const d = (x[0] as ArrayLike<number>).length;
  x.forEach((r, i) => {
    if (r.length !== d) throw new Error(`${where}: row ${i} has ${r.length} features, row 0 has ${d}`);
  });
  return d;
}

/** Standardised rows, flat `[n · d]`. */
function standardised(x: ReadonlyArray<ArrayLike<number>>, mean: Float64Array, invStd: Float64Array): Float64Array {
  const d = mean.length;
  const out = new Float64Array(x.length * d);
  x.forEach((r, i) => {
    for (let j = 0; j < d; j++) out[i * d + j] = ((r[j] as number) - (mean[j] as number)) * (invStd[j] as number);
  });
  return out;
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** λ_max of X̃ᵀCX̃ / Σc by power iteration (X̃ = [X, 1]). */
function curvature(xs: Float64Array, n: number, d: number, c: Float64Array, cSum: number): number {
  let v = new Float64Array(d + 1).fill(1 / Math.sqrt(d + 1));
  let lambda = 0;
  for (let it = 0; it < 50; it++) {
    const u = new Float64Array(d + 1);
    for (let i = 0; i < n; i++) {
      let z = v[d] as number;
      for (let j = 0; j < d; j++) z += (xs[i * d + j] as number) * (v[j] as number);
      const s = ((c[i] as number) * z) / cSum;
      for (let j = 0; j < d; j++) u[j] += s * (xs[i * d + j] as number);
      u[d] += s;
    }
    const norm = Math.sqrt(u.reduce((a, b) => a + b * b, 0));
    if (norm === 0) return 0;
    lambda = norm; // ‖A v‖ with ‖v‖ = 1
    v = u.map((e) => e / norm);
  }
  return lambda;
}

/** Fits the probe on rows `x` (n × d) and labels `y` (see the module comment). */
export function fitLogisticProbe(x: ReadonlyArray<ArrayLike<number>>, y: readonly boolean[], options: Partial<ProbeOptions> = {}): LogisticProbe {
  const opts = { ...DEFAULT_PROBE_OPTIONS, ...options };
  if (!PROBE_WEIGHTINGS.includes(opts.weighting)) throw new Error(`probe: unknown weighting "${opts.weighting}"`);
  if (!(opts.l2 > 0)) throw new Error(`probe: l2 must be > 0 (it makes the fit unique), got ${opts.l2}`);
  if (!Number.isInteger(opts.iterations) || opts.iterations < 0) throw new Error(`probe: iterations must be an integer ≥ 0, got ${opts.iterations}`);
  const d = checkRows(x, 'probe');
  const n = x.length;
  if (y.length !== n) throw new Error(`probe: ${n} rows but ${y.length} labels`);

  const mean = new Float64Array(d);
  const invStd = new Float64Array(d);
  for (const r of x) for (let j = 0; j < d; j++) mean[j] += (r[j] as number) / n;
  for (const r of x) for (let j = 0; j < d; j++) invStd[j] += ((r[j] as number) - (mean[j] as number)) ** 2 / n;
  for (let j = 0; j < d; j++) invStd[j] = invStd[j] === 0 ? 1 : 1 / Math.sqrt(invStd[j] as number);
  const xs = standardised(x, mean, invStd); // [n · d]

  const pos = y.filter(Boolean).length;
  const c = Float64Array.from(y, (t) => (opts.weighting === 'none' ? 1 : n / (2 * (t ? pos : n - pos)))); // class weights
  const cSum = c.reduce((a, b) => a + b, 0);
  const step = 1 / (0.25 * 1.1 * curvature(xs, n, d, c, cSum) + opts.l2);

  let w = new Float64Array(d + 1); // [weights | bias]
  let prev = w;
  for (let k = 1; k <= opts.iterations; k++) {
    const mom = (k - 1) / (k + 2);
    const look = w.map((e, j) => e + mom * (e - (prev[j] as number))); // Nesterov look-ahead
    const g = new Float64Array(d + 1);
    for (let i = 0; i < n; i++) {
      let z = look[d] as number;
      for (let j = 0; j < d; j++) z += (xs[i * d + j] as number) * (look[j] as number);
      const r = ((c[i] as number) * (sigmoid(z) - (y[i] ? 1 : 0))) / cSum; // ∂J/∂zᵢ
      for (let j = 0; j < d; j++) g[j] += r * (xs[i * d + j] as number);
      g[d] += r;
    }
    for (let j = 0; j < d; j++) g[j] += opts.l2 * (look[j] as number); // the bias is not penalised
    prev = w;
    w = look.map((e, j) => e - step * (g[j] as number));
  }
  return { mean, invStd, weights: w.slice(0, d), bias: w[d] as number };
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

/** Fits on `train`, scores on `test`. */
export function evaluateProbe(
  train: { x: ReadonlyArray<ArrayLike<number>>; y: readonly boolean[] },
  test: { x: ReadonlyArray<ArrayLike<number>>; y: readonly boolean[] },
  options: Partial<ProbeOptions> = {},
): ProbeScore & { train: ProbeScore } {
  const probe = fitLogisticProbe(train.x, train.y, options);
  return { ...scoreBinary(test.y, predictProbe(probe, test.x)), train: scoreBinary(train.y, predictProbe(probe, train.x)) };
}
