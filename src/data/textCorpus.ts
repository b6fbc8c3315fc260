/**
 * The text corpus (no clips): pretrains the LM backbone (π_text) and plants the text prior
 * (SPEC §3): emotion descriptions that pair co-occurring cues, cue ↔ cue co-occurrence,
 * what a cue suggests, yes/no cue questions answered from text knowledge, scene
 * descriptions, and reasoning-style captions that credit a typical cue with its emotion.
 */
import type { Rng } from '../random';
import {
  cooccurringCues,
  CUES,
  EMOTIONS,
  SCENES,
  SPEAKER_NOUNS,
  spuriousEmotionOf,
  SPURIOUS_ASSOCIATION,
  type Cue,
  type CueModality,
  type Emotion,
} from '../world';
import type { CorpusConfig } from './config';
import { readJsonl } from './jsonl';
import { basicQuestion, realise, reasoningAnswer, yesNo } from './sentences';
import { checkBudget } from './budget';
import type { Slots } from './grammar';
import { cue2Slots, cueSlots, emotionSlots } from './text';
import { asObject, oneOf, str, withId, type Ctx } from './validate';

export const TEXT_KINDS = ['describe', 'cooccur', 'meaning', 'cue_question', 'caption', 'scene'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

/** Relative frequency of each kind of text item. */
const KIND_WEIGHTS: Record<TextKind, number> = { describe: 0.3, cooccur: 0.15, meaning: 0.15, cue_question: 0.15, caption: 0.15, scene: 0.1 };

export interface TextItem {
  id: string;
  kind: TextKind;
  prompt: string;
  response: string;
}

const RELEVANT = CUES.filter((c) => c.kind === 'relevant');
const IRRELEVANT = CUES.filter((c) => c.kind === 'irrelevant');
const LINKED = RELEVANT.filter((c) => cooccurringCues(c.id).length > 0);

function generic(cueId: string, second = false): Slots {
  return second ? cue2Slots(cueId, null) : cueSlots(cueId, null);
}

function neighbour(cueId: string, rng: Rng): string {
  const ns = cooccurringCues(cueId);
  return (ns[rng.weightedIndex(ns.map((n) => n.weight))] as { cue: string }).cue;
}

function describe(rng: Rng, cfg: CorpusConfig): [string, string] {
  const emotion = rng.pick(EMOTIONS);
  const pool = RELEVANT.filter((c) => c.emotion === emotion);
  const first = rng.pick(pool).id;
  const linked = cooccurringCues(first).length > 0 && rng.bernoulli(cfg.textPrior.cooccurrenceRate);
  const second = linked ? neighbour(first, rng) : rng.pick(pool.filter((c) => c.id !== first)).id;
  const slots = { ...emotionSlots(emotion), ...generic(first), ...generic(second, true) };
  return [realise('textDescribePrompt', slots, 'prompt', rng), realise('textDescribe', slots, 'response', rng)];
}

function cooccur(rng: Rng): [string, string] {
  const first = rng.pick(LINKED).id;
  const slots = { ...generic(first), ...generic(neighbour(first, rng), true) };
  return [realise('textCooccurPrompt', slots, 'prompt', rng), realise('textCooccur', slots, 'response', rng)];
}

/** The emotion a text writer credits a cue with, or null ("says nothing about emotion"). */
function creditedEmotion(cue: Cue, rng: Rng, cfg: CorpusConfig): Emotion | null {
  if (cue.emotion !== undefined) return cue.emotion;
  return rng.bernoulli(cfg.textPrior.irrelevantCreditRate) ? (spuriousEmotionOf(cue.id) ?? null) : null;
}

function meaning(rng: Rng, cfg: CorpusConfig): [string, string] {
  const cue = rng.bernoulli(0.8) ? rng.pick(RELEVANT) : rng.pick(IRRELEVANT);
  const credited = creditedEmotion(cue, rng, cfg);
  const slots = { ...generic(cue.id), ...(credited === null ? {} : emotionSlots(credited)) };
  const prompt = realise('textMeaningPrompt', slots, 'prompt', rng);
  return [prompt, realise(credited === null ? 'textNoMeaning' : 'textMeaning', slots, 'response', rng)];
}

function cueQuestion(rng: Rng, cfg: CorpusConfig): [string, string] {
  const cue = rng.bernoulli(0.8) ? rng.pick(RELEVANT) : rng.pick(IRRELEVANT);
  const credited = creditedEmotion(cue, rng, cfg);
  const truthful = cue.emotion ?? spuriousEmotionOf(cue.id) ?? rng.pick(EMOTIONS);
  const asked = rng.bernoulli(0.5) ? truthful : rng.pick(EMOTIONS.filter((e) => e !== truthful));
  const slots = { ...generic(cue.id), ...emotionSlots(asked) };
  return [realise('textCueQuestion', slots, 'prompt', rng), yesNo(credited === asked)];
}

function caption(rng: Rng, cfg: CorpusConfig): [string, string] {
  const speaker = { id: 'text', noun: rng.pick(SPEAKER_NOUNS) };
  const m: CueModality = rng.bernoulli(0.5) ? 'audio' : 'visual';
  const emotion = rng.pick(EMOTIONS);
  const cue = rng.bernoulli(cfg.textPrior.irrelevantCreditRate)
    ? SPURIOUS_ASSOCIATION[m][emotion]
    : rng.pick(RELEVANT.filter((c) => c.modality === m && c.emotion === emotion)).id;
  return [basicQuestion(m, speaker, rng), reasoningAnswer(cue, emotion, speaker, rng)];
}

function scene(rng: Rng): [string, string] {
  const [a, b] = rng.sample(IRRELEVANT, 2) as [Cue, Cue];
  const slots = { scene: rng.pick(SCENES), ...generic(a.id), ...generic(b.id, true) };
  return [realise('textScenePrompt', slots, 'prompt', rng), realise('textScene', slots, 'response', rng)];
}

/** `cfg.sizes.textSentences` text items. */
export function generateTextCorpus(cfg: CorpusConfig, rng: Rng): TextItem[] {
  const weights = TEXT_KINDS.map((k) => KIND_WEIGHTS[k]);
  const out: TextItem[] = [];
  for (let i = 0; i < cfg.sizes.textSentences; i++) {
    const kind = TEXT_KINDS[rng.weightedIndex(weights)] as TextKind;
    const [prompt, response] = ((): [string, string] => {
      switch (kind) {
        case 'describe':
          return describe(rng, cfg);
        case 'cooccur':
          return cooccur(rng);
        case 'meaning':
          return meaning(rng, cfg);
        case 'cue_question':
          return cueQuestion(rng, cfg);
        case 'caption':
          return caption(rng, cfg);
        case 'scene':
          return scene(rng);
      }
    })();
    out.push({ id: `text-${String(i).padStart(6, '0')}`, kind, prompt, response });
  }
  return out;
}

export function parseTextItem(raw: unknown, ctx0: Ctx): TextItem {
  const o = asObject(raw, ctx0);
  const ctx = withId(ctx0, o.id);
  const item: TextItem = { id: str(o, 'id', ctx), kind: oneOf(o, 'kind', TEXT_KINDS, ctx), prompt: str(o, 'prompt', ctx), response: str(o, 'response', ctx) };
  checkBudget(item.prompt, item.response, ctx);
  return item;
}

export function readTextCorpus(file: string): TextItem[] {
  return readJsonl(file, parseTextItem);
}
