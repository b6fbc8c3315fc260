import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { gelu, layerNorm } from '../../src/ops';
import { Rng } from '../../src/random';
import { finiteDifferences, onCpu, worstRatio } from '../helpers/gradcheck';

const rng = new Rng(41);
const randn = (shape: number[], scale = 1): tf.Tensor =>
  tf.tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * scale),
    shape,
  );

afterEach(() => {
  delete process.env.AVERE_ROWWISE;
});

/** Values and gradients of f(x, g, b) = Σ w · layerNorm(x, g, b). */
function lnAll(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor, w: tf.Tensor): Float32Array[] {
  return tf.tidy(() => {
    const f = (xx: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(layerNorm(xx, gg as tf.Tensor1D, bb as tf.Tensor1D), w)) as tf.Scalar;
    const value = layerNorm(x, g as tf.Tensor1D, b as tf.Tensor1D).dataSync() as Float32Array;
    return [
      value,
      ...tf
        .grads(f)([x, g, b])
        .map((t) => t.dataSync() as Float32Array),
    ];
  });
}

describe('layerNorm (fused wasm kernel and tfjs ops)', () => {
  it('normalises a hand-made row: mean 0, variance 1 before gain and bias', () => {
    const [g, b] = [tf.tensor1d([1, 1, 1, 1]), tf.tensor1d([0, 0, 0, 0])] as tf.Tensor1D[];
    const y = layerNorm(tf.tensor2d([1, 2, 3, 4], [1, 4]), g!, b!, 0).dataSync();
    const s = Math.sqrt(1.25);
    [-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s].forEach((v, i) => expect(y[i]).toBeCloseTo(v, 5));
    const flat = layerNorm(tf.tensor2d([10, 10, 10, 10], [1, 4]), g!, b!).dataSync();
    expect(Array.from(flat)).toEqual([0, 0, 0, 0]); // constant row: x − μ = 0 exactly (ε > 0)
  });

  it('matches the cpu backend’s tfjs ops in value and all three gradients, for widths not divisible by 4', async () => {
    for (const d of [1, 3, 7, 16, 130]) {
      const x = randn([2, 5, d], 3);
      const g = randn([d]);
      const b = randn([d]);
      const w = randn([2, 5, d]);
      const ours = lnAll(x, g, b, w);
      const ref = await onCpu(() => lnAll(x, g, b, w));
      ours.forEach((o, i) => expect(worstRatio(o, ref[i]!, 1e-4, 1e-3), `d=${d}, output ${i}`).toBeLessThanOrEqual(1));
    }
  });

  it('gradients match central finite differences', () => {
    const x = randn([3, 6]);
    const g = randn([6]);
    const b = randn([6]);
    const w = randn([3, 6]);
    const f = (v: tf.Tensor) => tf.sum(tf.mul(layerNorm(v, g as tf.Tensor1D, b as tf.Tensor1D), w)) as tf.Scalar;
    const gx = tf.grad(f)(x).dataSync();
    expect(worstRatio(gx, finiteDifferences(f, x, 1e-2), 2e-3, 2e-2)).toBeLessThanOrEqual(1);
  });

  it('stays finite for rows at ±1e3 and equals the ops path there', () => {
    const x = tf.tensor2d([1e3, -1e3, 1e3, -1e3, 1e3, 999, 1e3, 1e3], [2, 4]);
    const g = tf.tensor1d([1, 2, 3, 4]);
    const b = tf.tensor1d([0, 1, 0, 1]);
    const w = tf.tensor2d([1, -1, 2, 0.5, 1, 1, -1, 3], [2, 4]);
    const fused = lnAll(x, g, b, w);
    process.env.AVERE_ROWWISE = '0';
    const ops = lnAll(x, g, b, w);
    fused.forEach((f, i) => {
      expect(Array.from(f).every(Number.isFinite)).toBe(true);
      expect(worstRatio(f, ops[i]!, 1e-3, 1e-3)).toBeLessThanOrEqual(1);
    });
  });

  it('names mismatched shapes', () => {
    expect(() => layerNorm(tf.zeros([2, 4]), tf.ones([3]) as tf.Tensor1D, tf.zeros([3]) as tf.Tensor1D)).toThrow(/last axis 4, gain 3, bias 3/);
  });
});

describe('gelu (fused wasm kernel and tfjs ops)', () => {
  it('agrees with the ops path in value and gradient over a wide range, odd sizes included', () => {
    const xs = tf.tensor1d(Array.from({ length: 403 }, (_, i) => -20 + i * 0.1));
    const run = () =>
      tf.tidy(() => [
        gelu(xs).dataSync(),
        tf
          .grad((x: tf.Tensor) => tf.sum(gelu(x)))(xs)
          .dataSync(),
      ]);
    const fused = run();
    process.env.AVERE_ROWWISE = '0';
    const ops = run();
    expect(worstRatio(fused[0]!, ops[0]!, 1e-6, 1e-5)).toBeLessThanOrEqual(1);
    expect(worstRatio(fused[1]!, ops[1]!, 1e-6, 1e-5)).toBeLessThanOrEqual(1);
  });
});
