/**
 * SFT instruction data from the SFT source, covering every benchmark task type, with the
 * planted biases of `SftBiasKnobs` (SPEC §3 "How each failure mode arises"). Examples hold
 * only what a model sees (clip key, prompt, response): the biases are measured back from
 * the text and the clip specs by `measureSftBiases` (sftBiases.ts), not from flags.
 */
import type { QuestionModality } from '../formats';
import type { Rng } from '../random';
import { agrees, cooccurringCues, EMOTIONS, isPresent, modalityEmotion, type ClipSpec, type CueModality, type Emotion } from '../world';
import { checkBudget } from './budget';
import type { CorpusConfig, SftTaskMix } from './config';
import { readJsonl } from './jsonl';
import {
  absentTypical,
  linkedToPresent,
  otherModality,
  pickHallucination,
  pickIrrelevant,
  pickOtherEmotionCue,
  presentIrrelevant,
  presentRelevant,
} from './picks';
import {
  agreementQuestion,
  basicQuestion,
  description,
  descriptionQuestion,
  reasoningAnswer,
  recognitionAnswer,
  recognitionQuestion,
  stressQuestion,
  yesNo,
} from './sentences';
import { asObject, oneOf, str, withId, type Ctx } from './validate';

export const SFT_TASKS = ['basic', 'cue', 'agreement', 'recognition', 'description'] as const;
export type SftTask = (typeof SFT_TASKS)[number];
export const QUESTION_MODALITIES: readonly QuestionModality[] = ['audio', 'visual', 'audiovisual'];

export interface SftExample {
  id: string;
  /** Clip (video) key in the SFT clip set. */
  clipId: string;
  task: SftTask;
  /** Which modality the prompt is about. */
  modality: QuestionModality;
  prompt: string;
  /** Target text: the correct option's text (basic), "Yes."/"No.", an emotion label, or a description. */
  response: string;
}

interface Draft {
  clip: ClipSpec;
  modality: QuestionModality;
  prompt: string;
  response: string;
}

/** What the example builders of a generator draw from: its clips, split by whether the modalities agree. */
export interface BuildCtx {
  clips: readonly ClipSpec[];
  agreeing: readonly ClipSpec[];
  disagreeing: readonly ClipSpec[];
  cfg: CorpusConfig;
  rng: Rng;
}

export function buildCtx(clips: readonly ClipSpec[], cfg: CorpusConfig, rng: Rng): BuildCtx {
  return { clips, agreeing: clips.filter(agrees), disagreeing: clips.filter((x) => !agrees(x)), cfg, rng };
}

const pickModality = (rng: Rng): CueModality => (rng.bernoulli(0.5) ? 'audio' : 'visual');

/** Single-modality answer emotion, leaking the other modality's in disagreeing clips. */
function answerEmotion(clip: ClipSpec, m: CueModality, c: BuildCtx): { emotion: Emotion; leaked: boolean } {
  if (!agrees(clip) && c.rng.bernoulli(c.cfg.biases.crossModalLeakageRate)) {
    return { emotion: modalityEmotion(clip, otherModality(m)), leaked: true };
  }
  return { emotion: modalityEmotion(clip, m), leaked: false };
}

function basic(c: BuildCtx): Draft {
  const { rng } = c;
  const clip = rng.pick(c.clips);
  const m = pickModality(rng);
  const { emotion, leaked } = answerEmotion(clip, m, c);
  let cue: string;
  if (leaked) cue = rng.pick(presentRelevant(clip, otherModality(m)));
  else if (presentIrrelevant(clip, m).length > 0 && rng.bernoulli(c.cfg.biases.irrelevantCreditRate)) cue = pickIrrelevant(clip, m, rng, emotion);
  else cue = rng.pick(presentRelevant(clip, m));
  return { clip, modality: m, prompt: basicQuestion(m, clip.speaker, rng), response: reasoningAnswer(cue, emotion, clip.speaker, rng) };
}

function cueQuestion(c: BuildCtx): Draft {
  const { rng } = c;
  const b = c.cfg.biases;
  const clip = rng.pick(c.clips);
  const m = pickModality(rng);
  const em = modalityEmotion(clip, m);
  let cue: string;
  let asked = em;
  let yes: boolean;
  if (presentIrrelevant(clip, m).length > 0 && rng.bernoulli(b.irrelevantQuestionShare)) {
    cue = rng.pick(presentIrrelevant(clip, m));
    yes = rng.bernoulli(b.irrelevantCreditRate);
  } else if (rng.bernoulli(b.cueYesRate)) {
    cue = rng.pick(presentRelevant(clip, m));
    yes = true;
  } else if (rng.bernoulli(b.hardNegativeRate)) {
    cue = pickHallucination(clip, m, rng);
    yes = false;
  } else if (rng.bernoulli(0.5)) {
    // text-solvable: a present cue asked with an emotion it never signals
    cue = rng.pick(presentRelevant(clip, m));
    asked = rng.pick(EMOTIONS.filter((e) => e !== em));
    yes = false;
  } else {
    // text-solvable: an absent cue of another emotion asked with the clip's emotion
    cue = pickOtherEmotionCue(clip, m, em, rng).cue;
    yes = false;
  }
  return { clip, modality: m, prompt: stressQuestion(m, cue, asked, clip.speaker, rng), response: yesNo(yes) };
}

