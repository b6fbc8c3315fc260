/**
 * The fit of linear probes (`LogisticProbe`, `src/eval/probe.ts`): L2-regularised logistic
 * regression from feature rows to K binary labels at once, deterministic (no random
 * initialisation, no sampling), on the tensor backend.
 *
 * Features are standardised with the training set's mean and standard deviation (a constant
 * feature becomes 0). For each label column k, with class weights c_ik (`weighting`):
 *
 *   J_k(w, b) = Σᵢ cᵢₖ · [log(1 + e^{zᵢ}) − yᵢₖ zᵢ] / Σᵢ cᵢₖ + (λ/2)·‖w‖²,   zᵢ = w·xᵢ + b
 *
 * is minimised by a fixed number of full-batch Nesterov-accelerated gradient steps from
 * w = 0, b = 0, with step 1/L_k, where L_k = ¼·λ_max(X̃ᵀC_kX̃ / Σc) + λ (X̃ = [X, 1]) bounds
 * the curvature; λ_max comes from 50 power iterations from the all-ones vector, times 1.1 to
 * cover the power method's underestimate. J_k is strongly convex, so the iterate converges to
 * the unique minimiser.
 *
 * The K problems are independent (column k of the weights only sees column k of the labels),
 * so fitting them together gives each the weights it would get alone; together, every step
 * is two matrix products `X̃ · W` and `X̃ᵀ · R` over all K columns, which is what makes the
 * diagnostics' probes (≈ 100 labels per encoder over 8,000 clips) take seconds rather than
 * minutes. Arithmetic is float32 on the backend; the same data and backend give the same
 * weights.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_PROBE_OPTIONS, PROBE_WEIGHTINGS, predictProbe, scoreBinary, type LogisticProbe, type ProbeOptions, type ProbeScore } from '../eval';

const POWER_ITERATIONS = 50;

function checkRows(x: ReadonlyArray<ArrayLike<number>>, where: string): number {
  if (x.length === 0) throw new Error(`${where}: no rows`);
  const d = (x[0] as ArrayLike<number>).length;
  x.forEach((r, i) => {
    if (r.length !== d) throw new Error(`${where}: row ${i} has ${r.length} features, row 0 has ${d}`);
  });
  return d;
}

/** Training-set mean and 1 / sd per feature (1 for a constant feature). */
function standardisation(x: ReadonlyArray<ArrayLike<number>>, d: number): { mean: Float64Array; invStd: Float64Array } {
  const n = x.length;
  const mean = new Float64Array(d);
  const invStd = new Float64Array(d);
  for (const r of x) for (let j = 0; j < d; j++) mean[j] += (r[j] as number) / n;
  for (const r of x) for (let j = 0; j < d; j++) invStd[j] += ((r[j] as number) - (mean[j] as number)) ** 2 / n;
  for (let j = 0; j < d; j++) invStd[j] = invStd[j] === 0 ? 1 : 1 / Math.sqrt(invStd[j] as number);
  return { mean, invStd };
}

/** X̃ = [standardised X, 1], flat `[n · (d + 1)]`, and its transpose `[(d + 1) · n]`. */
function designMatrices(x: ReadonlyArray<ArrayLike<number>>, mean: Float64Array, invStd: Float64Array): { xt: Float32Array; xtT: Float32Array } {
  const n = x.length;
  const d = mean.length;
  const xt = new Float32Array(n * (d + 1));
  const xtT = new Float32Array(n * (d + 1));
  x.forEach((r, i) => {
    for (let j = 0; j <= d; j++) {
      const v = j === d ? 1 : ((r[j] as number) - (mean[j] as number)) * (invStd[j] as number);
      xt[i * (d + 1) + j] = v;
      xtT[j * n + i] = v;
    }
  });
  return { xt, xtT };
}

/** Per row and label column: c_ik / Σᵢ c_ik, flat `[n · K]`. */
function normalisedWeights(ys: ReadonlyArray<readonly boolean[]>, n: number, weighting: ProbeOptions['weighting']): Float32Array {
  const k = ys.length;
  const out = new Float32Array(n * k);
  ys.forEach((y, col) => {
    const pos = y.filter(Boolean).length;
    const c = y.map((t) => (weighting === 'none' ? 1 : n / (2 * (t ? pos : n - pos)))); // class weights
    const cSum = c.reduce((a, b) => a + b, 0);
    c.forEach((ci, i) => (out[i * k + col] = ci / cSum));
  });
  return out;
}

/**
 * Fits one probe per label column on the same rows `x` (n × d): `ys[k]` holds the n labels of
 * probe k (see the module comment). Returns the probes in the order of `ys`.
 */
