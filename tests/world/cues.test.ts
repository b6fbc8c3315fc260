import { describe, expect, it } from 'vitest';
import {
  COOCCURRENCE_EDGES,
  cooccurringCues,
  cueById,
  CUE_MODALITIES,
  CUES,
  EMOTION_WORDS,
  EMOTIONS,
  irrelevantCues,
  mentionedCues,
  mentionedEmotions,
  relevantCues,
  SPURIOUS_ASSOCIATION,
  spuriousEmotionOf,
  splitWords,
} from '../../src/world';

describe('cue inventory', () => {
  it('has unique ids and phrases', () => {
    expect(new Set(CUES.map((c) => c.id)).size).toBe(CUES.length);
    expect(new Set(CUES.map((c) => c.phrase)).size).toBe(CUES.length);
  });

  it('gives every emotion at least 4 relevant cues per modality (so an absent typical cue always exists)', () => {
    for (const m of CUE_MODALITIES) for (const e of EMOTIONS) expect(relevantCues(m, e).length).toBeGreaterThanOrEqual(4);
  });

  it('has irrelevant cues of every required category', () => {
    const cats = (m: 'audio' | 'visual') => new Set(irrelevantCues(m).map((c) => c.category));
    expect([...cats('visual')].sort()).toEqual(['attire', 'background_object', 'colour', 'lighting']);
    expect([...cats('audio')].sort()).toEqual(['music', 'sound_effect', 'static', 'traffic']);
  });

  it('has subtle cues (salience < 0.5) and saliences in (0, 1]', () => {
    expect(CUES.some((c) => c.salience < 0.5)).toBe(true);
    for (const c of CUES) {
      expect(c.salience).toBeGreaterThan(0);
      expect(c.salience).toBeLessThanOrEqual(1);
    }
  });

  it('keeps emotion words out of cue phrases, so mentions parse unambiguously', () => {
    const emotionWords = new Set(EMOTIONS.flatMap((e) => [e, EMOTION_WORDS[e].noun, EMOTION_WORDS[e].adjective]));
    for (const c of CUES) for (const w of splitWords(c.phrase)) expect(emotionWords.has(w), `${c.id}: ${w}`).toBe(false);
  });

  it('reads every cue back from a sentence mentioning it', () => {
    for (const c of CUES) expect(mentionedCues(`Her ${c.phrase} shows her fear.`)).toEqual([c.id]);
  });

  it('throws on an unknown cue id', () => {
    expect(() => cueById('no_such_cue')).toThrow(/unknown cue id "no_such_cue"/);
  });
});

describe('text prior', () => {
  it('links cues of one emotion, across and within modalities, symmetrically', () => {
    let cross = 0;
    for (const [a, b, w] of COOCCURRENCE_EDGES) {
      expect(cueById(a).emotion).toBe(cueById(b).emotion);
      expect(w).toBeGreaterThan(0);
      expect(cooccurringCues(a).some((n) => n.cue === b)).toBe(true);
      expect(cooccurringCues(b).some((n) => n.cue === a)).toBe(true);
      if (cueById(a).modality !== cueById(b).modality) cross++;
    }
    expect(cross).toBeGreaterThan(0);
    expect(cross).toBeLessThan(COOCCURRENCE_EDGES.length);
    expect(cooccurringCues('tears').map((n) => n.cue)).toContain('sobbing');
    expect(cooccurringCues('clenched_fists').map((n) => n.cue)).toContain('shouting');
    expect(cooccurringCues('clapping_hands').map((n) => n.cue)).toContain('cheering');
  });

  it('associates one distinct irrelevant cue per emotion and modality', () => {
    for (const m of CUE_MODALITIES) {
      const ids = EMOTIONS.map((e) => SPURIOUS_ASSOCIATION[m][e]);
      expect(new Set(ids).size).toBe(EMOTIONS.length);
      for (const e of EMOTIONS) {
        const c = cueById(SPURIOUS_ASSOCIATION[m][e]);
        expect(c.kind).toBe('irrelevant');
        expect(c.modality).toBe(m);
        expect(spuriousEmotionOf(c.id)).toBe(e);
      }
    }
    expect(spuriousEmotionOf('bookshelf')).toBeUndefined();
  });
});

describe('lexicon', () => {
  it('prefers the longest phrase and lists each cue once, in order', () => {
    expect(mentionedCues('His wide eyes and wide smile, then his wide smile again.')).toEqual(['wide_eyes', 'wide_smile']);
    expect(mentionedCues('Nothing here.')).toEqual([]);
  });

  it('maps labels, nouns and adjectives to emotions', () => {
    expect(mentionedEmotions('She is afraid, not neutral; neutrality and happiness.')).toEqual(['fear', 'neutral', 'happiness']);
    expect(mentionedEmotions('The emotional state')).toEqual([]);
  });

  it('splits possessives and punctuation', () => {
    expect(splitWords("The man's voice, calm?")).toEqual(['the', 'man', "'s", 'voice', ',', 'calm', '?']);
  });
});
