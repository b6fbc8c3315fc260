/**
 * LayerNorm and GELU, each one fused kernel per pass on the wasm backend (our
 * `kernels/rowwise.c`, WebAssembly SIMD), tfjs ops elsewhere or with `AVERE_ROWWISE=0`.
 * tfjs-wasm runs a LayerNorm as ~10 elementwise kernels forward and ~15 backward, GELU as
 * ~5 and ~8, each a pass over memory plus a dispatch; the fused kernels make one pass.
 * The backward kernels recompute row statistics / the gate from the saved input, so
 * nothing but the inputs is kept for the gradient.
 */
import * as tf from '@tensorflow/tfjs';
import { geluOps } from './fused';
import { KernelModule, type ModuleBase } from './kernels/module';
import { copyTensorInto, tensorFromView } from './kernels/tfjsHeap';

interface RowwiseExports extends ModuleBase {
  layernorm_fwd(x: number, g: number, b: number, y: number, n: number, d: number, eps: number): void;
  layernorm_bwd(x: number, g: number, dy: number, dx: number, dg: number, db: number, n: number, d: number, eps: number): void;
  gelu_fwd(x: number, y: number, n: number): void;
  gelu_bwd(x: number, dy: number, dx: number, n: number): void;
}

const kernel = new KernelModule<RowwiseExports>('rowwise');

/** Whether the fused kernels run: wasm backend, float32, unless `AVERE_ROWWISE=0` (read on every call). */
function useKernel(x: tf.Tensor): boolean {
  return tf.getBackend() === 'wasm' && process.env.AVERE_ROWWISE !== '0' && x.dtype === 'float32';
}

/** LayerNorm with tfjs ops: (x − μ) / √(σ² + ε) · g + b over the last axis. */
function layerNormOps(x: tf.Tensor, g: tf.Tensor1D, b: tf.Tensor1D, eps: number): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), g), b);
}

function layerNormKernel(eps: number) {
  return tf.customGrad(((x: tf.Tensor, g: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    const d = g.size;
    const n = x.size / d;
    const wasm = kernel.exports;
    const { heap, at } = kernel.layout([x.size, d, d, x.size]);
    const [xOff, gOff, bOff, yOff] = at as [number, number, number, number];
    copyTensorInto(x, heap, xOff / 4);
    copyTensorInto(g, heap, gOff / 4);
    copyTensorInto(b, heap, bOff / 4);
    wasm.layernorm_fwd(xOff, gOff, bOff, yOff, n, d, eps);
    save([x, g]);
    return {
      value: tensorFromView(heap.subarray(yOff / 4, yOff / 4 + x.size), x.shape), // [..., D]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sg] = saved as [tf.Tensor, tf.Tensor];
        const mem = kernel.layout([sx.size, d, sx.size, sx.size, d, d]);
        const [xo, go, dyo, dxo, dgo, dbo] = mem.at as [number, number, number, number, number, number];
        copyTensorInto(sx, mem.heap, xo / 4);
        copyTensorInto(sg, mem.heap, go / 4);
        copyTensorInto(dy, mem.heap, dyo / 4);
        wasm.layernorm_bwd(xo, go, dyo, dxo, dgo, dbo, n, d, eps);
        return [
          tensorFromView(mem.heap.subarray(dxo / 4, dxo / 4 + sx.size), sx.shape), // [..., D]
          tensorFromView(mem.heap.subarray(dgo / 4, dgo / 4 + d), [d]), // [D]
          tensorFromView(mem.heap.subarray(dbo / 4, dbo / 4 + d), [d]), // [D]
        ];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.Tensor;
}

const layerNormKernels = new Map<number, (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.Tensor>();

/** LayerNorm over the last axis: (x − μ) / √(σ² + ε) · g + b. */
export function layerNorm(x: tf.Tensor, g: tf.Tensor1D, b: tf.Tensor1D, eps = 1e-5): tf.Tensor {
  if (x.shape[x.rank - 1] !== g.size || b.size !== g.size) {
    throw new Error(`layerNorm: last axis ${x.shape[x.rank - 1]}, gain ${g.size}, bias ${b.size} must agree`);
  }
  if (!useKernel(x)) return layerNormOps(x, g, b, eps);
  let op = layerNormKernels.get(eps);
  if (op === undefined) {
    op = layerNormKernel(eps);
    layerNormKernels.set(eps, op);
  }
  return op(x, g, b);
}

const geluKernel = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
  const wasm = kernel.exports;
  const { heap, at } = kernel.layout([x.size, x.size]);
  const [xOff, yOff] = at as [number, number];
  copyTensorInto(x, heap, xOff / 4);
  wasm.gelu_fwd(xOff, yOff, x.size);
  save([x]);
  return {
    value: tensorFromView(heap.subarray(yOff / 4, yOff / 4 + x.size), x.shape),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx] = saved as [tf.Tensor];
      const mem = kernel.layout([sx.size, sx.size, sx.size]);
      const [xo, dyo, dxo] = mem.at as [number, number, number];
      copyTensorInto(sx, mem.heap, xo / 4);
      copyTensorInto(dy, mem.heap, dyo / 4);
      wasm.gelu_bwd(xo, dyo, dxo, sx.size);
      return [tensorFromView(mem.heap.subarray(dxo / 4, dxo / 4 + sx.size), sx.shape)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor) => tf.Tensor;

/**
 * GELU, tanh approximation (GPT-2): g(x) = 0.5·x·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³),
 * computed as x·σ(2u) (see `geluOps`).
 */
export function gelu(x: tf.Tensor): tf.Tensor {
  return useKernel(x) ? geluKernel(x) : geluOps(x);
}
