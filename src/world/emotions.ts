/**
 * Emotion words and the emotion mixes of the world's sources.
 */
import { EMOTIONS, type Emotion } from '../formats';

export { EMOTIONS, type Emotion };

/** A probability for each emotion (non-negative; normalised where used). */
export type EmotionMix = Record<Emotion, number>;

/** Words the grammar uses for each emotion: `noun` in "suggests sadness", `adjective` in "she feels sad". */
export const EMOTION_WORDS: Record<Emotion, { noun: string; adjective: string }> = {
  neutral: { noun: 'neutrality', adjective: 'neutral' },
  happiness: { noun: 'happiness', adjective: 'happy' },
  sadness: { noun: 'sadness', adjective: 'sad' },
  anger: { noun: 'anger', adjective: 'angry' },
  surprise: { noun: 'surprise', adjective: 'surprised' },
  disgust: { noun: 'disgust', adjective: 'disgusted' },
  fear: { noun: 'fear', adjective: 'afraid' },
};

/**
 * DFEW-like skew (the benchmark source): happiness, neutral, sadness and anger common,
 * surprise and fear less so, disgust rare (~1.5%, as in DFEW).
 */
export const DFEW_LIKE_MIX: EmotionMix = {
  neutral: 0.22,
  happiness: 0.23,
  sadness: 0.18,
  anger: 0.17,
  surprise: 0.1,
  disgust: 0.015,
  fear: 0.085,
};

/** MAFW/MER-like mix for the SFT and preference sources: similar skew, disgust less rare. */
export const MAFW_LIKE_MIX: EmotionMix = {
  neutral: 0.2,
  happiness: 0.22,
  sadness: 0.18,
  anger: 0.16,
  surprise: 0.1,
  disgust: 0.04,
  fear: 0.1,
};

/**
 * RAVDESS-like mix for the shifted (out-of-domain) source: acted and nearly balanced;
 * RAVDESS's "calm" is folded into neutral, so neutral has twice the share.
 */
export const RAVDESS_LIKE_MIX: EmotionMix = {
  neutral: 0.25,
  happiness: 0.125,
  sadness: 0.125,
  anger: 0.125,
  surprise: 0.125,
  disgust: 0.125,
  fear: 0.125,
};

/** Index of an emotion in `EMOTIONS`. */
export function emotionIndex(e: Emotion): number {
  return EMOTIONS.indexOf(e);
}

export function isEmotion(x: unknown): x is Emotion {
  return typeof x === 'string' && (EMOTIONS as readonly string[]).includes(x);
}

/** The mix as an array aligned with `EMOTIONS`. */
export function mixWeights(mix: EmotionMix): number[] {
  return EMOTIONS.map((e) => mix[e]);
}
