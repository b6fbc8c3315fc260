/**
 * Ops with hand-written gradients that do less work on the wasm backend than autodiff:
 *
 * - `linearAuto`: `x @ w` for a weight that is not being trained. A custom gradient runs
 *   eagerly for every input, so `matMulFast` would also compute `xᵀ·dy` for a frozen weight;
 *   this op computes only `dx = dy · wᵀ` and returns zeros for `w`. On wasm both products
 *   run on our SIMD kernel (`nn` forward, `nt` backward: no transpose at all). Elsewhere the
 *   transpose of a frozen variable is made once and kept (`frozenTranspose`) while the
 *   variable holds the same data: a fresh transpose every step costs the transpose and the
 *   backend's repacking of a new weight matrix.
 * - `geluOps`: the tanh GELU in one custom op, its derivative written out (fewer kernels than
 *   autodiff through pow/tanh); the tfjs-ops path of `gelu`.
 */
import * as tf from '@tensorflow/tfjs';
import { customGrad2 } from './customGrad';
import { linear } from './linear';
import { simdProduct2d, useSimdKernel } from './bmmSimd';

/**
 * A product with a frozen `w` on the SIMD kernel: `forward` is `nn` (x @ w) or `nt` (x @ wᵀ),
 * and the gradient for x the other one (dy @ wᵀ or dy @ w), no transpose materialised.
 */
function frozenSimd(x: tf.Tensor2D, w: tf.Tensor2D, forward: 'nn' | 'nt', backward: 'nn' | 'nt'): tf.Tensor2D {
  const op = customGrad2((xi: tf.Tensor, wi: tf.Tensor, save: tf.GradSaveFunc) => {
    save([wi]);
    return {
      value: simdProduct2d(forward, xi as tf.Tensor2D, wi as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [simdProduct2d(backward, dy as tf.Tensor2D, saved[0] as tf.Tensor2D), tf.zeros(wi.shape)],
    };
  });
  return op(x, w) as tf.Tensor2D;
}

/**
 * `x @ w` with the gradient `dy @ wT` for `x` only (zeros for `w`). A given `wT` is captured,
 * not saved, so it must outlive the backward pass: only kept tensors (`frozenTranspose`) or
 * variables are passed. Without one, `w` is saved and transposed in the backward pass.
 */
function frozenMatMul(x: tf.Tensor2D, w: tf.Tensor2D, wT?: tf.Tensor2D): tf.Tensor2D {
  if (useSimdKernel(x, w)) return frozenSimd(x, w, 'nn', 'nt');
  const op = customGrad2((xi: tf.Tensor, wi: tf.Tensor, save: tf.GradSaveFunc) => {
    if (wT === undefined) save([wi]);
    return {
      value: tf.matMul(xi as tf.Tensor2D, wi as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.matMul(dy as tf.Tensor2D, wT ?? (tf.transpose(saved[0] as tf.Tensor2D) as tf.Tensor2D)),
        tf.zeros(wi.shape),
      ],
    };
  });
  return op(x, w) as tf.Tensor2D;
}

const transposes = new Map<string, { dataId: object; t: tf.Tensor2D }>();

/**
 * `wᵀ` of a variable, made once and kept while the variable holds the same data (an
 * `assign` gives it new data, and the next call makes a new transpose). Freed by
 * `releaseTransposes` (the model's `dispose` calls it).
 */
export function frozenTranspose(w: tf.Variable): tf.Tensor2D {
  const hit = transposes.get(w.name);
  if (hit !== undefined && hit.dataId === w.dataId) return hit.t;
  hit?.t.dispose();
  const t = tf.keep(tf.transpose(w as unknown as tf.Tensor2D));
  transposes.set(w.name, { dataId: w.dataId, t });
  return t;
}

/** Frees the kept transposes of `vars`. */
export function releaseTransposes(vars: tf.Variable[]): void {
  for (const v of vars) {
    transposes.get(v.name)?.t.dispose();
    transposes.delete(v.name);
  }
}

/**
 * `x [N, din] @ wT [din, dout]` for a frozen `w [dout, din]` (the tied output head): forward
 * with the kept transpose, gradient `dy @ w` with no transpose at all.
 */
export function frozenMatMulTransposed(x: tf.Tensor2D, w: tf.Variable): tf.Tensor2D {
  if (useSimdKernel(x, w)) return frozenSimd(x, w as unknown as tf.Tensor2D, 'nt', 'nn');
  return frozenMatMul(x, frozenTranspose(w), w as unknown as tf.Tensor2D);
}

/** True for a variable marked not trainable (see `Avlm.setTrainable`). */
export function isFrozen(w: tf.Tensor): boolean {
  return w instanceof tf.Variable && !w.trainable;
}

/**
 * `x [..., din] @ w [din, dout]` → `[..., dout]`. When `w` is frozen (a variable marked not
 * trainable, or `frozen` is set), no gradient is computed for it (it would be discarded).
 */
export function linearAuto(x: tf.Tensor, w: tf.Tensor2D, bias?: tf.Tensor1D, frozen = isFrozen(w)): tf.Tensor {
  if (!frozen) return linear(x, w, bias);
  const [din, dout] = w.shape;
  if (x.shape[x.rank - 1] !== din) {
    throw new Error(`linear: input last axis ${x.shape[x.rank - 1]} does not match weight rows ${din}`);
  }
  const wT = w instanceof tf.Variable ? frozenTranspose(w) : undefined;
  const y2 = frozenMatMul(x.reshape([-1, din]) as tf.Tensor2D, w, wT); // [N, dout]
  const y = bias === undefined ? y2 : tf.add(y2, bias);
  return y.reshape([...x.shape.slice(0, -1), dout]);
}

const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

/**
 * GELU with tfjs ops (the portable path of `gelu` in rowwise.ts), tanh approximation (GPT-2):
 * g(x) = 0.5·x·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³). Computed as g(x) = x·σ(2u) (since 1 + tanh u = 2σ(2u)): wasm's sigmoid is ~20× faster than
 * its tanh. g'(x) = s + x·s·(1 − s)·2u'(x) with s = σ(2u), u' = √(2/π)·(1 + 3·0.044715·x²).
 */
export const geluOps = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
  const x2 = tf.square(x);
  const s = tf.sigmoid(tf.mul(x, tf.add(tf.mul(x2, 2 * GELU_C * GELU_A), 2 * GELU_C))); // σ(2u)
  save([x, x2, s]);
  return {
    value: tf.mul(x, s),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, sx2, ss] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      const du2 = tf.add(tf.mul(sx2, 6 * GELU_C * GELU_A), 2 * GELU_C); // 2u'(x)
      const d = tf.add(ss, tf.mul(tf.mul(sx, tf.mul(ss, tf.sub(1, ss))), du2));
      return [tf.mul(dy, d)];
    },
  };
}) as unknown as (...args: Array<tf.Tensor | tf.GradSaveFunc>) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] }) as (
  x: tf.Tensor,
) => tf.Tensor;
