import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { officialResults, predictionSet, readBenchmark, readPredictions, scoreEmoRealm, f1Score } from '../../src/eval';
import { FIXTURES, items, rawItem } from './helpers';

const bench = readBenchmark(join(FIXTURES, 'mini-benchmark.json'));
const preds = readPredictions(join(FIXTURES, 'mini-preds'));

// The mini fixture (16 items) and its predictions, item by item:
//   id  task          answer  prediction        official (letter token)   strict (one parsed answer)
//   1   basic_audio   B       "B"               right                     B right
//   2   basic_audio   C       "A or C"          right ("c" is a token)    ambiguous
//   3   basic_audio   A       "This is a sad…"  right (article "a")       unparseable
//   4   basic_video   D       "(d)"             right                     D right
//   5   basic_video   A       (missing)         skipped                   missing, wrong
//   6   agreement     A=Yes   "Yes"             wrong (no "a" token)      A right
//   7   agreement     B=No    "B"               right                     B right
//   8   agreement     B=No    "" (empty file)   wrong                     empty
//   9   stress_audio  A=Yes   "A"               right                     A right      (no_hallucination)
//   10  stress_audio  B=No    "A"               wrong                     A wrong      (spurious)
//   11  stress_audio  B=No    "Yes and No"      wrong                     ambiguous    (hallucination)
//   12  stress_audio  A=Yes   "Answer: A"       right                     A right      (no_hallucination)
//   sv-13 stress_video A=Yes  (missing)         skipped                   missing      (no_hallucination)
//   sv-14 stress_video B=No   "No."             wrong                     B right      (spurious)
//   sv-15 stress_video B=No   "(B) No"          right                     B right      (hallucination)
//   sv-16 stress_video B=No   "  b.  "          right                     B right      (hallucination)

describe('EmoReAlM scoring, official mode', () => {
  const report = scoreEmoRealm(bench, preds, { mode: 'official' });
  const r = officialResults(report);

  it('matches the released scorer item by item', () => {
    // basic_audio 3/3; basic_video 1/1 (item 5 skipped).
    expect(r['reasoning_basic_audio_overall_accuracy']).toBe(100);
    expect(r['reasoning_basic_video_overall_accuracy']).toBe(100);
    // agreement: right {7} of {6,7,8} = 33.33; precision = Yes-items right {}/{6} = 0;
    // recall = No-items right {7}/{7,8} = 50; F1 = 2·0·50/50 = 0;
    // yes% = (right Yes-items + wrong No-items) / counted = (0 + 1 [item 8]) / 3 = 33.33.
    expect(r['modality_agreement_overall_accuracy']).toBeCloseTo(100 / 3, 10);
    expect(r['modality_agreement_precision']).toBe(0);
    expect(r['modality_agreement_recall']).toBe(50);
    expect(r['modality_agreement_f1_score']).toBe(0);
    expect(r['modality_agreement_model_yes_percentage']).toBeCloseTo(100 / 3, 10);
    // stress_audio: right {9,12} of 4 = 50; P = 2/2 = 100; R = 0/2 = 0; F1 = 0;
    // yes% = (2 right Yes-items + 2 wrong No-items [10, 11]) / 4 = 100.
    expect(r['reasoning_stress_audio_overall_accuracy']).toBe(50);
    expect(r['reasoning_stress_audio_precision']).toBe(100);
    expect(r['reasoning_stress_audio_recall']).toBe(0);
    expect(r['reasoning_stress_audio_f1_score']).toBe(0);
    expect(r['reasoning_stress_audio_model_yes_percentage']).toBe(100);
    // stress_video: sv-13 skipped → no Yes-item counted → precision 0 (the scorer's "if yes_total > 0 else 0");
    // right {15,16} of {14,15,16} = 66.67 = recall; F1 = 0; yes% = 1 wrong No-item [14] / 3.
    expect(r['reasoning_stress_video_overall_accuracy']).toBeCloseTo(200 / 3, 10);
    expect(r['reasoning_stress_video_precision']).toBe(0);
    expect(r['reasoning_stress_video_recall']).toBeCloseTo(200 / 3, 10);
    expect(r['reasoning_stress_video_model_yes_percentage']).toBeCloseTo(100 / 3, 10);
    // average = (100 + 100 + 33.33 + 50 + 66.67) / 5 = 70 (Python prints 70.00000000000001 too).
    expect(r['average_accuracy']).toBeCloseTo(70, 10);
  });

  it('counts missing predictions (skipped) and what the strict parser cannot read', () => {
    expect(r['reasoning_basic_video_missing']).toBe(1);
    expect(r['reasoning_stress_video_missing']).toBe(1);
    expect(r['reasoning_basic_audio_unparseable']).toBe(2); // items 2 (ambiguous) and 3
    expect(r['modality_agreement_unparseable']).toBe(1); // item 8 (empty)
    const video = report.tasks.find((t) => t.task === 'reasoning_basic_video');
    expect(video?.counted).toBe(1);
    expect(video?.items).toBe(2);
  });

  it("has exactly the released scorer's keys plus _missing and _unparseable", () => {
    const tasks = ['reasoning_basic_audio', 'reasoning_basic_video', 'modality_agreement', 'reasoning_stress_audio', 'reasoning_stress_video'];
    const expected = tasks.flatMap((t) => [
      `${t}_overall_accuracy`,
      ...(t.startsWith('reasoning_basic') ? [] : [`${t}_precision`, `${t}_recall`, `${t}_f1_score`, `${t}_model_yes_percentage`]),
      `${t}_missing`,
      `${t}_unparseable`,
    ]);
    expect(Object.keys(r)).toEqual([...expected, 'average_accuracy']);
  });

  it('gives subtask accuracies with missing items skipped, and the D.5 ablation metrics', () => {
    const acc = Object.fromEntries(report.subtasks.map((s) => [`${s.modality}/${s.subtask}`, s.accuracy]));
    expect(acc).toEqual({
      'audio/no_hallucination': 100, // {9, 12}
      'audio/spurious': 0, // {10}
      'audio/hallucination': 0, // {11}
      'visual/no_hallucination': null, // {sv-13} skipped → nothing counted
      'visual/spurious': 0, // {sv-14}
      'visual/hallucination': 100, // {sv-15, sv-16}
    });
    // Basic = (100 + 100)/2; Stress = (F1 audio 0 + F1 video 0)/2; Agree = F1 0; Spur. = (0 + 0)/2; Hall. = (0 + 100)/2.
    expect(report.ablation).toEqual({ basic: 100, stress: 0, agree: 0, spurious: 0, hallucination: 50 });
  });
});

