/**
 * Model checkpoints: every variable by name plus the model config (and caller metadata) in
 * the manifest, through `src/checkpoint` (atomic writes, SHA-256 checked on load).
 */
import * as tf from '@tensorflow/tfjs';
import { loadTensors, readManifest, saveTensors } from '../checkpoint';
import { Avlm } from './avlm';
import { validateAvlmConfig, type AvlmConfig } from './config';
import { paramGroup, type ParamGroup } from './params';

/** Writes all weights of `model` to `dir`; the manifest's meta holds `modelConfig` and `meta`. */
export async function saveAvlm(model: Avlm, dir: string, meta: Record<string, unknown> = {}): Promise<void> {
  await saveTensors(dir, model.params, { ...meta, modelConfig: model.config });
}

/** The model config stored in a checkpoint. */
export function readAvlmConfig(dir: string): AvlmConfig {
  const meta = readManifest(dir).meta;
  const cfg = meta['modelConfig'];
  if (typeof cfg !== 'object' || cfg === null) throw new Error(`checkpoint ${dir}: manifest meta has no "modelConfig"`);
  validateAvlmConfig(cfg as AvlmConfig);
  return cfg as AvlmConfig;
}

export interface LoadWeightsOptions {
  /**
   * Groups the checkpoint may lack; those variables keep their current values. E.g. `["lora"]`
   * loads a reference model saved without adapters into a model that has them (B = 0).
   */
  allowMissing?: ParamGroup[];
}

/**
 * Assigns the weights in `dir` to `model`. Every variable must be present (unless its group is
 * in `allowMissing`) with the same shape; names the checkpoint has and the model lacks are errors.
 */
export async function loadAvlmWeights(model: Avlm, dir: string, opts: LoadWeightsOptions = {}): Promise<void> {
  const loaded = await loadTensors(dir);
  try {
    const allow = new Set(opts.allowMissing ?? []);
    const extra = Object.keys(loaded).filter((n) => !(n in model.params));
    if (extra.length > 0) throw new Error(`checkpoint ${dir}: variable(s) not in the model: ${extra.join(', ')}`);
    const missing = Object.keys(model.params).filter((n) => !(n in loaded) && !allow.has(paramGroup(n)));
    if (missing.length > 0) throw new Error(`checkpoint ${dir}: missing variable(s) ${missing.join(', ')}`);
    for (const [name, t] of Object.entries(loaded)) {
      const v = model.params[name] as tf.Variable;
      if (!tf.util.arraysEqual(t.shape, v.shape)) {
        throw new Error(`checkpoint ${dir}: variable "${name}" is [${t.shape}] in the file but [${v.shape}] in the model`);
      }
    }
    for (const [name, t] of Object.entries(loaded)) (model.params[name] as tf.Variable).assign(t);
  } finally {
    tf.dispose(loaded);
  }
}

/** A new model built from the config stored in `dir`, with its weights. */
export async function loadAvlm(dir: string): Promise<Avlm> {
  const model = new Avlm(readAvlmConfig(dir));
  try {
    await loadAvlmWeights(model, dir);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}
