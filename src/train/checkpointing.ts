/**
 * Loop checkpoints, their own piece: named tensors (whatever the task needs to resume: the
 * trained weights and the optimizer moments, never a frozen weight it does not train) plus
 * JSON loop state, in `<run>/ckpt-<step>/` through `src/checkpoint`, made current by the
 * run's checkpoint pointer (`src/runs`) only once complete.
 */
import * as path from 'path';
import type * as tf from '@tensorflow/tfjs';
import { loadTensors, readManifest, saveTensors } from '../checkpoint';
import { checkpointName, commitCheckpoint, latestCheckpoint, type RunDir } from '../runs';

export interface LoopCheckpoint<S> {
  step: number;
  /** New tensors owned by the caller (dispose them). */
  tensors: Record<string, tf.Tensor>;
  state: S;
  dir: string;
}

/** Saves a checkpoint at `step` and makes it the run's resume point. */
export async function saveLoopCheckpoint(run: RunDir, step: number, tensors: Record<string, tf.Tensor>, state: object): Promise<void> {
  const name = checkpointName(step);
  await saveTensors(path.join(run.dir, name), tensors, { step, ...state });
  commitCheckpoint(run, step, name);
}

/** The run's latest complete checkpoint, or undefined. */
export async function loadLoopCheckpoint<S>(run: RunDir): Promise<LoopCheckpoint<S> | undefined> {
  const ckpt = latestCheckpoint(run);
  if (ckpt === undefined) return undefined;
  const meta = readManifest(ckpt.dir).meta as { step: number } & S;
  if (meta.step !== ckpt.step) throw new Error(`checkpoint ${ckpt.dir}: step ${meta.step} in the manifest, ${ckpt.step} in the pointer`);
  return { step: ckpt.step, tensors: await loadTensors(ckpt.dir), state: meta, dir: ckpt.dir };
}
