/**
 * Rejected multimodal inputs (a_l, v_l) of the paper's Table 17, for a `RejectedInputKind`
 * (defined in `src/losses`): `both-*` — both modalities changed (Eq. 4) — and `pmp-*` —
 * prompt-based modality preference (PMP, Eq. 5): only the prompt's modality changes
 * (a_l = a_w iff m = V, v_l = v_w iff m = A; an audiovisual prompt changes both).
 */
// the tf-free file of the loss library (its index loads tfjs, which the data library never needs)
import { parseRejectedInputKind, type RejectedInputKind, type RejectedInputSource } from '../losses/rejectedInput';
import { Rng } from '../random';
import type { ClipFeatures } from '../world';
import type { DiffusionKnobs } from './config';
import type { PreferenceSample } from './preference';

/** Features by clip key (a `FeatureStore`, or anything with `get`). */
export interface FeatureSource {
  get(id: string): ClipFeatures;
}

/** ᾱ_t = Π_{s ≤ t} (1 − β_s) for the linear β schedule (DDPM). */
export function alphaBar(d: DiffusionKnobs): number {
  if (!Number.isInteger(d.noiseStep) || d.noiseStep < 0 || d.noiseStep > d.steps) throw new Error(`diffusion noiseStep ${d.noiseStep} outside [0, ${d.steps}]`);
  let a = 1;
  for (let s = 1; s <= d.noiseStep; s++) {
    const beta = d.steps === 1 ? d.betaStart : d.betaStart + ((d.betaEnd - d.betaStart) * (s - 1)) / (d.steps - 1);
    a *= 1 - beta;
  }
  return a;
}

function std(x: Float32Array): number {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  return Math.sqrt(s / x.length);
}

/** N(0, σ²) with σ = the standard deviation of `like`. */
function randomLike(like: Float32Array, rng: Rng): Float32Array {
  const sigma = std(like);
  const out = new Float32Array(like.length);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal(0, sigma);
  return out;
}

/** x_t = √ᾱ x + √(1 − ᾱ) ε, ε ~ N(0, σ_x²) (noise at the features' own scale). */
function diffuse(x: Float32Array, a: number, rng: Rng): Float32Array {
  const sigma = std(x);
  const out = new Float32Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(a) * x[i]! + Math.sqrt(1 - a) * rng.normal(0, sigma);
  return out;
}

/**
 * The diffused copy of a clip (VCD's distorted input; the `diffused` rejected input of
 * Table 17): each modality noised to step `d.noiseStep`, audio from `rng.fork('audio')`,
 * video from `rng.fork('video')`. Deterministic in `rng`'s seed.
 */
export function diffuseClip(x: ClipFeatures, d: DiffusionKnobs, rng: Rng): ClipFeatures {
  const a = alphaBar(d);
  return { audio: diffuse(x.audio, a, rng.fork('audio')), video: diffuse(x.video, a, rng.fork('video')) };
}

/** The changed pair (a', v') of one source, before the form decides which modalities use it. */
function changed(source: RejectedInputSource, sample: PreferenceSample, chosen: ClipFeatures, features: FeatureSource, d: DiffusionKnobs): ClipFeatures {
  const rng = new Rng(sample.rejected.seed).fork(source);
  switch (source) {
    case 'random-tensor':
      return { audio: randomLike(chosen.audio, rng.fork('audio')), video: randomLike(chosen.video, rng.fork('video')) };
    case 'random-clip':
      return features.get(sample.rejected.randomClip);
    case 'diffused':
      return diffuseClip(chosen, d, rng);
    case 'diff-emotion':
      return features.get(sample.rejected.differentEmotionClip);
  }
}

/** The rejected input (a_l, v_l) of `sample` for one kind (e.g. `pmp-diff-emotion`). Deterministic per sample. */
export function rejectedInput(sample: PreferenceSample, kind: RejectedInputKind, features: FeatureSource, diffusion: DiffusionKnobs): ClipFeatures {
  const { form, source } = parseRejectedInputKind(kind);
  const chosen = features.get(sample.clipId);
  const alt = changed(source, sample, chosen, features, diffusion);
  if (form === 'both' || sample.modality === 'audiovisual') return { audio: alt.audio, video: alt.video };
  return sample.modality === 'audio' ? { audio: alt.audio, video: chosen.video } : { audio: chosen.audio, video: alt.video };
}
