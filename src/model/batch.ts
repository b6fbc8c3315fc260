/**
 * Batches of sequences and the host-side index arithmetic behind them.
 *
 * A sequence is `[audio tokens | video tokens | prompt | response]`. Texts are right-padded
 * to the longest in the batch; with causal attention a padded position is never attended by
 * a real one, so no padding mask is needed. The response tokens are scored from the hidden
 * states one position earlier; only those rows reach the output head.
 */
import * as tf from '@tensorflow/tfjs';

/** Sequences to score. Audio / video features are shared by index with `prompts`. */
export interface SequenceBatch {
  /** Audio frames `[B, nAudioFrames, featDim]`; omit for no audio tokens (text-only or video-only). Owned by the caller. */
  audio?: tf.Tensor3D;
  /** Video frames `[B, nVideoFrames, featDim]`; omit for no video tokens. Owned by the caller. */
  video?: tf.Tensor3D;
  /** Prompt token ids of each sequence (at least one token each). */
  prompts: number[][];
  /** Response token ids of each sequence (may be empty: it then contributes 0). */
  responses: number[][];
}

/** Index arrays of a batch, computed once on the host (they depend only on lengths and tokens). */
export interface PreparedText {
  batch: number;
  /** Padded text length L (max prompt + response length). */
  textLen: number;
  /** Token ids `[B·L]`, row-major, right-padded with 0. */
  tokens: Int32Array;
  /** Text length of each sequence. */
  lengths: number[];
  /** Prompt length of each sequence (response starts there). */
  promptLengths: number[];
  /** For each response token: its sequence index. */
  seqOf: Int32Array;
  /** For each response token: the text position that predicts it (its own position − 1). */
  predictorPos: Int32Array;
  /** Each response token's id. */
  targets: Int32Array;
}

/** Validates a batch and computes its index arrays. `where` names the caller in errors. */
export function prepareText(prompts: number[][], responses: number[][], vocab: number, maxTextLen: number, where = 'batch'): PreparedText {
  if (prompts.length !== responses.length) {
    throw new Error(`${where}: ${prompts.length} prompts but ${responses.length} responses`);
  }
  if (prompts.length === 0) throw new Error(`${where}: empty batch`);
  const batch = prompts.length;
  const lengths = prompts.map((p, i) => p.length + (responses[i] as number[]).length);
  const textLen = Math.max(...lengths);
  if (textLen > maxTextLen) {
    const i = lengths.indexOf(textLen);
    throw new Error(`${where}: sequence ${i} has ${textLen} text tokens, more than maxTextLen ${maxTextLen}`);
  }
  const tokens = new Int32Array(batch * textLen);
  const seqOf: number[] = [];
  const predictorPos: number[] = [];
  const targets: number[] = [];
  for (let b = 0; b < batch; b++) {
    const p = prompts[b] as number[];
    const r = responses[b] as number[];
    if (p.length === 0) throw new Error(`${where}: sequence ${b} has an empty prompt (a response token needs a predecessor)`);
    const seq = p.concat(r);
    seq.forEach((id, t) => {
      if (!Number.isInteger(id) || id < 0 || id >= vocab) {
        throw new Error(`${where}: sequence ${b}, token ${t} is ${id}, outside the vocabulary [0, ${vocab})`);
      }
      tokens[b * textLen + t] = id;
    });
    for (let t = p.length; t < seq.length; t++) {
      seqOf.push(b);
      predictorPos.push(t - 1);
      targets.push(seq[t] as number);
    }
  }
  return {
    batch,
    textLen,
    tokens,
    lengths,
    promptLengths: prompts.map((p) => p.length),
    seqOf: Int32Array.from(seqOf),
    predictorPos: Int32Array.from(predictorPos),
    targets: Int32Array.from(targets),
  };
}

/** Flat row indices `b·T + nAv + pos` of the predicting hidden states in a `[B·T, D]` matrix. */
export function predictorRows(prep: PreparedText, nAv: number): Int32Array {
  const t = nAv + prep.textLen;
  const rows = new Int32Array(prep.targets.length);
  for (let i = 0; i < rows.length; i++) rows[i] = (prep.seqOf[i] as number) * t + nAv + (prep.predictorPos[i] as number);
  return rows;
}

/** The 0/1 matrix `S [B, N]` with S[b, i] = 1 when response token i belongs to sequence b. */
export function segmentMatrix(prep: PreparedText): Float32Array {
  const n = prep.targets.length;
  const s = new Float32Array(prep.batch * n);
  for (let i = 0; i < n; i++) s[(prep.seqOf[i] as number) * n + i] = 1;
  return s;
}
