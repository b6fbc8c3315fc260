import * as tf from '@tensorflow/tfjs';

type Binary = (a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] };

/**
 * `tf.customGrad` for a two-input op, typed. Every tensor the gradient reads must go
 * through `save`: a tensor captured by closure may be disposed before the backward pass
 * (the cause of `tf.logSigmoid`'s broken gradient in tfjs 4.22, SPEC §6).
 */
export function customGrad2(f: Binary): (a: tf.Tensor, b: tf.Tensor) => tf.Tensor {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => f(args[0] as tf.Tensor, args[1] as tf.Tensor, args[2] as tf.GradSaveFunc));
  return (a, b) => op(a, b);
}
