/** Save and load named tensors and variables through the directory handler. */
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { directoryHandler, recoverCheckpoint } from './handler';
import { MANIFEST_FILE } from './manifest';

/** Writes `tensors` (name → tensor) and `meta` to `dir`. */
export async function saveTensors(dir: string, tensors: Record<string, tf.Tensor>, meta: Record<string, unknown> = {}): Promise<void> {
  const { data, specs } = await tf.io.encodeWeights(tensors);
  await directoryHandler(dir, meta).save({ weightSpecs: specs, weightData: data });
}

/** Reads every tensor in `dir`. The caller owns (and disposes) the returned tensors. */
export async function loadTensors(dir: string): Promise<Record<string, tf.Tensor>> {
  const artifacts = await directoryHandler(dir).load();
  if (artifacts.weightData === undefined || artifacts.weightSpecs === undefined) {
    throw new Error(`checkpoint ${dir}: no weights`);
  }
  return tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
}

/** True if `dir` holds a checkpoint manifest (after settling the leftovers of a killed save). */
export function hasCheckpoint(dir: string): boolean {
  recoverCheckpoint(dir);
  return fs.existsSync(path.join(dir, MANIFEST_FILE));
}

/**
 * Assigns the tensors in `dir` to `variables` (name → variable). Every variable must be in
 * the file with the same shape and dtype, and the file must hold no other names.
 */
export async function loadIntoVariables(dir: string, variables: Record<string, tf.Variable>): Promise<void> {
  const loaded = await loadTensors(dir);
  try {
    const fileNames = Object.keys(loaded).sort();
    const wanted = Object.keys(variables).sort();
    const missing = wanted.filter((n) => !(n in loaded));
    const extra = fileNames.filter((n) => !(n in variables));
    if (missing.length > 0) throw new Error(`checkpoint ${dir}: missing variable(s) ${missing.join(', ')}`);
    if (extra.length > 0) throw new Error(`checkpoint ${dir}: unexpected variable(s) ${extra.join(', ')}`);
    for (const name of wanted) {
      const v = variables[name] as tf.Variable;
      const t = loaded[name] as tf.Tensor;
      if (t.dtype !== v.dtype || !tf.util.arraysEqual(t.shape, v.shape)) {
        throw new Error(`checkpoint ${dir}: variable "${name}" is ${t.dtype}[${t.shape}] in the file but ${v.dtype}[${v.shape}] in the model`);
      }
    }
    for (const name of wanted) (variables[name] as tf.Variable).assign(loaded[name] as tf.Tensor);
  } finally {
    tf.dispose(loaded);
  }
}
