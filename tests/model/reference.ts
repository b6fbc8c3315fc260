/**
 * An independent, deliberately plain re-implementation of the AV LM forward pass for tests:
 * one sequence at a time, no padding, full logits over every position, built-in tfjs ops
 * only (tf.matMul, tf.gather, tf.logSoftmax, tf.tanh GELU), LoRA as merged weights
 * W + (α/r)·A·B. Returns log p of each response token.
 */
import * as tf from '@tensorflow/tfjs';
import type { Avlm } from '../../src/model';

function ln(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const mean = tf.mean(x, -1, true);
  const variance = tf.mean(tf.square(tf.sub(x, mean)), -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
}

function geluTanh(x: tf.Tensor): tf.Tensor {
  const u = tf.mul(tf.add(x, tf.mul(tf.mul(tf.mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(u), 1));
}

function softmaxRows(x: tf.Tensor): tf.Tensor {
  const e = tf.exp(tf.sub(x, tf.max(x, -1, true)));
  return tf.div(e, tf.sum(e, -1, true));
}

/** Audio/video tokens `[n, D]` of one clip `[F, featDim]`. */
function projectRef(model: Avlm, feats: tf.Tensor2D, mod: 'audio' | 'video'): tf.Tensor2D {
  const P = (n: string) => model.params[`proj.${mod}.${n}`] as tf.Tensor;
  const proj = model.config.projector;
  let tokens: tf.Tensor2D;
  if (proj.kind === 'mlp') {
    const h = tf.add(tf.matMul(feats, P('w1') as tf.Tensor2D), P('b1'));
    tokens = (proj.depth === 1 ? h : tf.add(tf.matMul(geluTanh(h) as tf.Tensor2D, P('w2') as tf.Tensor2D), P('b2'))) as tf.Tensor2D;
  } else {
    const d = model.config.dModel;
    const hp = proj.nHeads;
    const dh = d / hp;
    const kv = tf.add(tf.matMul(feats, P('wkv') as tf.Tensor2D), P('bkv')) as tf.Tensor2D; // [F, 2D]
    const heads: tf.Tensor[] = [];
    for (let h = 0; h < hp; h++) {
      const q = tf.slice(P('queries'), [0, h * dh], [-1, dh]) as tf.Tensor2D; // [nQ, dh]
      const k = tf.slice(kv, [0, h * dh], [-1, dh]) as tf.Tensor2D; // [F, dh]
      const v = tf.slice(kv, [0, d + h * dh], [-1, dh]) as tf.Tensor2D;
      const att = softmaxRows(tf.div(tf.matMul(q, tf.transpose(k)), Math.sqrt(dh))) as tf.Tensor2D;
      heads.push(tf.matMul(att, v));
    }
    tokens = tf.add(tf.matMul(tf.concat(heads, 1) as tf.Tensor2D, P('wout') as tf.Tensor2D), P('bout')) as tf.Tensor2D;
  }
  return tf.add(tokens, P('pos')) as tf.Tensor2D;
}

function merged(model: Avlm, layer: number, target: string, w: tf.Tensor2D): tf.Tensor2D {
  const cfg = model.config;
  if (!(cfg.lora.targets as string[]).includes(target)) return w;
  const a = model.params[`lora.l${layer}.${target}.a`] as tf.Tensor2D;
  const b = model.params[`lora.l${layer}.${target}.b`] as tf.Tensor2D;
  return tf.add(w, tf.mul(tf.matMul(a, b), cfg.lora.alpha / cfg.lora.rank)) as tf.Tensor2D;
}

export interface RefResult {
  /** log p of each response token. */
  logps: number[];
  /** Attention probabilities per layer, `[H][T][T]`. */
  attention: number[][][][];
}

/** Reference forward for one sequence. `audio`/`video` are `[F, featDim]` or omitted. */
export function referenceForward(model: Avlm, prompt: number[], response: number[], audio?: tf.Tensor2D, video?: tf.Tensor2D): RefResult {
  return tf.tidy(() => {
    const cfg = model.config;
    const d = cfg.dModel;
    const P = (n: string) => model.params[n] as tf.Tensor;
    const text = prompt.concat(response);
    const parts: tf.Tensor2D[] = [];
    if (audio !== undefined) parts.push(projectRef(model, audio, 'audio'));
    if (video !== undefined) parts.push(projectRef(model, video, 'video'));
    const emb = tf.gather(P('lm.tok_emb'), tf.tensor1d(text, 'int32')) as tf.Tensor2D;
    parts.push(tf.add(emb, tf.slice(P('lm.pos_text'), [0, 0], [text.length, d])) as tf.Tensor2D);
    let x = tf.concat(parts, 0) as tf.Tensor2D; // [T, D]
    const t = x.shape[0];
    const nAv = t - text.length;
    const mask = tf.tensor2d(
      Array.from({ length: t * t }, (_, i) => (i % t > Math.floor(i / t) ? -1e9 : 0)),
      [t, t],
    );
    const attention: number[][][][] = [];
    for (let l = 0; l < cfg.nLayers; l++) {
      const p = `lm.l${l}`;
      const h = ln(x, P(`${p}.ln1.g`), P(`${p}.ln1.b`)) as tf.Tensor2D;
      const wqkv = P(`${p}.wqkv`) as tf.Tensor2D;
      const wq = merged(model, l, 'wq', tf.slice(wqkv, [0, 0], [-1, d]));
      const wk = merged(model, l, 'wk', tf.slice(wqkv, [0, d], [-1, d]));
      const wv = merged(model, l, 'wv', tf.slice(wqkv, [0, 2 * d], [-1, d]));
      const [q, k, v] = [wq, wk, wv].map((w) => tf.matMul(h, w)) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const dh = d / cfg.nHeads;
      const heads: tf.Tensor[] = [];
      const layerAtt: number[][][] = [];
      for (let hh = 0; hh < cfg.nHeads; hh++) {
        const qh = tf.slice(q, [0, hh * dh], [-1, dh]) as tf.Tensor2D;
        const kh = tf.slice(k, [0, hh * dh], [-1, dh]) as tf.Tensor2D;
        const vh = tf.slice(v, [0, hh * dh], [-1, dh]) as tf.Tensor2D;
        const att = softmaxRows(tf.add(tf.div(tf.matMul(qh, tf.transpose(kh)), Math.sqrt(dh)), mask)) as tf.Tensor2D;
        layerAtt.push(att.arraySync());
        heads.push(tf.matMul(att, vh));
      }
      attention.push(layerAtt);
      x = tf.add(x, tf.matMul(tf.concat(heads, 1) as tf.Tensor2D, merged(model, l, 'wo', P(`${p}.wo`) as tf.Tensor2D))) as tf.Tensor2D;
      const h2 = ln(x, P(`${p}.ln2.g`), P(`${p}.ln2.b`)) as tf.Tensor2D;
      const f = geluTanh(tf.matMul(h2, merged(model, l, 'wff1', P(`${p}.wff1`) as tf.Tensor2D))) as tf.Tensor2D;
      x = tf.add(x, tf.matMul(f, merged(model, l, 'wff2', P(`${p}.wff2`) as tf.Tensor2D))) as tf.Tensor2D;
    }
    const logits = tf.matMul(ln(x, P('lm.lnf.g'), P('lm.lnf.b')) as tf.Tensor2D, tf.transpose(P('lm.tok_emb')) as tf.Tensor2D); // [T, V]
    const logp = tf.logSoftmax(logits).arraySync() as number[][];
    const logps = response.map((id, i) => (logp[nAv + prompt.length + i - 1] as number[])[id] as number);
    return { logps, attention };
  });
}
