/**
 * AdamW (Loshchilov & Hutter 2019) with global-norm gradient clipping, its state held in
 * variables so that a checkpoint can save and restore it exactly.
 *
 *   g ← g · min(1, c / ‖g‖₂)                       (clipping over all trained variables)
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
 *   w ← w − η ( m / (1 − β₁ᵗ) / (√(v / (1 − β₂ᵗ)) + ε) + λ w )   (λ on matrices only)
 */
import * as tf from '@tensorflow/tfjs';

export interface AdamWOptions {
  /** β₁. Default 0.9. */
  beta1: number;
  /** β₂. Default 0.999. */
  beta2: number;
  /** ε. Default 1e-8. */
  eps: number;
  /** Decoupled weight decay λ, applied to rank ≥ 2 variables only. Default 0.01. */
  weightDecay: number;
  /** Global gradient-norm clip c; 0 disables. Default 1. */
  clipNorm: number;
}

export const DEFAULT_ADAMW: AdamWOptions = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, clipNorm: 1 };

export class AdamW {
  readonly opts: AdamWOptions;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  /** Steps taken (t). */
  private t = 0;

  constructor(
    readonly vars: tf.Variable[],
    opts: Partial<AdamWOptions> = {},
  ) {
    this.opts = { ...DEFAULT_ADAMW, ...opts };
    if (vars.length === 0) throw new Error('AdamW: no variables to train');
    this.m = vars.map((x) => tf.tidy(() => tf.variable(tf.zerosLike(x), false)));
    this.v = vars.map((x) => tf.tidy(() => tf.variable(tf.zerosLike(x), false)));
  }

  get step(): number {
    return this.t;
  }

  /**
   * One update with learning rate `lr` from `grads` (variable name → gradient; the caller
   * disposes them). Returns the global gradient norm before clipping, as a scalar tensor
   * owned by the caller.
   */
  apply(grads: tf.NamedTensorMap, lr: number): tf.Scalar {
    const { beta1, beta2, eps, weightDecay, clipNorm } = this.opts;
    this.t += 1;
    const bc1 = 1 - beta1 ** this.t;
    const bc2 = 1 - beta2 ** this.t;
    return tf.tidy(() => {
      const gs = this.vars.map((x) => {
        const g = grads[x.name];
        if (g === undefined) throw new Error(`AdamW: no gradient for variable ${x.name}`);
        return g;
      });
      const norm = tf.sqrt(tf.addN(gs.map((g) => tf.sum(tf.square(g))))) as tf.Scalar;
      const scale = clipNorm > 0 ? tf.minimum(1, tf.div(clipNorm, tf.add(norm, 1e-12))) : tf.scalar(1);
      this.vars.forEach((x, i) => {
        const g = tf.mul(gs[i] as tf.Tensor, scale);
        const m = this.m[i] as tf.Variable;
        const v = this.v[i] as tf.Variable;
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        let update = tf.div(tf.div(m, bc1), tf.add(tf.sqrt(tf.div(v, bc2)), eps));
        if (weightDecay > 0 && x.rank >= 2) update = tf.add(update, tf.mul(x, weightDecay));
        x.assign(tf.sub(x, tf.mul(update, lr)));
      });
      return tf.keep(norm);
    });
  }

  /** The moment variables, for a checkpoint (names `opt.m.<i>`, `opt.v.<i>`; `step` goes in the metadata). */
  state(): Record<string, tf.Tensor> {
    const out: Record<string, tf.Tensor> = {};
    this.m.forEach((x, i) => (out[`opt.m.${i}`] = x));
    this.v.forEach((x, i) => (out[`opt.v.${i}`] = x));
    return out;
  }

  /** Restores `state()` output and the step count; shapes must match the variables this optimizer trains. */
  loadState(state: Record<string, tf.Tensor>, step: number, where: string): void {
    const check = (name: string, like: tf.Variable) => {
      const s = state[name];
      if (s === undefined || !tf.util.arraysEqual(s.shape, like.shape)) {
        throw new Error(`${where}: optimizer state "${name}" is missing or has the wrong shape (trained variables changed?)`);
      }
      like.assign(s);
    };
    this.m.forEach((x, i) => check(`opt.m.${i}`, x));
    this.v.forEach((x, i) => check(`opt.v.${i}`, x));
    this.t = step;
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
