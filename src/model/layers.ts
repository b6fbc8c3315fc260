/**
 * Building blocks of the transformer: LayerNorm, GELU, LoRA-adapted linear maps, causal
 * multi-head attention. Attention runs as two batched products over `[B·H, T, dh]`
 * (`matMulFast`, explicit transposes) so the wasm backend sees few, large kernels.
 */
import * as tf from '@tensorflow/tfjs';
import { linearAuto as linear, matMulFast } from '../ops';

/** LayerNorm over the last axis: (x − μ) / √(σ² + ε) · g + b. */
export function layerNorm(x: tf.Tensor, g: tf.Tensor1D, b: tf.Tensor1D, eps = 1e-5): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), g), b);
}

/** A low-rank adapter: ΔW = scale · A · B with A [din, r], B [r, dout]. */
export interface LoraPair {
  a: tf.Tensor2D;
  b: tf.Tensor2D;
}

/** `x W + scale · (x A) B` (LoRA, Hu et al. 2022); plain `x W` without an adapter. */
export function loraLinear(x: tf.Tensor, w: tf.Tensor2D, lora: LoraPair | undefined, scale: number): tf.Tensor {
  const y = linear(x, w);
  if (lora === undefined) return y;
  return tf.add(y, tf.mul(linear(linear(x, lora.a), lora.b), scale));
}

/**
 * The fused Q/K/V projection `x [.., D] @ Wqkv [D, 3D]` plus the adapters of whichever of
 * q, k, v carry one, as one extra pair of products: x · [A_q | A_v] · B̃, where B̃ [m·r, 3D]
 * places each B_t in its own column block (zeros elsewhere).
 */
export function qkvLinear(
  x: tf.Tensor,
  wqkv: tf.Tensor2D,
  adapters: Array<LoraPair | undefined>,
  scale: number,
): tf.Tensor {
  const y = linear(x, wqkv); // [.., 3D]
  const present = adapters.map((p, j) => ({ p, j })).filter((e) => e.p !== undefined) as Array<{ p: LoraPair; j: number }>;
  if (present.length === 0) return y;
  const d = wqkv.shape[1] / 3;
  const aCat = (present.length === 1 ? present[0]!.p.a : tf.concat(present.map((e) => e.p.a), 1)) as tf.Tensor2D; // [D, m·r]
  const rows = present.map(({ p, j }) => {
    const r = p.b.shape[0];
    const blocks = [0, 1, 2].map((k) => (k === j ? p.b : tf.zeros([r, d])));
    return tf.concat(blocks, 1); // [r, 3D]
  });
  const bFull = (rows.length === 1 ? rows[0]! : tf.concat(rows, 0)) as tf.Tensor2D; // [m·r, 3D]
  return tf.add(y, tf.mul(linear(linear(x, aCat), bFull), scale));
}

/** Additive causal mask [T, T]: 0 on and below the diagonal, −1e9 above. */
const maskCache = new Map<number, Float32Array>();
export function causalMask(t: number): tf.Tensor2D {
  let m = maskCache.get(t);
  if (m === undefined) {
    m = new Float32Array(t * t);
    for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) m[i * t + j] = -1e9;
    maskCache.set(t, m);
  }
  return tf.tensor2d(m, [t, t]);
}

/**
 * Causal self-attention on `qkv [B, T, 3D]` with `nHeads` heads → context `[B, T, D]`,
 * and the attention probabilities `[B, H, T, T]` when `keepProbs` is set.
 */
export function causalAttention(
  qkv: tf.Tensor,
  nHeads: number,
  keepProbs: boolean,
): { ctx: tf.Tensor; probs?: tf.Tensor } {
  const [bsz, t, d3] = qkv.shape as [number, number, number];
  const d = d3 / 3;
  const dh = d / nHeads;
  const heads = tf.transpose(qkv.reshape([bsz, t, 3 * nHeads, dh]), [0, 2, 1, 3]); // [B, 3H, T, dh]
  const [q, k, v] = tf.split(heads, 3, 1).map((x) => x.reshape([bsz * nHeads, t, dh])) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
  const qScaled = tf.mul(q, 1 / Math.sqrt(dh)) as tf.Tensor3D; // [BH, T, dh]
  const kT = tf.transpose(k, [0, 2, 1]) as tf.Tensor3D; // [BH, dh, T]
  const scores = tf.add(matMulFast(qScaled, kT), causalMask(t)); // [BH, T, T]
  const probs = tf.softmax(scores) as tf.Tensor3D; // [BH, T, T]
  const ctx = matMulFast(probs, v); // [BH, T, dh]
  const merged = tf.transpose(ctx.reshape([bsz, nHeads, t, dh]), [0, 2, 1, 3]).reshape([bsz, t, d]); // [B, T, D]
  return keepProbs ? { ctx: merged, probs: probs.reshape([bsz, nHeads, t, t]) } : { ctx: merged };
}
