/**
 * The training signal on a set of samples (the held-out split): the objective's mean loss and
 * reward accuracy, forward only. This is what the learning-rate / batch-size choice is judged
 * on (not margins, which grow with the rate alone, and never benchmark scores).
 */
import * as tf from '@tensorflow/tfjs';
import type { AvemDpoOptions } from '../../losses';
import type { Avlm } from '../../model';
import { disposePreferenceBatch, preferenceBatch, type BatchSpec } from './batch';
import type { PreferenceItem } from './data';
import type { FrozenLogps } from './frozen';
import { preferenceLoss } from './step';

export interface PreferenceEvaluation {
  samples: number;
  loss: number;
  'rewards/accuracies': number;
  'rewards/margins': number;
  'rewards/chosen': number;
  'rewards/rejected': number;
  'loss/response': number;
  'loss/input': number;
}

const KEYS = ['rewards/accuracies', 'rewards/margins', 'rewards/chosen', 'rewards/rejected', 'loss/response', 'loss/input'] as const;

/** Sample-weighted means over `indices` of `items`, in batches of `batchSize`. */
export function evaluatePreference(
  policy: Avlm,
  items: readonly PreferenceItem[],
  frozen: FrozenLogps,
  indices: readonly number[],
  spec: BatchSpec,
  options: AvemDpoOptions,
  batchSize = 32,
): PreferenceEvaluation {
  if (indices.length === 0) throw new Error('evaluatePreference: no samples');
  const sums: Record<string, number> = { loss: 0, ...Object.fromEntries(KEYS.map((k) => [k, 0])) };
  for (let lo = 0; lo < indices.length; lo += batchSize) {
    const batch = preferenceBatch(items, frozen, indices.slice(lo, lo + batchSize), spec, policy.config);
    try {
      const r = preferenceLoss(policy, batch, options); // its intermediates are freed inside
      sums['loss']! += r.loss.dataSync()[0]! * batch.size;
      for (const k of KEYS) sums[k]! += r.metrics[k] * batch.size;
      tf.dispose([r.loss, r.perExample]);
    } finally {
      disposePreferenceBatch(batch);
    }
  }
  const n = indices.length;
  return { samples: n, ...(Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / n])) as Omit<PreferenceEvaluation, 'samples'>) };
}
