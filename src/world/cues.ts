/**
 * The cue inventory (SPEC §3): what a clip can show or sound like.
 *
 * Relevant cues signal one emotion (visual: facial expression, gaze, gesture, posture;
 * audio: tone, pitch, laughter, sobbing, sighs, words said). Irrelevant cues say nothing
 * about emotion (visual: attire, colours, background objects, lighting; audio: traffic,
 * music, sound effects, static). Each cue has a salience (how strongly the renderer draws
 * it; subtle cues are low) and a temporal envelope.
 */
import type { Emotion } from './emotions';

export type CueModality = 'audio' | 'visual';
export const CUE_MODALITIES: readonly CueModality[] = ['audio', 'visual'];

export type CueKind = 'relevant' | 'irrelevant';

export type CueCategory =
  | 'facial_expression'
  | 'gaze'
  | 'gesture'
  | 'posture'
  | 'tone'
  | 'pitch'
  | 'laughter'
  | 'sobbing'
  | 'sigh'
  | 'words'
  | 'attire'
  | 'colour'
  | 'background_object'
  | 'lighting'
  | 'traffic'
  | 'music'
  | 'sound_effect'
  | 'static';

/** How a cue's strength evolves over the clip's frames (see `envelope.ts`). */
export type EnvelopeKind = 'sustained' | 'burst' | 'rise' | 'fall' | 'pulse';

export interface Cue {
  /** Stable key, snake_case. */
  id: string;
  /** Noun phrase without article, as the grammar writes it ("wide smile"). */
  phrase: string;
  modality: CueModality;
  kind: CueKind;
  category: CueCategory;
  /** For a relevant cue: the emotion it signals. Undefined for irrelevant cues. */
  emotion?: Emotion;
  /** True for the person's own cues ("her wide smile"), false for scene cues ("the dim lighting"). */
  owned: boolean;
  /** Rendering strength in (0, 1]; below 0.5 counts as subtle. */
  salience: number;
  envelope: EnvelopeKind;
}

type Row = [id: string, phrase: string, category: CueCategory, salience: number, envelope: EnvelopeKind];

const VISUAL_RELEVANT: Record<Emotion, Row[]> = {
  neutral: [
    ['relaxed_face', 'relaxed face', 'facial_expression', 0.45, 'sustained'],
    ['steady_gaze', 'steady gaze', 'gaze', 0.4, 'sustained'],
    ['still_hands', 'still hands', 'gesture', 0.5, 'sustained'],
    ['upright_posture', 'upright posture', 'posture', 0.6, 'sustained'],
  ],
  happiness: [
    ['wide_smile', 'wide smile', 'facial_expression', 1.0, 'rise'],
    ['crinkled_eyes', 'crinkled eyes', 'facial_expression', 0.4, 'sustained'],
    ['clapping_hands', 'clapping hands', 'gesture', 0.9, 'pulse'],
    ['open_arms', 'open arms', 'gesture', 0.8, 'burst'],
    ['lively_posture', 'lively posture', 'posture', 0.6, 'sustained'],
  ],
  sadness: [
    ['tears', 'tears', 'facial_expression', 0.7, 'rise'],
    ['downcast_eyes', 'downcast eyes', 'gaze', 0.6, 'sustained'],
    ['trembling_lips', 'trembling lips', 'facial_expression', 0.35, 'pulse'],
    ['drooping_shoulders', 'drooping shoulders', 'posture', 0.7, 'sustained'],
    ['head_in_hands', 'head in hands', 'gesture', 0.9, 'burst'],
  ],
  anger: [
    ['furrowed_brows', 'furrowed brows', 'facial_expression', 0.7, 'sustained'],
    ['glaring_eyes', 'glaring eyes', 'gaze', 0.6, 'sustained'],
    ['clenched_fists', 'clenched fists', 'gesture', 0.8, 'rise'],
    ['pointing_finger', 'pointing finger', 'gesture', 0.8, 'burst'],
    ['tense_jaw', 'tense jaw', 'facial_expression', 0.35, 'sustained'],
  ],
  surprise: [
    ['raised_eyebrows', 'raised eyebrows', 'facial_expression', 0.7, 'burst'],
    ['open_mouth', 'open mouth', 'facial_expression', 0.8, 'burst'],
    ['hand_over_mouth', 'hand over mouth', 'gesture', 0.8, 'burst'],
    ['sudden_step_back', 'sudden step back', 'posture', 0.6, 'burst'],
    ['fixed_stare', 'fixed stare', 'gaze', 0.45, 'fall'],
  ],
  disgust: [
    ['wrinkled_nose', 'wrinkled nose', 'facial_expression', 0.5, 'burst'],
    ['curled_lip', 'curled lip', 'facial_expression', 0.35, 'burst'],
    ['turning_away', 'turning away', 'posture', 0.7, 'rise'],
    ['pushing_hand', 'pushing hand', 'gesture', 0.7, 'burst'],
    ['sideways_glance', 'sideways glance', 'gaze', 0.45, 'burst'],
  ],
  fear: [
    ['wide_eyes', 'wide eyes', 'facial_expression', 0.7, 'rise'],
    ['darting_eyes', 'darting eyes', 'gaze', 0.45, 'pulse'],
    ['trembling_hands', 'trembling hands', 'gesture', 0.6, 'pulse'],
    ['hunched_body', 'hunched body', 'posture', 0.7, 'sustained'],
    ['covered_face', 'covered face', 'gesture', 0.8, 'burst'],
  ],
};

