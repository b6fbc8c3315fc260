/**
 * Corpus knobs and the whole generation config, with defaults in one place.
 *
 * Bias knobs (the only knobs base-model calibration may tune, then freeze):
 *   world.sources.sft.irrelevantCorrelation   (src/world)
 *   corpus.biases.*                           (planted SFT biases)
 *   corpus.textPrior.*                        (strength of the text prior)
 * `BIAS_KNOB_PATHS` lists them.
 */
import { EMOREALM_TASKS, type EmoRealmTask } from '../formats';
import { defaultWorldConfig, type WorldConfig } from '../world';

/** Biases planted in the SFT data (SPEC §3 "How each failure mode arises"). */
export interface SftBiasKnobs {
  /** Affirmation bias: fraction of SFT yes/no questions about a relevant cue whose answer is Yes. Default 0.8. */
  cueYesRate: number;
  /**
   * Among SFT relevant-cue questions answered No: fraction of hard negatives (an absent cue
   * typical of the clip's emotion, asked with that emotion). The rest are text-solvable
   * (the cue signals a different emotion than the one asked). Default 0.2 (calibrated; first guess 0.1).
   */
  hardNegativeRate: number;
  /** Fraction of SFT cue questions about a present emotion-irrelevant cue, asked with the clip's emotion. Default 0.15. */
  irrelevantQuestionShare: number;
  /**
   * Rate at which SFT answers and captions credit a present irrelevant cue: basic reasoning
   * answers and descriptions name it as the emotion's cause, and irrelevant-cue questions
   * are answered Yes. Default 0.52 (calibrated across SFT seeds, docs/calibration.md; first guess 0.3, then 0.47 on one run).
   */
  irrelevantCreditRate: number;
  /** Fraction of SFT descriptions that also mention an absent cue co-occurring (text prior) with a present one. Default 0.4. */
  descriptionHallucinationRate: number;
  /**
   * Cross-modal leakage: in clips whose audio and video disagree, fraction of single-modality
   * answers (recognition, basic reasoning) taken from the other modality. Default 0.5.
   */
  crossModalLeakageRate: number;
  /** Fraction of SFT modality-agreement questions whose answer is Yes. Default 0.85 (calibrated across SFT seeds, docs/calibration.md; first guess 0.8, then 0.835 on one run). */
  agreementYesRate: number;
}

/** Strength of the text prior planted by the text corpus. */
export interface TextPriorKnobs {
  /** In a text description of an emotion, probability that the second cue is a co-occurrence neighbour of the first. Default 0.9. */
  cooccurrenceRate: number;
  /** Probability that a text sentence about an irrelevant cue credits its associated emotion (as captioners do). Default 0.1. */
  irrelevantCreditRate: number;
}

/**
 * Wrong generated preference responses (paper Table 6: majority-correct 912, 895 and 856 of
 * 1000 for yW, yVr, yEr). A wrong yW is not correct; a wrong yVr or yEr is not the kind of
 * rejection it claims to be.
 */
export interface PreferenceNoiseKnobs {
  /** Default 0.088 (1 − 912/1000). */
  yWErrorRate: number;
  /** Default 0.105 (1 − 895/1000). */
  yVrErrorRate: number;
  /** Default 0.144 (1 − 856/1000). */
  yErErrorRate: number;
}

/** The "diffused" rejected input: DDPM forward noising of (a_w, v_w), as in VCD. */
export interface DiffusionKnobs {
  /** Length of the linear β schedule. Default 1000. */
  steps: number;
  /** Noise step t; x_t = √ᾱ_t x + √(1 − ᾱ_t) ε. Default 500. */
  noiseStep: number;
  /** β_1. Default 1e-4. */
  betaStart: number;
  /** β_T. Default 0.02. */
  betaEnd: number;
}

export interface CorpusSizes {
  /** Text corpus items (prompt/response sentences, no clips). Default 20000. */
  textSentences: number;
  /** SFT examples. Default 20000. */
  sftExamples: number;
  /** SFT clips the examples are drawn from. Default 8000. */
  sftClips: number;
  /** Preference samples. Default 4000. */
  preferenceSamples: number;
  /** Preference clips (also the pool of "random other" and "different emotion" rejected inputs). Default 2500. */
  preferenceClips: number;
  /** In-domain recognition clips (benchmark source). Default 1000. */
  recognitionClips: number;
  /** Out-of-domain recognition clips (shifted source). Default 1000. */
  shiftedRecognitionClips: number;
  /** Description test clips (benchmark source). Default 300. */
  descriptionClips: number;
}

/** Relative frequency of each SFT task. */
export interface SftTaskMix {
  /** Basic reasoning (audio or visual), response = the correct option text. Default 0.25. */
  basic: number;
  /** Yes/no cue questions. Default 0.3. */
  cue: number;
  /** Modality agreement yes/no. Default 0.1. */
  agreement: number;
  /** "Which emotion" recognition (audio, visual or audiovisual). Default 0.2. */
  recognition: number;
  /** Free descriptions. Default 0.15. */
  description: number;
}

/** Relative frequency of each preference format (paper Table 12). */
export interface PreferenceFormatMix {
  /** Short reasoning answers (audio or visual). Default 0.35. */
  basic: number;
  /** Yes/no cue answers with a justification. Default 0.35. */
  cue: number;
  /** Modality agreement with a justification. Default 0.1. */
  agreement: number;
  /** Emotion descriptions. Default 0.2. */
  description: number;
}

/** Questions and distinct videos per task (paper Table 1). */
export type BenchmarkCounts = Record<EmoRealmTask, { questions: number; videos: number }>;

