/**
 * Reading runs' per-question outcomes from the run cache (src/experiments/questionOutcomes.ts): the
 * score run's predictions, the text-unsolvable view as the stored id subset, the check against
 * the stored scores, and null when the cache does not hold the predictions.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { itemOutcomes, predictionSet, predictionsToJsonl, summarize, validateBenchmark } from '../../src/eval';
import { outcomeLookup, PREDICTIONS_FILE, questionSource, SCORE_VERSION, scoreRunDir, type RunOutcome, type RunSpec } from '../../src/experiments';
import { keepView } from '../../src/experiments/diagnostics';
import { datasetsFor } from '../../src/train';
import { microBuild } from '../fixtures/microBuild';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'question-outcomes-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const build = microBuild();
const bench = validateBenchmark(datasetsFor(build.data).benchmark.items, 'micro benchmark');
const spec = (seed: number): RunSpec => ({ kind: 'preference', reference: 'base', seed, objective: 'avem-dpo', set: [] });
const SUBSET_RUN = 'diagnostics-0123456789ab';
const subset = bench.filter((_, i) => i % 3 === 0).map((i) => i.id);

/** A finished preference run of `seed` whose model answers "A" everywhere: its result, and its score run's predictions when `write`. */
function run(root: string, seed: number, write: boolean): RunOutcome {
  const preds = predictionSet(bench.map((i) => ({ id: i.id, prediction: 'A' })));
  const all = itemOutcomes(bench, preds, 'strict');
  const o = {
    spec: spec(seed),
    seed,
    code: { train: 0, preference: 0, score: SCORE_VERSION },
    training: { run: { dir: '/elsewhere', hash: `feedbeef000${seed}`, cached: false } },
    score: {
      official: {
        full: keepView(summarize(all, 'strict')).official,
        textUnsolvable: keepView(
          summarize(
            all.filter((x) => subset.includes(x.id)),
            'strict',
          ),
        ).official,
      },
      textUnsolvableSource: { run: SUBSET_RUN, questions: subset.length },
    },
  } as unknown as RunOutcome;
  if (write) {
    const dir = scoreRunDir(spec(seed), o, build, root);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, PREDICTIONS_FILE), predictionsToJsonl(preds.values()));
  }
  return o;
}

function cache(name: string, questions = subset): string {
  const root = path.join(tmp, name);
  fs.mkdirSync(path.join(root, SUBSET_RUN), { recursive: true });
  fs.writeFileSync(path.join(root, SUBSET_RUN, 'text-unsolvable.json'), JSON.stringify({ source: 'test', run: SUBSET_RUN, ids: questions, kept: {} }));
  return root;
}

describe('per-question outcomes from the run cache', () => {
  it('reads a run’s predictions from its score run, and keeps the stored text-unsolvable ids for that view', () => {
    const root = cache('ok');
    const outcomes = [run(root, 1, true), run(root, 2, false)];
    const source = questionSource(build, outcomeLookup([spec(1), spec(2)], outcomes), root);
    expect(source.mode).toBe('strict');
    expect(source.outcomes(spec(1), 'full')!.map((o) => o.id)).toEqual(bench.map((i) => i.id));
    expect(source.outcomes(spec(1), 'text_unsolvable')!.map((o) => o.id)).toEqual(subset);
    expect(source.outcomes(spec(1), 'full')!.every((o) => o.prediction === 'A')).toBe(true);
    // seed 2's predictions are not in this cache (as for a run a queue worker computed)
    expect(source.outcomes(spec(2), 'full')).toBeNull();
  });

  it('refuses predictions that do not give the run’s stored scores, and a subset of another size', () => {
    const root = cache('tampered');
    const o = run(root, 1, true);
    const lied = { ...o, score: { ...o.score, official: { ...o.score.official, full: { ...o.score.official.full, average_accuracy: 99 } } } } as RunOutcome;
    expect(() => questionSource(build, () => lied, root).outcomes(spec(1), 'full')).toThrow(/do not give the run's stored scores/);
    const short = cache('short', subset.slice(1));
    run(short, 1, true);
    expect(() => questionSource(build, () => o, short).outcomes(spec(1), 'full')).toThrow(/text-unsolvable questions, the score run used/);
  });
});