const AUDIO_RELEVANT: Record<Emotion, Row[]> = {
  neutral: [
    ['calm_tone', 'calm tone', 'tone', 0.5, 'sustained'],
    ['flat_pitch', 'flat pitch', 'pitch', 0.4, 'sustained'],
    ['steady_pace', 'steady pace', 'tone', 0.45, 'sustained'],
    ['casual_words', 'casual words', 'words', 0.6, 'sustained'],
  ],
  happiness: [
    ['laughter', 'laughter', 'laughter', 1.0, 'pulse'],
    ['cheerful_tone', 'cheerful tone', 'tone', 0.7, 'sustained'],
    ['bright_pitch', 'bright pitch', 'pitch', 0.45, 'sustained'],
    ['cheering', 'cheering', 'laughter', 0.9, 'burst'],
    ['words_of_praise', 'words of praise', 'words', 0.6, 'sustained'],
  ],
  sadness: [
    ['sobbing', 'sobbing', 'sobbing', 0.9, 'pulse'],
    ['deep_sighs', 'deep sighs', 'sigh', 0.5, 'burst'],
    ['shaky_voice', 'shaky voice', 'tone', 0.5, 'sustained'],
    ['low_pitch', 'low pitch', 'pitch', 0.35, 'sustained'],
    ['words_of_loss', 'words of loss', 'words', 0.6, 'sustained'],
  ],
  anger: [
    ['shouting', 'shouting', 'tone', 1.0, 'burst'],
    ['harsh_tone', 'harsh tone', 'tone', 0.7, 'sustained'],
    ['loud_pitch', 'loud pitch', 'pitch', 0.45, 'rise'],
    ['door_slam', 'door slam', 'sigh', 0.9, 'burst'],
    ['words_of_blame', 'words of blame', 'words', 0.6, 'sustained'],
  ],
  surprise: [
    ['gasp', 'gasp', 'sigh', 0.8, 'burst'],
    ['rising_pitch', 'rising pitch', 'pitch', 0.45, 'rise'],
    ['sharp_exclamation', 'sharp exclamation', 'tone', 0.7, 'burst'],
    ['words_of_disbelief', 'words of disbelief', 'words', 0.6, 'sustained'],
  ],
  disgust: [
    ['groan', 'groan', 'sigh', 0.6, 'burst'],
    ['scoffing', 'scoffing', 'laughter', 0.45, 'burst'],
    ['gagging_sound', 'gagging sound', 'sigh', 0.8, 'burst'],
    ['words_of_distaste', 'words of distaste', 'words', 0.6, 'sustained'],
  ],
  fear: [
    ['screaming', 'screaming', 'tone', 1.0, 'burst'],
    ['whimpering', 'whimpering', 'sobbing', 0.6, 'pulse'],
    ['rapid_breathing', 'rapid breathing', 'sigh', 0.45, 'pulse'],
    ['quivering_pitch', 'quivering pitch', 'pitch', 0.35, 'sustained'],
    ['cries_for_help', 'cries for help', 'words', 0.7, 'burst'],
  ],
};

type IrrelevantRow = [id: string, phrase: string, category: CueCategory, owned: boolean, salience: number, envelope: EnvelopeKind];

