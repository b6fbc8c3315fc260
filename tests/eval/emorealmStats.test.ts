import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { bootstrapMetric, bootstrapReport, compareReports, predictionSet, readBenchmark, readPredictions, reportMetrics, scoreEmoRealm } from '../../src/eval';
import { FIXTURES } from './helpers';

const bench = readBenchmark(join(FIXTURES, 'mini-benchmark.json'));
const a = scoreEmoRealm(bench, readPredictions(join(FIXTURES, 'mini-preds')));
const b = scoreEmoRealm(bench, predictionSet(bench.map((i) => ({ id: i.id, prediction: 'B' }))));

describe('EmoReAlM intervals and comparisons', () => {
  it('lists metric keys without the counts, plus the available ablation metrics', () => {
    const m = reportMetrics(a);
    expect(Object.keys(m)).not.toContain('modality_agreement_missing');
    expect(m['average_accuracy']).toBeCloseTo(55, 10);
    expect(m['ablation_agree']).toBeCloseTo(200 / 3, 10);
  });

  it('bootstraps every metric from task-stratified resamples, deterministically', () => {
    const ci = bootstrapReport(a, { seed: 5, resamples: 200 });
    expect(bootstrapReport(a, { seed: 5, resamples: 200 })).toEqual(ci);
    for (const [k, v] of Object.entries(ci)) {
      expect(v.lower, k).toBeLessThanOrEqual(v.upper);
      expect(v.estimate).toBe(reportMetrics(a)[k]);
    }
    // Model B never answers Yes on a Yes-item → stress-video precision is 0 in every resample.
    const bci = bootstrapReport(b, { resamples: 100 });
    expect([bci['reasoning_stress_video_precision']?.lower, bci['reasoning_stress_video_precision']?.upper]).toEqual([0, 0]);
    const one = bootstrapMetric(a, 'average_accuracy', { seed: 5, resamples: 200 });
    expect(one.estimate).toBeCloseTo(55, 10);
    expect(() => bootstrapMetric(a, 'no_such_metric')).toThrow(/unknown or unavailable metric/);
  });

  it('compares two models on the same questions', () => {
    // Strict: A-only right {4, 6, 9, 12}, B-only right {8, 10, 11} → p = 2·P(X ≤ 3), X ~ Bin(7, ½) = 2·64/128 = 1.
    const c = compareReports(a, b, { resamples: 200 });
    expect(c.mcnemar).toMatchObject({ onlyA: 4, onlyB: 3, bothRight: 5, bothWrong: 4 });
    expect(c.mcnemar.pValue).toBeCloseTo(1, 12);
    // B's average: basic_audio 1/3, basic_video 0/2, agreement 2/3, stress_audio 2/4, stress_video 3/4 → (33.3 + 0 + 66.7 + 50 + 75)/5 = 45.
    expect(c.bootstrap.difference).toBeCloseTo(55 - 45, 10);
    expect(c.bootstrap.lower).toBeLessThanOrEqual(c.bootstrap.upper);
    expect(() => compareReports(a, scoreEmoRealm(bench, predictionSet([]), { mode: 'official' }))).toThrow(/modes differ/);
    expect(() => compareReports(a, scoreEmoRealm(bench.slice(1), predictionSet([])))).toThrow(/16 vs 15 items/);
  });
});