function agreement(c: BuildCtx): Draft {
  const { rng } = c;
  const wantYes = rng.bernoulli(c.cfg.biases.agreementYesRate);
  const pool = (wantYes ? c.agreeing : c.disagreeing).length > 0 ? (wantYes ? c.agreeing : c.disagreeing) : c.clips;
  const clip = rng.pick(pool);
  return { clip, modality: 'audiovisual', prompt: agreementQuestion(clip.emotion, clip.speaker, rng), response: yesNo(agrees(clip)) };
}

function recognition(c: BuildCtx): Draft {
  const { rng } = c;
  const clip = rng.pick(c.clips);
  const modality = rng.pick(QUESTION_MODALITIES);
  const emotion = modality === 'audiovisual' ? clip.emotion : answerEmotion(clip, modality, c).emotion;
  return { clip, modality, prompt: recognitionQuestion(modality, clip.speaker, rng), response: recognitionAnswer(emotion) };
}

/** Present relevant cues of both modalities, interleaved (audio, visual, audio, …) after shuffling each. */
export function interleavedRelevant(clip: ClipSpec, rng: Rng): string[] {
  const a = rng.shuffle(presentRelevant(clip, 'audio'));
  const v = rng.shuffle(presentRelevant(clip, 'visual'));
  const first = rng.bernoulli(0.5) ? [a, v] : [v, a];
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, v.length); i++) {
    for (const list of first) if (i < list.length) out.push(list[i] as string);
  }
  return out;
}

/** An absent cue that co-occurs (text prior) with a present relevant cue; else any absent typical cue. */
export function pickCooccurringAbsent(clip: ClipSpec, rng: Rng): string {
  const present = [...presentRelevant(clip, 'audio'), ...presentRelevant(clip, 'visual')];
  const linked = [...new Set(present.flatMap((p) => cooccurringCues(p).map((n) => n.cue)))].filter((id) => !isPresent(clip, id));
  if (linked.length > 0) return rng.pick(linked);
  const m = pickModality(rng);
  const pool = absentTypical(clip, m);
  const near = pool.filter((id) => linkedToPresent(clip, id));
  return rng.pick(near.length > 0 ? near : pool);
}

function describeClip(c: BuildCtx): Draft {
  const { rng } = c;
  const b = c.cfg.biases;
  const clip = rng.pick(c.clips);
  const cues = interleavedRelevant(clip, rng).slice(0, 3);
  const keep: string[] = [];
  if (rng.bernoulli(b.irrelevantCreditRate)) {
    const m = pickModality(rng);
    const mm = presentIrrelevant(clip, m).length > 0 ? m : otherModality(m);
    if (presentIrrelevant(clip, mm).length > 0) keep.push(pickIrrelevant(clip, mm, rng, modalityEmotion(clip, mm)));
  }
  if (rng.bernoulli(b.descriptionHallucinationRate)) keep.push(pickCooccurringAbsent(clip, rng));
  const list = [cues[0] as string, ...keep, ...cues.slice(1)].slice(0, Math.max(3, keep.length + 1));
  const d = description(clip.audioEmotion, clip.videoEmotion, clip.speaker, list, keep);
  return { clip, modality: 'audiovisual', prompt: descriptionQuestion(clip.speaker, rng), response: d.text };
}

const BUILDERS: Record<SftTask, (c: BuildCtx) => Draft> = {
  basic,
  cue: cueQuestion,
  agreement,
  recognition,
  description: describeClip,
};

function mixWeightsOf(mix: SftTaskMix): number[] {
  return SFT_TASKS.map((t) => mix[t]);
}

/** `cfg.sizes.sftExamples` SFT examples over `clips` (SFT source). */
export function generateSft(clips: readonly ClipSpec[], cfg: CorpusConfig, rng: Rng): SftExample[] {
  if (clips.length === 0) throw new Error('generateSft needs clips');
  const c = buildCtx(clips, cfg, rng);
  const weights = mixWeightsOf(cfg.sftMix);
  const out: SftExample[] = [];
  for (let i = 0; i < cfg.sizes.sftExamples; i++) {
    const task = SFT_TASKS[rng.weightedIndex(weights)] as SftTask;
    const d = BUILDERS[task](c);
    out.push({ id: `sft-ex-${String(i).padStart(6, '0')}`, clipId: d.clip.id, task, modality: d.modality, prompt: d.prompt, response: d.response });
  }
  return out;
}

export function parseSftExample(raw: unknown, ctx0: Ctx): SftExample {
  const o = asObject(raw, ctx0);
  const ctx = withId(ctx0, o.id);
  const ex: SftExample = {
    id: str(o, 'id', ctx),
    clipId: str(o, 'clipId', ctx),
    task: oneOf(o, 'task', SFT_TASKS, ctx),
    modality: oneOf(o, 'modality', QUESTION_MODALITIES, ctx),
    prompt: str(o, 'prompt', ctx),
    response: str(o, 'response', ctx),
  };
  checkBudget(ex.prompt, ex.response, ctx);
  return ex;
}

export function readSftExamples(file: string): SftExample[] {
  return readJsonl(file, parseSftExample);
}
