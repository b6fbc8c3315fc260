/**
 * Token-level training examples and the deterministic batch order: every epoch is a fresh
 * permutation drawn from `Rng(seed).fork("epoch-<e>")`, so the batch of any step can be
 * recomputed after a restart. With length bucketing, windows of 50 batches are sorted by
 * length before being cut (less padding), and the batches of a window are shuffled.
 */
import * as tf from '@tensorflow/tfjs';
import type { SequenceBatch } from '../model';
import { Rng } from '../random';

export interface TokenExample {
  prompt: number[];
  response: number[];
  /** Audio frames `[nAudioFrames · featDim]`; omit in text-only data. */
  audio?: Float32Array;
  /** Video frames `[nVideoFrames · featDim]`; omit in text-only data. */
  video?: Float32Array;
}

export interface BatchPlan {
  stepsPerEpoch: number;
  /** Example indices of the batch at `step`. */
  indicesAt(step: number): number[];
}

const WINDOW = 50;

/** Batch plan over `lengths.length` examples (the last partial batch of an epoch is dropped). */
export function batchPlan(lengths: readonly number[], batchSize: number, seed: number, bucketByLength: boolean): BatchPlan {
  const n = lengths.length;
  if (batchSize <= 0 || !Number.isInteger(batchSize)) throw new Error(`batchPlan: batch size must be a positive integer, got ${batchSize}`);
  if (n < batchSize) throw new Error(`batchPlan: ${n} examples are fewer than one batch of ${batchSize}`);
  const stepsPerEpoch = Math.floor(n / batchSize);
  const root = new Rng(seed);
  const cache = new Map<number, number[][]>();
  const epochBatches = (e: number): number[][] => {
    let b = cache.get(e);
    if (b === undefined) {
      const rng = root.fork(`epoch-${e}`);
      const order = rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, stepsPerEpoch * batchSize);
      b = [];
      for (let w = 0; w < order.length; w += WINDOW * batchSize) {
        const win = order.slice(w, w + WINDOW * batchSize);
        if (bucketByLength) win.sort((x, y) => (lengths[x] as number) - (lengths[y] as number) || x - y);
        const chunk: number[][] = [];
        for (let i = 0; i < win.length; i += batchSize) chunk.push(win.slice(i, i + batchSize));
        b.push(...(bucketByLength ? rng.shuffle(chunk) : chunk));
      }
      cache.clear();
      cache.set(e, b);
    }
    return b;
  };
  return {
    stepsPerEpoch,
    indicesAt: (step) => epochBatches(Math.floor(step / stepsPerEpoch))[step % stepsPerEpoch] as number[],
  };
}

/** Per-clip frames `[frames · featDim]` each, stacked into `[rows, frames, featDim]`. */
export function stackFrames(rows: readonly Float32Array[], frames: number, featDim: number): tf.Tensor3D {
  const out = new Float32Array(rows.length * frames * featDim);
  rows.forEach((r, i) => {
    if (r.length !== frames * featDim) throw new Error(`features of length ${r.length}, expected ${frames}·${featDim}`);
    out.set(r, i * frames * featDim);
  });
  return tf.tensor3d(out, [rows.length, frames, featDim]);
}

/** The batch of the given examples; AV tensors only when every example has them. */
export function toBatch(examples: TokenExample[], dims: { nAudioFrames: number; nVideoFrames: number; featDim: number }): SequenceBatch {
  const allAudio = examples.every((e) => e.audio !== undefined);
  const allVideo = examples.every((e) => e.video !== undefined);
  return {
    audio: allAudio
      ? stackFrames(
          examples.map((e) => e.audio as Float32Array),
          dims.nAudioFrames,
          dims.featDim,
        )
      : undefined,
    video: allVideo
      ? stackFrames(
          examples.map((e) => e.video as Float32Array),
          dims.nVideoFrames,
          dims.featDim,
        )
      : undefined,
    prompts: examples.map((e) => e.prompt),
    responses: examples.map((e) => e.response),
  };
}
