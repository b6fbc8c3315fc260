/**
 * Batched matrix product on a WebAssembly SIMD kernel of our own (`kernels/bmm.c`).
 *
 * Why: tfjs-wasm 4.22 hands a `BatchMatMul` to XNNPACK only when both batch sizes are 1;
 * any real batch runs a scalar triple loop (~1–2 GFLOP/s), which made the attention
 * products (`[B·H, T, dh] @ [B·H, dh, T]`, `[B·H, T, T] @ [B·H, T, dh]`) half of a
 * training step. The kernel here tiles the output 4 rows × 8 columns in SIMD registers.
 *
 * The op is synchronous: it copies its inputs into the kernel's own linear memory (grown
 * on demand, never shrunk; see `kernels/tfjsHeap.ts` for how the copies are kept cheap),
 * runs, and makes the output tensor from it. It works on any tfjs backend; `matMulFast`
 * routes to it on wasm.
 */
import * as tf from '@tensorflow/tfjs';
import { customGrad2 } from './customGrad';
import { KernelModule, type ModuleBase } from './kernels/module';
import { copyTensorInto, tensorFromView } from './kernels/tfjsHeap';
import { timed } from './kernels/timing';

/** How a product reads its operands (each `[batch, rows, cols]`, row-major). */
type Layout = 'nn' | 'tn' | 'nt';

/** Sizes of `C [batch, m, n] = op(A) @ op(B)` with shared axis `k`. */
interface Dims {
  batch: number;
  m: number;
  k: number;
  n: number;
}

interface BmmExports extends ModuleBase {
  bmm_nn(a: number, b: number, c: number, batch: number, m: number, k: number, n: number): void;
  bmm_tn(a: number, b: number, c: number, batch: number, m: number, k: number, n: number): void;
  bmm_nt(a: number, b: number, c: number, scratch: number, batch: number, m: number, k: number, n: number): void;
}

type Shape3 = [number, number, number];

/** Per layout: the product's sizes from the operand shapes, and which axes must agree. */
const LAYOUTS: Record<Layout, { formula: string; dims(a: Shape3, b: Shape3): Dims; shared(a: Shape3, b: Shape3): [number, number] }> = {
  nn: { formula: 'a @ b', dims: (a, b) => ({ batch: a[0], m: a[1], k: a[2], n: b[2] }), shared: (a, b) => [a[2], b[1]] },
  tn: { formula: 'aᵀ @ b', dims: (a, b) => ({ batch: a[0], m: a[2], k: a[1], n: b[2] }), shared: (a, b) => [a[1], b[1]] },
  nt: { formula: 'a @ bᵀ', dims: (a, b) => ({ batch: a[0], m: a[1], k: a[2], n: b[1] }), shared: (a, b) => [a[2], b[2]] },
};

const kernel = new KernelModule<BmmExports>('bmm');

function checkOperands(layout: Layout, a: tf.Tensor, b: tf.Tensor): Dims {
  const what = `bmmSimd (${LAYOUTS[layout].formula}): a [${a.shape.join(',')}], b [${b.shape.join(',')}]`;
  if (a.rank !== 3 || b.rank !== 3) throw new Error(`${what}: both inputs must be rank 3`);
  if (a.dtype !== 'float32' || b.dtype !== 'float32') throw new Error(`${what}: dtypes ${a.dtype}, ${b.dtype}; only float32 is supported`);
  const sa = a.shape as Shape3;
  const sb = b.shape as Shape3;
  if (sa[0] !== sb[0]) throw new Error(`${what}: batch sizes ${sa[0]} and ${sb[0]} differ (no broadcasting)`);
  const [ka, kb] = LAYOUTS[layout].shared(sa, sb);
  if (ka !== kb) throw new Error(`${what}: shared axis sizes ${ka} and ${kb} differ`);
  return LAYOUTS[layout].dims(sa, sb);
}

/** Runs one product on the kernel; returns a new `[batch, m, n]` tensor. */
function product(layout: Layout, a: tf.Tensor, b: tf.Tensor): tf.Tensor3D {
  return timed(`bmm kernel (${layout})`, () => runProduct(layout, a, b));
}

function runProduct(layout: Layout, a: tf.Tensor, b: tf.Tensor): tf.Tensor3D {
  const { batch, m, k, n } = checkOperands(layout, a, b);
  const wasm = kernel.exports;
  const { heap, at } = kernel.layout([a.size, b.size, batch * m * n, k * n]);
  const [aOff, bOff, cOff, scratchOff] = at as [number, number, number, number];
  copyTensorInto(a, heap, aOff / 4);
  copyTensorInto(b, heap, bOff / 4);
  switch (layout) {
    case 'nn':
      wasm.bmm_nn(aOff, bOff, cOff, batch, m, k, n);
      break;
    case 'tn':
      wasm.bmm_tn(aOff, bOff, cOff, batch, m, k, n);
      break;
    case 'nt':
      wasm.bmm_nt(aOff, bOff, cOff, scratchOff, batch, m, k, n);
      break;
  }
  return tensorFromView(heap.subarray(cOff / 4, cOff / 4 + batch * m * n), [batch, m, n]) as tf.Tensor3D;
}

const bmmOp = customGrad2((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: product('nn', a, b), // [B, M, N]
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor, tf.Tensor];
      return [
        product('nt', dy, sb), // da = dy @ bᵀ  [B, M, K]
        product('tn', sa, dy), // db = aᵀ @ dy  [B, K, N]
      ];
    },
  };
});

/**
 * `a [B, M, K] @ b [B, K, N] → [B, M, N]` (float32, equal batch sizes, no broadcasting),
 * with gradients `da = dy @ bᵀ` and `db = aᵀ @ dy` run by the same kernel without
 * materialising a transpose. Throws a message naming both shapes on mismatched inputs.
 */
export function bmmSimd(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  checkOperands('nn', a, b);
  return bmmOp(a, b) as tf.Tensor3D;
}

const bmmNtOp = customGrad2((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: product('nt', a, b), // [B, M, N]
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor, tf.Tensor];
      return [
        product('nn', dy, sb), // da = dy @ b   [B, M, K]
        product('tn', dy, sa), // db = dyᵀ @ a  [B, N, K]
      ];
    },
  };
});

/**
 * `a [B, M, K] @ b [B, N, K]ᵀ → [B, M, N]` (attention scores q·kᵀ) with no transpose
 * materialised on either pass: da = dy @ b, db = dyᵀ @ a.
 */
export function bmmSimdNT(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  checkOperands('nt', a, b);
  return bmmNtOp(a, b) as tf.Tensor3D;
}

/**
 * Whether a product goes to the SIMD kernel: on the wasm backend, float32, both rank 2 or
 * both rank 3 with equal batch sizes, unless `AVERE_SIMD_BMM=0` (read on every call, to
 * compare both paths).
 */
export function useSimdKernel(a: tf.Tensor, b: tf.Tensor): boolean {
  return (
    tf.getBackend() === 'wasm' &&
    process.env.AVERE_SIMD_BMM !== '0' &&
    a.dtype === 'float32' &&
    b.dtype === 'float32' &&
    a.rank === b.rank &&
    (a.rank === 2 || (a.rank === 3 && a.shape[0] === b.shape[0]))
  );
}

/** `a [M, K] @ b [K, N]` (`nn`) or `a [M, K] @ b [N, K]ᵀ` (`nt`) on the kernel, no gradient. */
export function simdProduct2d(layout: 'nn' | 'nt', a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const out = product(layout, a.reshape([1, ...a.shape]), b.reshape([1, ...b.shape]));
  return out.reshape([out.shape[1], out.shape[2]]);
}
