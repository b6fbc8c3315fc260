/**
 * A clip spec: per-modality emotions, present cues with their timing, speaker and scene.
 * Specs are small JSON objects; the frozen renderer turns one into feature frames.
 */
import type { Rng } from '../random';
import { CUE_MODALITIES, cueById, irrelevantCues, relevantCues, type CueModality } from './cues';
import { EMOTIONS, mixWeights, type Emotion } from './emotions';
import { cooccurringCues, SPURIOUS_ASSOCIATION } from './prior';
import { speakerPool, type Scene, type Speaker } from './speakers';
import type { SourceName, WorldConfig } from './config';

/** One present cue: which, when (frame index of its onset), how strong (multiplies salience). */
export interface CuePresence {
  cue: string;
  onset: number;
  intensity: number;
}

export interface ClipSpec {
  /** Clip (video) key, `${prefix}-${index}`. */
  id: string;
  source: SourceName;
  /** The clip's label (what a recognition dataset annotates). */
  emotion: Emotion;
  audioEmotion: Emotion;
  videoEmotion: Emotion;
  speaker: Speaker;
  scene: Scene;
  /** Present audio cues (relevant ones first, then irrelevant). */
  audio: CuePresence[];
  /** Present visual cues (relevant ones first, then irrelevant). */
  visual: CuePresence[];
  /** Seed of the clip's rendering noise. */
  seed: number;
}

/** The emotion a clip shows in one modality. */
export function modalityEmotion(clip: ClipSpec, modality: CueModality): Emotion {
  return modality === 'audio' ? clip.audioEmotion : clip.videoEmotion;
}

export function cuesOf(clip: ClipSpec, modality: CueModality): CuePresence[] {
  return modality === 'audio' ? clip.audio : clip.visual;
}

/** Ids of present cues of `modality`, optionally only relevant or only irrelevant ones. */
export function presentCueIds(clip: ClipSpec, modality: CueModality, kind?: 'relevant' | 'irrelevant'): string[] {
  return cuesOf(clip, modality)
    .map((p) => p.cue)
    .filter((id) => kind === undefined || cueById(id).kind === kind);
}

export function isPresent(clip: ClipSpec, cueId: string): boolean {
  return clip.audio.some((p) => p.cue === cueId) || clip.visual.some((p) => p.cue === cueId);
}

export function agrees(clip: ClipSpec): boolean {
  return clip.audioEmotion === clip.videoEmotion;
}

/** Draws clips of one source. Speakers are a fixed pool per source and seed. */
export class ClipSampler {
  private readonly speakers: Speaker[];
  /** Clip and speaker id prefix: the source's, unless overridden (e.g. a second dataset from one source). */
  readonly prefix: string;

  constructor(
    private readonly world: WorldConfig,
    readonly source: SourceName,
    private readonly rng: Rng,
    prefix?: string,
  ) {
    const cfg = world.sources[source];
    this.prefix = prefix ?? cfg.prefix;
    this.speakers = speakerPool(this.prefix, cfg.speakers, rng.fork('speakers'));
  }

  /** The next clip, with id `${prefix}-${index}` (index zero-padded to 6 digits). */
  sample(index: number): ClipSpec {
    const cfg = this.world.sources[this.source];
    const rng = this.rng;
    const emotion = EMOTIONS[rng.weightedIndex(mixWeights(cfg.emotionMix))] as Emotion;
    let audioEmotion = emotion;
    let videoEmotion = emotion;
    if (rng.bernoulli(cfg.disagreementRate)) {
      const others = EMOTIONS.filter((e) => e !== emotion);
      const other = emotion !== 'neutral' && rng.bernoulli(cfg.disagreeToNeutralRate) ? 'neutral' : rng.pick(others);
      if (rng.bernoulli(0.5)) audioEmotion = other;
      else videoEmotion = other;
    }
    const speaker = rng.pick(this.speakers);
    const scene = rng.pick(cfg.scenes);
    const T = { audio: this.world.renderer.nA, visual: this.world.renderer.nV };
    const chosen: Record<CueModality, string[]> = { audio: [], visual: [] };
    // Visual first, then audio, so audio can co-occur with what the face shows.
    for (const modality of ['visual', 'audio'] as const) {
      const e = modality === 'audio' ? audioEmotion : videoEmotion;
      const pool = relevantCues(modality, e).map((c) => c.id);
      const k = cfg.relevantPerModality[0] + rng.int(cfg.relevantPerModality[1] - cfg.relevantPerModality[0] + 1);
      const picked: string[] = [];
      while (picked.length < Math.min(k, pool.length)) {
        const present = [...chosen.audio, ...chosen.visual, ...picked];
        const linked = pool.filter((id) => !picked.includes(id) && present.some((p) => cooccurringCues(p).some((n) => n.cue === id)));
        const free = pool.filter((id) => !picked.includes(id));
        picked.push(linked.length > 0 && rng.bernoulli(cfg.cooccurrence) ? rng.pick(linked) : rng.pick(free));
      }
      chosen[modality] = picked;
    }
    const presence: Record<CueModality, CuePresence[]> = { audio: [], visual: [] };
    for (const modality of CUE_MODALITIES) {
      const e = modality === 'audio' ? audioEmotion : videoEmotion;
      const irr = irrelevantCues(modality).map((c) => c.id);
      const k = cfg.irrelevantPerModality[0] + rng.int(cfg.irrelevantPerModality[1] - cfg.irrelevantPerModality[0] + 1);
      const picked: string[] = [];
      for (let slot = 0; slot < k; slot++) {
        const associated = SPURIOUS_ASSOCIATION[modality][e];
        if (slot === 0 && rng.bernoulli(cfg.irrelevantCorrelation)) picked.push(associated);
        else picked.push(rng.pick(irr.filter((id) => !picked.includes(id))));
      }
      const jitter = this.world.renderer.intensityJitter;
      presence[modality] = [...chosen[modality], ...picked].map((cue) => ({
        cue,
        onset: rng.int(T[modality]),
        intensity: Math.round((1 + rng.uniform(-jitter, jitter)) * 1000) / 1000,
      }));
    }
    return {
      id: `${this.prefix}-${String(index).padStart(6, '0')}`,
      source: this.source,
      emotion,
      audioEmotion,
      videoEmotion,
      speaker,
      scene,
      audio: presence.audio,
      visual: presence.visual,
      seed: rng.nextUint32(),
    };
  }

  /** `n` clips with indices `start … start + n - 1`. */
  sampleMany(n: number, start = 0): ClipSpec[] {
    const out: ClipSpec[] = [];
    for (let i = 0; i < n; i++) out.push(this.sample(start + i));
    return out;
  }
}
