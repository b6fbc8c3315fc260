/**
 * Choosing cues of a clip for questions and answers: present relevant / irrelevant cues,
 * absent emotion-typical cues (hallucination material), cues of other emotions.
 */
import type { Rng } from '../random';
import {
  cooccurringCues,
  cueById,
  EMOTIONS,
  isPresent,
  modalityEmotion,
  presentCueIds,
  relevantCues,
  SPURIOUS_ASSOCIATION,
  type ClipSpec,
  type CueModality,
  type Emotion,
} from '../world';

export function otherModality(m: CueModality): CueModality {
  return m === 'audio' ? 'visual' : 'audio';
}

/** Present relevant cues of modality `m` (they signal the modality's emotion). */
export function presentRelevant(clip: ClipSpec, m: CueModality): string[] {
  return presentCueIds(clip, m, 'relevant');
}

export function presentIrrelevant(clip: ClipSpec, m: CueModality): string[] {
  return presentCueIds(clip, m, 'irrelevant');
}

/** Is the cue linked in the text prior to a cue present in the clip? */
export function linkedToPresent(clip: ClipSpec, cueId: string): boolean {
  return cooccurringCues(cueId).some((n) => isPresent(clip, n.cue));
}

/** Absent cues of modality `m` typical of `emotion` (default: the modality's emotion). */
export function absentTypical(clip: ClipSpec, m: CueModality, emotion: Emotion = modalityEmotion(clip, m)): string[] {
  return relevantCues(m, emotion)
    .map((c) => c.id)
    .filter((id) => !isPresent(clip, id));
}

/**
 * A hallucination cue: absent, typical of the modality's emotion; one linked in the text
 * prior to a present cue when there is one (the most tempting), else any.
 */
export function pickHallucination(clip: ClipSpec, m: CueModality, rng: Rng): string {
  const pool = absentTypical(clip, m);
  const linked = pool.filter((id) => linkedToPresent(clip, id));
  return rng.pick(linked.length > 0 ? linked : pool);
}

/** A present irrelevant cue of `m`, preferring the one associated with `emotion` when `preferAssociated`. */
export function pickIrrelevant(clip: ClipSpec, m: CueModality, rng: Rng, preferAssociated: Emotion | null = null): string {
  const pool = presentIrrelevant(clip, m);
  if (pool.length === 0) throw new Error(`clip ${clip.id} has no irrelevant ${m} cue`);
  if (preferAssociated !== null) {
    const assoc = SPURIOUS_ASSOCIATION[m][preferAssociated];
    if (pool.includes(assoc)) return assoc;
  }
  return rng.pick(pool);
}

/** A different emotion than `emotion`, and an absent cue of `m` that signals it. */
export function pickOtherEmotionCue(clip: ClipSpec, m: CueModality, emotion: Emotion, rng: Rng): { emotion: Emotion; cue: string } {
  const other = rng.pick(EMOTIONS.filter((e) => e !== emotion));
  return { emotion: other, cue: rng.pick(absentTypical(clip, m, other)) };
}

/** Does the cue signal `emotion`? (False for irrelevant cues.) */
export function signals(cueId: string, emotion: Emotion): boolean {
  return cueById(cueId).emotion === emotion;
}
