/**
 * World knobs, with their defaults in one place (`defaultWorldConfig`).
 *
 * Bias knobs of the world itself: `sources.sft.irrelevantCorrelation` (spurious
 * irrelevant-cue ↔ emotion correlation of the SFT source). The corpus-level bias knobs
 * (affirmation bias, credit rate, hallucinated mentions, leakage) live in `src/data`'s
 * `CorpusConfig.biases`. The renderer is frozen: its defaults are part of the world's
 * definition, not something to tune against a model.
 */
import { DFEW_LIKE_MIX, MAFW_LIKE_MIX, RAVDESS_LIKE_MIX, type EmotionMix } from './emotions';
import { SCENES, type Scene } from './speakers';

/** The four disjoint clip sources (SPEC §2). */
export const SOURCE_NAMES = ['sft', 'preference', 'benchmark', 'shifted'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export interface RendererConfig {
  /** Audio frames per clip. Default 8. */
  nA: number;
  /** Video frames per clip. Default 8. */
  nV: number;
  /** Feature size of a frame. Default 64. */
  f: number;
  /** Seed of the frozen cue prototypes, speaker, scene and affect vectors. Default 20251122. */
  prototypeSeed: number;
  /** Standard deviation of the i.i.d. frame noise, per feature. Default 1.2. */
  noiseStd: number;
  /** Per-feature scale of the speaker identity vector (voice timbre, face). Default 0.4. */
  speakerScale: number;
  /** Per-feature scale of the scene vector (room tone, background). Default 0.4. */
  sceneScale: number;
  /** Per-feature scale of the modality's global affect vector (its emotion's overall tone). Default 0.3. */
  affectScale: number;
  /** Cue intensity is drawn uniformly in [1 - j, 1 + j]. Default 0.3. */
  intensityJitter: number;
}

/** How the shifted (RAVDESS-like) source's features differ from the others'. */
export interface DomainShift {
  /** Each cue prototype moves by this fraction of a random direction (then renormalised). Default 0.35. */
  protoPerturb: number;
  /** Per-feature scale of a constant offset added to every frame. Default 0.5. */
  offsetScale: number;
  /** Multiplies the cue signal. Default 0.8. */
  gain: number;
  /** Frame noise standard deviation (replaces `noiseStd`). Default 1.4. */
  noiseStd: number;
}

export interface SourceConfig {
  /** Clip id prefix (ids are `${prefix}-${index}`). */
  prefix: string;
  /** Emotion label distribution. */
  emotionMix: EmotionMix;
  /** Fraction of clips whose audio and video show different emotions. */
  disagreementRate: number;
  /** In a disagreeing clip, probability that the other modality is neutral (else a random other emotion). */
  disagreeToNeutralRate: number;
  /** Inclusive range of relevant cues per modality. */
  relevantPerModality: [number, number];
  /** Inclusive range of irrelevant cues per modality. */
  irrelevantPerModality: [number, number];
  /**
   * Spurious correlation: probability that a modality's first irrelevant cue is the one
   * associated with that modality's emotion (`SPURIOUS_ASSOCIATION`); otherwise it is
   * uniform. 0 = irrelevant cues independent of emotion.
   */
  irrelevantCorrelation: number;
  /** Real co-occurrence: probability that a further relevant cue is a text-prior neighbour of one already present. */
  cooccurrence: number;
  /** Number of distinct speakers. */
  speakers: number;
  /** Scenes clips are drawn from (uniformly). */
  scenes: readonly Scene[];
  /** Feature-distribution shift of this source; null = the base renderer. */
  shift: DomainShift | null;
}

export interface WorldConfig {
  renderer: RendererConfig;
  sources: Record<SourceName, SourceConfig>;
}

const IN_THE_WILD_SCENES: readonly Scene[] = SCENES.filter((s) => s !== 'studio');

export function defaultWorldConfig(): WorldConfig {
  return {
    renderer: {
      nA: 8,
      nV: 8,
      f: 64,
      prototypeSeed: 20251122,
      noiseStd: 1.2,
      speakerScale: 0.4,
      sceneScale: 0.4,
      affectScale: 0.3,
      intensityJitter: 0.3,
    },
    sources: {
      sft: {
        prefix: 'sft',
        emotionMix: { ...MAFW_LIKE_MIX },
        disagreementRate: 0.2,
        disagreeToNeutralRate: 0.5,
        relevantPerModality: [1, 3],
        irrelevantPerModality: [1, 2],
        irrelevantCorrelation: 0.6,
        cooccurrence: 0.5,
        speakers: 60,
        scenes: IN_THE_WILD_SCENES,
        shift: null,
      },
      preference: {
        prefix: 'pref',
        emotionMix: { ...MAFW_LIKE_MIX },
        disagreementRate: 0.2,
        disagreeToNeutralRate: 0.5,
        relevantPerModality: [1, 3],
        irrelevantPerModality: [1, 2],
        irrelevantCorrelation: 0,
        cooccurrence: 0.5,
        speakers: 40,
        scenes: IN_THE_WILD_SCENES,
        shift: null,
      },
      benchmark: {
        prefix: 'bench',
        emotionMix: { ...DFEW_LIKE_MIX },
        disagreementRate: 0.2,
        disagreeToNeutralRate: 0.5,
        relevantPerModality: [1, 3],
        irrelevantPerModality: [1, 2],
        irrelevantCorrelation: 0,
        cooccurrence: 0.5,
        speakers: 60,
        scenes: IN_THE_WILD_SCENES,
        shift: null,
      },
      shifted: {
        prefix: 'ood',
        emotionMix: { ...RAVDESS_LIKE_MIX },
        disagreementRate: 0,
        disagreeToNeutralRate: 0.5,
        relevantPerModality: [1, 3],
        irrelevantPerModality: [0, 1],
        irrelevantCorrelation: 0,
        cooccurrence: 0.5,
        speakers: 24,
        scenes: ['studio'],
        shift: { protoPerturb: 0.35, offsetScale: 0.5, gain: 0.8, noiseStd: 1.4 },
      },
    },
  };
}
