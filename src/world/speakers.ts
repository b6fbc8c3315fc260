/**
 * Speakers and scenes. A speaker shapes the wording ("the older woman", "her") and adds an
 * identity vector to the features (voice timbre, face); a scene adds a background vector.
 */
import type { Rng } from '../random';

export const SPEAKER_NOUNS = ['man', 'woman', 'young man', 'young woman', 'older man', 'older woman', 'boy', 'girl'] as const;
export type SpeakerNoun = (typeof SPEAKER_NOUNS)[number];

export interface Speaker {
  /** Stable key; the renderer derives the identity vectors from it. */
  id: string;
  noun: SpeakerNoun;
}

export const SCENES = ['office', 'kitchen', 'street', 'living room', 'car', 'classroom', 'park', 'hospital', 'studio'] as const;
export type Scene = (typeof SCENES)[number];

/** "his" / "her" for a speaker noun. */
export function possessive(noun: SpeakerNoun): 'his' | 'her' {
  return /woman|girl/.test(noun) ? 'her' : 'his';
}

/** "he" / "she" for a speaker noun. */
export function subjectPronoun(noun: SpeakerNoun): 'he' | 'she' {
  return possessive(noun) === 'her' ? 'she' : 'he';
}

/** A pool of `n` speakers with ids `${prefix}-spk${i}` and nouns drawn from `rng`. */
export function speakerPool(prefix: string, n: number, rng: Rng): Speaker[] {
  const out: Speaker[] = [];
  for (let i = 0; i < n; i++) out.push({ id: `${prefix}-spk${i}`, noun: rng.pick(SPEAKER_NOUNS) });
  return out;
}

export function isSpeakerNoun(x: unknown): x is SpeakerNoun {
  return typeof x === 'string' && (SPEAKER_NOUNS as readonly string[]).includes(x);
}

export function isScene(x: unknown): x is Scene {
  return typeof x === 'string' && (SCENES as readonly string[]).includes(x);
}
