/**
 * Masked multi-head attention as one kernel call per pass on the wasm backend (our
 * `kernels/attention.c`): queries at the last `Tq` of `Tk` positions, each seeing every key
 * up to its own position. On tfjs ops the same attention is ~12 kernels forward and ~20
 * backward (head transposes, scaling, mask, softmax, two batched products, merge).
 *
 * The heads stay interleaved in `[B, T, H·dh]`; the forward returns the context and keeps
 * the probabilities `[B, H, Tq, Tk]` for the backward, which recomputes nothing else.
 */
import * as tf from '@tensorflow/tfjs';
import { KernelModule, type ModuleBase } from './kernels/module';
import { copyTensorInto, tensorFromView } from './kernels/tfjsHeap';
import { timed } from './kernels/timing';

interface AttentionExports extends ModuleBase {
  attn_fwd(q: number, k: number, v: number, ctx: number, p: number, scratch: number, nb: number, nh: number, tq: number, tk: number, dh: number, scale: number): void;
  attn_bwd(q: number, k: number, v: number, p: number, dctx: number, dq: number, dk: number, dv: number, scratch: number, nb: number, nh: number, tq: number, tk: number, dh: number, scale: number): void;
}

const kernel = new KernelModule<AttentionExports>('attention');

interface Dims {
  nb: number;
  nh: number;
  tq: number;
  tk: number;
  dh: number;
}

function dims(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, nHeads: number): Dims {
  const what = `attention: q [${q.shape}], k [${k.shape}], v [${v.shape}], ${nHeads} heads`;
  if (q.rank !== 3 || k.rank !== 3 || !tf.util.arraysEqual(k.shape, v.shape)) throw new Error(`${what}: need rank-3 q and equal-shaped k, v`);
  const [nb, tq, d] = q.shape as [number, number, number];
  const [kb, tk, kd] = k.shape as [number, number, number];
  if (kb !== nb || kd !== d || tk < tq || d % nHeads !== 0) throw new Error(`${what}: batch and width must agree, Tk ≥ Tq, width divisible by heads`);
  return { nb, nh: nHeads, tq, tk, dh: d / nHeads };
}

/** Floats of kernel scratch: transposed keys or values `[dh, Tk4]` plus rows of Tk4 (Tk4 = Tk rounded up to 4). */
function scratchSize(s: Dims): number {
  const tk4 = Math.ceil(s.tk / 4) * 4;
  return s.dh * tk4 + Math.max(1, s.tq) * tk4;
}

/** Whether the kernel runs: wasm backend, float32, head size a multiple of 4, unless `AVERE_ATTENTION=0`. */
export function useAttentionKernel(q: tf.Tensor, nHeads: number): boolean {
  const d = q.shape[q.rank - 1] as number;
  return tf.getBackend() === 'wasm' && process.env.AVERE_ATTENTION !== '0' && q.dtype === 'float32' && d % nHeads === 0 && (d / nHeads) % 4 === 0;
}

/** Forward: context `[B, Tq, D]` and probabilities `[B, H, Tq, Tk]`, new tensors. */
function forward(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, s: Dims): { ctx: tf.Tensor3D; probs: tf.Tensor4D } {
  const pSize = s.nb * s.nh * s.tq * s.tk;
  const { heap, at } = kernel.layout([q.size, k.size, v.size, q.size, pSize, scratchSize(s)]);
  const [qo, ko, vo, co, po, so] = at as [number, number, number, number, number, number];
  copyTensorInto(q, heap, qo / 4);
  copyTensorInto(k, heap, ko / 4);
  copyTensorInto(v, heap, vo / 4);
  kernel.exports.attn_fwd(qo, ko, vo, co, po, so, s.nb, s.nh, s.tq, s.tk, s.dh, 1 / Math.sqrt(s.dh));
  return {
    ctx: tensorFromView(heap.subarray(co / 4, co / 4 + q.size), q.shape) as tf.Tensor3D,
    probs: tensorFromView(heap.subarray(po / 4, po / 4 + pSize), [s.nb, s.nh, s.tq, s.tk]) as tf.Tensor4D,
  };
}

function backward(saved: tf.Tensor[], dctx: tf.Tensor, s: Dims): tf.Tensor[] {
  const [q, k, v, p] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  const { heap, at } = kernel.layout([q.size, k.size, v.size, p.size, q.size, q.size, k.size, v.size, scratchSize(s)]);
  const [qo, ko, vo, po, go, dqo, dko, dvo, dso] = at as [number, number, number, number, number, number, number, number, number];
  [q, k, v, p, dctx].forEach((t, i) => copyTensorInto(t, heap, (at[i] as number) / 4));
  kernel.exports.attn_bwd(qo, ko, vo, po, go, dqo, dko, dvo, dso, s.nb, s.nh, s.tq, s.tk, s.dh, 1 / Math.sqrt(s.dh));
  return [
    tensorFromView(heap.subarray(dqo / 4, dqo / 4 + q.size), q.shape),
    tensorFromView(heap.subarray(dko / 4, dko / 4 + k.size), k.shape),
    tensorFromView(heap.subarray(dvo / 4, dvo / 4 + v.size), v.shape),
  ];
}

/**
 * Attention of `q [B, Tq, D]` over `k, v [B, Tk, D]` (Tk ≥ Tq; query i sees keys
 * 0 … Tk − Tq + i) with `nHeads` heads, on the kernel → context `[B, Tq, D]`, differentiable
 * in q, k, v; with `keepProbs` also the probabilities `[B, H, Tq, Tk]` (not differentiable).
 */
export function attentionKernel(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  nHeads: number,
  keepProbs: boolean,
): { ctx: tf.Tensor3D; probs?: tf.Tensor4D } {
  const s = dims(q, k, v, nHeads);
  if (keepProbs) return forward(q, k, v, s);
  const op = tf.customGrad(((qi: tf.Tensor, ki: tf.Tensor, vi: tf.Tensor, save: tf.GradSaveFunc) => {
    const { ctx, probs } = timed('attention kernel (forward)', () => forward(qi, ki, vi, s));
    save([qi, ki, vi, probs]);
    return { value: ctx, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => timed('attention kernel (backward)', () => backward(saved, dy, s)) };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.Tensor;
  return { ctx: op(q, k, v) as tf.Tensor3D };
}
