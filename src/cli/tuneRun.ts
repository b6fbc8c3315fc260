/**
 * The learning-rate / batch-size selection (issue 12): AVEm-DPO at the paper's knobs, one run
 * per grid point, judged only on the held-out training signal — loss and reward accuracy on
 * the 10 % held-out split. Not on margins (they grow with the rate alone), never on benchmark
 * scores. The chosen values then serve every objective.
 */
import { expandGrid, gridPointValues, type GridAxis } from '../config';
import { trainRun, type TrainRunOptions } from '../experiments';

export interface TunePoint {
  /** The grid values of this point, by config path. */
  point: Record<string, unknown>;
  run: string;
  cached: boolean;
  heldOutLoss: number;
  heldOutAccuracy: number;
  heldOutSamples: number;
  /** Mean training loss of the last block of steps. */
  finalTrainLoss: number;
  steps: number;
  seconds: number;
}

export interface TuneOptions extends Omit<TrainRunOptions, 'objective' | 'evaluate'> {
  grid: readonly GridAxis[];
}

/** Trains every grid point (after `set`), in order; returns them sorted by held-out loss (best first). */
export async function tuneRun(o: TuneOptions): Promise<TunePoint[]> {
  if (o.grid.length === 0) throw new Error('tune: give at least one --grid path=v1,v2,…');
  const points: TunePoint[] = [];
  for (const overrides of expandGrid(o.grid)) {
    const s = await trainRun({ ...o, objective: 'avem-dpo', set: [...o.set, ...overrides] });
    points.push({
      point: gridPointValues(overrides),
      run: s.run.hash,
      cached: s.run.cached,
      heldOutLoss: s.heldOut.loss,
      heldOutAccuracy: s.heldOut['rewards/accuracies'],
      heldOutSamples: s.heldOut.samples,
      finalTrainLoss: s.training.lossCurve[s.training.lossCurve.length - 1] ?? NaN,
      steps: s.training.steps,
      seconds: s.training.seconds,
    });
  }
  return points.sort((a, b) => a.heldOutLoss - b.heldOutLoss);
}
