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
import { timed } from './kernels/timing';

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

function layerNormForward(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor, eps: number): tf.Tensor {
  const d = g.size;
  const { heap, at } = kernel.layout([x.size, d, d, x.size]);
  const [xOff, gOff, bOff, yOff] = at as [number, number, number, number];
  copyTensorInto(x, heap, xOff / 4);
  copyTensorInto(g, heap, gOff / 4);
  copyTensorInto(b, heap, bOff / 4);
  kernel.exports.layernorm_fwd(xOff, gOff, bOff, yOff, x.size / d, d, eps);
  return tensorFromView(heap.subarray(yOff / 4, yOff / 4 + x.size), x.shape); // [..., D]
}

function layerNormBackward(x: tf.Tensor, g: tf.Tensor, dy: tf.Tensor, eps: number): tf.Tensor[] {
  const d = g.size;
  const { heap, at } = kernel.layout([x.size, d, x.size, x.size, d, d]);
  const [xo, go, dyo, dxo, dgo, dbo] = at as [number, number, number, number, number, number];
  copyTensorInto(x, heap, xo / 4);
  copyTensorInto(g, heap, go / 4);
  copyTensorInto(dy, heap, dyo / 4);
  kernel.exports.layernorm_bwd(xo, go, dyo, dxo, dgo, dbo, x.size / d, d, eps);
  return [
    tensorFromView(heap.subarray(dxo / 4, dxo / 4 + x.size), x.shape), // [..., D]
    tensorFromView(heap.subarray(dgo / 4, dgo / 4 + d), [d]), // [D]
    tensorFromView(heap.subarray(dbo / 4, dbo / 4 + d), [d]), // [D]
  ];
}

function layerNormKernel(eps: number) {
  return tf.customGrad(((x: tf.Tensor, g: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x, g]);
    return {
      value: timed('layerNorm kernel (forward)', () => layerNormForward(x, g, b, eps)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => timed('layerNorm kernel (backward)', () => layerNormBackward(saved[0]!, saved[1]!, dy, eps)),
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

function geluForward(x: tf.Tensor): tf.Tensor {
  const { heap, at } = kernel.layout([x.size, x.size]);
  const [xOff, yOff] = at as [number, number];
  copyTensorInto(x, heap, xOff / 4);
  kernel.exports.gelu_fwd(xOff, yOff, x.size);
  return tensorFromView(heap.subarray(yOff / 4, yOff / 4 + x.size), x.shape);
}

function geluBackward(x: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  const { heap, at } = kernel.layout([x.size, x.size, x.size]);
  const [xo, dyo, dxo] = at as [number, number, number];
  copyTensorInto(x, heap, xo / 4);
  copyTensorInto(dy, heap, dyo / 4);
  kernel.exports.gelu_bwd(xo, dyo, dxo, x.size);
  return tensorFromView(heap.subarray(dxo / 4, dxo / 4 + x.size), x.shape);
}

const geluKernel = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x]);
  return {
    value: timed('gelu kernel (forward)', () => geluForward(x)),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [timed('gelu kernel (backward)', () => geluBackward(saved[0]!, dy))],
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor) => tf.Tensor;

/**
 * GELU, tanh approximation (GPT-2): g(x) = 0.5·x·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³),
 * computed as x·σ(2u) (see `geluOps`).
 */
export function gelu(x: tf.Tensor): tf.Tensor {
  return useKernel(x) ? geluKernel(x) : geluOps(x);
}
