/**
 * The preference step: one grouped forward of the policy over the batch's sequences, the
 * objective's loss (`avemDpoLoss` with the resolved options), backward, one AdamW update.
 * `src/bench` runs this same step.
 */
import * as tf from '@tensorflow/tfjs';
import { avemDpoLoss, type AvemDpoOptions, type LossMetrics } from '../../losses';
import type { Avlm } from '../../model';
import type { StepFn } from '../loop';
import type { AdamW } from '../optimizer';
import type { PreferenceBatch } from './batch';

export interface PreferenceLossOutput {
  /** Σ of the per-example loss / `divisor` (the batch mean when divisor = B). */
  loss: tf.Scalar;
  /** The per-example loss `[B]`. */
  perExample: tf.Tensor1D;
  /** The loss's metrics, plus `logps/chosen` (mean log π_θ(y_w)) and `logps/rejected` (mean Σᵢ wᵢ log π_θ(y_lⁱ)). */
  metrics: LossMetrics & { 'logps/chosen': number; 'logps/rejected': number };
}

/**
 * The objective on the policy's log-probs of `batch`. New tensors owned by the caller (or call
 * inside `tf.tidy` / `tf.variableGrads`). `divisor` defaults to B; a data-parallel replica
 * holding part of a batch passes the full batch's size.
 */
export function preferenceLoss(policy: Avlm, batch: PreferenceBatch, options: AvemDpoOptions, divisor = batch.size): PreferenceLossOutput {
  let metrics!: PreferenceLossOutput['metrics'];
  const out = tf.tidy(() => {
    const lp =
      batch.expanded === undefined
        ? policy.groupedSequenceLogProbs(batch.grouped, batch.prepared) // [B·(1 + k + [1])]
        : policy.sequenceLogProbs(batch.expanded, batch.prepared?.text); // [B·(1 + k + [1])]
    const parts = tf.split(lp, 1 + batch.rejectedCount + (batch.withRejectedInput ? 1 : 0)) as tf.Tensor1D[]; // each [B]
    const policyChosen = parts[0]!;
    const policyRejected = parts.slice(1, 1 + batch.rejectedCount);
    const f = batch.frozen;
    const r = avemDpoLoss(
      {
        policyChosen,
        policyRejected,
        refChosen: f.refChosen,
        refRejected: f.refRejected,
        policyChosenRejectedInput: batch.withRejectedInput ? parts[1 + batch.rejectedCount] : undefined,
        refChosenRejectedInput: f.refChosenRejectedInput,
        textChosen: f.textChosen,
        textRejected: f.textRejected,
      },
      options,
    );
    const weighted = tf.addN(policyRejected.map((p, i) => tf.mul(p, options.rejectedWeights[i]!))); // [B]
    const [chosenMean, rejectedMean] = tf.stack([tf.mean(policyChosen), tf.mean(weighted)]).dataSync();
    metrics = { ...r.metrics, 'logps/chosen': chosenMean!, 'logps/rejected': rejectedMean! };
    return { loss: tf.div(tf.sum(r.perExample), divisor) as tf.Scalar, perExample: r.perExample };
  });
  return { ...out, metrics };
}

/**
 * One AdamW step of the objective on `vars` (the trained adapters / projectors). Metrics: the
 * loss's (TRL names), `logps/*`, `loss`, `grad_norm` (before clipping) and `learning_rate`.
 */
export function preferenceStep(policy: Avlm, vars: tf.Variable[], optimizer: AdamW, options: AvemDpoOptions): StepFn<PreferenceBatch> {
  return (batch, lr) => {
    let metrics!: PreferenceLossOutput['metrics'];
    const { value, grads } = tf.variableGrads(() => {
      const r = preferenceLoss(policy, batch, options);
      metrics = r.metrics;
      return r.loss; // perExample is freed with the other intermediates of variableGrads
    }, vars);
    const norm = optimizer.apply(grads, lr);
    const loss = value.dataSync()[0] as number;
    const gradNorm = norm.dataSync()[0] as number;
    tf.dispose([value, norm, ...Object.values(grads)]);
    return { loss, metrics: { loss, ...metrics, grad_norm: gradNorm, learning_rate: lr } };
  };
}
