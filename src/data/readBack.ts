/**
 * Helpers shared by the dataset measurements (SFT biases, preference noise, benchmark
 * answers): a success counter and read-backs of a text against a clip spec. Internal to
 * the data layer (not re-exported).
 */
import { agrees, cueById, isPresent, modalityEmotion, type ClipSpec, type CueModality, type Emotion } from '../world';
import { otherModality } from './picks';
import { rate, type Rate } from './rate';

/** Counts hits among trials. */
export class Counter {
  k = 0;
  n = 0;
  add(hit: boolean): void {
    this.n += 1;
    if (hit) this.k += 1;
  }
  get value(): Rate {
    return rate(this.k, this.n);
  }
}

/** The cue modality of a single-modality example, or null (audiovisual). */
export function singleModality(m: string): CueModality | null {
  return m === 'audio' || m === 'visual' ? m : null;
}

/** Does the text answer Yes? */
export const isYes = (text: string): boolean => /^yes\b/i.test(text.trim());

/** The clip of an id; throws if it is missing. */
export function clipOf(clips: ReadonlyMap<string, ClipSpec>, id: string): ClipSpec {
  const c = clips.get(id);
  if (c === undefined) throw new Error(`no clip "${id}"`);
  return c;
}

/** Did a single-modality answer take the other modality's emotion (in a disagreeing clip)? */
export function leaked(clip: ClipSpec, m: CueModality, answered: Emotion): boolean {
  return !agrees(clip) && answered === modalityEmotion(clip, otherModality(m)) && answered !== modalityEmotion(clip, m);
}

/** Is the cue a present relevant cue? */
export const grounded = (clip: ClipSpec, id: string): boolean => cueById(id).kind === 'relevant' && isPresent(clip, id);
