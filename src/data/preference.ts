/**
 * Preference data from the preference source (paper §4.1, §4.3, Fig. 4, Table 12, App. E.6).
 *
 * Each sample: a prompt x^m (m = audio / visual / audiovisual), the chosen response yW and
 * three rejected ones: yVr credits a present but emotion-irrelevant cue, yEr an
 * emotion-typical cue that is absent (hallucinated), yIrr is unrelated to the clip and its
 * emotion. A configurable fraction of each is wrong (`PreferenceNoiseKnobs`, Table 6).
 * Rejected inputs (Table 17) are derived from `rejected` by `rejectedInput` (rejected.ts).
 * No planted biases: the source has no irrelevant-cue correlation, cue questions are
 * balanced like the benchmark (Fig. 9) and agreement questions half Yes.
 */
import { STRESS_SUBTASKS, type QuestionModality, type StressSubtask } from '../formats';
import type { Rng } from '../random';
import { agrees, EMOTIONS, modalityEmotion, type ClipSpec, type CueModality, type Emotion } from '../world';
import type { CorpusConfig, PreferenceFormatMix } from './config';
import { readJsonl } from './jsonl';
import { absentTypical, linkedToPresent, pickHallucination, pickIrrelevant, presentRelevant } from './picks';
import {
  agreementAnswer,
  agreementQuestion,
  basicQuestion,
  description,
  descriptionQuestion,
  justifiedAnswer,
  REASONING_TEMPLATES,
  reasoningAnswer,
  stressQuestion,
} from './sentences';
import { buildCtx, interleavedRelevant, pickCooccurringAbsent, QUESTION_MODALITIES, type BuildCtx } from './sft';
import { asObject, num, oneOf, optOneOf, str, sub, withId, type Ctx } from './validate';
import { checkText } from './budget';

export const PREFERENCE_FORMATS = ['basic', 'cue', 'agreement', 'description'] as const;
export type PreferenceFormat = (typeof PREFERENCE_FORMATS)[number];

/** Keys of the other clips a sample's rejected inputs are made from. */
export interface RejectedRefs {
  /** A random other clip of the preference source ("Random video"). */
  randomClip: string;
  /** A clip whose audio and video emotions both differ from the chosen clip's ("Diff. emotion"). */
  differentEmotionClip: string;
  /** Seed of the random-tensor and diffusion noise. */
  seed: number;
}

export interface PreferenceSample {
  id: string;
  /** The chosen input (a_w, v_w): a clip key in the preference clip set. */
  clipId: string;
  format: PreferenceFormat;
  /** m of x^m: which modality the prompt is about. */
  modality: QuestionModality;
  prompt: string;
  yW: string;
  yVr: string;
  yEr: string;
  yIrr: string;
  /** For cue questions: the benchmark subtask the question mirrors (Fig. 9). */
  subtask?: StressSubtask;
  rejected: RejectedRefs;
}

type Responses = Pick<PreferenceSample, 'yW' | 'yVr' | 'yEr' | 'yIrr'>;

interface Noise {
  yW: boolean;
  yVr: boolean;
  yEr: boolean;
}

const pickModality = (rng: Rng): CueModality => (rng.bernoulli(0.5) ? 'audio' : 'visual');

function otherEmotion(e: Emotion, rng: Rng): Emotion {
  return rng.pick(EMOTIONS.filter((x) => x !== e));
}

function basic(clip: ClipSpec, c: BuildCtx, noise: Noise): { modality: QuestionModality; prompt: string } & Responses {
  const { rng } = c;
  const m = pickModality(rng);
  const em = modalityEmotion(clip, m);
  const t = rng.int(REASONING_TEMPLATES);
  const say = (cue: string, e: Emotion): string => reasoningAnswer(cue, e, clip.speaker, rng, t);
  const good = rng.pick(presentRelevant(clip, m));
  const yW = !noise.yW ? say(good, em) : rng.bernoulli(0.5) ? say(pickHallucination(clip, m, rng), em) : say(good, otherEmotion(em, rng));
  const yVr = say(noise.yVr ? rng.pick(presentRelevant(clip, m)) : pickIrrelevant(clip, m, rng), em);
  const yEr = say(noise.yEr ? rng.pick(presentRelevant(clip, m)) : pickHallucination(clip, m, rng), em);
  const irr = unrelated(clip, m, rng);
  return { modality: m, prompt: basicQuestion(m, clip.speaker, rng), yW, yVr, yEr, yIrr: say(irr.cue, irr.emotion) };
}

