/**
 * Word-level tokenizer over the world's closed vocabulary.
 *
 * Text is lower-cased and split into words, the possessive "'s" and the punctuation . , ?
 * A prompt encodes as [BOS, words…, SEP] (≤ MAX_PROMPT_TOKENS), a response as
 * [words…, EOS] (≤ MAX_RESPONSE_TOKENS), so AV tokens + prompt + response fit the LM's
 * 16 + 48 positions.
 */
import { CUES, EMOTION_WORDS, EMOTIONS, SCENES, SPEAKER_NOUNS, splitWords } from '../world';
import { templateWordings } from './grammar';

export const SPECIAL_TOKENS = ['<pad>', '<bos>', '<eos>', '<unk>', '<sep>'] as const;
export const PAD_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;
export const UNK_ID = 3;
export const SEP_ID = 4;
/** Maximum prompt length in tokens, including BOS and SEP. */
export const MAX_PROMPT_TOKENS = 24;
/** Maximum response length in tokens, including EOS. */
export const MAX_RESPONSE_TOKENS = 24;
/** Upper bound on the vocabulary size. */
export const MAX_VOCAB = 512;

export class Tokenizer {
  private readonly index: Map<string, number>;

  constructor(readonly vocab: readonly string[]) {
    SPECIAL_TOKENS.forEach((t, i) => {
      if (vocab[i] !== t) throw new Error(`vocabulary must start with ${SPECIAL_TOKENS.join(' ')}; position ${i} is "${vocab[i]}"`);
    });
    this.index = new Map(vocab.map((w, i) => [w, i]));
    if (this.index.size !== vocab.length) throw new Error('vocabulary has duplicate tokens');
  }

  get size(): number {
    return this.vocab.length;
  }

  /** Word ids of `text` (no specials); unknown words map to UNK. */
  encode(text: string): number[] {
    return splitWords(text).map((w) => this.index.get(w) ?? UNK_ID);
  }

  /** [BOS, …, SEP]; throws if longer than MAX_PROMPT_TOKENS. */
  encodePrompt(text: string): number[] {
    const ids = [BOS_ID, ...this.encode(text), SEP_ID];
    if (ids.length > MAX_PROMPT_TOKENS) throw new Error(`prompt has ${ids.length} tokens > ${MAX_PROMPT_TOKENS}: "${text}"`);
    return ids;
  }

  /** [… , EOS]; throws if longer than MAX_RESPONSE_TOKENS. */
  encodeResponse(text: string): number[] {
    const ids = [...this.encode(text), EOS_ID];
    if (ids.length > MAX_RESPONSE_TOKENS) throw new Error(`response has ${ids.length} tokens > ${MAX_RESPONSE_TOKENS}: "${text}"`);
    return ids;
  }

  /** The token strings of `ids` (specials included). */
  tokens(ids: readonly number[]): string[] {
    return ids.map((id) => {
      const t = this.vocab[id];
      if (t === undefined) throw new Error(`token id ${id} outside vocabulary of ${this.size}`);
      return t;
    });
  }

  /** Text of `ids`: PAD/BOS/EOS/SEP dropped, UNK kept as "<unk>", punctuation attached. */
  decode(ids: readonly number[]): string {
    const words = this.tokens(ids.filter((id) => id !== PAD_ID && id !== BOS_ID && id !== EOS_ID && id !== SEP_ID));
    return words.join(' ').replace(/ ([.,?]|'s)/g, '$1');
  }

  toJSON(): { format: string; vocab: readonly string[] } {
    return { format: 'avere-vocab-v1', vocab: this.vocab };
  }
}

/** Every word the grammar and the lexicon can produce, sorted. */
export function grammarWords(): string[] {
  const words = new Set<string>();
  const add = (text: string): void => splitWords(text).forEach((w) => words.add(w));
  templateWordings().forEach(add);
  CUES.forEach((c) => add(c.phrase));
  EMOTIONS.forEach((e) => add(`${e} ${EMOTION_WORDS[e].noun} ${EMOTION_WORDS[e].adjective}`));
  SPEAKER_NOUNS.forEach(add);
  SCENES.forEach(add);
  add("the his her he she yes no , . ? 's");
  return [...words].sort();
}

let cached: Tokenizer | undefined;

/** The tokenizer of the world's grammar (deterministic: specials, then words in sorted order). */
export function buildTokenizer(): Tokenizer {
  if (cached === undefined) {
    const tok = new Tokenizer([...SPECIAL_TOKENS, ...grammarWords()]);
    if (tok.size > MAX_VOCAB) throw new Error(`vocabulary of ${tok.size} tokens exceeds ${MAX_VOCAB}`);
    cached = tok;
  }
  return cached;
}
