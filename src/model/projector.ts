/**
 * Audio / video projectors: feature frames `[B, F, featDim]` → LM tokens `[B, n, D]`, plus a
 * learned position per token of the modality (which also tells the LM which modality a
 * token comes from).
 */
import * as tf from '@tensorflow/tfjs';
import type { AttnPoolProjectorOptions, MlpProjectorOptions, ProjectorOptions } from './config';
import { gelu, linearAuto as linear, matMulFast } from '../ops';
import type { Params } from './params';

export type Modality = 'audio' | 'video';

function v(params: Params, name: string): tf.Variable {
  const x = params[name];
  if (x === undefined) throw new Error(`model: variable "${name}" is missing`);
  return x;
}

/** "Our base": per-frame Linear(featDim → hidden) – GELU – Linear(hidden → D), or one Linear at depth 1. */
function mlpProject(feats: tf.Tensor3D, params: Params, p: string, opts: MlpProjectorOptions): tf.Tensor {
  const h = linear(feats, v(params, `${p}.w1`) as tf.Tensor2D, v(params, `${p}.b1`) as tf.Tensor1D); // [B, F, hidden | D]
  if (opts.depth === 1) return h;
  return linear(gelu(h), v(params, `${p}.w2`) as tf.Tensor2D, v(params, `${p}.b2`) as tf.Tensor1D); // [B, F, D]
}

/**
 * "EmotionLLaMA*": nQ learned queries attend over the frames (multi-head),
 * tokens = Wout · Σ_f softmax_f(q·k_f/√dh) v_f + bout.
 */
function attnPoolProject(feats: tf.Tensor3D, params: Params, p: string, opts: AttnPoolProjectorOptions): tf.Tensor {
  const [bsz, nf] = feats.shape;
  const queries = v(params, `${p}.queries`); // [nQ, D]
  const [nq, d] = queries.shape as [number, number];
  const hp = opts.nHeads;
  const dh = d / hp;
  const kv = linear(feats, v(params, `${p}.wkv`) as tf.Tensor2D, v(params, `${p}.bkv`) as tf.Tensor1D); // [B, F, 2D]
  const [k, val] = tf.split(kv, 2, 2) as [tf.Tensor, tf.Tensor]; // each [B, F, D]
  const kT = tf.transpose(k.reshape([bsz * nf, hp, dh]), [1, 2, 0]) as tf.Tensor3D; // [Hp, dh, B·F]
  const q = tf.transpose(tf.mul(queries, 1 / Math.sqrt(dh)).reshape([nq, hp, dh]), [1, 0, 2]) as tf.Tensor3D; // [Hp, nQ, dh]
  const scores = matMulFast(q, kT).reshape([hp, nq, bsz, nf]); // [Hp, nQ, B, F]
  const probs = tf.softmax(tf.transpose(scores, [0, 2, 1, 3])).reshape([hp * bsz, nq, nf]) as tf.Tensor3D; // [Hp·B, nQ, F]
  const vh = tf.transpose(val.reshape([bsz, nf, hp, dh]), [2, 0, 1, 3]).reshape([hp * bsz, nf, dh]) as tf.Tensor3D; // [Hp·B, F, dh]
  const ctx = matMulFast(probs, vh).reshape([hp, bsz, nq, dh]); // [Hp, B, nQ, dh]
  const merged = tf.transpose(ctx, [1, 2, 0, 3]).reshape([bsz, nq, d]); // [B, nQ, D]
  return linear(merged, v(params, `${p}.wout`) as tf.Tensor2D, v(params, `${p}.bout`) as tf.Tensor1D); // [B, nQ, D]
}

/** Projects one modality's frames `[B, F, featDim]` to LM tokens `[B, n, D]` (positions added). */
export function project(feats: tf.Tensor3D, params: Params, mod: Modality, opts: ProjectorOptions): tf.Tensor {
  const p = `proj.${mod}`;
  let tokens: tf.Tensor;
  switch (opts.kind) {
    case 'mlp':
      tokens = mlpProject(feats, params, p, opts);
      break;
    case 'attnpool':
      tokens = attnPoolProject(feats, params, p, opts);
      break;
  }
  return tf.add(tokens, v(params, `${p}.pos`));
}