export function fitLogisticProbes(
  x: ReadonlyArray<ArrayLike<number>>,
  ys: ReadonlyArray<readonly boolean[]>,
  options: Partial<ProbeOptions> = {},
): LogisticProbe[] {
  const opts = { ...DEFAULT_PROBE_OPTIONS, ...options };
  if (!PROBE_WEIGHTINGS.includes(opts.weighting)) throw new Error(`probe: unknown weighting "${opts.weighting}"`);
  if (!(opts.l2 > 0)) throw new Error(`probe: l2 must be > 0 (it makes the fit unique), got ${opts.l2}`);
  if (!Number.isInteger(opts.iterations) || opts.iterations < 0) throw new Error(`probe: iterations must be an integer ≥ 0, got ${opts.iterations}`);
  const d = checkRows(x, 'probe');
  const n = x.length;
  ys.forEach((y, k) => {
    if (y.length !== n) throw new Error(`probe: ${n} rows but ${y.length} labels in column ${k}`);
  });
  const k = ys.length;
  if (k === 0) return [];
  const { mean, invStd } = standardisation(x, d);
  const { xt, xtT } = designMatrices(x, mean, invStd);

  const weights = tf.tidy(() => {
    const X = tf.tensor2d(xt, [n, d + 1]); // [n, d+1]
    const XT = tf.tensor2d(xtT, [d + 1, n]); // [d+1, n], explicit: wasm's transposed matMul is slow
    const C = tf.tensor2d(normalisedWeights(ys, n, opts.weighting), [n, k]); // [n, K], columns sum to 1
    const Y = tf.tensor2d(
      Float32Array.from({ length: n * k }, (_, j) => ((ys[j % k] as boolean[])[Math.floor(j / k)] ? 1 : 0)),
      [n, k],
    ); // [n, K]
    const penalised = tf.tensor2d(
      Float32Array.from({ length: d + 1 }, (_, j) => (j < d ? opts.l2 : 0)),
      [d + 1, 1],
    ); // [d+1, 1], the bias is not penalised

    let v = tf.fill([d + 1, k], 1 / Math.sqrt(d + 1)) as tf.Tensor2D; // [d+1, K]
    let lambdaMax = tf.zeros([1, k]) as tf.Tensor2D; // [1, K]
    for (let it = 0; it < POWER_ITERATIONS; it++) {
      const [nextV, norm] = tf.tidy(() => {
        const u = tf.matMul(XT, tf.mul(C, tf.matMul(X, v))); // [d+1, K] = X̃ᵀC_kX̃ v_k / Σc
        const norm = tf.norm(u, 'euclidean', 0, true) as tf.Tensor2D; // [1, K], ‖A v‖ with ‖v‖ = 1
        return [tf.divNoNan(u, norm) as tf.Tensor2D, norm];
      });
      tf.dispose([v, lambdaMax]);
      v = nextV;
      lambdaMax = norm;
    }
    const step = tf.div(1, tf.add(tf.mul(0.25 * 1.1, lambdaMax), opts.l2)); // [1, K], 1 / L_k

    let w = tf.zeros([d + 1, k]) as tf.Tensor2D; // [d+1, K], [weights | bias] per column
    let prev = w.clone();
    for (let it = 1; it <= opts.iterations; it++) {
      const mom = (it - 1) / (it + 2);
      const next = tf.tidy(() => {
        const look = tf.add(w, tf.mul(mom, tf.sub(w, prev))); // [d+1, K], Nesterov look-ahead
        const r = tf.mul(C, tf.sub(tf.sigmoid(tf.matMul(X, look)), Y)); // [n, K], ∂J_k/∂z_i
        const g = tf.add(tf.matMul(XT, r), tf.mul(penalised, look)); // [d+1, K]
        return tf.sub(look, tf.mul(step, g)) as tf.Tensor2D;
      });
      prev.dispose();
      prev = w;
      w = next;
    }
    prev.dispose();
    return w;
  });
  const values = weights.dataSync(); // [(d+1) · K]
  weights.dispose();
  return ys.map((_, col) => {
    const column = Float64Array.from({ length: d + 1 }, (_, j) => values[j * k + col] as number);
    return { mean: Float64Array.from(mean), invStd: Float64Array.from(invStd), weights: column.slice(0, d), bias: column[d] as number };
  });
}

/** Fits one probe on rows `x` (n × d) and labels `y`. */
export function fitLogisticProbe(x: ReadonlyArray<ArrayLike<number>>, y: readonly boolean[], options: Partial<ProbeOptions> = {}): LogisticProbe {
  return fitLogisticProbes(x, [y], options)[0] as LogisticProbe;
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
