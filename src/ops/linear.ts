/**
 * Matrix products whose gradients transpose explicitly.
 *
 * tfjs's own `matMul` gradient calls `matMul` with `transposeA/B` flags, which the wasm
 * backend runs 10–20× slower than a plain product on an explicitly transposed input
 * (SPEC §6). These ops compute the same values with the fast form on both passes.
 */
import * as tf from '@tensorflow/tfjs';
import { bmmSimd, bmmSimdNT, useSimdKernel } from './bmmSimd';
import { customGrad2 } from './customGrad';

/** Swaps the last two axes of a rank-2 or rank-3 tensor. */
function swapLast(t: tf.Tensor): tf.Tensor {
  return t.rank === 2 ? tf.transpose(t) : tf.transpose(t, [0, 2, 1]);
}

/** `tf.matMul` with gradients `da = dy @ bᵀ`, `db = aᵀ @ dy`, each transpose materialised. */
const matMulExplicit = customGrad2((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor, tf.Tensor];
      return [tf.matMul(dy as tf.Tensor2D, swapLast(sb) as tf.Tensor2D), tf.matMul(swapLast(sa) as tf.Tensor2D, dy as tf.Tensor2D)];
    },
  };
});

/**
 * `a @ b` for rank-2 (`[M, K] @ [K, N]`) or batched rank-3 (`[B, M, K] @ [B, K, N]`) inputs.
 *
 * On the wasm backend both run `bmmSimd` (our SIMD kernel): tfjs-wasm 4.22 sends every
 * product with a batch size above 1 to a scalar loop (~1–2 GFLOP/s), and at this model's
 * 2-D shapes the kernel is also 5–25 % faster than XNNPACK. `AVERE_SIMD_BMM=0` turns this
 * off. Everything else (other backends, broadcast batches) is `tf.matMul` with gradients
 * `da = dy @ bᵀ`, `db = aᵀ @ dy`, each transpose materialised.
 */
export function matMulFast<T extends tf.Tensor2D | tf.Tensor3D>(a: T, b: T): T {
  if (useSimdKernel(a, b)) {
    if (a.rank === 3) return bmmSimd(a as tf.Tensor3D, b as tf.Tensor3D) as T;
    const [m, n] = [a.shape[0], b.shape[1]];
    return bmmSimd(a.reshape([1, ...a.shape]) as tf.Tensor3D, b.reshape([1, ...b.shape]) as tf.Tensor3D).reshape([m, n]) as T;
  }
  return matMulExplicit(a, b) as T;
}

/** `a [B, M, K] @ b [B, N, K]ᵀ → [B, M, N]`: the SIMD kernel on wasm, else `matMulFast` on an explicit transpose. */
export function matMulNT(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  if (useSimdKernel(a, b)) return bmmSimdNT(a, b);
  return matMulFast(a, swapLast(b) as tf.Tensor3D);
}

/**
 * Affine map on the last axis: `x [..., din] @ w [din, dout] (+ bias [dout])` → `[..., dout]`.
 * Leading axes are flattened into one so the product is a single 2-D matmul.
 */
export function linear(x: tf.Tensor, w: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor {
  const [din, dout] = w.shape;
  const lead = x.shape.slice(0, -1);
  if (x.shape[x.rank - 1] !== din) {
    throw new Error(`linear: input last axis ${x.shape[x.rank - 1]} does not match weight rows ${din}`);
  }
  const x2 = x.reshape([-1, din]) as tf.Tensor2D; // [N, din]
  const y2 = matMulFast(x2, w); // [N, dout]
  const y = bias === undefined ? y2 : tf.add(y2, bias);
  return y.reshape([...lead, dout]);
}
