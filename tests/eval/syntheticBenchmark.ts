/** A synthetic benchmark of every task (stress items cycle through the subtasks) and predictions right with a given probability. */
import { EMOREALM_TASKS, STRESS_SUBTASKS, YES_NO_TASKS } from '../../src/formats';
import { itemOutcomes, predictionSet, type BenchmarkItem, type ItemOutcome } from '../../src/eval';
import { Rng } from '../../src/random';
import { items, rawItem } from './helpers';

/** `perTask` items of each task: ids "<task>-<k>"; yes/no items alternate Yes / No (stress: Yes only for no_hallucination). */
export function syntheticBenchmark(perTask: number): BenchmarkItem[] {
  return items(
    EMOREALM_TASKS.flatMap((task) =>
      Array.from({ length: perTask }, (_, k) => {
        const id = `${task}-${k}`;
        if (task.startsWith('reasoning_stress')) {
          const subtask = STRESS_SUBTASKS[k % STRESS_SUBTASKS.length];
          return rawItem(task, id, subtask === 'no_hallucination' ? 'A' : 'B', { subtask });
        }
        return rawItem(task, id, YES_NO_TASKS.includes(task) ? (k % 2 === 0 ? 'A' : 'B') : 'A');
      }),
    ),
  );
}

/** Strict outcomes of a model that answers item i right when `right(i)`, else with the first wrong letter. */
export function outcomesOf(bench: readonly BenchmarkItem[], right: (i: number) => boolean): ItemOutcome[] {
  const preds = bench.map((item, i) => ({ id: item.id, prediction: right(i) ? item.answer : (item.letters.find((l) => l !== item.answer) as string) }));
  return itemOutcomes(bench, predictionSet(preds), 'strict');
}

/** Right with probability `p` per item, from a seeded stream. */
export function randomOutcomes(bench: readonly BenchmarkItem[], p: number, seed: number): ItemOutcome[] {
  const rng = new Rng(seed);
  return outcomesOf(bench, () => rng.bernoulli(p));
}
