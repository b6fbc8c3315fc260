/**
 * `summarize` with multiplicities and `outcomeClasses`: summarizing a resample's multiplicities
 * over the outcome classes must give what summarizing the resampled list itself gives.
 */
import { describe, expect, it } from 'vitest';
import { bootstrapMultiplicities, outcomeClasses, summarize, type ItemOutcome } from '../../src/eval';
import { Rng } from '../../src/random';
import { randomOutcomes, syntheticBenchmark } from './syntheticBenchmark';

const bench = syntheticBenchmark(12);
const outcomes = randomOutcomes(bench, 0.6, 3);
const metrics = (r: ReturnType<typeof summarize>) => ({
  tasks: r.tasks,
  subtasks: r.subtasks,
  ablation: r.ablation,
  averageAccuracy: r.averageAccuracy,
  warnings: r.warnings,
});

describe('weighted summarize', () => {
  it('equals summarize of the list with each outcome repeated its weight times (0: left out)', () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 5; trial++) {
      const w = outcomes.map(() => rng.int(3)); // 0, 1 or 2 copies
      const expanded: ItemOutcome[] = outcomes.flatMap((o, i) => Array.from({ length: w[i] as number }, () => o));
      expect(metrics(summarize(outcomes, 'strict', w))).toEqual(metrics(summarize(expanded, 'strict')));
    }
    expect(() => summarize(outcomes, 'strict', [1])).toThrow(/1 weights for 60 outcomes/);
  });

  it('over the outcome classes, gives the full data and any resample from counts per class', () => {
    const { representatives, classOf } = outcomeClasses(outcomes);
    expect(representatives.length).toBeLessThan(outcomes.length);
    const perClass = (w: ArrayLike<number>) => {
      const c = new Array<number>(representatives.length).fill(0);
      outcomes.forEach((_, i) => (c[classOf[i] as number] += w[i] as number));
      return c;
    };
    expect(metrics(summarize(representatives, 'strict', perClass(outcomes.map(() => 1))))).toEqual(metrics(summarize(outcomes, 'strict')));
    for (const w of bootstrapMultiplicities(outcomes.length, { seed: 2, resamples: 5, strata: (i) => (outcomes[i] as ItemOutcome).task })) {
      expect(metrics(summarize(representatives, 'strict', perClass(w)))).toEqual(metrics(summarize(outcomes, 'strict', w)));
    }
  });
});
