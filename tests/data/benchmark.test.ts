import { beforeAll, describe, expect, it } from 'vitest';
import { EMOREALM_TASKS, EMOTIONS, type EmoRealmItem } from '../../src/formats';
import { Rng } from '../../src/random';
import { cueById, defaultWorldConfig, isPresent, type ClipSpec } from '../../src/world';
import {
  benchmarkTaskStats,
  defaultCorpusConfig,
  expectedIrrelevantAssociation,
  filterTextSolvable,
  fig9Comparison,
  generateBenchmark,
  irrelevantAssociation,
  letterIndex,
  measureBenchmarkAnswers,
  parseEmoRealmJson,
  scoringView,
  stressSubtaskCounts,
  table1Comparison,
  TABLE1_COUNTS,
  type Benchmark,
} from '../../src/data';
import { mentionedCues } from '../../src/world';

let bench: Benchmark;
let clips: Map<string, ClipSpec>;
beforeAll(() => {
  bench = generateBenchmark(defaultWorldConfig(), defaultCorpusConfig().benchmark, new Rng(5));
  clips = new Map(bench.clips.map((c) => [c.id, c]));
});

describe('benchmark (default size)', () => {
  it('matches Table 1: questions and videos per task, 4000 questions over 2649 videos', () => {
    for (const row of table1Comparison(bench.items)) {
      expect(row.oursQA, row.task).toBe(row.paperQA);
      expect(row.oursVideos, row.task).toBe(row.paperVideos);
    }
    expect(bench.items.length).toBe(4000);
    expect(bench.clips.length).toBe(2649);
    expect(new Set(bench.items.map((i) => i.id)).size).toBe(4000);
  });

  it('splits the stress tests as Fig. 9 and balances yes/no answers exactly', () => {
    expect(stressSubtaskCounts(820)).toEqual({ no_hallucination: 410, spurious: 205, hallucination: 205 });
    expect(stressSubtaskCounts(728)).toEqual({ no_hallucination: 364, spurious: 182, hallucination: 182 });
    expect(stressSubtaskCounts(7)).toEqual({ no_hallucination: 4, spurious: 2, hallucination: 1 });
    for (const row of fig9Comparison(bench.items)) expect(row.oursShare).toBe(row.paperShare);
    for (const s of benchmarkTaskStats(bench.items)) {
      if (s.task === 'modality_agreement' || s.task.startsWith('reasoning_stress')) {
        expect(s.letters.A, s.task).toBe(0.5);
        expect(s.letters.B, s.task).toBe(0.5);
      } else {
        for (const l of ['A', 'B', 'C', 'D']) expect(Math.abs((s.letters[l] ?? 0) - 0.25), `${s.task} ${l}`).toBeLessThan(0.06);
      }
    }
    for (const item of bench.items.filter((i) => i.task.startsWith('reasoning_stress'))) {
      expect(item.choices).toEqual(['(A) Yes', '(B) No']);
      expect(item.answer).toBe(item.subtask === 'no_hallucination' ? 'A' : 'B');
    }
  });

  it('answers every question correctly per the clip specs, with no planted correlation', () => {
    const m = measureBenchmarkAnswers(bench.items, clips);
    expect(m.wrongAnswerRate.k).toBe(0);
    expect(m.irrelevantCreditRate.k).toBe(0);
    expect(m.hallucinationRate.k).toBe(0);
    expect(m.leakageRate.k).toBe(0);
    expect(m.leakageRate.n).toBeGreaterThan(100);
    expect(m.stressYesShare.rate).toBe(0.5);
    expect(m.agreementYesShare.rate).toBe(0.5);
    const assoc = irrelevantAssociation(bench.clips);
    expect(expectedIrrelevantAssociation(defaultWorldConfig().sources.benchmark).rho).toBeCloseTo(0, 12);
    expect(Math.abs(assoc.rho)).toBeLessThan(0.03);
  });

  it('builds basic options per §3.1: correct, spurious, hallucinated, other emotion', () => {
    for (const item of bench.items.filter((i) => i.task.startsWith('reasoning_basic'))) {
      const clip = clips.get(item.video)!;
      const view = scoringView(item);
      expect(view.options.length).toBe(4);
      expect(new Set(view.options).size).toBe(4);
      const kinds = view.options.map((o) => {
        const cue = cueById(mentionedCues(o)[0]!);
        if (cue.kind === 'irrelevant') return isPresent(clip, cue.id) ? 'spurious' : 'bad';
        if (!isPresent(clip, cue.id)) return cue.emotion === item.emotion ? 'hallucinated' : 'other';
        return 'correct';
      });
      expect([...kinds].sort()).toEqual(['correct', 'hallucinated', 'other', 'spurious']);
      expect(kinds[view.answerIndex]).toBe('correct');
      expect(item.cue).toBe(mentionedCues(view.options[view.answerIndex]!)[0]);
    }
  });

  it('makes hallucination questions about absent typical cues and spurious ones about present irrelevant cues', () => {
    for (const item of bench.items.filter((i) => i.subtask !== undefined)) {
      const clip = clips.get(item.video)!;
      const cue = cueById(item.cue!);
      if (item.subtask === 'spurious') expect(cue.kind === 'irrelevant' && isPresent(clip, cue.id)).toBe(true);
      if (item.subtask === 'hallucination') expect(cue.emotion === item.emotion && !isPresent(clip, cue.id)).toBe(true);
      if (item.subtask === 'no_hallucination') expect(cue.emotion === item.emotion && isPresent(clip, cue.id)).toBe(true);
    }
  });

  it('keeps the emotion distribution of the source (DFEW-like)', () => {
    const mix = defaultWorldConfig().sources.benchmark.emotionMix;
    for (const e of EMOTIONS) {
      const p = bench.clips.filter((c) => c.emotion === e).length / bench.clips.length;
      expect(Math.abs(p - mix[e]), e).toBeLessThan(4 * Math.sqrt((mix[e] * (1 - mix[e])) / bench.clips.length));
    }
  });

  it('round-trips through the official-format reader', () => {
    const text = JSON.stringify(bench.items);
    expect(parseEmoRealmJson(text, 'mem.json')).toEqual(bench.items);
  });

  it('is deterministic', () => {
    const again = generateBenchmark(defaultWorldConfig(), defaultCorpusConfig().benchmark, new Rng(5));
    expect(JSON.stringify(again.items)).toBe(JSON.stringify(bench.items));
  });
});

