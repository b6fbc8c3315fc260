/**
 * Sequences that share a prefix: in a DPO step the chosen and rejected responses of one
 * sample are scored after the same audio, video and prompt, and in multiple choice every
 * option follows the same question. A grouped batch holds each shared part once.
 *
 * Layout of the grouped forward (`Avlm.groupedSequenceLogProbs`): each group's prefix is its
 * AV tokens plus its first `prefixText` prompt tokens (the shortest prompt less one, so the
 * token that predicts a response's first token is always in the suffix). Each sequence's
 * suffix is the rest of its prompt plus its response, right-padded to `suffixLen`. Causal
 * attention makes the prefix states independent of what follows, so this is exact.
 */
import type * as tf from '@tensorflow/tfjs';
import { prepareText, type PreparedText, type SequenceBatch } from './batch';

export interface GroupedBatch {
  /** Audio frames `[G, nAudioFrames, featDim]` per group; omit for no audio tokens. Owned by the caller. */
  audio?: tf.Tensor3D;
  /** Video frames `[G, nVideoFrames, featDim]` per group; omit for no video tokens. Owned by the caller. */
  video?: tf.Tensor3D;
  /** Prompt token ids of each group (at least one token each). */
  prompts: number[][];
  /** Response token ids of each sequence. */
  responses: number[][];
  /** The group of each sequence (index into `prompts`). */
  groupOf: number[];
}

/** Index arrays of a grouped batch, computed once on the host. */
export interface PreparedGroups {
  groups: number;
  sequences: number;
  /** The expanded batch's text arrays (targets, sequence of each target, lengths). */
  text: PreparedText;
  /** Prompt tokens held by every prefix. */
  prefixText: number;
  /** Padded suffix length. */
  suffixLen: number;
  /** `[G · prefixText]` token ids. */
  prefixTokens: Int32Array;
  /** `[S · suffixLen]` token ids, right-padded with 0. */
  suffixTokens: Int32Array;
  groupOf: Int32Array;
  /** For each response token, the row of the `[S · suffixLen, D]` suffix states that predicts it. */
  predictorRows: Int32Array;
}

/** The same sequences as a plain batch: each sequence gets its group's features and prompt. */
export function expandGroups(batch: GroupedBatch): SequenceBatch {
  const idx = batch.groupOf;
  const pick = (t: tf.Tensor3D | undefined) => (t === undefined ? undefined : (t.gather(idx) as tf.Tensor3D));
  return { audio: pick(batch.audio), video: pick(batch.video), prompts: idx.map((g) => batch.prompts[g] as number[]), responses: batch.responses };
}

/** Validates a grouped batch (naming the group or sequence at fault) and lays it out. */
export function prepareGroups(batch: GroupedBatch, vocab: number, maxTextLen: number): PreparedGroups {
  const groups = batch.prompts.length;
  const sequences = batch.responses.length;
  if (batch.groupOf.length !== sequences) {
    throw new Error(`grouped batch: ${sequences} responses but ${batch.groupOf.length} groupOf entries`);
  }
  batch.groupOf.forEach((g, s) => {
    if (!Number.isInteger(g) || g < 0 || g >= groups) throw new Error(`grouped batch: groupOf[${s}] is ${g}, not a group index in [0, ${groups})`);
  });
  const prompts = batch.groupOf.map((g) => batch.prompts[g] as number[]);
  const text = prepareText(prompts, batch.responses, vocab, maxTextLen, 'grouped batch');
  const prefixText = Math.min(...batch.prompts.map((p) => p.length)) - 1;
  const suffixLen = Math.max(...text.lengths) - prefixText;
  const prefixTokens = new Int32Array(groups * prefixText);
  batch.prompts.forEach((p, g) => prefixTokens.set(p.slice(0, prefixText), g * prefixText));
  const suffixTokens = new Int32Array(sequences * suffixLen);
  prompts.forEach((p, s) => suffixTokens.set([...p.slice(prefixText), ...(batch.responses[s] as number[])], s * suffixLen));
  const predictorRows = Int32Array.from(text.targets, (_, i) => (text.seqOf[i] as number) * suffixLen + (text.predictorPos[i] as number) - prefixText);
  return { groups, sequences, text, prefixText, suffixLen, prefixTokens, suffixTokens, groupOf: Int32Array.from(batch.groupOf), predictorRows };
}
