import { describe, expect, it } from 'vitest';
import { judgeDescription, judgeDescriptions, type CueEntry, type JudgeCase } from '../../src/eval';

const inventory: CueEntry[] = [
  { phrase: 'tears', id: 'tears', modality: 'visual', relevantTo: ['sadness'] },
  { phrase: 'teary eyes', id: 'tears', modality: 'visual', relevantTo: ['sadness'] },
  { phrase: 'sobbing', id: 'sobbing', modality: 'audio', relevantTo: ['sadness'] },
  { phrase: 'slumped posture', id: 'slumped', modality: 'visual', relevantTo: ['sadness'] },
  { phrase: 'clenched fists', id: 'clenched_fists', modality: 'visual', relevantTo: ['anger'] },
  { phrase: 'fists', id: 'fists', modality: 'visual', relevantTo: ['anger'] },
  { phrase: 'shouting', id: 'shouting', modality: 'audio', relevantTo: ['anger'] },
  { phrase: 'laughter', id: 'laughter', modality: 'audio', relevantTo: ['happiness'] },
  { phrase: 'dark sweater', id: 'dark_sweater', modality: 'visual', relevantTo: [] },
  { phrase: 'traffic noise', id: 'traffic', modality: 'audio', relevantTo: [] },
];

const sad: JudgeCase = {
  text:
    'The woman is sad. Her teary eyes and quiet sobbing show her grief. The dark sweater suggests sadness. ' +
    'There is no laughter. Traffic noise can be heard in the background. She also has clenched fists.',
  presentRelevant: ['tears', 'sobbing', 'slumped'],
  presentIrrelevant: ['dark_sweater', 'traffic'],
  emotion: 'sadness',
};
const angry: JudgeCase = {
  text: 'He looks angry and a bit sad, with clenched fists and loud shouting.',
  presentRelevant: ['clenched_fists'],
  presentIrrelevant: [],
  emotion: 'anger',
};
const blank: JudgeCase = { text: 'Nothing much happens.', presentRelevant: ['sobbing'], presentIrrelevant: [], emotion: 'sadness' };

describe('description judge', () => {
  it('counts clue overlap, label overlap, spurious and hallucinated cues by hand', () => {
    const r = judgeDescription(sad, { inventory });
    // Mentioned: tears ("teary eyes"), sobbing, dark sweater, traffic noise, clenched fists (not "fists" alone);
    // "no laughter" is negated.
    expect(r.mentioned).toEqual(['clenched_fists', 'dark_sweater', 'sobbing', 'tears', 'traffic']);
    expect(r.clueOverlap).toBeCloseTo(2 / 3, 12); // tears, sobbing of {tears, sobbing, slumped}
    expect(r.emotionsNamed).toEqual(['sadness']);
    expect(r.labelOverlap).toBe(1);
    // The sweater shares a sentence with "suggests sadness"; the traffic-noise sentence names no emotion.
    expect(r.spurious).toEqual(['dark_sweater']);
    expect(r.spuriousRate).toBeCloseTo(1 / 5, 12);
    expect(r.hallucinated).toEqual(['clenched_fists']);
    expect(r.hallucinatedTypical).toEqual([]); // clenched fists are typical of anger, not sadness
    expect(r.hallucinationRate).toBeCloseTo(1 / 5, 12);
  });

  it('splits label credit over the emotions named and flags typical hallucinations', () => {
    const r = judgeDescription(angry, { inventory });
    expect(r.mentioned).toEqual(['clenched_fists', 'shouting']);
    expect(r.clueOverlap).toBe(1);
    expect(r.emotionsNamed).toEqual(['sadness', 'anger']);
    expect(r.labelOverlap).toBe(0.5);
    expect(r.hallucinated).toEqual(['shouting']);
    expect(r.hallucinatedTypical).toEqual(['shouting']);
    expect(r.hallucinationRate).toBe(0.5);
    expect(r.spuriousRate).toBe(0);
  });

  it('scores a description that mentions nothing as 0 overlap and 0 rates', () => {
    const r = judgeDescription(blank, { inventory });
    expect([r.clueOverlap, r.labelOverlap, r.spuriousRate, r.hallucinationRate]).toEqual([0, 0, 0, 0]);
    expect(judgeDescription({ ...blank, presentRelevant: [] }, { inventory }).clueOverlap).toBeNull();
  });

  it('averages over descriptions', () => {
    const s = judgeDescriptions([sad, angry, blank], { inventory });
    expect(s.clueOverlap).toBeCloseTo((2 / 3 + 1 + 0) / 3, 12);
    expect(s.labelOverlap).toBeCloseTo((1 + 0.5 + 0) / 3, 12);
    expect(s.spuriousRate).toBeCloseTo((0.2 + 0 + 0) / 3, 12);
    expect(s.hallucinationRate).toBeCloseTo((0.2 + 0.5 + 0) / 3, 12);
  });

  it('uses a custom emotion vocabulary and rejects unknown cue ids', () => {
    const vocabulary = { neutral: [], happiness: [], sadness: ['blue'], anger: [], surprise: [], disgust: [], fear: [] };
    expect(judgeDescription({ ...blank, text: 'She feels blue.' }, { inventory, vocabulary }).labelOverlap).toBe(1);
    expect(() => judgeDescription({ ...blank, presentRelevant: ['unicorn'] }, { inventory })).toThrow(/cue id "unicorn" is not in the inventory/);
  });
});
