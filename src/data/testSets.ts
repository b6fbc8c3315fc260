/**
 * Recognition sets (7-class, UAR/WAR) — in-domain from the benchmark source, out-of-domain
 * from the shifted RAVDESS-like source — and the description test set, whose ground-truth
 * relevant, irrelevant and absent-typical cues are known (for an exact description judge).
 */
import type { QuestionModality } from '../formats';
import type { Rng } from '../random';
import { EMOTIONS, isCueId, type ClipSpec, type Emotion } from '../world';
import { readJsonl } from './jsonl';
import { absentTypical, presentIrrelevant, presentRelevant } from './picks';
import { description, descriptionQuestion, recognitionQuestion } from './sentences';
import { interleavedRelevant } from './sft';
import { asObject, oneOf, str, strArr, sub, withId, type Ctx } from './validate';
import { checkText } from './budget';

export interface RecognitionItem {
  id: string;
  clipId: string;
  /** The clip's label (the class to recognise). */
  emotion: Emotion;
  audioEmotion: Emotion;
  videoEmotion: Emotion;
  /** Recognition prompt per modality; the options are `RECOGNITION_OPTIONS`. */
  prompts: Record<QuestionModality, string>;
}

/** Response texts a recognition model scores, one per class, in `EMOTIONS` order. */
export const RECOGNITION_OPTIONS: readonly string[] = EMOTIONS;

export function generateRecognition(clips: readonly ClipSpec[], rng: Rng): RecognitionItem[] {
  return clips.map((clip) => ({
    id: clip.id,
    clipId: clip.id,
    emotion: clip.emotion,
    audioEmotion: clip.audioEmotion,
    videoEmotion: clip.videoEmotion,
    prompts: {
      audio: recognitionQuestion('audio', clip.speaker, rng),
      visual: recognitionQuestion('visual', clip.speaker, rng),
      audiovisual: recognitionQuestion('audiovisual', clip.speaker, rng),
    },
  }));
}

export interface DescriptionItem {
  id: string;
  clipId: string;
  prompt: string;
  emotion: Emotion;
  audioEmotion: Emotion;
  videoEmotion: Emotion;
  /** Present emotion-relevant cues (both modalities). */
  relevantCues: string[];
  /** Present emotion-irrelevant cues (both modalities). */
  irrelevantCues: string[];
  /** Absent cues typical of the clip's emotions: mentioning one is a hallucination. */
  absentTypicalCues: string[];
  /** A correct description (present relevant cues only). */
  reference: string;
}

export function generateDescriptionSet(clips: readonly ClipSpec[], rng: Rng): DescriptionItem[] {
  return clips.map((clip) => ({
    id: clip.id,
    clipId: clip.id,
    prompt: descriptionQuestion(clip.speaker, rng),
    emotion: clip.emotion,
    audioEmotion: clip.audioEmotion,
    videoEmotion: clip.videoEmotion,
    relevantCues: [...presentRelevant(clip, 'audio'), ...presentRelevant(clip, 'visual')],
    irrelevantCues: [...presentIrrelevant(clip, 'audio'), ...presentIrrelevant(clip, 'visual')],
    absentTypicalCues: [...absentTypical(clip, 'audio'), ...absentTypical(clip, 'visual')],
    reference: description(clip.audioEmotion, clip.videoEmotion, clip.speaker, interleavedRelevant(clip, rng).slice(0, 3)).text,
  }));
}

const MODALITY_KEYS: readonly QuestionModality[] = ['audio', 'visual', 'audiovisual'];

export function parseRecognitionItem(raw: unknown, ctx0: Ctx): RecognitionItem {
  const o = asObject(raw, ctx0);
  const ctx = withId(ctx0, o.id);
  const p = sub(o, 'prompts', ctx);
  const prompts = {} as Record<QuestionModality, string>;
  for (const m of MODALITY_KEYS) {
    prompts[m] = str(p, m, ctx, 'prompts.');
    checkText(prompts[m], `prompts.${m}`, 'prompt', ctx);
  }
  return {
    id: str(o, 'id', ctx),
    clipId: str(o, 'clipId', ctx),
    emotion: oneOf(o, 'emotion', EMOTIONS, ctx),
    audioEmotion: oneOf(o, 'audioEmotion', EMOTIONS, ctx),
    videoEmotion: oneOf(o, 'videoEmotion', EMOTIONS, ctx),
    prompts,
  };
}

export function parseDescriptionItem(raw: unknown, ctx0: Ctx): DescriptionItem {
  const o = asObject(raw, ctx0);
  const ctx = withId(ctx0, o.id);
  const item: DescriptionItem = {
    id: str(o, 'id', ctx),
    clipId: str(o, 'clipId', ctx),
    prompt: str(o, 'prompt', ctx),
    emotion: oneOf(o, 'emotion', EMOTIONS, ctx),
    audioEmotion: oneOf(o, 'audioEmotion', EMOTIONS, ctx),
    videoEmotion: oneOf(o, 'videoEmotion', EMOTIONS, ctx),
    relevantCues: strArr(o, 'relevantCues', ctx, isCueId),
    irrelevantCues: strArr(o, 'irrelevantCues', ctx, isCueId),
    absentTypicalCues: strArr(o, 'absentTypicalCues', ctx, isCueId),
    reference: str(o, 'reference', ctx),
  };
  checkText(item.prompt, 'prompt', 'prompt', ctx);
  checkText(item.reference, 'reference', 'response', ctx);
  return item;
}

export function readRecognitionItems(file: string): RecognitionItem[] {
  return readJsonl(file, parseRecognitionItem);
}

export function readDescriptionItems(file: string): DescriptionItem[] {
  return readJsonl(file, parseDescriptionItem);
}
