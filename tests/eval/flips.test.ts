import { join } from 'path';
import * as dfd from 'danfojs';
import { describe, expect, it } from 'vitest';
import {
  exploreFiles,
  exploreFlips,
  flipRowsFrame,
  groupErrorsFrame,
  InputError,
  predictionSet,
  scoreEmoRealm,
  validateBenchmark,
  type ClipCues,
  type Prediction,
} from '../../src/eval';

const RELEASED = join(__dirname, '..', 'fixtures', 'released');

// A hand-built stress benchmark with subtasks: 10 visual hallucination questions h0–h9 (answer No),
// 4 visual spurious s0–s3 (No), 4 visual no-hallucination n0–n3 (Yes), 2 audio hallucination a0–a1 (No),
// and one basic-reasoning question (never in the stress tables).
const yn = ['(A) Yes', '(B) No'];
const stress = (id: string, modality: 'audio' | 'visual', subtask: string, answer: string, cue: string) => ({
  id,
  video: `clip-${id}`,
  task: modality === 'audio' ? 'reasoning_stress_audio' : 'reasoning_stress_video',
  question: `Does the ${cue} show the emotion?`,
  choices: yn,
  answer,
  subtask,
  modality,
  emotion: 'sadness',
  cue,
});
const items = validateBenchmark(
  [
    ...Array.from({ length: 10 }, (_, k) => stress(`h${k}`, 'visual', 'hallucination', 'B', 'tears')),
    ...Array.from({ length: 4 }, (_, k) => stress(`s${k}`, 'visual', 'spurious', 'B', 'red_scarf')),
    ...Array.from({ length: 4 }, (_, k) => stress(`n${k}`, 'visual', 'no_hallucination', 'A', 'downward_gaze')),
    ...Array.from({ length: 2 }, (_, k) => stress(`a${k}`, 'audio', 'hallucination', 'B', 'sobbing')),
    {
      id: 'b0',
      video: 'clip-b0',
      task: 'reasoning_basic_audio',
      question: 'Which audio cue?',
      choices: ['(A) sobbing', '(B) hiss', '(C) horn', '(D) rain'],
      answer: 'A',
    },
  ],
  'hand-built benchmark',
);
const preds = (f: (id: string) => string, scores: Record<string, Record<string, number>> = {}) =>
  predictionSet(items.map((i): Prediction => ({ id: i.id, prediction: f(i.id), ...(scores[i.id] ? { scores: scores[i.id] } : {}) })));
// A says Yes ("A") everywhere but h9. B says No on h0–h7, s*, n*; Yes on h8, h9, a*.
const reportA = scoreEmoRealm(
  items,
  preds((id) => (id === 'h9' ? 'B' : 'A'), { h0: { A: -0.1, B: -2.0 } }),
);
const reportB = scoreEmoRealm(
  items,
  preds((id) => (/^h[0-7]$/.test(id) || /^[sn]/.test(id) || id === 'b0' ? 'B' : 'A'), { h0: { A: -1.5, B: -0.5 } }),
);
// The clip of h0 has the cue it is asked about (tears); the other h-clips do not; the other clips are unknown.
const clipCues = (video: string): ClipCues | undefined =>
  video === 'clip-h0'
    ? {
        audio: [{ cue: 'sobbing', relevant: true }],
        visual: [
          { cue: 'tears', relevant: true },
          { cue: 'red_scarf', relevant: false },
        ],
      }
    : video.startsWith('clip-h')
      ? { audio: [], visual: [{ cue: 'downward_gaze', relevant: true }] }
      : undefined;

