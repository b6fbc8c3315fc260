import { join } from 'path';
import { validateBenchmark, type BenchmarkItem } from '../../src/eval';

export const FIXTURES = join(__dirname, 'fixtures');

/** A valid raw item of each task, to copy and break in tests. */
export function rawItem(task: string, id: string | number, answer = 'A', extra: Record<string, unknown> = {}): Record<string, unknown> {
  const yesNo = task === 'modality_agreement' || task.startsWith('reasoning_stress');
  return {
    id,
    video: `v/${id}.mp4`,
    task,
    question: `Question ${id}?`,
    choices: yesNo ? ['(A) Yes', '(B) No'] : ['(A) the smile', '(B) the shirt', '(C) the lamp', '(D) the rain'],
    answer,
    ...extra,
  };
}

export function items(raws: Record<string, unknown>[]): BenchmarkItem[] {
  return validateBenchmark(raws, 'test.json');
}
