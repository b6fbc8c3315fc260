/**
 * Scripted guessers: seeded rule-based "models" that answer benchmark items without seeing
 * any clip, so the scoring and explorer tools have prediction sets before trained models exist.
 * Each guesser assigns a probability to every option, writes `scores` (log-probabilities) and
 * samples its answer from them.
 */
import { Rng } from '../random';
import type { BenchmarkItem } from '../formats';
import type { Prediction } from './predictions';

/**
 * - `uniform`: every option equally likely.
 * - `yesBiased`: Yes/No items answered Yes with probability `yesRate`; other items uniform.
 * - `keyword`: a text-prior guesser. It says Yes (probability `keywordConfidence`) when the
 *   question names an emotion-typical cue from `keywords`, and No (same probability) otherwise —
 *   so it "hallucinates" typical cues and rejects irrelevant ones; on multiple-choice items it
 *   prefers the options with the most keywords.
 */
export type GuesserRule = 'uniform' | 'yesBiased' | 'keyword';

/** How the answer is written: "B", "(B) No", the option text, or "The answer is B." */
export type AnswerStyle = 'letter' | 'choice' | 'text' | 'sentence';

export interface ScriptedGuesserConfig {
  rule: GuesserRule;
  /** Seed of the guesser's `Rng`. */
  seed: number;
  /** `yesBiased`: probability of answering Yes. Default 0.8. */
  yesRate?: number;
  /** `keyword`: probability given to the keyword-favoured option. Default 0.85. */
  keywordConfidence?: number;
  /** `keyword`: lower-case words of emotion-typical cues. Default `TYPICAL_CUE_WORDS`. */
  keywords?: readonly string[];
  /** Default "letter". */
  style?: AnswerStyle;
  /** Share of answers replaced by a malformed one ("A or B", "", "I am not sure"). Default 0. */
  messRate?: number;
}

/** Words of cues that text commonly pairs with emotions (tears ↔ sadness, clenched fists ↔ anger, …). */
export const TYPICAL_CUE_WORDS: readonly string[] = [
  'tears',
  'crying',
  'sobbing',
  'sob',
  'smile',
  'smiling',
  'laughter',
  'laughing',
  'chuckling',
  'clenched',
  'fist',
  'fists',
  'shouting',
  'yelling',
  'scream',
  'screaming',
  'frown',
  'frowning',
  'furrowed',
  'trembling',
  'gasp',
  'gasping',
  'wide',
  'raised',
  'sigh',
  'sighing',
  'slamming',
  'clapping',
  'cheering',
  'grimace',
  'wrinkled',
  'downward',
  'gaze',
  'tone',
  'pitch',
];

const MESSES = ['A or B', '', 'I am not sure.'];

function optionProbabilities(item: BenchmarkItem, config: ScriptedGuesserConfig, rng: Rng): number[] {
  const n = item.options.length;
  const uniform = item.options.map(() => 1 / n);
  const words = new Set(config.keywords ?? TYPICAL_CUE_WORDS);
  const keywordHits = (s: string) =>
    s
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => words.has(w)).length;
  const yesNo = (pYes: number) => item.options.map((_, k) => (item.letters[k] === item.yesLetter ? pYes : item.letters[k] === item.noLetter ? 1 - pYes : 0));
  const hasYesNo = item.yesLetter !== undefined && item.noLetter !== undefined;
  switch (config.rule) {
    case 'uniform':
      return uniform;
    case 'yesBiased':
      return hasYesNo ? yesNo(config.yesRate ?? 0.8) : uniform;
    case 'keyword': {
      const confidence = config.keywordConfidence ?? 0.85;
      if (hasYesNo) return yesNo(keywordHits(item.question) > 0 ? confidence : 1 - confidence);
      const hits = item.options.map(keywordHits);
      const best = Math.max(...hits);
      const top = hits.map((h) => (h === best ? 1 : 0));
      // Ties among the favoured options are broken by the rng, so equal hits do not favour "A".
      const pick = rng.weightedIndex(top);
      return item.options.map((_, k) => (k === pick ? confidence : (1 - confidence) / (n - 1)));
    }
  }
}

function writeAnswer(item: BenchmarkItem, k: number, style: AnswerStyle): string {
  const letter = item.letters[k] as string;
  switch (style) {
    case 'letter':
      return letter;
    case 'choice':
      return `(${letter}) ${item.options[k]}`;
    case 'text':
      return item.options[k] as string;
    case 'sentence':
      return `The answer is ${letter}.`;
  }
}

/** One prediction per item, deterministic in `config.seed`. */
export function scriptedGuesser(items: readonly BenchmarkItem[], config: ScriptedGuesserConfig): Prediction[] {
  const root = new Rng(config.seed);
  const messRate = config.messRate ?? 0;
  return items.map((item) => {
    const rng = root.fork(item.id);
    const probs = optionProbabilities(item, config, rng);
    const k = rng.weightedIndex(probs);
    const scores = Object.fromEntries(item.letters.map((l, j) => [l, Math.log(Math.max(probs[j] as number, 1e-12))]));
    const prediction = messRate > 0 && rng.bernoulli(messRate) ? rng.pick(MESSES) : writeAnswer(item, k, config.style ?? 'letter');
    return { id: item.id, prediction, scores };
  });
}
