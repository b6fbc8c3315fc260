/**
 * The text prior (SPEC §3): a graph of cues that co-occur in descriptions, across and
 * within modalities (tears ↔ sobbing, clapping ↔ cheering, clenched fists ↔ shouting).
 * Both endpoints of an edge signal the same emotion, so a cue "typical of" an emotion is
 * often linked to a present one; that is what makes hallucinating it tempting.
 *
 * Also here: the irrelevant cue each emotion is spuriously associated with in the SFT
 * source and in what captioners write ("the dark sweater suggests sadness").
 */
import { cueById, type CueModality } from './cues';
import type { Emotion } from './emotions';

/** Undirected co-occurrence edges `[cueA, cueB, weight]`; weight in (0, 1]. */
export const COOCCURRENCE_EDGES: ReadonlyArray<readonly [string, string, number]> = [
  // across modalities
  ['tears', 'sobbing', 1.0],
  ['clapping_hands', 'cheering', 1.0],
  ['clenched_fists', 'shouting', 1.0],
  ['wide_smile', 'laughter', 1.0],
  ['wide_eyes', 'screaming', 1.0],
  ['open_mouth', 'gasp', 1.0],
  ['wrinkled_nose', 'gagging_sound', 1.0],
  ['head_in_hands', 'deep_sighs', 0.8],
  ['trembling_hands', 'rapid_breathing', 0.8],
  ['furrowed_brows', 'harsh_tone', 0.8],
  ['relaxed_face', 'calm_tone', 0.8],
  ['trembling_lips', 'shaky_voice', 0.7],
  ['turning_away', 'groan', 0.7],
  ['raised_eyebrows', 'sharp_exclamation', 0.7],
  ['pointing_finger', 'words_of_blame', 0.7],
  ['covered_face', 'whimpering', 0.7],
  ['open_arms', 'words_of_praise', 0.6],
  ['steady_gaze', 'flat_pitch', 0.6],
  // within a modality
  ['tears', 'trembling_lips', 0.8],
  ['wide_smile', 'crinkled_eyes', 0.8],
  ['clenched_fists', 'tense_jaw', 0.8],
  ['raised_eyebrows', 'open_mouth', 0.8],
  ['wide_eyes', 'trembling_hands', 0.7],
  ['wrinkled_nose', 'curled_lip', 0.8],
  ['sobbing', 'shaky_voice', 0.8],
  ['shouting', 'door_slam', 0.8],
  ['laughter', 'cheerful_tone', 0.8],
  ['screaming', 'cries_for_help', 0.8],
  ['gasp', 'rising_pitch', 0.7],
  ['groan', 'scoffing', 0.6],
  ['calm_tone', 'steady_pace', 0.6],
  ['drooping_shoulders', 'downcast_eyes', 0.7],
];

function buildNeighbours(): Map<string, Array<{ cue: string; weight: number }>> {
  const out = new Map<string, Array<{ cue: string; weight: number }>>();
  const add = (a: string, b: string, w: number): void => {
    const list = out.get(a) ?? [];
    list.push({ cue: b, weight: w });
    out.set(a, list);
  };
  for (const [a, b, w] of COOCCURRENCE_EDGES) {
    const ca = cueById(a);
    const cb = cueById(b);
    if (ca.emotion === undefined || ca.emotion !== cb.emotion) {
      throw new Error(`co-occurrence edge ${a}–${b} must join relevant cues of one emotion`);
    }
    add(a, b, w);
    add(b, a, w);
  }
  return out;
}

const NEIGHBOURS = buildNeighbours();

/** Cues that co-occur with `cueId` in the text prior, with edge weights (empty if none). */
export function cooccurringCues(cueId: string): ReadonlyArray<{ cue: string; weight: number }> {
  return NEIGHBOURS.get(cueId) ?? [];
}

/** The irrelevant cue that captioners (and the SFT source) associate with each emotion. */
export const SPURIOUS_ASSOCIATION: Record<CueModality, Record<Emotion, string>> = {
  visual: {
    neutral: 'kitchen_table',
    happiness: 'bright_sunlight',
    sadness: 'dark_sweater',
    anger: 'red_dress',
    surprise: 'neon_lights',
    disgust: 'green_shirt',
    fear: 'dim_lighting',
  },
  audio: {
    neutral: 'clock_ticking',
    happiness: 'upbeat_music',
    sadness: 'piano_music',
    anger: 'traffic_noise',
    surprise: 'sonar_ping',
    disgust: 'microphone_hum',
    fear: 'violin_music',
  },
};

/** The emotion an irrelevant cue is spuriously associated with, if any. */
export function spuriousEmotionOf(cueId: string): Emotion | undefined {
  const modality = cueById(cueId).modality;
  for (const [emotion, id] of Object.entries(SPURIOUS_ASSOCIATION[modality]) as [Emotion, string][]) {
    if (id === cueId) return emotion;
  }
  return undefined;
}
