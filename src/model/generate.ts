/**
 * Greedy decoding, batched: each step runs one forward pass over all unfinished sequences
 * and appends the arg-max token (no KV cache: the model is tiny and texts are short).
 */
import * as tf from '@tensorflow/tfjs';
import type { Avlm } from './avlm';

export interface GenerateOptions {
  /** Stop a sequence after this token (it is kept in the output). */
  eosId: number;
  /** Most new tokens per sequence. Default 24. */
  maxNewTokens: number;
  /** Sequences per forward pass. Default 64. */
  batchSize: number;
}

export interface GenerateInput {
  prompt: number[];
  /** Audio frames `[nAudioFrames · featDim]`; omit for no audio tokens. */
  audio?: Float32Array;
  /** Video frames `[nVideoFrames · featDim]`; omit for no video tokens. */
  video?: Float32Array;
}

function stack(rows: Float32Array[], frames: number, featDim: number): tf.Tensor3D {
  const out = new Float32Array(rows.length * frames * featDim);
  rows.forEach((r, i) => out.set(r, i * frames * featDim));
  return tf.tensor3d(out, [rows.length, frames, featDim]);
}

/** Greedy continuation of every input; returns the new tokens of each (ending in EOS when reached). */
export function generateGreedy(model: Avlm, inputs: GenerateInput[], options: Partial<GenerateOptions> & { eosId: number }): number[][] {
  const opts: GenerateOptions = { maxNewTokens: 24, batchSize: 64, ...options };
  const cfg = model.config;
  const outputs: number[][] = inputs.map(() => []);
  for (let start = 0; start < inputs.length; start += opts.batchSize) {
    const idx = inputs.slice(start, start + opts.batchSize).map((_, i) => start + i);
    const first = inputs[idx[0] as number] as GenerateInput;
    for (const i of idx) {
      const inp = inputs[i] as GenerateInput;
      if ((inp.audio === undefined) !== (first.audio === undefined) || (inp.video === undefined) !== (first.video === undefined)) {
        throw new Error(`generateGreedy: input ${i} has other modalities than input ${idx[0]} of its batch (all or none)`);
      }
    }
    let active = idx.slice();
    for (let step = 0; step < opts.maxNewTokens && active.length > 0; step++) {
      const act = active.map((i) => inputs[i] as GenerateInput);
      const audio =
        first.audio !== undefined
          ? stack(
              act.map((a) => a.audio as Float32Array),
              cfg.nAudioFrames,
              cfg.featDim,
            )
          : undefined;
      const video =
        first.video !== undefined
          ? stack(
              act.map((a) => a.video as Float32Array),
              cfg.nVideoFrames,
              cfg.featDim,
            )
          : undefined;
      let next: Int32Array;
      try {
        const ids = tf.tidy(() =>
          tf.argMax(model.nextTokenLogits({ audio, video, prompts: act.map((a) => a.prompt), responses: active.map((i) => outputs[i] as number[]) }), 1),
        );
        next = ids.dataSync() as Int32Array;
        ids.dispose();
      } finally {
        tf.dispose([audio, video].filter((t) => t !== undefined) as tf.Tensor[]);
      }
      active.forEach((i, k) => (outputs[i] as number[]).push(next[k] as number));
      active = active.filter((i, k) => next[k] !== opts.eosId && (inputs[i] as GenerateInput).prompt.length + (outputs[i] as number[]).length < cfg.maxTextLen);
    }
  }
  return outputs;
}
