/**
 * Attention over the multimodal tokens (paper Fig. 5 left): for each query position, the
 * attention mass on audio tokens and on video tokens as a share of the mass on all AV
 * tokens; averaged over the chosen query positions of each sequence.
 */
import * as tf from '@tensorflow/tfjs';
import type { Avlm } from './avlm';
import type { SequenceBatch } from './batch';

/** Which positions count as queries: the positions that predict the response tokens, or all text positions. */
export type AttentionQueries = 'response' | 'text';

export interface AttentionShares {
  /** Audio share per layer and head, averaged over sequences: `[nLayers][nHeads]`. */
  audioByLayerHead: number[][];
  /** Video share per layer and head (= 1 − audio share). */
  videoByLayerHead: number[][];
  /** Audio share of each sequence, averaged over layers and heads (the distribution of Fig. 5). */
  audioBySequence: number[];
}

/**
 * Audio vs video attention shares. The batch must carry both modalities. Each sequence
 * contributes the mean over its query positions of a_audio / (a_audio + a_video), where
 * a_m is the attention mass on modality m's tokens.
 */
export function attentionShares(model: Avlm, batch: SequenceBatch, queries: AttentionQueries = 'response'): AttentionShares {
  if (batch.audio === undefined || batch.video === undefined) {
    throw new Error('attentionShares: the batch needs both audio and video features');
  }
  const { probs, layout, prepared } = model.attentionMaps(batch);
  const nLayers = probs.length;
  const nHeads = model.config.nHeads;
  const t = layout.nAudio + layout.nVideo + layout.textLen;
  const nAv = layout.nAudio + layout.nVideo;
  const byLH = Array.from({ length: nLayers }, () => new Array<number>(nHeads).fill(0));
  const bySeq = new Array<number>(prepared.batch).fill(0);
  try {
    probs.forEach((p, l) => {
      // [B, H, T, T] → mass on audio and on video keys per query: [B, H, T]
      const [audioMass, videoMass] = tf.tidy(() => [
        tf.sum(tf.slice(p, [0, 0, 0, 0], [-1, -1, -1, layout.nAudio]), 3),
        tf.sum(tf.slice(p, [0, 0, 0, layout.nAudio], [-1, -1, -1, layout.nVideo]), 3),
      ]) as [tf.Tensor, tf.Tensor];
      const a = audioMass.dataSync();
      const v = videoMass.dataSync();
      tf.dispose([audioMass, videoMass]);
      for (let b = 0; b < prepared.batch; b++) {
        const plen = prepared.promptLengths[b] as number;
        const len = prepared.lengths[b] as number;
        // response predictors are text positions plen−1 … len−2; fall back to the last prompt token
        const from = queries === 'text' ? 0 : plen - 1;
        const to = queries === 'text' ? len : Math.max(plen, len - 1);
        for (let h = 0; h < nHeads; h++) {
          let share = 0;
          for (let q = from; q < to; q++) {
            const k = (b * nHeads + h) * t + nAv + q;
            share += (a[k] as number) / ((a[k] as number) + (v[k] as number));
          }
          share /= to - from;
          (byLH[l] as number[])[h] += share / prepared.batch;
          bySeq[b] = (bySeq[b] as number) + share / (nLayers * nHeads);
        }
      }
    });
  } finally {
    tf.dispose(probs);
  }
  return {
    audioByLayerHead: byLH,
    videoByLayerHead: byLH.map((row) => row.map((x) => 1 - x)),
    audioBySequence: bySeq,
  };
}
