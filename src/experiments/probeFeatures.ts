/**
 * What a linear probe reads of a clip: one feature row per clip and modality, from the
 * renderer's frames or from a model's projected AV tokens, pooled over time (a registry).
 */
import type { FeatureSource } from '../data';
import { stackFeatures, type Avlm } from '../model';

/** How `[T, D]` frames (or tokens) become one row. */
export const PROBE_POOLINGS = ['meanmax', 'flatten'] as const;
export type ProbePooling = (typeof PROBE_POOLINGS)[number];

/** The feature streams of a clip. */
export type FeatureModality = 'audio' | 'video';

/**
 * `meanmax`: the mean and the max over time of each feature, `[2D]` (time-invariant, so a
 * cue counts wherever its envelope peaks); `flatten`: the frames in order, `[T·D]`.
 */
export function poolFrames(x: ArrayLike<number>, frames: number, pooling: ProbePooling): Float64Array {
  if (x.length % frames !== 0) throw new Error(`poolFrames: ${x.length} values are not ${frames} frames`);
  const d = x.length / frames;
  switch (pooling) {
    case 'flatten':
      return Float64Array.from(x);
    case 'meanmax': {
      const out = new Float64Array(2 * d);
      out.fill(-Infinity, d);
      for (let t = 0; t < frames; t++) {
        for (let j = 0; j < d; j++) {
          const v = x[t * d + j] as number;
          out[j] += v;
          if (v > (out[d + j] as number)) out[d + j] = v;
        }
      }
      for (let j = 0; j < d; j++) out[j] /= frames; // sum → mean
      return out;
    }
    default:
      throw new Error(`poolFrames: unknown pooling "${pooling as string}"`);
  }
}

/** Turns clips into probe rows for one modality. */
export interface ClipEncoder {
  /** Shown in result rows: `rendered`, or the model's name. */
  name: string;
  /** One row per clip id, in order. */
  encode(ids: readonly string[], modality: FeatureModality): Float64Array[];
}

/** The renderer's frames (`featDim` features per frame), pooled. */
export function renderedEncoder(features: FeatureSource, featDim: number, pooling: ProbePooling = 'meanmax', name = 'rendered'): ClipEncoder {
  return {
    name,
    encode: (ids, modality) =>
      ids.map((id) => {
        const x = features.get(id)[modality];
        return poolFrames(x, x.length / featDim, pooling);
      }),
  };
}

/** A model's projected AV tokens (`Avlm.projectTokens`, `[n, D]` per clip), pooled; `batchSize` clips per projection. */
export function projectedEncoder(model: Avlm, features: FeatureSource, name: string, pooling: ProbePooling = 'meanmax', batchSize = 256): ClipEncoder {
  const cfg = model.config;
  return {
    name,
    encode: (ids, modality) => {
      const frames = modality === 'audio' ? cfg.nAudioFrames : cfg.nVideoFrames;
      const out: Float64Array[] = [];
      for (let start = 0; start < ids.length; start += batchSize) {
        const chunk = ids.slice(start, start + batchSize);
        const feats = stackFeatures(
          chunk.map((id) => features.get(id)[modality]),
          frames,
          cfg.featDim,
        ); // [B, F, featDim]
        let values: Float32Array;
        let n: number;
        try {
          const tokens = model.projectTokens(feats, modality); // [B, n, D]
          n = tokens.shape[1];
          values = tokens.dataSync() as Float32Array;
          tokens.dispose();
        } finally {
          feats.dispose();
        }
        const per = n * cfg.dModel;
        chunk.forEach((_, b) => out.push(poolFrames(values.subarray(b * per, (b + 1) * per), n, pooling)));
      }
      return out;
    },
  };
}
