/**
 * The EmoReAlM benchmark format (SPEC §5), as released with the paper's code, plus the
 * workbench's optional fields. The validator is `emorealmReader.ts`; the normalisation of
 * letters, choices and answers is `choices.ts`.
 */

/** The five official task names. */
export const EMOREALM_TASKS = [
  'reasoning_basic_audio',
  'reasoning_basic_video',
  'modality_agreement',
  'reasoning_stress_audio',
  'reasoning_stress_video',
] as const;
export type EmoRealmTask = (typeof EMOREALM_TASKS)[number];

/** Tasks whose choices are always "(A) Yes" / "(B) No" style and get precision/recall/F1. */
export const YES_NO_TASKS: readonly EmoRealmTask[] = ['modality_agreement', 'reasoning_stress_audio', 'reasoning_stress_video'];

/** Stress-test subtasks (paper Fig. 9): No hallucination → answer Yes; the other two → No. */
export const STRESS_SUBTASKS = ['no_hallucination', 'spurious', 'hallucination'] as const;
export type StressSubtask = (typeof STRESS_SUBTASKS)[number];

export const EMOTIONS = ['neutral', 'happiness', 'sadness', 'anger', 'surprise', 'disgust', 'fear'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export type QuestionModality = 'audio' | 'visual' | 'audiovisual';

/** One benchmark question. `answer` is a letter: "A", "B", … */
export interface EmoRealmItem {
  id: string | number;
  /** Video key; the workbench stores the clip's features under this key. */
  video: string;
  task: EmoRealmTask;
  question: string;
  /** Each choice is "(A) text", "(B) text", … in order. */
  choices: string[];
  answer: string;
  /** Workbench extension: stress-test subtask. */
  subtask?: StressSubtask;
  /** Workbench extension: the clip's ground-truth emotion (for the question's modality). */
  emotion?: Emotion;
  /** Workbench extension: which modality the question is about. */
  modality?: QuestionModality;
  /** Workbench extension: the cue the question is about, when there is one. */
  cue?: string;
}
