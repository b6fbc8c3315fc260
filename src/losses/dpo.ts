/** Plain DPO, paper Eq. (3) (Rafailov et al., 2023). */
import * as tf from '@tensorflow/tfjs';
import { readMetrics, rewardMetricTensors, stackMetrics } from './metrics';
import { negLogSigmoid, stopGradient } from './ops';
import type { DpoLogps, LossResult } from './types';
import { checkDpoInputs } from './validate';

/** Options of {@link dpoLoss}. */
export interface DpoOptions {
  /** β of Eq. (3). Paper: 0.1. */
  beta: number;
}

/**
 * DPO loss, paper Eq. (3), per example:
 *
 *   ℓ = −log σ( β log π_θ(y_w|a,v,x)/π_ref(y_w|a,v,x) − β log π_θ(y_l|a,v,x)/π_ref(y_l|a,v,x) )
 *
 * `loss` is the batch mean. Reference log-probs carry no gradient. Metrics: `loss/input`
 * and `tpd/offset` are 0 (Eq. 3 has neither term). `avemDpoLoss` with one rejected
 * response, weights [1], γ_TPD = 0 and λ_av = 0 gives the same numbers.
 */
export function dpoLoss(lp: DpoLogps, opts: DpoOptions): LossResult {
  checkDpoInputs('dpoLoss', lp, opts.beta);
  const { beta } = opts;
  const [loss, perExample, stacked] = tf.tidy(() => {
    const chosenRewards = tf.mul(tf.sub(lp.policyChosen, stopGradient(lp.refChosen)), beta) as tf.Tensor1D; // [B]
    const rejectedRewards = tf.mul(tf.sub(lp.policyRejected, stopGradient(lp.refRejected)), beta) as tf.Tensor1D; // [B]
    const perExample = negLogSigmoid(tf.sub(chosenRewards, rejectedRewards)); // Eq. (3)  [B]
    const loss = tf.mean(perExample) as tf.Scalar;
    const zero = tf.scalar(0);
    const metrics = stackMetrics({
      ...rewardMetricTensors(chosenRewards, rejectedRewards),
      'loss/response': loss,
      'loss/input': zero,
      'tpd/offset': zero,
    });
    return [loss, perExample, metrics];
  }) as [tf.Scalar, tf.Tensor1D, tf.Tensor1D];
  return { loss, perExample, metrics: readMetrics(stacked) };
}
