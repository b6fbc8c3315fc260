/**
 * Metric read-back.
 *
 * Choice: the loss functions compute the metric scalars as tensors inside their own
 * `tf.tidy`, stack them into one `[7]` vector, read it with a single `dataSync()` and dispose
 * it before returning. The caller gets plain numbers and no extra tensors, so the loss works
 * unchanged inside `tf.variableGrads` / `optimizer.minimize` (capture `metrics` in the
 * closure, return `loss`): the metric ops do not lie on the path to the loss, so they add no
 * gradient work, and nothing outlives the call. Cost: one synchronous read of 7 floats per
 * call (on a GPU backend this waits for the step's forward pass).
 */
import * as tf from '@tensorflow/tfjs';
import { METRIC_NAMES, type LossMetrics, type MetricName } from './types';

/** Reward statistics of TRL from per-example chosen and (weighted) rejected rewards. */
export function rewardMetricTensors(
  chosenRewards: tf.Tensor1D, // [B]
  rejectedRewards: tf.Tensor1D, // [B]
): Record<'rewards/chosen' | 'rewards/rejected' | 'rewards/margins' | 'rewards/accuracies', tf.Scalar> {
  return {
    'rewards/chosen': tf.mean(chosenRewards),
    'rewards/rejected': tf.mean(rejectedRewards),
    'rewards/margins': tf.mean(tf.sub(chosenRewards, rejectedRewards)),
    'rewards/accuracies': tf.mean(tf.cast(tf.greater(chosenRewards, rejectedRewards), 'float32')),
  };
}

/** Stacks the named metric scalars into one vector, in `METRIC_NAMES` order. */
export function stackMetrics(named: Record<MetricName, tf.Scalar>): tf.Tensor1D {
  return tf.stack(METRIC_NAMES.map((n) => named[n])) as tf.Tensor1D; // [7]
}

/** Reads a stacked metric vector into numbers and disposes it. */
export function readMetrics(stacked: tf.Tensor1D): LossMetrics {
  const values = stacked.dataSync();
  stacked.dispose();
  const out = {} as LossMetrics;
  METRIC_NAMES.forEach((n, i) => {
    out[n] = values[i] as number;
  });
  return out;
}