describe('EmoReAlM scoring, strict mode (the default)', () => {
  const report = scoreEmoRealm(bench, preds);
  const r = officialResults(report);

  it('parses one answer per item and keeps missing and unparseable items as wrong', () => {
    expect(report.mode).toBe('strict');
    // basic_audio: right {1} of 3 = 33.33 (2 ambiguous, 3 unparseable); basic_video: right {4} of 2 = 50.
    expect(r['reasoning_basic_audio_overall_accuracy']).toBeCloseTo(100 / 3, 10);
    expect(r['reasoning_basic_audio_unparseable']).toBe(2);
    expect(r['reasoning_basic_video_overall_accuracy']).toBe(50);
    expect(r['reasoning_basic_video_missing']).toBe(1);
    // agreement: right {6, 7} of 3; P = {6}/{6} = 100; R = {7}/{7, 8} = 50; F1 = 2·100·50/150 = 66.67;
    // yes% = parsed Yes {6} / 3 = 33.33.
    expect(r['modality_agreement_overall_accuracy']).toBeCloseTo(200 / 3, 10);
    expect(r['modality_agreement_precision']).toBe(100);
    expect(r['modality_agreement_recall']).toBe(50);
    expect(r['modality_agreement_f1_score']).toBeCloseTo(200 / 3, 10);
    expect(r['modality_agreement_model_yes_percentage']).toBeCloseTo(100 / 3, 10);
    // stress_audio: right {9, 12} of 4; P = 100; R = 0/2; F1 = 0; yes% = parsed Yes {9, 10, 12} / 4 = 75.
    expect(r['reasoning_stress_audio_overall_accuracy']).toBe(50);
    expect(r['reasoning_stress_audio_f1_score']).toBe(0);
    expect(r['reasoning_stress_audio_model_yes_percentage']).toBe(75);
    // stress_video: right {14, 15, 16} of 4 = 75; P = {}/{13} = 0; R = 3/3 = 100; F1 = 0; yes% = 0.
    expect(r['reasoning_stress_video_overall_accuracy']).toBe(75);
    expect(r['reasoning_stress_video_precision']).toBe(0);
    expect(r['reasoning_stress_video_recall']).toBe(100);
    expect(r['reasoning_stress_video_model_yes_percentage']).toBe(0);
    // average = (33.33 + 50 + 66.67 + 50 + 75) / 5 = 55.
    expect(r['average_accuracy']).toBeCloseTo(55, 10);
  });

  it("records each item's parse status", () => {
    const status = Object.fromEntries(report.outcomes.map((o) => [o.id, o.status]));
    expect(status).toMatchObject({ '2': 'ambiguous', '3': 'unparseable', '5': 'missing', '8': 'empty', '11': 'ambiguous', 'sv-13': 'missing', '6': 'answer' });
  });

  it('gives subtask accuracies with missing counted, and the D.5 ablation metrics', () => {
    const acc = Object.fromEntries(report.subtasks.map((s) => [`${s.modality}/${s.subtask}`, s.accuracy]));
    expect(acc).toEqual({
      'audio/no_hallucination': 100,
      'audio/spurious': 0,
      'audio/hallucination': 0,
      'visual/no_hallucination': 0, // sv-13 missing → wrong
      'visual/spurious': 100,
      'visual/hallucination': 100,
    });
    // Basic = (33.33 + 50)/2 = 41.67; Stress = (0 + 0)/2; Agree = 66.67; Spur. = (0 + 100)/2; Hall. = (0 + 100)/2.
    expect(report.ablation.basic).toBeCloseTo(125 / 3, 10);
    expect(report.ablation.stress).toBe(0);
    expect(report.ablation.agree).toBeCloseTo(200 / 3, 10);
    expect(report.ablation.spurious).toBe(50);
    expect(report.ablation.hallucination).toBe(50);
  });
});

