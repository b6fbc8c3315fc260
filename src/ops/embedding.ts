/**
 * Embedding lookup with a gradient that works on wasm.
 *
 * `tf.gather`'s gradient needs `UnsortedSegmentSum`, which the wasm backend lacks (SPEC §6).
 * Here the table gradient is a `scatterND` of the upstream rows, which sums rows of repeated
 * ids: O(N·D) work, independent of the vocabulary size (a one-hot matmul would be O(N·V·D)).
 */
import * as tf from '@tensorflow/tfjs';
import { customGrad2 } from './customGrad';

const lookup = customGrad2((table: tf.Tensor, ids: tf.Tensor, save: tf.GradSaveFunc) => {
  save([ids]);
  const [vocab, dim] = table.shape as [number, number];
  return {
    value: tf.gather(table, ids), // [N, D]
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sIds] = saved as [tf.Tensor];
      const dTable = tf.scatterND(sIds.reshape([-1, 1]), dy, [vocab, dim]); // [V, D]
      return [dTable, tf.zerosLike(sIds)];
    },
  };
});

/** Rows of `table [V, D]` for integer `ids` of any shape → `[...ids.shape, D]`. */
export function embed(ids: tf.Tensor, table: tf.Tensor2D): tf.Tensor {
  if (ids.dtype !== 'int32') throw new Error(`embed: ids must be int32, got ${ids.dtype}`);
  const dim = table.shape[1];
  const flat = ids.reshape([-1]); // [N]
  return lookup(table, flat).reshape([...ids.shape, dim]);
}
