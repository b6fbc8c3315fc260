/**
 * Embedding lookup: rows of a table for integer ids of any shape. A thin layer over
 * `gatherRows` (host-side rows, scatter-add gradient that sums rows of repeated ids: O(N·D),
 * independent of the vocabulary size; tfjs-wasm has no `UnsortedSegmentSum` for
 * `tf.gather`'s gradient, SPEC §6).
 */
import * as tf from '@tensorflow/tfjs';
import { gatherRows } from './rows';

/** Rows of `table [V, D]` for integer `ids` of any shape → `[...ids.shape, D]`. */
export function embed(ids: tf.Tensor, table: tf.Tensor2D): tf.Tensor {
  if (ids.dtype !== 'int32') throw new Error(`embed: ids must be int32, got ${ids.dtype}`);
  return gatherRows(table, ids.dataSync() as Int32Array).reshape([...ids.shape, table.shape[1]]);
}