function cue(clip: ClipSpec, c: BuildCtx, noise: Noise): { modality: QuestionModality; prompt: string; subtask: StressSubtask } & Responses {
  const { rng } = c;
  const m = pickModality(rng);
  const em = modalityEmotion(clip, m);
  // Fig. 9 split: half no_hallucination (Yes), a quarter each spurious / hallucination (No).
  const subtask = STRESS_SUBTASKS[rng.weightedIndex([2, 1, 1])] as StressSubtask;
  const grounded = rng.pick(presentRelevant(clip, m));
  const irrelevant = pickIrrelevant(clip, m, rng);
  const hallucinated = pickHallucination(clip, m, rng);
  const asked = subtask === 'no_hallucination' ? grounded : subtask === 'spurious' ? irrelevant : hallucinated;
  const correct = subtask === 'no_hallucination' ? 'Yes' : 'No';
  const flipped = correct === 'Yes' ? 'No' : 'Yes';
  const say = (answer: 'Yes' | 'No', cueId: string, e: Emotion): string => justifiedAnswer(answer, cueId, e, clip.speaker, rng);
  const irr = unrelated(clip, m, rng);
  return {
    modality: m,
    prompt: stressQuestion(m, asked, em, clip.speaker, rng),
    subtask,
    yW: say(noise.yW ? flipped : correct, grounded, em),
    yVr: say('Yes', noise.yVr ? grounded : irrelevant, em),
    yEr: say('Yes', noise.yEr ? grounded : hallucinated, em),
    yIrr: say('No', irr.cue, irr.emotion),
  };
}

function agreement(clip: ClipSpec, c: BuildCtx, noise: Noise): { modality: QuestionModality; prompt: string } & Responses {
  const { rng } = c;
  const sp = clip.speaker;
  const ea = clip.audioEmotion;
  const ev = clip.videoEmotion;
  const ca = rng.pick(presentRelevant(clip, 'audio'));
  const cv = rng.pick(presentRelevant(clip, 'visual'));
  const irrV = pickIrrelevant(clip, 'visual', rng);
  const say = (answer: 'Yes' | 'No', a: [string, Emotion], b: [string, Emotion]): string =>
    agreementAnswer(answer, { cue: a[0], emotion: a[1] }, { cue: b[0], emotion: b[1] }, sp, rng);
  const same = agrees(clip);
  const yW = same
    ? noise.yW
      ? say('No', [ca, ea], [cv, otherEmotion(ea, rng)])
      : say('Yes', [ca, ea], [cv, ev])
    : noise.yW
      ? say('Yes', [ca, ev], [cv, ev])
      : say('No', [ca, ea], [cv, ev]);
  const vrCue = noise.yVr ? cv : irrV;
  const yVr = same ? say('No', [ca, ea], [vrCue, otherEmotion(ea, rng)]) : say('Yes', [ca, ea], [vrCue, ea]);
  // yEr: hallucinates an audio cue typical of the face's emotion (cross-modal text prior).
  const hallA = pickHallucinationFor(clip, 'audio', ev, rng);
  const erCue = noise.yEr ? ca : hallA;
  const yEr = say('Yes', [erCue, ev], [cv, ev]);
  const oa = unrelated(clip, 'audio', rng);
  const ov = unrelated(clip, 'visual', rng, oa.emotion);
  return {
    modality: 'audiovisual',
    prompt: agreementQuestion(clip.emotion, sp, rng),
    yW,
    yVr,
    yEr,
    yIrr: say('Yes', [oa.cue, oa.emotion], [ov.cue, ov.emotion]),
  };
}

/** An absent cue of modality `m` typical of `emotion`, preferring one linked to a present cue. */
function pickHallucinationFor(clip: ClipSpec, m: CueModality, emotion: Emotion, rng: Rng): string {
  if (emotion === modalityEmotion(clip, m)) return pickHallucination(clip, m, rng);
  const pool = absentTypical(clip, m, emotion);
  const linked = pool.filter((id) => linkedToPresent(clip, id));
  return rng.pick(linked.length > 0 ? linked : pool);
}

/** An emotion neither modality of the clip shows, and a cue of `m` signalling it (absent by construction). */
function unrelated(clip: ClipSpec, m: CueModality, rng: Rng, emotion?: Emotion): { emotion: Emotion; cue: string } {
  const e = emotion ?? rng.pick(EMOTIONS.filter((x) => x !== clip.audioEmotion && x !== clip.videoEmotion));
  return { emotion: e, cue: rng.pick(absentTypical(clip, m, e)) };
}

