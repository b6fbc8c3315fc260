/** Small tensor ops shared by the losses. */
import * as tf from '@tensorflow/tfjs';

/**
 * Identity in the forward pass, zero gradient in the backward pass (PyTorch's `.detach()`).
 * tfjs 4.22 has no `stopGradient`; a custom gradient that returns zeros keeps the input on
 * the tape, so `tf.grads` with respect to it yields exact zeros instead of an error.
 */
const detach = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as unknown as Parameters<typeof tf.customGrad>[0]);

export function stopGradient(x: tf.Tensor1D): tf.Tensor1D {
  return detach(x) as tf.Tensor1D;
}

/**
 * −log σ(z), written as softplus(−z). Never `tf.logSigmoid`: its gradient is broken in
 * tfjs 4.22 for intermediate inputs. tfjs's softplus is thresholded, so |z| ≈ 1e4 stays finite.
 */
export function negLogSigmoid(z: tf.Tensor1D): tf.Tensor1D {
  return tf.softplus(tf.neg(z));
}

/** Σ_i w_i x_i over a list of equal-shape tensors. */
export function weightedSum(xs: tf.Tensor1D[], weights: readonly number[]): tf.Tensor1D {
  return tf.addN(xs.map((x, i) => tf.mul(x, weights[i] as number))) as tf.Tensor1D;
}
