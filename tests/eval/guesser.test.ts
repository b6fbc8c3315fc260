import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { officialResults, predictionSet, readBenchmark, scoreEmoRealm, scriptedGuesser, TYPICAL_CUE_WORDS, type AnswerStyle } from '../../src/eval';
import { FIXTURES } from './helpers';

const bench = readBenchmark(join(FIXTURES, 'sample-benchmark.json'));

describe('scripted guessers', () => {
  it('are deterministic in the seed', () => {
    const g = scriptedGuesser(bench, { rule: 'uniform', seed: 1 });
    expect(scriptedGuesser(bench, { rule: 'uniform', seed: 1 })).toEqual(g);
    expect(scriptedGuesser(bench, { rule: 'uniform', seed: 2 }).map((p) => p.prediction)).not.toEqual(g.map((p) => p.prediction));
  });

  it('yesBiased with yesRate 1 always says Yes on yes/no items', () => {
    const preds = scriptedGuesser(bench, { rule: 'yesBiased', seed: 0, yesRate: 1 });
    const report = scoreEmoRealm(bench, predictionSet(preds));
    for (const t of report.tasks.filter((t) => t.yesPercentage !== undefined)) {
      expect(t.yesPercentage).toBe(100);
      expect(t.precision).toBe(100);
      expect(t.recall).toBe(0);
    }
    const yn = preds.find((p) => p.id === String(bench.find((i) => i.task === 'modality_agreement')?.id));
    expect(yn?.scores).toEqual({ A: 0, B: Math.log(1e-12) });
  });

  it('the keyword guesser says Yes to typical cues: right on no-hallucination, wrong on hallucination, right on spurious', () => {
    const preds = scriptedGuesser(bench, { rule: 'keyword', seed: 0, keywordConfidence: 1 });
    const report = scoreEmoRealm(bench, predictionSet(preds));
    const acc = Object.fromEntries(report.subtasks.map((s) => [`${s.modality}/${s.subtask}`, s.accuracy]));
    // The fixture's spurious cues are irrelevant ones (no keyword); its hallucination cues are emotion-typical, and
    // the guesser answers them Yes — wrongly — exactly when they contain a keyword.
    const hasKeyword = (q: string) =>
      q
        .toLowerCase()
        .split(/[^a-z]+/)
        .some((w) => TYPICAL_CUE_WORDS.includes(w));
    for (const modality of ['audio', 'visual'] as const) {
      const hall = bench.filter((i) => i.subtask === 'hallucination' && i.modality === modality);
      const withKeyword = hall.filter((i) => hasKeyword(i.question)).length;
      expect(withKeyword).toBeGreaterThan(0);
      expect(acc[`${modality}/hallucination`]).toBeCloseTo((100 * (hall.length - withKeyword)) / hall.length, 10);
    }
  });

  it('writes the same choice in every answer style, readable by the strict parser', () => {
    const letters = scriptedGuesser(bench, { rule: 'uniform', seed: 3 }).map((p) => p.prediction);
    for (const style of ['choice', 'text', 'sentence'] as AnswerStyle[]) {
      const report = scoreEmoRealm(bench, predictionSet(scriptedGuesser(bench, { rule: 'uniform', seed: 3, style })));
      expect(
        report.outcomes.map((o) => o.chosen),
        style,
      ).toEqual(letters);
    }
  });

  it('messRate 1 produces only malformed answers: never right in strict mode, "A or B" credited in official mode', () => {
    const preds = predictionSet(scriptedGuesser(bench, { rule: 'uniform', seed: 4, messRate: 1 }));
    const strict = scoreEmoRealm(bench, preds);
    expect(strict.outcomes.every((o) => !o.correct && o.status !== 'answer')).toBe(true);
    const official = officialResults(scoreEmoRealm(bench, preds, { mode: 'official' }));
    expect(official['average_accuracy']).toBeGreaterThan(0);
  });
});
