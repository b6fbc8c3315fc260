/**
 * Realising world objects as words: speaker, cue and emotion slots for the grammar.
 */
import {
  cueById,
  EMOTION_WORDS,
  possessive,
  subjectPronoun,
  type Emotion,
  type Speaker,
} from '../world';
import type { Slots } from './grammar';

/** {spk} {poss} {pron} for a speaker. */
export function speakerSlots(speaker: Speaker): Slots {
  return { spk: `the ${speaker.noun}`, poss: possessive(speaker.noun), pron: subjectPronoun(speaker.noun) };
}

/** A cue as the speaker's ("her wide smile") or the scene's ("the dim lighting"). */
export function cueNP(cueId: string, speaker: Speaker): string {
  const cue = cueById(cueId);
  return cue.owned ? `${possessive(speaker.noun)} ${cue.phrase}` : `the ${cue.phrase}`;
}

/** Is the cue's head noun plural ("tears", "words of praise", "clenched fists")? */
export function isPluralCue(cueId: string): boolean {
  const phrase = cueById(cueId).phrase;
  const head = phrase.split(/ (?:of|in|over|for) /)[0]!.split(' ').pop()!;
  return /[^s]s$/.test(head);
}

/**
 * {cue} with its agreement slots {s} {es} {is} ("her tears" → s: "", es: "", is: "are");
 * the speaker's cue, or the cue in general ("the tears") when `speaker` is null.
 */
export function cueSlots(cueId: string, speaker: Speaker | null): Slots {
  const plural = isPluralCue(cueId);
  const cue = speaker === null ? genericCueNP(cueId) : cueNP(cueId, speaker);
  return { cue, s: plural ? '' : 's', es: plural ? '' : 'es', is: plural ? 'are' : 'is' };
}

/** {cue2} with its agreement slot {s2} (the cue in general when `speaker` is null). */
export function cue2Slots(cueId: string, speaker: Speaker | null): Slots {
  return { cue2: speaker === null ? genericCueNP(cueId) : cueNP(cueId, speaker), s2: isPluralCue(cueId) ? '' : 's' };
}

/** A cue in general, not anyone's ("the wide smile"). */
export function genericCueNP(cueId: string): string {
  return `the ${cueById(cueId).phrase}`;
}

/** {emo} {adj} (or {emo2} {adj2} when `second`). */
export function emotionSlots(emotion: Emotion, second = false): Slots {
  const w = EMOTION_WORDS[emotion];
  return second ? { emo2: w.noun, adj2: w.adjective } : { emo: w.noun, adj: w.adjective };
}
