/**
 * Reading the world back out of text: which cues and emotions a sentence mentions.
 * Used to measure planted biases from the datasets' text and by the exact description judge.
 */
import { CUES } from './cues';
import { EMOTION_WORDS, EMOTIONS, type Emotion } from './emotions';

/** Lower-cased word tokens: words, the possessive "'s", and the punctuation . , ? */
export function splitWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+|'s|[.,?]/g) ?? [];
}

const CUE_PHRASES: Array<{ id: string; words: string[] }> = CUES.map((c) => ({ id: c.id, words: splitWords(c.phrase) })).sort(
  (a, b) => b.words.length - a.words.length,
);

const EMOTION_BY_WORD = new Map<string, Emotion>();
for (const e of EMOTIONS) {
  EMOTION_BY_WORD.set(e, e);
  EMOTION_BY_WORD.set(EMOTION_WORDS[e].noun, e);
  EMOTION_BY_WORD.set(EMOTION_WORDS[e].adjective, e);
}

/** Cue ids whose phrase occurs in `text`, in order of first mention, each once (longest match wins). */
export function mentionedCues(text: string): string[] {
  const w = splitWords(text);
  const out: string[] = [];
  let i = 0;
  while (i < w.length) {
    const hit = CUE_PHRASES.find((p) => p.words.every((pw, k) => w[i + k] === pw));
    if (hit !== undefined) {
      if (!out.includes(hit.id)) out.push(hit.id);
      i += hit.words.length;
    } else i++;
  }
  return out;
}

/** Emotions named in `text` (by label, noun or adjective), in order of first mention, each once. */
export function mentionedEmotions(text: string): Emotion[] {
  const out: Emotion[] = [];
  for (const word of splitWords(text)) {
    const e = EMOTION_BY_WORD.get(word);
    if (e !== undefined && !out.includes(e)) out.push(e);
  }
  return out;
}
