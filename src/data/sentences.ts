/**
 * Sentence builders over the grammar. Each picks a template with `rng` and checks the
 * token budget (prompts ≤ MAX_PROMPT_TOKENS with BOS and SEP, responses ≤
 * MAX_RESPONSE_TOKENS with EOS), trying the other templates if the first is too long.
 */
import type { Rng } from '../random';
import type { QuestionModality } from '../formats';
import { EMOTION_WORDS, type CueModality, type Emotion, type Speaker } from '../world';
import { fill, GRAMMAR, listPhrase, type GrammarKey, type Slots } from './grammar';
import { cue2Slots, cueNP, cueSlots, emotionSlots, isPluralCue, speakerSlots } from './text';
import { buildTokenizer, MAX_PROMPT_TOKENS, MAX_RESPONSE_TOKENS } from './tokenizer';

export type TextRole = 'prompt' | 'response';

/** Token count of `text` in its role (prompt: + BOS + SEP; response: + EOS). */
export function tokenCount(text: string, role: TextRole): number {
  return buildTokenizer().encode(text).length + (role === 'prompt' ? 2 : 1);
}

export function fitsBudget(text: string, role: TextRole): boolean {
  return tokenCount(text, role) <= (role === 'prompt' ? MAX_PROMPT_TOKENS : MAX_RESPONSE_TOKENS);
}

/** Fills a template of `key` chosen by `rng` (or `index`), falling back to others that fit; undefined if none fits. */
export function tryRealise(key: GrammarKey, slots: Slots, role: TextRole, rng: Rng, index?: number): string | undefined {
  const list = GRAMMAR[key] as readonly string[];
  const first = index ?? rng.int(list.length);
  for (let k = 0; k < list.length; k++) {
    const text = fill(list[(first + k) % list.length] as string, slots);
    if (fitsBudget(text, role)) return text;
  }
  return undefined;
}

export function realise(key: GrammarKey, slots: Slots, role: TextRole, rng: Rng, index?: number): string {
  const text = tryRealise(key, slots, role, rng, index);
  if (text === undefined) throw new Error(`no "${key}" template fits the ${role} budget for ${JSON.stringify(slots)}`);
  return text;
}

export function basicQuestion(m: CueModality, speaker: Speaker, rng: Rng): string {
  return realise(m === 'audio' ? 'basicAudioQuestion' : 'basicVisualQuestion', speakerSlots(speaker), 'prompt', rng);
}

/** Number of reasoning-answer templates (options of one item share one template). */
export const REASONING_TEMPLATES = GRAMMAR.reasoningAnswer.length;

/** "Her tears show her sadness." — template `index` (falls back to another if too long). */
export function reasoningAnswer(cueId: string, emotion: Emotion, speaker: Speaker, rng: Rng, index?: number): string {
  return realise('reasoningAnswer', { ...speakerSlots(speaker), ...cueSlots(cueId, speaker), ...emotionSlots(emotion) }, 'response', rng, index);
}

export function stressQuestion(m: CueModality, cueId: string, emotion: Emotion, speaker: Speaker, rng: Rng): string {
  const key = m === 'audio' ? 'stressAudioQuestion' : 'stressVisualQuestion';
  return realise(key, { ...speakerSlots(speaker), ...cueSlots(cueId, speaker), ...emotionSlots(emotion) }, 'prompt', rng);
}

export function agreementQuestion(emotion: Emotion, speaker: Speaker, rng: Rng): string {
  return realise('agreementQuestion', { ...speakerSlots(speaker), ...emotionSlots(emotion) }, 'prompt', rng);
}

const RECOGNITION_KEY: Record<QuestionModality, GrammarKey> = {
  audio: 'recognitionAudio',
  visual: 'recognitionVisual',
  audiovisual: 'recognitionAudiovisual',
};

export function recognitionQuestion(modality: QuestionModality, speaker: Speaker, rng: Rng): string {
  return realise(RECOGNITION_KEY[modality], speakerSlots(speaker), 'prompt', rng);
}

/** The response of a recognition example: the emotion's label word ("sadness", "neutral"). */
export function recognitionAnswer(emotion: Emotion): string {
  return emotion;
}

export function descriptionQuestion(speaker: Speaker, rng: Rng): string {
  return realise('descriptionQuestion', speakerSlots(speaker), 'prompt', rng);
}

/**
 * A description crediting `cues` (in order) with the clip's emotion(s). If it is too long,
 * cues are dropped from the end, but never those in `keep`. Returns the text and the cues used.
 */
export function description(
  audioEmotion: Emotion,
  videoEmotion: Emotion,
  speaker: Speaker,
  cues: readonly string[],
  keep: readonly string[] = [],
): { text: string; cues: string[] } {
  const used = [...cues];
  for (;;) {
    const slots: Slots = {
      ...speakerSlots(speaker),
      adj: EMOTION_WORDS[audioEmotion].adjective,
      adj2: EMOTION_WORDS[videoEmotion].adjective,
      cues: listPhrase(used.map((c) => cueNP(c, speaker))),
      s: used.length === 1 && !isPluralCue(used[0] as string) ? 's' : '',
    };
    const key = audioEmotion === videoEmotion ? 'descriptionAgree' : 'descriptionDisagree';
    const text = fill(GRAMMAR[key][0], slots);
    if (fitsBudget(text, 'response')) return { text, cues: used };
    const drop = used.map((c, i) => ({ c, i })).reverse().find(({ c }) => !keep.includes(c));
    if (drop === undefined || used.length === 1) throw new Error(`description does not fit: "${text}"`);
    used.splice(drop.i, 1);
  }
}

/** "Yes. Her tears show her sadness." */
export function justifiedAnswer(answer: 'Yes' | 'No', cueId: string, emotion: Emotion, speaker: Speaker, rng: Rng): string {
  return realise('justifiedYesNo', { answer, ...speakerSlots(speaker), ...cueSlots(cueId, speaker), ...emotionSlots(emotion) }, 'response', rng);
}

/** "Yes. His sobbing and his tears both show sadness." / "No. His shouting shows anger but his tears show sadness." */
export function agreementAnswer(
  answer: 'Yes' | 'No',
  first: { cue: string; emotion: Emotion },
  second: { cue: string; emotion: Emotion },
  speaker: Speaker,
  rng: Rng,
): string {
  const slots: Slots = {
    answer,
    ...speakerSlots(speaker),
    ...cueSlots(first.cue, speaker),
    ...cue2Slots(second.cue, speaker),
    ...emotionSlots(first.emotion),
    ...emotionSlots(second.emotion, true),
  };
  return realise(first.emotion === second.emotion ? 'agreementJustifiedSame' : 'agreementJustifiedDifferent', slots, 'response', rng);
}

export function yesNo(answer: boolean): string {
  return answer ? GRAMMAR.yes[0] : GRAMMAR.no[0];
}
