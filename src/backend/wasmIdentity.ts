/**
 * A zero-copy `Identity` kernel for tfjs-backend-wasm.
 *
 * tfjs clones every tensor a gradient saves (`tf.customGrad`'s `save` and the built-in
 * ops' saved inputs) through the `Identity` kernel. The cpu backend shares the data and
 * counts a reference; tfjs-wasm 4.22 copies it, ~300 copies per training step of the
 * bench model (15 ms of 220). Tensor data is never written in place (a variable's
 * `assign` swaps in new data), so sharing is safe; this is how the wasm backend's own
 * `Reshape` already works.
 */
import * as tf from '@tensorflow/tfjs';

interface RefCounting {
  incRef(dataId: object): void;
}

/** Replaces the wasm `Identity` kernel with one that shares the input's data. Idempotent. */
export function installZeroCopyIdentity(): void {
  const current = tf.getKernel('Identity', 'wasm');
  if (current === undefined || current.kernelFunc.name === 'shareIdentity') return;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc: function shareIdentity({ inputs, backend }) {
      const x = inputs.x as tf.TensorInfo;
      (backend as unknown as RefCounting).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}