describe('exploreFlips on a hand-built pair (subtasks)', () => {
  const x = exploreFlips(items, reportA, reportB, {
    subtask: 'hallucination',
    modality: 'visual',
    names: ['base', 'dpo'],
    clipCues,
    bootstrap: { resamples: 200 },
  });

  it('lists the fixed and broken questions of the selection with cue, option scores and the clip cues', () => {
    expect(x.groupedBy).toBe('subtask');
    expect(x.note).toBeNull();
    expect(x.selection).toMatchObject({
      modality: 'visual',
      subtask: 'hallucination',
      task: 'reasoning_stress_video',
      label: 'hallucination · visual',
      items: 10,
    });
    // fixed: h0–h7 (A said Yes, B No); broken: h9 (A No, B Yes); h8 both wrong; none both right.
    expect(x.fixed.map((r) => r.id)).toEqual(['h0', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7']);
    expect(x.broken.map((r) => r.id)).toEqual(['h9']);
    const h0 = x.fixed[0]!;
    expect(h0).toMatchObject({
      video: 'clip-h0',
      cue: 'tears',
      cuePresent: true,
      answer: 'B',
      prediction: ['A', 'B'],
      scores: [
        { A: -0.1, B: -2.0 },
        { A: -1.5, B: -0.5 },
      ],
    });
    // margin = log p(B) − log p(A): −2.0 − (−0.1) = −1.9 before, −0.5 − (−1.5) = 1.0 after
    expect(h0.margin[0]).toBeCloseTo(-1.9, 12);
    expect(h0.margin[1]).toBeCloseTo(1.0, 12);
    expect(h0.clipCues?.visual).toEqual([
      { cue: 'tears', relevant: true },
      { cue: 'red_scarf', relevant: false },
    ]);
    expect(x.fixed[1]).toMatchObject({ cuePresent: false, scores: [null, null], margin: [null, null] });
  });

  it("runs McNemar's exact test on the flips and the paired bootstrap of the accuracy difference", () => {
    // 8 fixed, 1 broken: p = 2·P(X ≤ 1), X ~ Bin(9, ½) = 2·(1 + 9)/512 = 0.0390625
    // (scipy: 2 * scipy.stats.binom.cdf(1, 9, 0.5) = 0.0390625)
    expect(x.mcnemar).toMatchObject({ fixed: 8, broken: 1, bothRight: 0, bothWrong: 1 });
    expect(x.mcnemar.pValue).toBeCloseTo(0.0390625, 12);
    expect(x.mcnemar.fixed).toBe(x.fixed.length);
    expect(x.mcnemar.broken).toBe(x.broken.length);
    // accuracy 1/10 → 8/10: B − A = 70 points
    expect(x.selection.accuracy).toEqual([10, 80]);
    expect(x.difference.estimate).toBeCloseTo(70, 9);
    expect(x.difference.lower).toBeGreaterThan(0);
    expect(x.difference.upper).toBeLessThanOrEqual(100);
  });

  it("counts both models' errors per stress subtask × modality, in the paper's order, stress items only", () => {
    // no_hallucination·visual: A says Yes (0 wrong), B No (4); spurious·visual: 4 vs 0;
    // hallucination·audio: both Yes (2, 2); hallucination·visual: A wrong on h0–h8 (9), B on h8, h9 (2).
    // Flips per group: 0 fixed / 4 broken (p = 2/16), 4 / 0 (p = 2/16), 0 / 0 (p = 1), 8 / 1 (p = 20/512).
    expect(x.errors.map(({ pValue, ...e }) => e)).toEqual([
      { group: 'no_hallucination', modality: 'visual', items: 4, counted: [4, 4], errors: [0, 4], errorRate: [0, 100], fixed: 0, broken: 4 },
      { group: 'spurious', modality: 'visual', items: 4, counted: [4, 4], errors: [4, 0], errorRate: [100, 0], fixed: 4, broken: 0 },
      { group: 'hallucination', modality: 'audio', items: 2, counted: [2, 2], errors: [2, 2], errorRate: [100, 100], fixed: 0, broken: 0 },
      { group: 'hallucination', modality: 'visual', items: 10, counted: [10, 10], errors: [9, 2], errorRate: [90, 20], fixed: 8, broken: 1 },
    ]);
    const p = x.errors.map((e) => e.pValue);
    [0.125, 0.125, 1, 0.0390625].forEach((want, k) => expect(p[k]).toBeCloseTo(want, 12));
  });

  it('builds danfojs frames of the flips and the errors', () => {
    const f = flipRowsFrame(x.fixed, x.names);
    expect(f.shape).toEqual([8, 14]);
    const first = (dfd.toJSON(f) as Record<string, unknown>[])[0]!;
    expect(first).toMatchObject({ id: 'h0', cue: 'tears', 'cue in clip': 'yes', 'scores (base)': 'A:-0.10 B:-2.00', 'scores (dpo)': 'A:-1.50 B:-0.50' });
    expect(first['clip visual cues']).toBe('tears; irrelevant: red_scarf');
    expect(first['clip audio cues']).toBe('sobbing');
    expect(flipRowsFrame([], x.names).shape).toEqual([0, 14]);
    const errors = groupErrorsFrame(x);
    expect(errors.columns).toEqual([
      'subtask',
      'modality',
      'items',
      'errors (base)',
      'error % (base)',
      'errors (dpo)',
      'error % (dpo)',
      'fixed',
      'broken',
      'McNemar p',
    ]);
    expect((dfd.toJSON(errors) as Record<string, unknown>[])[3]).toMatchObject({
      subtask: 'hallucination',
      modality: 'visual',
      fixed: 8,
      broken: 1,
      'McNemar p': '0.039',
    });
  });

  it('other selections and unknown names', () => {
    const y = exploreFlips(items, reportA, reportB, { subtask: 'no_hallucination', modality: 'visual', bootstrap: { resamples: 50 } });
    // n0–n3: A right (Yes), B wrong (No): 4 broken, p = 2·(1/16) = 0.125
    expect(y.broken.map((r) => r.id)).toEqual(['n0', 'n1', 'n2', 'n3']);
    expect(y.fixed).toEqual([]);
    expect(y.mcnemar.pValue).toBeCloseTo(0.125, 12);
    expect(y.names).toEqual(['A', 'B']);
    expect(y.broken[0]!.clipCues).toBeNull();
    expect(() => exploreFlips(items, reportA, reportB, { subtask: 'spurius' as never })).toThrow(
      /unknown stress subtask "spurius" \(known: no_hallucination, spurious, hallucination\)/,
    );
    expect(() => exploreFlips(items, reportA, reportB, { modality: 'video' as never })).toThrow(/unknown modality "video" \(known: audio, visual\)/);
    // no spurious audio question in this benchmark
    expect(() => exploreFlips(items, reportA, reportB, { subtask: 'spurious', modality: 'audio' })).toThrow(/no spurious · audio question/);
  });
});

describe('exploreFiles on the released format (no subtask field)', () => {
  const files = {
    benchmark: join(RELEASED, 'emorealm-released.json'),
    predictions: [join(RELEASED, 'model-a.jsonl'), join(RELEASED, 'model-b.jsonl')] as [string, string],
  };

  it('groups by task and says so', () => {
    const x = exploreFiles({ ...files, names: ['model A', 'model B'], subtask: 'hallucination', modality: 'visual' });
    expect(x.groupedBy).toBe('task');
    expect(x.note).toMatch(/10 of its 10 stress-test items have no `subtask` field/);
    expect(x.note).toMatch(/every reasoning_stress_video question, not only "hallucination" ones/);
    expect(x.selection).toMatchObject({ subtask: null, task: 'reasoning_stress_video', label: 'reasoning_stress_video', items: 7 });
    // s-v1..s-v4: A wrong, B right ("Yes" → A and "The answer is B." → B are parsed); s-v5: A right, B wrong; s-v6 both right; s-v7 both wrong.
    expect(x.fixed.map((r) => r.id)).toEqual(['s-v1', 's-v2', 's-v3', 's-v4']);
    expect(x.broken.map((r) => r.id)).toEqual(['s-v5']);
    // p = 2·P(X ≤ 1), X ~ Bin(5, ½) = 2·6/32 = 0.375
    expect(x.mcnemar).toMatchObject({ fixed: 4, broken: 1, bothRight: 1, bothWrong: 1 });
    expect(x.mcnemar.pValue).toBeCloseTo(0.375, 12);
    expect(x.fixed[0]).toMatchObject({ cue: null, cuePresent: null, clipCues: null, subtask: null, scores: [{ A: -0.1, B: -2.0 }, null] });
    // errors per task, in the file's order: basic audio 1 / 1, basic video 0 / 0, agreement 1 / 0, stress audio 1 / 2, stress video 5 / 2
    // and the flips per task: basic audio b-a2 fixed, b-a1 broken (p = 2·3/4, capped at 1); agreement ag1 fixed (p = 1); stress audio s-a3 broken (p = 1)
    expect(x.errors.map((e) => [e.group, e.modality, e.items, ...e.errors, e.fixed, e.broken])).toEqual([
      ['reasoning_basic_audio', 'audio', 2, 1, 1, 1, 1],
      ['reasoning_basic_video', 'visual', 1, 0, 0, 0, 0],
      ['modality_agreement', 'audiovisual', 1, 1, 0, 1, 0],
      ['reasoning_stress_audio', 'audio', 3, 1, 2, 0, 1],
      ['reasoning_stress_video', 'visual', 7, 5, 2, 4, 1],
    ]);
    expect(x.errors.slice(0, 4).map((e) => e.pValue)).toEqual([1, 1, 1, 1]);
    expect(x.errors[4]!.pValue).toBeCloseTo(0.375, 12);
    expect(groupErrorsFrame(x).columns[0]).toBe('task');
    expect(x.warnings).toEqual([]);
  });

  it('names the files by default and selects the audio stress task', () => {
    const x = exploreFiles({ ...files, modality: 'audio' });
    expect(x.names).toEqual(files.predictions);
    // s-a3: A right, B wrong; s-a1 both right; s-a2 both wrong. p = 2·P(X ≤ 0), X ~ Bin(1, ½) = 1
    expect(x.broken.map((r) => r.id)).toEqual(['s-a3']);
    expect(x.mcnemar).toEqual({ fixed: 0, broken: 1, bothRight: 1, bothWrong: 1, pValue: 1 });
  });

  it('a malformed prediction file gives an error naming the file, the item and the field', () => {
    const bad = join(RELEASED, 'bad-predictions.jsonl');
    const run = () => exploreFiles({ ...files, predictions: [files.predictions[0], bad] });
    expect(run).toThrow(InputError);
    expect(run).toThrow(`${bad}:3: (id "s-v2"): field "prediction": expected a string`);
  });
});
