/**
 * The model's variables, by name. Names carry their group as a prefix:
 * `lm.` (the language model: embeddings, blocks, final LayerNorm), `proj.` (audio and video
 * projectors with their token positions) and `lora.` (adapters). Every initial value is
 * drawn from an `Rng` seeded by the config, so the same seed gives the same weights on any
 * backend.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../random';
import { tokensPerModality, type AvlmConfig, type LoraTarget } from './config';

export type ParamGroup = 'lm' | 'proj' | 'lora';
export type Params = Record<string, tf.Variable>;

/** The group of a variable name. */
export function paramGroup(name: string): ParamGroup {
  const g = name.slice(0, name.indexOf('.'));
  if (g === 'lm' || g === 'proj' || g === 'lora') return g;
  throw new Error(`model: variable "${name}" has no known group prefix`);
}

/** Input and output width of each LoRA-capable matrix. */
export function targetShape(cfg: AvlmConfig, t: LoraTarget): [number, number] {
  const d = cfg.dModel;
  const ff = cfg.ffMult * d;
  switch (t) {
    case 'wq':
    case 'wk':
    case 'wv':
    case 'wo':
      return [d, d];
    case 'wff1':
      return [d, ff];
    case 'wff2':
      return [ff, d];
  }
}

class Init {
  constructor(private readonly rng: Rng) {}
  normal(shape: number[], std: number): Float32Array {
    const n = shape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.rng.normal(0, std);
    return out;
  }
  uniform(shape: number[], bound: number): Float32Array {
    const n = shape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.rng.uniform(-bound, bound);
    return out;
  }
}

/** Initial values of every variable (plain arrays; `createParams` turns them into variables). */
export function initialValues(cfg: AvlmConfig): Record<string, { shape: number[]; values: Float32Array }> {
  const root = new Rng(cfg.seed);
  const out: Record<string, { shape: number[]; values: Float32Array }> = {};
  const d = cfg.dModel;
  const ff = cfg.ffMult * d;
  const std = cfg.initStd;
  // GPT-2: residual-output projections scaled by 1/√(2·nLayers).
  const residStd = std / Math.sqrt(2 * cfg.nLayers);
  const put = (name: string, shape: number[], values: Float32Array) => {
    out[name] = { shape, values };
  };
  const normal = (name: string, shape: number[], s: number) => put(name, shape, new Init(root.fork(name)).normal(shape, s));
  const constant = (name: string, shape: number[], c: number) => put(name, shape, new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(c));

  normal('lm.tok_emb', [cfg.vocab, d], std);
  normal('lm.pos_text', [cfg.maxTextLen, d], std);
  for (let l = 0; l < cfg.nLayers; l++) {
    const p = `lm.l${l}`;
    constant(`${p}.ln1.g`, [d], 1);
    constant(`${p}.ln1.b`, [d], 0);
    normal(`${p}.wqkv`, [d, 3 * d], std);
    normal(`${p}.wo`, [d, d], residStd);
    constant(`${p}.ln2.g`, [d], 1);
    constant(`${p}.ln2.b`, [d], 0);
    normal(`${p}.wff1`, [d, ff], std);
    normal(`${p}.wff2`, [ff, d], residStd);
  }
  constant('lm.lnf.g', [d], 1);
  constant('lm.lnf.b', [d], 0);

  for (const [mod, frames] of [
    ['audio', cfg.nAudioFrames],
    ['video', cfg.nVideoFrames],
  ] as const) {
    const p = `proj.${mod}`;
    const f = cfg.featDim;
    const proj = cfg.projector;
    switch (proj.kind) {
      case 'mlp':
        if (proj.depth === 1) {
          normal(`${p}.w1`, [f, d], 1 / Math.sqrt(f));
          constant(`${p}.b1`, [d], 0);
        } else {
          normal(`${p}.w1`, [f, proj.hidden], 1 / Math.sqrt(f));
          constant(`${p}.b1`, [proj.hidden], 0);
          normal(`${p}.w2`, [proj.hidden, d], 1 / Math.sqrt(proj.hidden));
          constant(`${p}.b2`, [d], 0);
        }
        break;
      case 'attnpool':
        normal(`${p}.wkv`, [f, 2 * d], 1 / Math.sqrt(f));
        constant(`${p}.bkv`, [2 * d], 0);
        normal(`${p}.queries`, [proj.nQueries, d], 1);
        normal(`${p}.wout`, [d, d], 1 / Math.sqrt(d));
        constant(`${p}.bout`, [d], 0);
        break;
    }
    normal(`${p}.pos`, [tokensPerModality(cfg, frames), d], std);
  }

  for (let l = 0; l < cfg.nLayers; l++) {
    for (const t of cfg.lora.targets) {
      const [din, dout] = targetShape(cfg, t);
      const name = `lora.l${l}.${t}`;
      // A: Kaiming-uniform as in PEFT (bound 1/√din); B = 0 so that ΔW = (α/r)·A·B is 0 at init.
      put(`${name}.a`, [din, cfg.lora.rank], new Init(root.fork(`${name}.a`)).uniform([din, cfg.lora.rank], 1 / Math.sqrt(din)));
      constant(`${name}.b`, [cfg.lora.rank, dout], 0);
    }
  }
  return out;
}

/** Creates the variables of a model (all marked trainable; stages choose what to update). */
export function createParams(cfg: AvlmConfig, prefix: string): Params {
  const params: Params = {};
  for (const [name, { shape, values }] of Object.entries(initialValues(cfg))) {
    params[name] = tf.tidy(() => tf.variable(tf.tensor(values, shape, 'float32'), true, `${prefix}/${name}`));
  }
  return params;
}
