/**
 * An exact judge for generated emotion descriptions — the workbench's counterpart of the
 * paper's GPT-4o judge on EMER (App. D.1; prompt in ihp-lab/AVERE evaluate/gpt_evaluation.py).
 * The world knows which cues are present and which are relevant, so the four criteria become
 * counts over a cue inventory instead of 1–10 ratings:
 *
 * - clue overlap = present relevant cues mentioned / present relevant cues;
 * - label overlap = 1/k when the true emotion is among the k emotions named, else 0;
 * - spurious rate = present irrelevant cues mentioned and tied to an emotion / cues mentioned;
 * - hallucination rate = absent cues mentioned / cues mentioned.
 *
 * The paper's scores are "higher is better" on 1–10; here overlap is higher-better and the two
 * rates are lower-better, all fractions in [0, 1].
 */
import { EMOTIONS, type Emotion } from '../formats';
import { normText } from '../formats';

/** One cue phrase of the world's inventory (several phrases may share an id). */
export interface CueEntry {
  phrase: string;
  id: string;
  modality: 'audio' | 'visual';
  /** Emotions this cue is evidence for; empty for emotion-irrelevant cues. */
  relevantTo: readonly Emotion[];
}

/** Words that name each emotion; defaults to `EMOTION_WORDS`. */
export type EmotionVocabulary = Record<Emotion, readonly string[]>;

export const EMOTION_WORDS: EmotionVocabulary = {
  neutral: ['neutral', 'calm', 'composed', 'expressionless', 'indifferent'],
  happiness: ['happy', 'happiness', 'joy', 'joyful', 'cheerful', 'delighted', 'glad', 'amused'],
  sadness: ['sad', 'sadness', 'sorrow', 'sorrowful', 'grief', 'unhappy', 'melancholy'],
  anger: ['angry', 'anger', 'furious', 'rage', 'irritated', 'annoyed'],
  surprise: ['surprise', 'surprised', 'astonished', 'astonishment', 'amazed'],
  disgust: ['disgust', 'disgusted', 'revulsion', 'repulsed'],
  fear: ['fear', 'afraid', 'scared', 'frightened', 'fearful', 'terrified'],
};

/** A cue mention within this many preceding words of a negator ("no tears") does not count. */
const NEGATION_WINDOW = 3;
const NEGATORS = new Set(['no', 'not', 'without', 'never', 'neither', 'nor', 'lacks', 'lacking', 'absent', 't']);
/** Word stems that tie a cue to an emotion within a sentence ("the sweater suggests …"). */
const LINK_STEMS = ['suggest', 'indicat', 'show', 'convey', 'reflect', 'express', 'signal', 'reveal', 'because', 'due', 'sign', 'hint', 'evidenc', 'point'];

export interface JudgeCase {
  /** The generated description. */
  text: string;
  /** Ids of the cues present in the clip and relevant to its emotion. */
  presentRelevant: readonly string[];
  /** Ids of the cues present in the clip but irrelevant to its emotion. */
  presentIrrelevant: readonly string[];
  /** The true emotion. */
  emotion: Emotion;
}

export interface JudgeOptions {
  inventory: readonly CueEntry[];
  /** Default `EMOTION_WORDS`. */
  vocabulary?: EmotionVocabulary;
}

export interface JudgeResult {
  /** Distinct cue ids mentioned (not negated). */
  mentioned: string[];
  mentionedRelevant: string[];
  /** Present irrelevant cues mentioned in a sentence that names an emotion or links cue and emotion. */
  spurious: string[];
  /** Mentioned cues that are not present. */
  hallucinated: string[];
  /** The hallucinated cues that the inventory lists as relevant to the true emotion (text-prior hallucinations). */
  hallucinatedTypical: string[];
  emotionsNamed: Emotion[];
  /** null when the clip has no present relevant cue. */
  clueOverlap: number | null;
  labelOverlap: number;
  /** 0 when nothing is mentioned. */
  spuriousRate: number;
  /** 0 when nothing is mentioned. */
  hallucinationRate: number;
}

interface Token {
  word: string;
  sentence: number;
}

function tokenize(text: string): Token[] {
  return text.split(/[.!?;\n]+/).flatMap((s, sentence) =>
    normText(s)
      .split(' ')
      .filter((w) => w !== '')
      .map((word) => ({ word, sentence })),
  );
}

/** Start positions of `phrase` (word list) in `tokens`, skipping covered positions. */
function findPhrase(tokens: Token[], phrase: string[], covered: boolean[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < phrase.length && ok; j++) ok = !covered[i + j] && tokens[i + j]?.word === phrase[j];
    if (ok) starts.push(i);
  }
  return starts;
}