export interface BenchmarkConfig {
  /** Default: Table 1 (972/784, 1024/883, 456/456, 820/655, 728/593). */
  counts: BenchmarkCounts;
  /** Distinct videos over all tasks. Default 2649 (Table 1). */
  uniqueVideos: number;
}

export interface CorpusConfig {
  sizes: CorpusSizes;
  biases: SftBiasKnobs;
  textPrior: TextPriorKnobs;
  preferenceNoise: PreferenceNoiseKnobs;
  diffusion: DiffusionKnobs;
  sftMix: SftTaskMix;
  preferenceMix: PreferenceFormatMix;
  benchmark: BenchmarkConfig;
}

export interface GenerateConfig {
  /** Root seed of every dataset. Default 1. */
  seed: number;
  world: WorldConfig;
  corpus: CorpusConfig;
}

export const TABLE1_COUNTS: BenchmarkCounts = {
  reasoning_basic_audio: { questions: 972, videos: 784 },
  reasoning_basic_video: { questions: 1024, videos: 883 },
  modality_agreement: { questions: 456, videos: 456 },
  reasoning_stress_audio: { questions: 820, videos: 655 },
  reasoning_stress_video: { questions: 728, videos: 593 },
};
export const TABLE1_UNIQUE_VIDEOS = 2649;

export function defaultCorpusConfig(): CorpusConfig {
  return {
    sizes: {
      textSentences: 20000,
      sftExamples: 20000,
      sftClips: 8000,
      preferenceSamples: 4000,
      preferenceClips: 2500,
      recognitionClips: 1000,
      shiftedRecognitionClips: 1000,
      descriptionClips: 300,
    },
    biases: {
      cueYesRate: 0.8,
      hardNegativeRate: 0.2, // calibrated (first guess 0.1) against the base model's diagnostics, then frozen
      irrelevantQuestionShare: 0.15,
      irrelevantCreditRate: 0.52, // calibrated across SFT seeds (0.47 left spurious accuracy at a tipping point, 43–88 % across builds), then frozen
      descriptionHallucinationRate: 0.4,
      crossModalLeakageRate: 0.5,
      agreementYesRate: 0.85, // calibrated across SFT seeds (0.835 left agreement F1 at a tipping point, 40–78 across builds), then frozen
    },
    textPrior: { cooccurrenceRate: 0.9, irrelevantCreditRate: 0.1 },
    preferenceNoise: { yWErrorRate: 0.088, yVrErrorRate: 0.105, yErErrorRate: 0.144 },
    diffusion: { steps: 1000, noiseStep: 500, betaStart: 1e-4, betaEnd: 0.02 },
    sftMix: { basic: 0.25, cue: 0.3, agreement: 0.1, recognition: 0.2, description: 0.15 },
    preferenceMix: { basic: 0.35, cue: 0.35, agreement: 0.1, description: 0.2 },
    benchmark: { counts: structuredClone(TABLE1_COUNTS), uniqueVideos: TABLE1_UNIQUE_VIDEOS },
  };
}

export function defaultGenerateConfig(seed = 1): GenerateConfig {
  return { seed, world: defaultWorldConfig(), corpus: defaultCorpusConfig() };
}

/** Benchmark counts scaled by `factor` (at least one question and video per task), for quick runs. */
export function scaledBenchmark(factor: number): BenchmarkConfig {
  const counts = {} as BenchmarkCounts;
  for (const task of EMOREALM_TASKS) {
    const c = TABLE1_COUNTS[task];
    const videos = Math.max(2, Math.round(c.videos * factor));
    counts[task] = { questions: Math.max(videos, Math.round(c.questions * factor)), videos };
  }
  const sum = EMOREALM_TASKS.reduce((s, t) => s + counts[t].videos, 0);
  const maxVideos = Math.max(...EMOREALM_TASKS.map((t) => counts[t].videos));
  return { counts, uniqueVideos: Math.max(maxVideos, Math.min(sum, Math.round(TABLE1_UNIQUE_VIDEOS * factor))) };
}

/** A reduced config (about `factor` of every default size) for tests and notebooks. */
export function reducedGenerateConfig(factor = 0.05, seed = 1): GenerateConfig {
  const cfg = defaultGenerateConfig(seed);
  const s = cfg.corpus.sizes;
  for (const key of Object.keys(s) as (keyof CorpusSizes)[]) s[key] = Math.max(20, Math.round(s[key] * factor));
  cfg.corpus.benchmark = scaledBenchmark(factor);
  return cfg;
}

/** Config paths of every bias knob (see the module comment). */
export const BIAS_KNOB_PATHS: readonly string[] = [
  'world.sources.sft.irrelevantCorrelation',
  ...Object.keys(defaultCorpusConfig().biases).map((k) => `corpus.biases.${k}`),
  ...Object.keys(defaultCorpusConfig().textPrior).map((k) => `corpus.textPrior.${k}`),
];

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends readonly unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };
export type GenerateConfigOverrides = DeepPartial<GenerateConfig>;

/** `base` with `overrides` merged in (objects recursively; arrays and values replaced). Unknown keys throw. */
export function mergeConfig(base: GenerateConfig, overrides: GenerateConfigOverrides): GenerateConfig {
  const merge = (a: unknown, b: unknown, path: string): unknown => {
    if (b === undefined) return structuredClone(a);
    if (typeof b !== 'object' || b === null || Array.isArray(b) || a === null || typeof a !== 'object') return structuredClone(b);
    const out: Record<string, unknown> = structuredClone(a) as Record<string, unknown>;
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) {
      if (!(k in out)) throw new Error(`unknown config key "${path}${k}"`);
      out[k] = merge(out[k], v, `${path}${k}.`);
    }
    return out;
  };
  return merge(base, overrides, '') as GenerateConfig;
}
