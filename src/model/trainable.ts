/**
 * Which variables a training stage updates. Everything else stays frozen (it still takes
 * part in the forward pass; no gradient is computed for it).
 */
import * as tf from '@tensorflow/tfjs';
import { paramGroup, type ParamGroup, type Params } from './params';

export const TRAINABLE_SETS = ['lm', 'projectors', 'projectors+lm', 'projectors+lora', 'lora', 'all'] as const;
/**
 * - `lm`: the language model (embeddings, blocks, final LayerNorm) — text pretraining;
 * - `projectors`: audio and video projectors with their token positions;
 * - `projectors+lm`: both — full SFT;
 * - `projectors+lora`: projectors and LoRA adapters, base LM frozen (the peer benchmark's step);
 * - `lora`: adapters only;
 * - `all`: every variable.
 */
export type TrainableSet = (typeof TRAINABLE_SETS)[number];

function groupsOf(set: TrainableSet): ParamGroup[] {
  switch (set) {
    case 'lm':
      return ['lm'];
    case 'projectors':
      return ['proj'];
    case 'projectors+lm':
      return ['proj', 'lm'];
    case 'projectors+lora':
      return ['proj', 'lora'];
    case 'lora':
      return ['lora'];
    case 'all':
      return ['lm', 'proj', 'lora'];
    default:
      throw new Error(`unknown trainable set ${JSON.stringify(set)} (expected one of ${TRAINABLE_SETS.join(', ')})`);
  }
}

/** The variables of `set`, in a stable (name-sorted) order. */
export function selectVariables(params: Params, set: TrainableSet): tf.Variable[] {
  const groups = groupsOf(set);
  return Object.keys(params)
    .sort()
    .filter((n) => groups.includes(paramGroup(n)))
    .map((n) => params[n] as tf.Variable);
}
