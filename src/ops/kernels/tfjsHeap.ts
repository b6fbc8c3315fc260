/**
 * Moving float32 tensor data in and out of a kernel's own memory with as few copies as
 * the active backend allows.
 *
 * On the wasm backend `dataSync()` allocates a fresh copy of the tensor (~0.8 ms for
 * 1.2 MB here, most of it allocation), four times per product with a gradient. So on wasm
 * the input is read through a view of tfjs-wasm's heap, found from two internals of
 * tfjs-backend-wasm 4.22 (`dataIdMap[dataId].memoryOffset`, `wasm.HEAPU8`); when they are
 * missing (another backend, another tfjs version) it falls back to `dataSync()`.
 * `tests/ops/bmmSimd.test.ts` checks both paths.
 */
import * as tf from '@tensorflow/tfjs';

/** The parts of tfjs-backend-wasm's `BackendWasm` read here (duck-typed, all optional). */
interface WasmBackendInternals {
  dataIdMap?: { get(dataId: object): { memoryOffset?: unknown } | undefined };
  wasm?: { HEAPU8?: Uint8Array };
}

/** A view of `t`'s values in tfjs-wasm's heap, or undefined when that is not where they live. */
function wasmHeapView(t: tf.Tensor): Float32Array | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const backend = tf.backend() as unknown as WasmBackendInternals;
  const offset = backend.dataIdMap?.get(t.dataId)?.memoryOffset;
  const heap = backend.wasm?.HEAPU8;
  if (typeof offset !== 'number' || heap === undefined || offset % 4 !== 0) return undefined;
  return new Float32Array(heap.buffer, offset, t.size);
}

/** Copies float32 tensor `t` into `dst` starting at element `at`. */
export function copyTensorInto(t: tf.Tensor, dst: Float32Array, at: number): void {
  dst.set(wasmHeapView(t) ?? (t.dataSync() as Float32Array), at);
}

/**
 * A float32 tensor holding `values` (a view into a kernel's memory that the next call
 * overwrites). tfjs-wasm's `write` copies into its heap at once, so the view is passed
 * as is; other backends may keep the array they are given, so they get a copy.
 */
export function tensorFromView(values: Float32Array, shape: number[]): tf.Tensor {
  const owned = tf.getBackend() === 'wasm' ? values : values.slice();
  return tf.tensor(owned, shape, 'float32');
}

/**
 * The values of float32 tensor `t`: a view of tfjs-wasm's heap where possible (valid only
 * until the next tensor is allocated, which may grow and detach the heap), else `dataSync()`.
 */
export function readValues(t: tf.Tensor): Float32Array {
  return wasmHeapView(t) ?? (t.dataSync() as Float32Array);
}
