import { join } from 'path';
import * as dfd from 'danfojs';
import { describe, expect, it } from 'vitest';
import {
  errorTable,
  filterOutcomes,
  flipCounts,
  flipsFrame,
  joinOutcomes,
  outcomesFrame,
  predictionSet,
  readBenchmark,
  readPredictions,
  scoreEmoRealm,
  type Prediction,
} from '../../src/eval';
import { FIXTURES } from './helpers';

const bench = readBenchmark(join(FIXTURES, 'mini-benchmark.json'));
// Model A: the fixture predictions (see emorealm.test.ts). Strict-right: 1, 4, 6, 7, 9, 12, sv-14, sv-15, sv-16.
const a = scoreEmoRealm(bench, readPredictions(join(FIXTURES, 'mini-preds'))).outcomes;
// Model B answers "B" everywhere, with option log-likelihoods. Right where the answer is B: 1, 7, 8, 10, 11, sv-14, sv-15, sv-16.
const b = scoreEmoRealm(
  bench,
  predictionSet(
    bench.map((i): Prediction => ({ id: i.id, prediction: 'B', scores: i.options.length === 4 ? { A: -2, B: -0.5, C: -2.5, D: -3 } : { A: -1.5, B: -0.3 } })),
  ),
).outcomes;

describe('failure explorer', () => {
  it('filters by task, subtask, modality, emotion, cue and correctness', () => {
    const ids = (f: Parameters<typeof filterOutcomes>[1]) => filterOutcomes(a, f).map((o) => o.id);
    expect(ids({ task: 'modality_agreement' })).toEqual(['6', '7', '8']);
    expect(ids({ subtask: 'hallucination' })).toEqual(['11', 'sv-15', 'sv-16']);
    expect(ids({ subtask: 'hallucination', modality: 'visual' })).toEqual(['sv-15', 'sv-16']);
    expect(ids({ emotion: ['anger', 'fear'] })).toEqual(['1', '2', '6', '11', 'sv-15']);
    expect(ids({ cue: 'FIST' })).toEqual(['sv-15']);
    expect(ids({ task: ['reasoning_stress_audio', 'reasoning_stress_video'], correct: false })).toEqual(['10', '11', 'sv-13']);
    expect(ids({ status: ['ambiguous', 'empty'] })).toEqual(['2', '8', '11']);
  });

  it('counts errors per stress subtask, most errors first', () => {
    const table = dfd.toJSON(errorTable(a, ['subtask'], { task: ['reasoning_stress_audio', 'reasoning_stress_video'] }));
    // no_hallucination {9, 12, sv-13 missing}: 1 error of 3; spurious {10 wrong, sv-14}: 1 of 2; hallucination {11 ambiguous, sv-15, sv-16}: 1 of 3.
    expect(table).toEqual([
      { subtask: 'hallucination', items: 3, counted: 3, errors: 1, errorRate: 100 / 3, accuracy: 200 / 3 },
      { subtask: 'no_hallucination', items: 3, counted: 3, errors: 1, errorRate: 100 / 3, accuracy: 200 / 3 },
      { subtask: 'spurious', items: 2, counted: 2, errors: 1, errorRate: 50, accuracy: 50 },
    ]);
  });

  it('returns a frame with the outcome columns, and an empty frame that keeps them', () => {
    const df = outcomesFrame(a, { task: 'reasoning_basic_audio' });
    expect(df.shape).toEqual([3, 14]);
    expect(df.columns).toContain('status');
    const empty = outcomesFrame(a, { cue: 'no such cue' });
    expect(empty.shape).toEqual([0, 14]);
  });

  it('joins two models and classifies flips', () => {
    const counts: Record<string, string[]> = {};
    for (const j of joinOutcomes(a, b)) (counts[j.flip] ??= []).push(j.a.id);
    expect(counts).toEqual({
      'both right': ['1', '7', 'sv-14', 'sv-15', 'sv-16'],
      'both wrong': ['2', '3', '5', 'sv-13'],
      'right→wrong': ['4', '6', '9', '12'],
      'wrong→right': ['8', '10', '11'],
    });
  });

  it('lists flips side by side with option scores and margins', () => {
    const rows = dfd.toJSON(flipsFrame(a, b, { names: ['fixture', 'allB'], filter: { task: 'reasoning_stress_audio' } })) as Record<string, unknown>[];
    expect(rows.map((r) => [r['id'], r['flip']])).toEqual([
      ['9', 'right→wrong'],
      ['10', 'wrong→right'],
      ['11', 'wrong→right'],
      ['12', 'right→wrong'],
    ]);
    const r10 = rows[1] as Record<string, unknown>;
    expect(r10['prediction_fixture']).toBe('A');
    expect(r10['prediction_allB']).toBe('B');
    expect(r10['scores_allB']).toBe('A:-1.50 B:-0.30');
    expect(r10['margin_allB']).toBeCloseTo(1.2, 6); // log p(B) − log p(A) = −0.3 + 1.5
    expect(r10['margin_fixture']).toBeNull();
    expect(r10['cue']).toBe('sonar ping');
    const r9 = rows[0] as Record<string, unknown>;
    expect(r9['margin_allB']).toBeCloseTo(-1.2, 6);
  });

  it('counts flip kinds per group', () => {
    const rows = dfd.toJSON(flipCounts(a, b, ['modality'])) as Record<string, unknown>[];
    expect(rows).toEqual([
      { modality: 'audio', 'right→wrong': 2, 'wrong→right': 2, 'both right': 1, 'both wrong': 2 }, // 1..3, 9..12
      { modality: 'audiovisual', 'right→wrong': 1, 'wrong→right': 1, 'both right': 1, 'both wrong': 0 }, // 6, 8, 7
      { modality: 'visual', 'right→wrong': 1, 'wrong→right': 0, 'both right': 3, 'both wrong': 2 }, // 4, sv-14..16, 5 & sv-13
    ]);
  });
});
