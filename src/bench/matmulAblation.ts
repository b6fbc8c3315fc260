/**
 * The foundation's matmul measurement: a plain two-layer transformer LM training step
 * (forward + backward, every weight trained) with every product done either by
 * `matMulFast` (explicit-transpose gradients) or by `tf.matMul` (whose gradient uses the
 * transpose flags). Same weights, same data; only the product op differs.
 */
import * as tf from '@tensorflow/tfjs';
import { median } from 'simple-statistics';
import { embed, matMulFast, tokenLogProbs } from '../ops';
import { Rng } from '../random';

export const MATMUL_VARIANTS = ['fast', 'plain'] as const;
export type MatMulVariant = (typeof MATMUL_VARIANTS)[number];

type Product = (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

function product(variant: MatMulVariant): Product {
  switch (variant) {
    case 'fast':
      return (a, b) => matMulFast(a as tf.Tensor2D, b as tf.Tensor2D);
    case 'plain':
      return (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D);
  }
}

export interface MatMulAblationConfig {
  /** Sequences per step. Default 16. */
  batch: number;
  /** Tokens per sequence. Default 48. */
  seqLen: number;
  dModel: number;
  nHeads: number;
  nLayers: number;
  vocab: number;
  steps: number;
  seed: number;
}

export const DEFAULT_MATMUL_ABLATION: MatMulAblationConfig = {
  batch: 16,
  seqLen: 48,
  dModel: 128,
  nHeads: 4,
  nLayers: 2,
  vocab: 512,
  steps: 10,
  seed: 0,
};

/** Median ms per training step of the two-layer LM with the given product op. */
export function timeTransformerStep(variant: MatMulVariant, cfg: MatMulAblationConfig = DEFAULT_MATMUL_ABLATION): number {
  const mm = product(variant);
  const rng = new Rng(cfg.seed);
  const { batch: b, seqLen: t, dModel: d, nHeads: h, vocab: v } = cfg;
  const dh = d / h;
  const w = (shape: number[]) => tf.variable(tf.randomNormal(shape, 0, 0.02, 'float32', rng.tfSeed()));
  const emb = w([v, d]);
  const layers = Array.from({ length: cfg.nLayers }, () => ({ qkv: w([d, 3 * d]), o: w([d, d]), f1: w([d, 4 * d]), f2: w([4 * d, d]) }));
  const vars = [emb, ...layers.flatMap((l) => [l.qkv, l.o, l.f1, l.f2])];
  const ids = tf.tensor2d(
    Int32Array.from({ length: b * t }, () => rng.int(v)),
    [b, t],
    'int32',
  );
  const targets = tf.tensor1d(
    Int32Array.from({ length: b * t }, () => rng.int(v)),
    'int32',
  );
  const mask = tf.tensor2d(
    Float32Array.from({ length: t * t }, (_, k) => (k % t > Math.floor(k / t) ? -1e9 : 0)),
    [t, t],
  );
  const opt = tf.train.adam(1e-3);
  const lin = (x: tf.Tensor, wt: tf.Tensor) => mm(x.reshape([-1, x.shape[x.rank - 1] as number]), wt);
  const loss = () => {
    let x = embed(ids, emb as unknown as tf.Tensor2D).reshape([b * t, d]); // [B·T, D]
    for (const l of layers) {
      const heads = tf.transpose(lin(x, l.qkv).reshape([b, t, 3 * h, dh]), [0, 2, 1, 3]); // [B, 3H, T, dh]
      const [q, k, vv] = tf.split(heads, 3, 1).map((z) => z.reshape([b * h, t, dh]));
      const att = tf.softmax(tf.add(mm(tf.mul(q!, 1 / Math.sqrt(dh)), tf.transpose(k!, [0, 2, 1])), mask)); // [BH, T, T]
      const ctx = tf.transpose(mm(att, vv!).reshape([b, h, t, dh]), [0, 2, 1, 3]).reshape([b * t, d]); // [B·T, D]
      x = tf.add(x, lin(ctx, l.o));
      x = tf.add(x, lin(tf.relu(lin(x, l.f1)), l.f2));
    }
    const logits = lin(x, tf.transpose(emb)) as tf.Tensor2D; // [B·T, V]
    return tf.neg(tf.mean(tokenLogProbs(logits, targets))) as tf.Scalar;
  };
  const times: number[] = [];
  try {
    for (let i = 0; i < cfg.steps + 2; i++) {
      const t0 = performance.now();
      tf.tidy(() => {
        opt.minimize(loss, false, vars);
      });
      if (i >= 2) times.push(performance.now() - t0);
    }
  } finally {
    tf.dispose([...vars, ids, targets, mask]);
    opt.dispose();
  }
  return median(times);
}
