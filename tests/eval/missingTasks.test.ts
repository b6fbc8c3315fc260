/** A task without a single prediction has no accuracy (issue 15): null, a warning, and no part in the average. */
import { describe, expect, it } from 'vitest';
import { formatReport, officialResults, predictionSet, reportMetrics, scoreEmoRealm } from '../../src/eval';
import { items, rawItem } from './helpers';

const bench = items([
  rawItem('reasoning_basic_audio', 1, 'A'),
  rawItem('reasoning_basic_audio', 2, 'B'),
  rawItem('modality_agreement', 3, 'A'),
  rawItem('modality_agreement', 4, 'B'),
]);
// Both basic items answered (1 right of 2); no agreement prediction at all.
const preds = predictionSet([
  { id: '1', prediction: 'A' },
  { id: '2', prediction: 'C' },
]);

describe('a task with no scored item', () => {
  for (const mode of ['official', 'strict'] as const) {
    it(`${mode} mode: accuracy is null, with a warning, and left out of average_accuracy`, () => {
      const report = scoreEmoRealm(bench, preds, { mode });
      const agree = report.tasks.find((t) => t.task === 'modality_agreement')!;
      expect(agree.accuracy).toBeNull();
      expect(agree.precision).toBeNull();
      expect(agree.recall).toBeNull();
      expect(agree.f1).toBeNull();
      expect(agree.yesPercentage).toBeNull();
      expect(agree.missing).toBe(2);
      expect(report.averageAccuracy).toBe(50); // basic_audio alone: 1 of 2
      expect(report.warnings).toEqual(['modality_agreement: none of its 2 items has a prediction; its metrics are missing and left out of average_accuracy']);
      const r = officialResults(report);
      expect(r['modality_agreement_overall_accuracy']).toBeNull();
      expect(r['average_accuracy']).toBe(50);
      expect(reportMetrics(report)['modality_agreement_overall_accuracy']).toBeUndefined();
      expect(report.ablation.agree).toBeNull();
      expect(formatReport(report)).toMatch(/warning: modality_agreement: none of its 2 items has a prediction/);
    });
  }

  it('no prediction at all: every accuracy and the average are null', () => {
    const report = scoreEmoRealm(bench, predictionSet([]), { mode: 'strict' });
    expect(report.tasks.map((t) => t.accuracy)).toEqual([null, null]);
    expect(report.averageAccuracy).toBeNull();
    expect(report.warnings).toHaveLength(2);
  });
});