function describe(clip: ClipSpec, c: BuildCtx, noise: Noise): { modality: QuestionModality; prompt: string } & Responses {
  const { rng } = c;
  const sp = clip.speaker;
  const cues = interleavedRelevant(clip, rng).slice(0, 3);
  const d = (list: string[], keep: string[] = []): string => description(clip.audioEmotion, clip.videoEmotion, sp, list, keep).text;
  // Rejected descriptions swap the last grounded cue for `extra`, so they are as long as yW.
  const withCue = (extra: string): string => d([...cues.slice(0, Math.max(1, cues.length - 1)), extra], [extra]);
  const irrModality = pickModality(rng);
  const yW = noise.yW ? withCue(pickCooccurringAbsent(clip, rng)) : d(cues);
  const yVr = noise.yVr ? d(cues) : withCue(pickIrrelevant(clip, irrModality, rng));
  const yEr = noise.yEr ? d(cues) : withCue(pickCooccurringAbsent(clip, rng));
  const oa = unrelated(clip, 'audio', rng);
  const ov = unrelated(clip, 'visual', rng, oa.emotion);
  const yIrr = description(oa.emotion, oa.emotion, sp, [oa.cue, ov.cue]).text;
  return { modality: 'audiovisual', prompt: descriptionQuestion(sp, rng), yW, yVr, yEr, yIrr };
}

type Body = { modality: QuestionModality; prompt: string; subtask?: StressSubtask } & Responses;

const BUILDERS: Record<PreferenceFormat, (clip: ClipSpec, c: BuildCtx, noise: Noise) => Body> = { basic, cue, agreement, description: describe };

/** A uniformly random clip satisfying `ok` (rejection sampling, then an exhaustive scan). */
function pickOther(clips: readonly ClipSpec[], ok: (c: ClipSpec) => boolean, rng: Rng): ClipSpec {
  for (let tries = 0; tries < 64; tries++) {
    const c = rng.pick(clips);
    if (ok(c)) return c;
  }
  const pool = clips.filter(ok);
  if (pool.length === 0) throw new Error('no clip satisfies the rejected-input constraint');
  return rng.pick(pool);
}

function formatWeights(mix: PreferenceFormatMix): number[] {
  return PREFERENCE_FORMATS.map((f) => mix[f]);
}

/** `cfg.sizes.preferenceSamples` samples over `clips` (preference source). */
export function generatePreference(clips: readonly ClipSpec[], cfg: CorpusConfig, rng: Rng): PreferenceSample[] {
  if (clips.length < 2) throw new Error('generatePreference needs at least two clips');
  const c = buildCtx(clips, cfg, rng);
  const weights = formatWeights(cfg.preferenceMix);
  const nz = cfg.preferenceNoise;
  const out: PreferenceSample[] = [];
  for (let i = 0; i < cfg.sizes.preferenceSamples; i++) {
    const format = PREFERENCE_FORMATS[rng.weightedIndex(weights)] as PreferenceFormat;
    let pool = clips;
    if (format === 'agreement') {
      const want = rng.bernoulli(0.5) ? c.agreeing : c.disagreeing;
      if (want.length > 0) pool = want;
    }
    const clip = rng.pick(pool);
    const noise: Noise = { yW: rng.bernoulli(nz.yWErrorRate), yVr: rng.bernoulli(nz.yVrErrorRate), yEr: rng.bernoulli(nz.yErErrorRate) };
    const body = BUILDERS[format](clip, c, noise);
    const rejected: RejectedRefs = {
      randomClip: pickOther(clips, (x) => x.id !== clip.id, rng).id,
      differentEmotionClip: pickOther(clips, (x) => x.audioEmotion !== clip.audioEmotion && x.videoEmotion !== clip.videoEmotion, rng).id,
      seed: rng.nextUint32(),
    };
    out.push({ id: `pref-${String(i).padStart(6, '0')}`, clipId: clip.id, format, ...body, rejected });
  }
  return out;
}

export function parsePreferenceSample(raw: unknown, ctx0: Ctx): PreferenceSample {
  const o = asObject(raw, ctx0);
  const ctx = withId(ctx0, o.id);
  const r = sub(o, 'rejected', ctx);
  const s: PreferenceSample = {
    id: str(o, 'id', ctx),
    clipId: str(o, 'clipId', ctx),
    format: oneOf(o, 'format', PREFERENCE_FORMATS, ctx),
    modality: oneOf(o, 'modality', QUESTION_MODALITIES, ctx),
    prompt: str(o, 'prompt', ctx),
    yW: str(o, 'yW', ctx),
    yVr: str(o, 'yVr', ctx),
    yEr: str(o, 'yEr', ctx),
    yIrr: str(o, 'yIrr', ctx),
    rejected: {
      randomClip: str(r, 'randomClip', ctx, 'rejected.'),
      differentEmotionClip: str(r, 'differentEmotionClip', ctx, 'rejected.'),
      seed: num(r, 'seed', ctx, { int: true, min: 0 }, 'rejected.'),
    },
  };
  const subtask = optOneOf(o, 'subtask', STRESS_SUBTASKS, ctx);
  if (subtask !== undefined) s.subtask = subtask;
  checkText(s.prompt, 'prompt', 'prompt', ctx);
  for (const k of ['yW', 'yVr', 'yEr', 'yIrr'] as const) checkText(s[k], k, 'response', ctx);
  return s;
}

export function readPreferenceSamples(file: string): PreferenceSample[] {
  return readJsonl(file, parsePreferenceSample);
}
