/**
 * Building blocks of the transformer: LoRA-adapted linear maps, the Q/K/V projection,
 * masked multi-head attention (LayerNorm and GELU live in src/ops). Attention runs as two batched products over `[B·H, T, dh]` so the
 * wasm backend sees few, large kernels.
 */
import * as tf from '@tensorflow/tfjs';
import { isFrozen, linearAuto as linear, matMulFast, matMulNT, splitColumns } from '../ops';

/** A low-rank adapter: ΔW = scale · A · B with A [din, r], B [r, dout]. */
export interface LoraPair {
  a: tf.Tensor2D;
  b: tf.Tensor2D;
}

/**
 * `x W + scale · (x A) B` (LoRA, Hu et al. 2022), computed as `(x A)(scale · B)` (the scale
 * goes on the small matrix); plain `x W` without an adapter.
 */
export function loraLinear(x: tf.Tensor, w: tf.Tensor2D, lora: LoraPair | undefined, scale: number): tf.Tensor {
  const y = linear(x, w);
  if (lora === undefined) return y;
  return tf.add(y, linear(linear(x, lora.a), tf.mul(lora.b, scale) as tf.Tensor2D));
}

/**
 * Q, K, V `[N, D]` each from `x [N, D]`: one product with the fused `Wqkv [D, 3D]`, its
 * columns split on the host (`splitColumns`), plus for each of q, k, v that carries an
 * adapter `scale · (x A) B`, with the x·A products of all adapters fused into one.
 * `kvOnly` skips the queries (returned as undefined): rows whose outputs nobody reads
 * still provide keys and values.
 */
export function qkvProject(
  x: tf.Tensor2D,
  wqkv: tf.Tensor2D,
  adapters: [LoraPair | undefined, LoraPair | undefined, LoraPair | undefined],
  scale: number,
  kvOnly = false,
): [tf.Tensor2D | undefined, tf.Tensor2D, tf.Tensor2D] {
  const d = wqkv.shape[1] / 3;
  const out: Array<tf.Tensor2D | undefined> = kvOnly
    ? [undefined, ...splitColumns(linear(x, tf.slice(wqkv, [0, d], [d, 2 * d]), undefined, isFrozen(wqkv)) as tf.Tensor2D, 2)] // K, V only
    : splitColumns(linear(x, wqkv) as tf.Tensor2D, 3); // 3 × [N, D]
  const present = adapters.flatMap((p, j) => (p === undefined || out[j] === undefined ? [] : [{ p, j }]));
  if (present.length > 0) {
    const aCat = (
      present.length === 1
        ? present[0]!.p.a
        : tf.concat(
            present.map((e) => e.p.a),
            1,
          )
    ) as tf.Tensor2D; // [D, m·r]
    const xa = linear(x, aCat) as tf.Tensor2D; // [N, m·r]
    const parts = present.length === 1 ? [xa] : splitColumns(xa, present.length); // m × [N, r]
    present.forEach(({ p, j }, i) => {
      out[j] = tf.add(out[j]!, linear(parts[i] as tf.Tensor2D, tf.mul(p.b, scale) as tf.Tensor2D)) as tf.Tensor2D; // [N, D]
    });
  }
  return out as [tf.Tensor2D | undefined, tf.Tensor2D, tf.Tensor2D];
}

/**
 * Additive mask `[tq, tk]` for queries at positions `tk − tq … tk − 1` over keys `0 … tk − 1`:
 * 0 where the key is not after the query, −1e9 after it. `tq = tk` is the causal mask; with
 * `tq < tk` the first `tk − tq` keys are a prefix every query sees.
 */
const maskCache = new Map<string, Float32Array>();
function causalMask(tq: number, tk = tq): tf.Tensor2D {
  const key = `${tq}x${tk}`;
  let m = maskCache.get(key);
  if (m === undefined) {
    m = new Float32Array(tq * tk);
    const offset = tk - tq;
    for (let i = 0; i < tq; i++) for (let j = offset + i + 1; j < tk; j++) m[i * tk + j] = -1e9;
    maskCache.set(key, m);
  }
  return tf.tensor2d(m, [tq, tk]);
}

/** `[B, T, D]` → `[B·H, T, dh]`. */
function splitHeads(x: tf.Tensor, nHeads: number): tf.Tensor3D {
  const [b, t, d] = x.shape as [number, number, number];
  return tf.transpose(x.reshape([b, t, nHeads, d / nHeads]), [0, 2, 1, 3]).reshape([b * nHeads, t, d / nHeads]) as tf.Tensor3D;
}

/**
 * Causal multi-head attention of queries `q [B, Tq, D]` over keys/values `k, v [B, Tk, D]`,
 * Tk ≥ Tq: query i sits at position Tk − Tq + i and sees keys up to it (`causalMask(Tq, Tk)`;
 * Tq < Tk means a shared prefix). → context `[B, Tq, D]`, and the probabilities
 * `[B, H, Tq, Tk]` when `keepProbs` is set. Two batched products over `[B·H, ·, dh]` (on
 * wasm our SIMD kernel), scores as q·kᵀ without a materialised transpose (`matMulNT`).
 */
export function attention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, nHeads: number, keepProbs: boolean): { ctx: tf.Tensor3D; probs?: tf.Tensor } {
  const [bsz, tq, d] = q.shape;
  const tk = k.shape[1];
  const dh = d / nHeads;
  const qh = splitHeads(tf.mul(q, 1 / Math.sqrt(dh)), nHeads); // [BH, Tq, dh]
  const scores = tf.add(matMulNT(qh, splitHeads(k, nHeads)), causalMask(tq, tk)); // [BH, Tq, Tk]
  const probs = tf.softmax(scores) as tf.Tensor3D; // [BH, Tq, Tk]
  const ctx = matMulFast(probs, splitHeads(v, nHeads)); // [BH, Tq, dh]
  const merged = tf.transpose(ctx.reshape([bsz, nHeads, tq, dh]), [0, 2, 1, 3]).reshape([bsz, tq, d]) as tf.Tensor3D; // [B, Tq, D]
  return keepProbs ? { ctx: merged, probs: probs.reshape([bsz, nHeads, tq, tk]) } : { ctx: merged };
}