function negated(tokens: Token[], start: number): boolean {
  for (let k = Math.max(0, start - NEGATION_WINDOW); k < start; k++) {
    const t = tokens[k] as Token;
    if (t.sentence === (tokens[start] as Token).sentence && NEGATORS.has(t.word)) return true;
  }
  return false;
}

/** Judges one description. */
export function judgeDescription(c: JudgeCase, options: JudgeOptions): JudgeResult {
  const vocabulary = options.vocabulary ?? EMOTION_WORDS;
  const knownIds = new Set(options.inventory.map((e) => e.id));
  for (const id of [...c.presentRelevant, ...c.presentIrrelevant]) {
    if (!knownIds.has(id)) throw new Error(`judgeDescription: cue id "${id}" is not in the inventory`);
  }
  const tokens = tokenize(c.text);
  const covered = tokens.map(() => false);

  // Longest phrases first, so "clenched fists" wins over "fists".
  const phrases = options.inventory
    .map((e) => ({
      entry: e,
      words: normText(e.phrase)
        .split(' ')
        .filter((w) => w !== ''),
    }))
    .filter((p) => p.words.length > 0)
    .sort((a, b) => b.words.length - a.words.length);
  const mentionSentences = new Map<string, Set<number>>();
  for (const p of phrases) {
    for (const start of findPhrase(tokens, p.words, covered)) {
      for (let j = 0; j < p.words.length; j++) covered[start + j] = true;
      if (negated(tokens, start)) continue;
      const set = mentionSentences.get(p.entry.id) ?? new Set<number>();
      set.add((tokens[start] as Token).sentence);
      mentionSentences.set(p.entry.id, set);
    }
  }

  const emotionOfWord = new Map<string, Emotion>();
  for (const e of EMOTIONS) for (const w of vocabulary[e]) emotionOfWord.set(normText(w), e);
  const named = new Set<Emotion>();
  const emotionSentences = new Set<number>();
  tokens.forEach((t, i) => {
    const e = emotionOfWord.get(t.word);
    if (e === undefined || negated(tokens, i)) return;
    named.add(e);
    emotionSentences.add(t.sentence);
  });
  const linkSentences = new Set(tokens.filter((t) => LINK_STEMS.some((s) => t.word.startsWith(s))).map((t) => t.sentence));

  const mentioned = [...mentionSentences.keys()].sort();
  const relevant = new Set(c.presentRelevant);
  const irrelevant = new Set(c.presentIrrelevant);
  const mentionedRelevant = mentioned.filter((id) => relevant.has(id));
  const spurious = mentioned.filter(
    (id) => irrelevant.has(id) && [...(mentionSentences.get(id) as Set<number>)].some((s) => emotionSentences.has(s) || linkSentences.has(s)),
  );
  const hallucinated = mentioned.filter((id) => !relevant.has(id) && !irrelevant.has(id));
  const typicalOfEmotion = new Set(options.inventory.filter((e) => e.relevantTo.includes(c.emotion)).map((e) => e.id));
  const emotionsNamed = EMOTIONS.filter((e) => named.has(e));
  return {
    mentioned,
    mentionedRelevant,
    spurious,
    hallucinated,
    hallucinatedTypical: hallucinated.filter((id) => typicalOfEmotion.has(id)),
    emotionsNamed,
    clueOverlap: relevant.size > 0 ? mentionedRelevant.length / relevant.size : null,
    labelOverlap: named.has(c.emotion) ? 1 / named.size : 0,
    spuriousRate: mentioned.length > 0 ? spurious.length / mentioned.length : 0,
    hallucinationRate: mentioned.length > 0 ? hallucinated.length / mentioned.length : 0,
  };
}

export interface JudgeSummary {
  n: number;
  /** Mean over cases with a present relevant cue. */
  clueOverlap: number | null;
  labelOverlap: number;
  spuriousRate: number;
  hallucinationRate: number;
  results: JudgeResult[];
}

/** Judges many descriptions and averages the four criteria. */
export function judgeDescriptions(cases: readonly JudgeCase[], options: JudgeOptions): JudgeSummary {
  if (cases.length === 0) throw new Error('judgeDescriptions: no cases');
  const results = cases.map((c) => judgeDescription(c, options));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const clue = results.map((r) => r.clueOverlap).filter((x): x is number => x !== null);
  return {
    n: results.length,
    clueOverlap: clue.length > 0 ? avg(clue) : null,
    labelOverlap: avg(results.map((r) => r.labelOverlap)),
    spuriousRate: avg(results.map((r) => r.spuriousRate)),
    hallucinationRate: avg(results.map((r) => r.hallucinationRate)),
    results,
  };
}
