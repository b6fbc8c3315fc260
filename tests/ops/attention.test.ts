import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { attention } from '../../src/model/layers';
import { Rng } from '../../src/random';
import { onCpu, worstRatio } from '../helpers/gradcheck';

const rng = new Rng(53);
const randn = (shape: number[], scale = 1): tf.Tensor3D =>
  tf.tensor3d(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * scale),
    shape as [number, number, number],
  );

/** Context and the gradients of Σ w·ctx with respect to q, k, v. */
function run(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, w: tf.Tensor, heads: number): Float32Array[] {
  return tf.tidy(() => {
    const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
      tf.sum(tf.mul(attention(a as tf.Tensor3D, b as tf.Tensor3D, c as tf.Tensor3D, heads, false).ctx, w)) as tf.Scalar;
    return [
      attention(q, k, v, heads, false).ctx.dataSync() as Float32Array,
      ...tf
        .grads(f)([q, k, v])
        .map((g) => g.dataSync() as Float32Array),
    ];
  });
}

describe('attention with a shared prefix (Tq ≤ Tk)', () => {
  it('matches the cpu backend in context and all three gradients', async () => {
    for (const [tq, tk, heads, dh] of [
      [5, 5, 2, 4],
      [3, 7, 3, 8],
      [1, 6, 1, 4],
      [6, 9, 4, 32],
    ] as const) {
      const q = randn([2, tq, heads * dh]);
      const k = randn([2, tk, heads * dh]);
      const v = randn([2, tk, heads * dh]);
      const w = randn([2, tq, heads * dh]);
      const ours = run(q, k, v, w, heads);
      const ref = await onCpu(() => run(q, k, v, w, heads));
      ours.forEach((o, i) => expect(worstRatio(o, ref[i]!, 1e-5, 1e-4), `Tq ${tq} Tk ${tk} output ${i}`).toBeLessThanOrEqual(1));
    }
  });

  it('probabilities are causal rows that sum to 1: query i sees keys up to Tk − Tq + i', () => {
    const p = tf.tidy(() => attention(randn([2, 3, 8]), randn([2, 5, 8]), randn([2, 5, 8]), 2, true).probs!.dataSync());
    for (let row = 0; row < 2 * 2 * 3; row++) {
      const i = row % 3;
      const r = Array.from(p.slice(row * 5, row * 5 + 5));
      expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      r.forEach((x, j) => (j > 2 + i ? expect(x).toBe(0) : expect(x).toBeGreaterThan(0)));
    }
  });

  it('stays finite with inputs at ±1e3', () => {
    const out = run(tf.mul(randn([1, 4, 8]), 1e3) as tf.Tensor3D, tf.mul(randn([1, 4, 8]), 1e3) as tf.Tensor3D, randn([1, 4, 8]), randn([1, 4, 8]), 2);
    out.forEach((o) => expect(Array.from(o).every(Number.isFinite)).toBe(true));
  });
});
