import { describe, expect, it } from 'vitest';
import {
  BOS_ID,
  buildTokenizer,
  EOS_ID,
  fill,
  GRAMMAR,
  MAX_PROMPT_TOKENS,
  MAX_VOCAB,
  PAD_ID,
  SEP_ID,
  SPECIAL_TOKENS,
  Tokenizer,
  UNK_ID,
} from '../../src/data';

describe('tokenizer', () => {
  const tok = buildTokenizer();

  it('has the special tokens first and fits the vocabulary budget', () => {
    expect(tok.vocab.slice(0, 5)).toEqual([...SPECIAL_TOKENS]);
    expect([PAD_ID, BOS_ID, EOS_ID, UNK_ID, SEP_ID]).toEqual([0, 1, 2, 3, 4]);
    expect(tok.size).toBeLessThanOrEqual(MAX_VOCAB);
    expect(new Set(tok.vocab).size).toBe(tok.size);
    expect(tok.vocab.slice(5)).toEqual([...tok.vocab.slice(5)].sort());
  });

  it('encodes prompts as [BOS … SEP] and responses as […, EOS], and decodes back', () => {
    const p = tok.encodePrompt("Does the man's laughter suggest happiness?");
    expect(p[0]).toBe(BOS_ID);
    expect(p[p.length - 1]).toBe(SEP_ID);
    expect(tok.decode(p)).toBe("does the man's laughter suggest happiness?");
    const r = tok.encodeResponse('Yes.');
    expect(r).toEqual([tok.vocab.indexOf('yes'), tok.vocab.indexOf('.'), EOS_ID]);
    expect(tok.encode(tok.decode(p))).toEqual(p.slice(1, -1));
  });

  it('maps unknown words to UNK and rejects over-long texts', () => {
    expect(tok.encode('the zebra')).toEqual([tok.vocab.indexOf('the'), UNK_ID]);
    expect(tok.decode([UNK_ID])).toBe('<unk>');
    const long = new Array(MAX_PROMPT_TOKENS).fill('the').join(' ');
    expect(() => tok.encodePrompt(long)).toThrow(/prompt has 26 tokens > 24/);
    expect(() => tok.encodeResponse(long)).toThrow(/response has 25 tokens > 24/);
    expect(() => tok.decode([tok.size])).toThrow(/outside vocabulary/);
  });

  it('refuses a vocabulary without the specials in place', () => {
    expect(() => new Tokenizer(['a', 'b'])).toThrow(/must start with/);
  });

  it('covers every wording of every template', () => {
    const slots = { spk: 'the man', poss: 'his', pron: 'he', cue: 'his tears', cue2: 'the dim lighting', cues: 'his tears', emo: 'sadness', emo2: 'fear', adj: 'sad', adj2: 'afraid', scene: 'office', answer: 'Yes', s: 's', s2: '', es: 'es', is: 'is' };
    for (const list of Object.values(GRAMMAR)) for (const t of list) expect(tok.encode(fill(t, slots))).not.toContain(UNK_ID);
  });
});

describe('grammar', () => {
  it('fills slots, capitalises sentences and names a missing slot', () => {
    expect(fill('{cue} show{s} {poss} {emo}. {pron} is {adj}.', { cue: 'his tears', s: '', poss: 'his', emo: 'sadness', pron: 'he', adj: 'sad' })).toBe(
      'His tears show his sadness. He is sad.',
    );
    expect(() => fill('{cue} shows', {})).toThrow(/needs slot \{cue\}/);
  });
});