describe('EmoReAlM scoring edge cases', () => {
  it('defines F1 as 0 when precision and recall are both 0 (the released scorer divides by zero)', () => {
    expect(f1Score(0, 0)).toBe(0);
    expect(f1Score(100, 50)).toBeCloseTo(200 / 3, 12);
    const b = items([rawItem('reasoning_stress_audio', 1, 'A'), rawItem('reasoning_stress_audio', 2, 'B')]);
    const r = officialResults(
      scoreEmoRealm(
        b,
        predictionSet([
          { id: '1', prediction: 'B' },
          { id: '2', prediction: 'A' },
        ]),
      ),
    );
    expect(r['reasoning_stress_audio_f1_score']).toBe(0);
    expect(r['reasoning_stress_audio_precision']).toBe(0);
    expect(r['reasoning_stress_audio_recall']).toBe(0);
    // Said Yes on item 2 only: 1 of 2.
    expect(r['reasoning_stress_audio_model_yes_percentage']).toBe(50);
  });

  it('official mode: a task whose predictions are all missing has no accuracy and stays out of the average', () => {
    // The released scorer reports 0 here and averages it in (issue 15): a number it did not measure.
    const b = items([rawItem('reasoning_basic_audio', 1, 'A'), rawItem('reasoning_basic_video', 2, 'A')]);
    const r = officialResults(scoreEmoRealm(b, predictionSet([{ id: '1', prediction: 'A' }]), { mode: 'official' }));
    expect(r['reasoning_basic_video_overall_accuracy']).toBeNull();
    expect(r['average_accuracy']).toBe(100); // basic_audio alone
  });

  it('reports only the tasks present, in order of first appearance, and ablation null when parts are missing', () => {
    const b = items([rawItem('modality_agreement', 1, 'A'), rawItem('reasoning_basic_video', 2, 'A')]);
    const report = scoreEmoRealm(
      b,
      predictionSet([
        { id: '1', prediction: 'yes' },
        { id: '2', prediction: 'A' },
      ]),
    );
    expect(report.tasks.map((t) => t.task)).toEqual(['modality_agreement', 'reasoning_basic_video']);
    expect(report.ablation).toEqual({ basic: null, stress: null, agree: null, spurious: null, hallucination: null });
    // agreement: 1 Yes-item answered right: P = 100; no No-item → R unmeasured (strict mode), so F1 too.
    expect(report.tasks[0]?.precision).toBe(100);
    expect(report.tasks[0]?.recall).toBeNull();
    // official mode keeps the released scorer's 0 for a kind with no item (and so F1 = 0)
    const official = scoreEmoRealm(
      b,
      predictionSet([
        { id: '1', prediction: 'yes' },
        { id: '2', prediction: 'A' },
      ]),
      { mode: 'official' },
    );
    expect(official.tasks[0]?.recall).toBe(0);
  });

  it('is deterministic', () => {
    expect(officialResults(scoreEmoRealm(bench, preds))).toEqual(officialResults(scoreEmoRealm(bench, preds)));
  });
});