const VISUAL_IRRELEVANT: IrrelevantRow[] = [
  ['dark_sweater', 'dark sweater', 'attire', true, 0.7, 'sustained'],
  ['red_dress', 'red dress', 'attire', true, 0.8, 'sustained'],
  ['green_shirt', 'green shirt', 'attire', true, 0.7, 'sustained'],
  ['striped_tie', 'striped tie', 'attire', true, 0.5, 'sustained'],
  ['denim_jacket', 'denim jacket', 'attire', true, 0.6, 'sustained'],
  ['yellow_walls', 'yellow walls', 'colour', false, 0.7, 'sustained'],
  ['blue_curtains', 'blue curtains', 'colour', false, 0.6, 'sustained'],
  ['checkered_wallpaper', 'checkered wallpaper', 'colour', false, 0.6, 'sustained'],
  ['bookshelf', 'bookshelf', 'background_object', false, 0.6, 'sustained'],
  ['potted_plant', 'potted plant', 'background_object', false, 0.5, 'sustained'],
  ['parked_car', 'parked car', 'background_object', false, 0.6, 'sustained'],
  ['kitchen_table', 'kitchen table', 'background_object', false, 0.6, 'sustained'],
  ['window_blinds', 'window blinds', 'background_object', false, 0.5, 'sustained'],
  ['dim_lighting', 'dim lighting', 'lighting', false, 0.8, 'sustained'],
  ['bright_sunlight', 'bright sunlight', 'lighting', false, 0.8, 'sustained'],
  ['neon_lights', 'neon lights', 'lighting', false, 0.7, 'pulse'],
];

const AUDIO_IRRELEVANT: IrrelevantRow[] = [
  ['traffic_noise', 'traffic noise', 'traffic', false, 0.6, 'sustained'],
  ['car_horn', 'car horn', 'traffic', false, 0.8, 'burst'],
  ['passing_train', 'passing train', 'traffic', false, 0.7, 'rise'],
  ['piano_music', 'piano music', 'music', false, 0.6, 'sustained'],
  ['upbeat_music', 'upbeat music', 'music', false, 0.7, 'sustained'],
  ['violin_music', 'violin music', 'music', false, 0.6, 'sustained'],
  ['phone_ringing', 'phone ringing', 'sound_effect', false, 0.8, 'pulse'],
  ['sonar_ping', 'sonar ping', 'sound_effect', false, 0.7, 'burst'],
  ['footsteps', 'footsteps', 'sound_effect', false, 0.5, 'pulse'],
  ['birdsong', 'birdsong', 'sound_effect', false, 0.5, 'pulse'],
  ['clock_ticking', 'clock ticking', 'sound_effect', false, 0.4, 'pulse'],
  ['static_hiss', 'static hiss', 'static', false, 0.5, 'sustained'],
  ['microphone_hum', 'microphone hum', 'static', false, 0.4, 'sustained'],
];

function buildInventory(): Cue[] {
  const out: Cue[] = [];
  const relevant = (modality: CueModality, table: Record<Emotion, Row[]>): void => {
    for (const [emotion, rows] of Object.entries(table) as [Emotion, Row[]][]) {
      for (const [id, phrase, category, salience, envelope] of rows) {
        out.push({ id, phrase, modality, kind: 'relevant', category, emotion, owned: true, salience, envelope });
      }
    }
  };
  const irrelevant = (modality: CueModality, rows: IrrelevantRow[]): void => {
    for (const [id, phrase, category, owned, salience, envelope] of rows) {
      out.push({ id, phrase, modality, kind: 'irrelevant', category, owned, salience, envelope });
    }
  };
  relevant('visual', VISUAL_RELEVANT);
  relevant('audio', AUDIO_RELEVANT);
  irrelevant('visual', VISUAL_IRRELEVANT);
  irrelevant('audio', AUDIO_IRRELEVANT);
  return out;
}

/** Every cue of the world, in a fixed order (the renderer's prototype order). */
export const CUES: readonly Cue[] = buildInventory();

const BY_ID = new Map(CUES.map((c) => [c.id, c]));

export function isCueId(id: string): boolean {
  return BY_ID.has(id);
}

/** The cue with this id; throws on an unknown id. */
export function cueById(id: string): Cue {
  const c = BY_ID.get(id);
  if (c === undefined) throw new Error(`unknown cue id "${id}"`);
  return c;
}

/** Relevant cues of `modality` that signal `emotion`. */
export function relevantCues(modality: CueModality, emotion: Emotion): Cue[] {
  return CUES.filter((c) => c.modality === modality && c.kind === 'relevant' && c.emotion === emotion);
}

/** Emotion-irrelevant cues of `modality`. */
export function irrelevantCues(modality: CueModality): Cue[] {
  return CUES.filter((c) => c.modality === modality && c.kind === 'irrelevant');
}
