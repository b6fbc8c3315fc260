import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { attention } from '../../src/model/layers';
import { attentionKernel } from '../../src/ops';
import { Rng } from '../../src/random';
import { onCpu, worstRatio } from '../helpers/gradcheck';

const rng = new Rng(53);
const randn = (shape: number[], scale = 1): tf.Tensor3D =>
  tf.tensor3d(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * scale), shape as [number, number, number]);

afterEach(() => {
  delete process.env.AVERE_ATTENTION;
});

/** Context and the gradients of Σ w·ctx with respect to q, k, v. */
function run(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, w: tf.Tensor, heads: number): Float32Array[] {
  return tf.tidy(() => {
    const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(attention(a as tf.Tensor3D, b as tf.Tensor3D, c as tf.Tensor3D, heads, false).ctx, w)) as tf.Scalar;
    return [attention(q, k, v, heads, false).ctx.dataSync() as Float32Array, ...tf.grads(f)([q, k, v]).map((g) => g.dataSync() as Float32Array)];
  });
}

describe('attention kernel (wasm) against tfjs ops', () => {
  it('matches the cpu backend in context and all three gradients, with and without a shared prefix', async () => {
    for (const [tq, tk, heads, dh] of [[5, 5, 2, 4], [3, 7, 3, 8], [1, 6, 1, 4], [6, 9, 4, 32]] as const) {
      const q = randn([2, tq, heads * dh]);
      const k = randn([2, tk, heads * dh]);
      const v = randn([2, tk, heads * dh]);
      const w = randn([2, tq, heads * dh]);
      const ours = run(q, k, v, w, heads);
      const ref = await onCpu(() => run(q, k, v, w, heads));
      ours.forEach((o, i) => expect(worstRatio(o, ref[i]!, 1e-5, 1e-4), `Tq ${tq} Tk ${tk} output ${i}`).toBeLessThanOrEqual(1));
    }
  });

  it('probabilities are causal rows that sum to 1, and equal the ops path', () => {
    const q = randn([2, 3, 8]);
    const k = randn([2, 5, 8]);
    const v = randn([2, 5, 8]);
    const fused = tf.tidy(() => attention(q, k, v, 2, true).probs!.dataSync());
    process.env.AVERE_ATTENTION = '0';
    const ops = tf.tidy(() => attention(q, k, v, 2, true).probs!.dataSync());
    expect(worstRatio(fused, ops, 1e-6, 1e-5)).toBeLessThanOrEqual(1);
    for (let row = 0; row < 2 * 2 * 3; row++) {
      const i = row % 3;
      const p = Array.from(fused.slice(row * 5, row * 5 + 5));
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      p.forEach((x, j) => (j > 2 + i ? expect(x).toBe(0) : expect(x).toBeGreaterThan(0)));
    }
  });

  it('stays finite with inputs at ±1e3 and agrees with the ops path there', () => {
    const q = tf.mul(randn([1, 4, 8]), 1e3) as tf.Tensor3D;
    const k = tf.mul(randn([1, 4, 8]), 1e3) as tf.Tensor3D;
    const v = randn([1, 4, 8]);
    const w = randn([1, 4, 8]);
    const fused = run(q, k, v, w, 2);
    process.env.AVERE_ATTENTION = '0';
    const ops = run(q, k, v, w, 2);
    fused.forEach((f, i) => {
      expect(Array.from(f).every(Number.isFinite)).toBe(true);
      expect(worstRatio(f, ops[i]!, 1e-3, 1e-3)).toBeLessThanOrEqual(1);
    });
  });

  it('rejects mismatched shapes, naming them', () => {
    expect(() => attentionKernel(randn([1, 4, 8]), randn([1, 3, 8]), randn([1, 3, 8]), 2, false)).toThrow(/q \[1,4,8\], k \[1,3,8\].*Tk ≥ Tq/);
  });
});
