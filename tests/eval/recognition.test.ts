import { describe, expect, it } from 'vitest';
import { recognitionMetrics } from '../../src/eval';

describe('recognition metrics', () => {
  it('computes UAR, WAR, class-wise recall and weighted F1 by hand', () => {
    // truth: 3× happiness, 2× sadness, 1× anger; one prediction could not be read (null).
    const m = recognitionMetrics(
      ['happiness', 'happiness', 'happiness', 'sadness', 'sadness', 'anger'],
      ['happiness', 'happiness', 'sadness', 'sadness', null, 'happiness'],
    );
    // recall: happiness 2/3, sadness 1/2, anger 0/1; other classes absent from the truth → null.
    expect(m.classRecall.happiness).toBeCloseTo(200 / 3, 10);
    expect(m.classRecall.sadness).toBe(50);
    expect(m.classRecall.anger).toBe(0);
    expect(m.classRecall.disgust).toBeNull();
    // UAR = (66.67 + 50 + 0) / 3 = 38.89; WAR = 3 right / 6 = 50.
    expect(m.uar).toBeCloseTo((200 / 3 + 50) / 3, 10);
    expect(m.war).toBe(50);
    // F1_c = 2TP/(support + predicted): happiness 4/6, sadness 2/4, anger 0;
    // weighted = (3·4/6 + 2·2/4 + 1·0) / 6 = 0.5.
    expect(m.weightedF1).toBeCloseTo(50, 10);
    expect(m.support).toMatchObject({ happiness: 3, sadness: 2, anger: 1, fear: 0 });
    expect(m.confusion.sadness.none).toBe(1);
    expect(m.confusion.anger.happiness).toBe(1);
  });

  it('handles a class predicted but absent from the truth: skipped by default, 0 like sklearn on request', () => {
    // sklearn: recall_score(['h','s'], ['h','f'], average='macro') averages over {f, h, s} = (0 + 1 + 0)/3.
    const truth = ['happiness', 'sadness'] as const;
    const pred = ['happiness', 'fear'] as const;
    expect(recognitionMetrics(truth, pred).uar).toBe(50);
    expect(recognitionMetrics(truth, pred, { absentClasses: 'zero' }).uar).toBeCloseTo(100 / 3, 10);
    // Weighted F1: happiness 2·1/(1+1) = 1 with weight 1/2; sadness 0 → 50.
    expect(recognitionMetrics(truth, pred).weightedF1).toBe(50);
  });

  it('is perfect on perfect predictions and rejects bad input', () => {
    const all = ['neutral', 'happiness', 'sadness', 'anger', 'surprise', 'disgust', 'fear'] as const;
    const m = recognitionMetrics(all, all);
    expect([m.uar, m.war, m.weightedF1]).toEqual([100, 100, 100]);
    expect(() => recognitionMetrics(['fear'], [])).toThrow(/1 truths but 0 predictions/);
    expect(() => recognitionMetrics([], [])).toThrow(/no samples/);
    expect(() => recognitionMetrics(['joy' as 'fear'], ['fear'])).toThrow(/truth #0 "joy" is not a class/);
  });
});
