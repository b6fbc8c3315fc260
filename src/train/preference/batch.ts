/**
 * One preference batch: the grouped forward covering exactly the sequences the objective needs,
 * and the frozen log-probs of the same samples as tensors.
 *
 * Groups 0…B−1 are (a_w, v_w, x) of each sample; with an input term, groups B…2B−1 are
 * (a_l, v_l, x). Sequences, each block of B in sample order:
 *   y_w | rejected response 1 | … | rejected response k   on (a_w, v_w, x)
 *   y_w                                                   on (a_l, v_l, x)   (input term only)
 */
import * as tf from '@tensorflow/tfjs';
import type { GroupedBatch, PreparedGroups, SequenceBatch } from '../../model';
import { stackFrames } from '../examples';
import type { PreferenceItem, ResponseName } from './data';
import type { FrozenLogps } from './frozen';

/** Frozen log-probs of a batch, `[B]` each (owned by the batch). */
export interface FrozenBatch {
  refChosen: tf.Tensor1D;
  refRejected: tf.Tensor1D[];
  refChosenRejectedInput?: tf.Tensor1D;
  textChosen?: tf.Tensor1D;
  textRejected?: tf.Tensor1D[];
}

export interface PreferenceBatch {
  /** Samples in the batch (B). */
  size: number;
  /** Rejected responses per sample (k). */
  rejectedCount: number;
  /** Whether the last block of B sequences is y_w on the rejected input. */
  withRejectedInput: boolean;
  grouped: GroupedBatch;
  /** `grouped`'s index arrays when computed once for many steps (the benchmark); else each forward computes them. */
  prepared?: PreparedGroups;
  /** The same sequences expanded to a plain batch: when set, the forward runs every sequence in full (the benchmark's `--forward plain`, as the PyTorch peer does). */
  expanded?: SequenceBatch;
  frozen: FrozenBatch;
}

export interface BatchSpec {
  /** Concrete rejected responses of every item (same length k for all). */
  picks: readonly ResponseName[][];
  withRejectedInput: boolean;
  textPrior: boolean;
}

/** The batch of `items[indices]`. */
export function preferenceBatch(
  items: readonly PreferenceItem[],
  frozen: FrozenLogps,
  indices: readonly number[],
  spec: BatchSpec,
  dims: { nAudioFrames: number; nVideoFrames: number; featDim: number },
): PreferenceBatch {
  const b = indices.length;
  const its = indices.map((i) => items[i]!);
  const k = spec.picks[indices[0]!]!.length;
  const clips = spec.withRejectedInput ? [...its.map((it) => it.chosen), ...its.map((it) => it.rejected!)] : its.map((it) => it.chosen);
  const range = (from: number) => Array.from({ length: b }, (_, i) => from + i);
  const responses: number[][] = its.map((it) => it.responses.yW);
  const groupOf: number[] = range(0);
  for (let j = 0; j < k; j++) {
    indices.forEach((i, r) => responses.push(its[r]!.responses[spec.picks[i]![j]!]));
    groupOf.push(...range(0));
  }
  if (spec.withRejectedInput) {
    responses.push(...its.map((it) => it.responses.yW));
    groupOf.push(...range(b));
  }
  const pick = (table: Partial<Record<ResponseName, Float32Array>>, name: (i: number) => ResponseName, what: string) =>
    tf.tensor1d(
      Float32Array.from(indices, (i) => {
        const t = table[name(i)];
        if (t === undefined) throw new Error(`preference batch: no frozen ${what} log-probs for ${name(i)}`);
        return t[i]!;
      }),
    ); // [B]
  const rejectedOf = (table: Partial<Record<ResponseName, Float32Array>>, what: string) =>
    Array.from({ length: k }, (_, j) => pick(table, (i) => spec.picks[i]![j]!, what));
  const fb: FrozenBatch = { refChosen: pick(frozen.ref, () => 'yW', 'reference'), refRejected: rejectedOf(frozen.ref, 'reference') };
  if (spec.withRejectedInput) {
    if (frozen.refRejectedInput === undefined) throw new Error('preference batch: no frozen reference log-probs on the rejected input');
    fb.refChosenRejectedInput = tf.tensor1d(Float32Array.from(indices, (i) => frozen.refRejectedInput![i]!)); // [B]
  }
  if (spec.textPrior) {
    if (frozen.text === undefined) throw new Error('preference batch: no frozen π_text log-probs');
    fb.textChosen = pick(frozen.text, () => 'yW', 'π_text');
    fb.textRejected = rejectedOf(frozen.text, 'π_text');
  }
  return {
    size: b,
    rejectedCount: k,
    withRejectedInput: spec.withRejectedInput,
    grouped: {
      audio: stackFrames(
        clips.map((c) => c.audio),
        dims.nAudioFrames,
        dims.featDim,
      ), // [G, nA, f]
      video: stackFrames(
        clips.map((c) => c.video),
        dims.nVideoFrames,
        dims.featDim,
      ), // [G, nV, f]
      prompts: spec.withRejectedInput ? [...its.map((it) => it.prompt), ...its.map((it) => it.prompt)] : its.map((it) => it.prompt),
      responses,
      groupOf,
    },
    frozen: fb,
  };
}

/** Frees every tensor of the batch. */
export function disposePreferenceBatch(batch: PreferenceBatch): void {
  const f = batch.frozen;
  tf.dispose(
    [batch.grouped.audio, batch.grouped.video, f.refChosen, ...f.refRejected, f.refChosenRejectedInput, f.textChosen, ...(f.textRejected ?? [])].filter(
      (t) => t !== undefined,
    ),
  );
}
