/**
 * The frozen feature renderer: clip spec → `audio [nA, f]`, `video [nV, f]` frames.
 *
 *   x[t] = gain · Σ_c salience_c · intensity_c · envelope_c(t) · proto_c
 *        + speakerScale · s_m(speaker) + sceneScale · g_m(scene) + affectScale · e_m(emotion_m)
 *        + offset + noise,    noise ~ N(0, noiseStd²) per feature
 *
 * for modality m. proto_c, s, g, e are fixed random directions scaled to norm √f (≈ unit
 * variance per feature), derived from `prototypeSeed` only, so the renderer is the same for
 * every dataset and seed. gain = 1 and offset = 0 except for a source with a `DomainShift`,
 * whose prototypes are also perturbed. Noise comes from the clip's own `seed`.
 */
import { Rng } from '../random';
import { cueById, type CueModality } from './cues';
import type { ClipSpec, CuePresence } from './clip';
import type { DomainShift, RendererConfig, WorldConfig } from './config';
import type { Emotion } from './emotions';
import { envelope } from './envelope';

/** Features of one clip, row-major frames: `audio [nA, f]`, `video [nV, f]`. */
export interface ClipFeatures {
  audio: Float32Array;
  video: Float32Array;
}

export class Renderer {
  private readonly cache = new Map<string, Float64Array>();
  private readonly root: Rng;

  constructor(readonly cfg: RendererConfig) {
    this.root = new Rng(cfg.prototypeSeed);
  }

  /** A fixed random direction of norm √f for `label`. */
  direction(label: string): Float64Array {
    const hit = this.cache.get(label);
    if (hit !== undefined) return hit;
    const rng = this.root.fork(label);
    const v = new Float64Array(this.cfg.f);
    let norm = 0;
    for (let i = 0; i < v.length; i++) {
      v[i] = rng.normal();
      norm += v[i] * v[i];
    }
    const scale = Math.sqrt(this.cfg.f / norm);
    for (let i = 0; i < v.length; i++) v[i] *= scale;
    this.cache.set(label, v);
    return v;
  }

  /** The prototype of a cue, perturbed by `shift` when given (norm √f either way). */
  prototype(cueId: string, shift: DomainShift | null = null): Float64Array {
    const base = this.direction(`proto/${cueId}`);
    if (shift === null || shift.protoPerturb === 0) return base;
    const key = `shifted/${shift.protoPerturb}/${cueId}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const d = this.direction(`perturb/${cueId}`);
    const v = new Float64Array(this.cfg.f);
    let norm = 0;
    for (let i = 0; i < v.length; i++) {
      v[i] = base[i] + shift.protoPerturb * d[i];
      norm += v[i] * v[i];
    }
    const scale = Math.sqrt(this.cfg.f / norm);
    for (let i = 0; i < v.length; i++) v[i] *= scale;
    this.cache.set(key, v);
    return v;
  }

  render(clip: ClipSpec, shift: DomainShift | null): ClipFeatures {
    const noise = new Rng(clip.seed);
    const audio = this.frames('audio', clip.audio, this.cfg.nA, clip, clip.audioEmotion, shift, noise);
    const video = this.frames('visual', clip.visual, this.cfg.nV, clip, clip.videoEmotion, shift, noise);
    return { audio, video };
  }

  private frames(modality: CueModality, cues: CuePresence[], T: number, clip: ClipSpec, emotion: Emotion, shift: DomainShift | null, noise: Rng): Float32Array {
    const f = this.cfg.f;
    const gain = shift?.gain ?? 1;
    const noiseStd = shift?.noiseStd ?? this.cfg.noiseStd;
    // Constant part of every frame: speaker, scene, affect, domain offset.
    const base = new Float64Array(f);
    const addScaled = (v: Float64Array, s: number): void => {
      for (let i = 0; i < f; i++) base[i] += s * v[i];
    };
    addScaled(this.direction(`speaker/${modality}/${clip.speaker.id}`), this.cfg.speakerScale);
    addScaled(this.direction(`scene/${modality}/${clip.scene}`), this.cfg.sceneScale);
    addScaled(this.direction(`affect/${modality}/${emotion}`), this.cfg.affectScale);
    if (shift !== null) addScaled(this.direction(`offset/${modality}`), shift.offsetScale);
    const out = new Float32Array(T * f); // [T, f]
    for (let t = 0; t < T; t++) {
      const row = new Float64Array(base);
      for (const p of cues) {
        const cue = cueById(p.cue);
        const a = gain * cue.salience * p.intensity * envelope(cue.envelope, t, p.onset);
        const proto = this.prototype(p.cue, shift);
        for (let i = 0; i < f; i++) row[i] += a * proto[i];
      }
      for (let i = 0; i < f; i++) out[t * f + i] = row[i] + noiseStd * noise.normal();
    }
    return out;
  }
}

const renderers = new Map<string, Renderer>();

/** The (memoised) renderer for a renderer config. */
export function rendererFor(cfg: RendererConfig): Renderer {
  const key = JSON.stringify(cfg);
  let r = renderers.get(key);
  if (r === undefined) {
    r = new Renderer(cfg);
    renderers.set(key, r);
  }
  return r;
}

/** Renders a clip with its source's domain shift. */
export function renderClip(clip: ClipSpec, world: WorldConfig): ClipFeatures {
  return rendererFor(world.renderer).render(clip, world.sources[clip.source].shift);
}

/**
 * Matched-filter read-out: for each frame, the projection of the frame onto each cue's
 * (unshifted) prototype, divided by f — a cue with salience·intensity·envelope = a adds ≈ a.
 * Returns `[T][cues.length]`.
 */
export function cueActivations(frames: Float32Array, cueIds: readonly string[], cfg: RendererConfig): number[][] {
  const r = rendererFor(cfg);
  const f = cfg.f;
  const T = frames.length / f;
  const out: number[][] = [];
  for (let t = 0; t < T; t++) {
    out.push(
      cueIds.map((id) => {
        const p = r.prototype(id);
        let s = 0;
        for (let i = 0; i < f; i++) s += frames[t * f + i] * p[i];
        return s / f;
      }),
    );
  }
  return out;
}