describe('filterTextSolvable', () => {
  it('removes what a text-only model gets right and counts removals per task', () => {
    const items: EmoRealmItem[] = [
      { id: 1, video: 'v1', task: 'modality_agreement', question: 'q', choices: ['(A) Yes', '(B) No'], answer: 'A' },
      { id: 2, video: 'v2', task: 'modality_agreement', question: 'q', choices: ['(A) Yes', '(B) No'], answer: 'B' },
      { id: 3, video: 'v3', task: 'reasoning_stress_audio', question: 'q', choices: ['(A) Yes', '(B) No'], answer: 'A' },
      { id: 4, video: 'v4', task: 'reasoning_basic_video', question: 'q', choices: ['(A) a', '(B) b', '(C) c', '(D) d'], answer: 'C' },
    ];
    const r = filterTextSolvable(items, (item) => (item.task === 'reasoning_basic_video' ? 'c' : 'A'));
    expect(r.kept.map((i) => i.id)).toEqual([2]);
    expect(r.removedIds).toEqual([1, 3, 4]);
    expect(r.removed).toEqual({ reasoning_basic_audio: 0, reasoning_basic_video: 1, modality_agreement: 1, reasoning_stress_audio: 1, reasoning_stress_video: 0 });
    expect(Object.keys(r.removed)).toEqual([...EMOREALM_TASKS]);
  });

  it('gives the scoring view of an item', () => {
    const v = scoringView({ id: 1, video: 'v', task: 'reasoning_basic_audio', question: 'Q?', choices: ['(A) one', '(B) two'], answer: 'B' });
    expect(v).toEqual({ prompt: 'Q?', options: ['one', 'two'], answerIndex: 1 });
    expect(letterIndex('D')).toBe(3);
    expect(TABLE1_COUNTS.reasoning_basic_audio).toEqual({ questions: 972, videos: 784 });
  });
});
