import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { bmmSimd, linearAuto, matMulFast } from '../../src/ops';
import { Rng } from '../../src/random';
import { finiteDifferences, onCpu, worstRatio } from '../helpers/gradcheck';

const rng = new Rng(11);
/** Standard-normal tensor, typed rank 3 (the shape decides the real rank). */
const randn = (shape: number[]): tf.Tensor3D => {
  const t: tf.Tensor = tf.tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
    shape,
  );
  return t as tf.Tensor3D;
};
const asArrays = (ts: tf.Tensor[]): Float32Array[] => ts.map((t) => t.dataSync() as Float32Array);

/** [batch, m, k, n] for a [batch, m, k] @ [batch, k, n] product. */
type Case = [number, number, number, number];
// Edge sizes for the 4-row × 8-column tiles: 1, remainders of 1–3 rows, 4- and 1–3-column
// tails, the attention shape, and one large enough to grow the kernel's memory.
const VALUE_CASES: Case[] = [
  [1, 1, 1, 1],
  [3, 5, 7, 6],
  [2, 48, 32, 48],
  [2, 13, 3, 15],
  [1, 9, 11, 1],
  [2, 4, 4, 12],
  [1, 17, 5, 7],
  [64, 48, 48, 32],
  [2, 3, 2, 5],
];
const GRAD_CASES: Case[] = [
  [1, 1, 1, 1],
  [3, 5, 7, 6],
  [2, 13, 3, 15],
  [2, 6, 9, 11],
];

/** Value and gradients (of Σ w ⊙ f(a, b)) of a batched product, as arrays. */
function valueAndGrads(f: (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor, a: tf.Tensor3D, b: tf.Tensor3D, w: tf.Tensor) {
  const g = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor3D, y as tf.Tensor3D), w)) as tf.Scalar);
  const [da, db] = asArrays(g([a, b]));
  return { value: f(a, b).dataSync() as Float32Array, da: da!, db: db! };
}

const plainMatMul = (a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor => tf.matMul(a, b);

afterEach(() => {
  delete process.env.AVERE_SIMD_BMM;
});

describe('bmmSimd', () => {
  it('computes a hand-worked product', () => {
    const a = tf.tensor3d([1, 2, 3, 4, 1, 0, 0, 1], [2, 2, 2]);
    const b = tf.tensor3d([5, 6, 7, 8, 2, 3, 4, 5], [2, 2, 2]);
    expect(Array.from(bmmSimd(a, b).dataSync())).toEqual([19, 22, 43, 50, 2, 3, 4, 5]);
  });

  it('writes zeros when the shared axis is empty and handles empty outputs', () => {
    const z = bmmSimd(tf.zeros([2, 3, 0]) as tf.Tensor3D, tf.zeros([2, 0, 5]) as tf.Tensor3D);
    expect(z.shape).toEqual([2, 3, 5]);
    expect(Array.from(z.dataSync())).toEqual(new Array(30).fill(0));
    expect(bmmSimd(tf.zeros([2, 0, 4]) as tf.Tensor3D, tf.zeros([2, 4, 3]) as tf.Tensor3D).shape).toEqual([2, 0, 3]);
  });

  it('matches tf.matMul on the cpu backend for odd and attention-sized shapes', async () => {
    for (const [bs, m, k, n] of VALUE_CASES) {
      const a = randn([bs, m, k]);
      const b = randn([bs, k, n]);
      const ours = bmmSimd(a, b);
      expect(ours.shape).toEqual([bs, m, n]);
      const ref = await onCpu(() => tf.matMul(a, b).dataSync());
      expect(worstRatio(ours.dataSync(), ref, 1e-5, 1e-4), `case ${[bs, m, k, n].join('×')}`).toBeLessThanOrEqual(1);
    }
  });

  it('gives the same values on the cpu backend (dataSync path) as on wasm (heap-view path)', async () => {
    const a = randn([3, 7, 5]);
    const b = randn([3, 5, 9]);
    const onWasm = bmmSimd(a, b).dataSync();
    const cpu = await onCpu(() => {
      const first = bmmSimd(a, b);
      bmmSimd(randn([3, 7, 5]), randn([3, 5, 9])).dispose(); // reuses the kernel memory
      return { ours: first.dataSync(), ref: tf.matMul(a, b).dataSync() };
    });
    expect(Array.from(cpu.ours)).toEqual(Array.from(onWasm));
    expect(worstRatio(cpu.ours, cpu.ref, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
  });

  it('reads inputs that are views made by other ops (transpose, reshape, slice)', async () => {
    const k = randn([2, 6, 4]);
    const kT = tf.transpose(k, [0, 2, 1]) as tf.Tensor3D; // [2, 4, 6]
    const q = randn([2, 30]).reshape([2, 5, 6]).slice([0, 1, 0], [2, 3, 6]) as tf.Tensor3D; // [2, 3, 6]
    const ours = bmmSimd(q, tf.transpose(kT, [0, 2, 1]) as tf.Tensor3D).dataSync(); // [2, 3, 4]
    const ref = await onCpu(() => tf.matMul(q, k).dataSync());
    expect(worstRatio(ours, ref, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
  });

  it('keeps an earlier output intact when the kernel memory is reused or grown', () => {
    const a = randn([2, 5, 3]);
    const b = randn([2, 3, 4]);
    const first = bmmSimd(a, b);
    const before = Array.from(first.dataSync());
    bmmSimd(randn([2, 5, 3]), randn([2, 3, 4])).dispose();
    bmmSimd(randn([96, 48, 48]), randn([96, 48, 32])).dispose();
    expect(Array.from(first.dataSync())).toEqual(before);
  });

  it('is deterministic: the same inputs give bitwise the same output', () => {
    const a = randn([4, 13, 9]);
    const b = randn([4, 9, 10]);
    expect(Array.from(bmmSimd(a, b).dataSync())).toEqual(Array.from(bmmSimd(a, b).dataSync()));
  });

  it('has gradients equal to the cpu backend’s tf.grads of plain tf.matMul', async () => {
    for (const [bs, m, k, n] of GRAD_CASES) {
      const a = randn([bs, m, k]);
      const b = randn([bs, k, n]);
      const w = randn([bs, m, n]);
      const ours = valueAndGrads(bmmSimd, a, b, w);
      const ref = await onCpu(() => valueAndGrads(plainMatMul, a, b, w));
      const label = `case ${[bs, m, k, n].join('×')}`;
      expect(worstRatio(ours.value, ref.value, 1e-5, 1e-4), label).toBeLessThanOrEqual(1);
      expect(worstRatio(ours.da, ref.da, 1e-5, 1e-4), label).toBeLessThanOrEqual(1);
      expect(worstRatio(ours.db, ref.db, 1e-5, 1e-4), label).toBeLessThanOrEqual(1);
    }
  });

  it('has gradients matching central finite differences', () => {
    const a = randn([2, 3, 5]);
    const b = randn([2, 5, 6]);
    const probe = randn([2, 3, 6]);
    const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.tanh(bmmSimd(x as tf.Tensor3D, y as tf.Tensor3D)), probe)) as tf.Scalar;
    const [da, db] = asArrays(tf.grads(f)([a, b]));
    expect(
      worstRatio(
        da!,
        finiteDifferences((v) => f(v, b), a),
        2e-3,
        2e-2,
      ),
    ).toBeLessThanOrEqual(1);
    expect(
      worstRatio(
        db!,
        finiteDifferences((v) => f(a, v), b),
        2e-3,
        2e-2,
      ),
    ).toBeLessThanOrEqual(1);
  });

  it('stays finite and exact enough for ±1e3 inputs, values and gradients', async () => {
    const a = tf.mul(tf.sign(randn([2, 9, 13])), 1e3) as tf.Tensor3D;
    const b = tf.mul(tf.sign(randn([2, 13, 6])), 1e3) as tf.Tensor3D;
    const w = randn([2, 9, 6]);
    const ours = valueAndGrads(bmmSimd, a, b, w);
    for (const arr of [ours.value, ours.da, ours.db]) expect(arr.every(Number.isFinite)).toBe(true);
    const ref = await onCpu(() => valueAndGrads(plainMatMul, a, b, w));
    // ±1e3 entries: products are sums of exact ±1e6 terms, so the value must be exact
    expect(Array.from(ours.value)).toEqual(Array.from(ref.value));
    expect(worstRatio(ours.da, ref.da, 1e-2, 1e-4)).toBeLessThanOrEqual(1);
    expect(worstRatio(ours.db, ref.db, 1e-2, 1e-4)).toBeLessThanOrEqual(1);
  });

  it('does not leak tensors (forward and gradients)', () => {
    const a = randn([2, 5, 7]);
    const b = randn([2, 7, 3]);
    const w = randn([2, 5, 3]);
    const g = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(bmmSimd(x as tf.Tensor3D, y as tf.Tensor3D), w)) as tf.Scalar);
    tf.tidy(() => {
      bmmSimd(a, b);
      g([a, b]);
    }); // warm-up: caches filled outside the count
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      bmmSimd(a, b);
      g([a, b]);
    });
    tf.dispose(g([a, b]));
    tf.dispose(bmmSimd(a, b));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects mismatched or unsupported inputs with a message naming both shapes', () => {
    const ok = tf.zeros([2, 3, 4]) as tf.Tensor3D;
    expect(() => bmmSimd(ok, tf.zeros([3, 4, 5]) as tf.Tensor3D)).toThrow(/a \[2,3,4\], b \[3,4,5\]: batch sizes 2 and 3 differ/);
    expect(() => bmmSimd(ok, tf.zeros([2, 5, 6]) as tf.Tensor3D)).toThrow(/b \[2,5,6\]: shared axis sizes 4 and 5 differ/);
    expect(() => bmmSimd(ok, tf.zeros([4, 5]) as unknown as tf.Tensor3D)).toThrow(/both inputs must be rank 3/);
    expect(() => bmmSimd(ok, tf.zeros([2, 4, 5], 'int32') as tf.Tensor3D)).toThrow(/dtypes float32, int32; only float32/);
  });
});

describe('matMulFast routing on the wasm backend', () => {
  /** Names of the tfjs kernels that one call of `fn` runs. */
  const kernelsOf = async (fn: () => tf.Tensor): Promise<string[]> => (await tf.profile(() => fn())).kernels.map((k) => k.name);

  it('sends rank-2 and rank-3 products to the SIMD kernel, and to tf.matMul when AVERE_SIMD_BMM=0', async (ctx) => {
    if (tf.getBackend() !== 'wasm') ctx.skip(); // routing exists only on wasm; other backends use tf.matMul
    const a = randn([2, 5, 3]);
    const b = randn([2, 3, 4]);
    expect(await kernelsOf(() => matMulFast(a, b))).not.toContain('BatchMatMul');
    process.env.AVERE_SIMD_BMM = '0';
    expect(await kernelsOf(() => matMulFast(a, b))).toContain('BatchMatMul');
    delete process.env.AVERE_SIMD_BMM;
    const a2 = randn([5, 3]) as unknown as tf.Tensor2D;
    const b2 = randn([3, 2]) as unknown as tf.Tensor2D;
    expect(await kernelsOf(() => matMulFast(a2, b2))).not.toContain('BatchMatMul');
    process.env.AVERE_SIMD_BMM = '0';
    expect(await kernelsOf(() => matMulFast(a2, b2))).toContain('BatchMatMul'); // XNNPACK
    delete process.env.AVERE_SIMD_BMM;
  });

  it('gives rank-2 products and frozen-weight products the values and gradients of tf.matMul', async () => {
    const a = randn([7, 5]) as unknown as tf.Tensor2D;
    const b = randn([5, 6]) as unknown as tf.Tensor2D;
    const w = randn([7, 6]);
    const ours = tf.tidy(() =>
      tf
        .grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(matMulFast(x as tf.Tensor2D, y as tf.Tensor2D), w)))([a, b])
        .map((g) => g.dataSync()),
    );
    const ref = await onCpu(() =>
      tf
        .grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D), w)))([a, b])
        .map((g) => g.dataSync()),
    );
    ours.forEach((o, i) => expect(worstRatio(o, ref[i]!, 1e-5, 1e-4)).toBeLessThanOrEqual(1));
    const frozen = tf.variable(b, false);
    const dx = tf.tidy(() =>
      tf
        .grad((x: tf.Tensor) => tf.sum(tf.mul(linearAuto(x, frozen), w)))(a)
        .dataSync(),
    );
    expect(worstRatio(dx, ref[0]!, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
    frozen.dispose();
  });

  it('gives the same values and gradients with AVERE_SIMD_BMM=0 and without', async () => {
    const a = randn([3, 6, 5]);
    const b = randn([3, 5, 7]);
    const w = randn([3, 6, 7]);
    const on = valueAndGrads(matMulFast, a, b, w);
    process.env.AVERE_SIMD_BMM = '0';
    const off = valueAndGrads(matMulFast, a, b, w);
    const ref = await onCpu(() => valueAndGrads(plainMatMul, a, b, w));
    for (const r of [on, off]) {
      expect(worstRatio(r.value, ref.value, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
      expect(worstRatio(r.da, ref.da, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
      expect(worstRatio(r.db, ref.db, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
    }
  });

  it('still broadcasts a batch of 1 (forward) through tf.matMul', async () => {
    const a = randn([1, 2, 3]);
    const b = randn([4, 3, 5]);
    const ours = matMulFast(a, b);
    expect(ours.shape).toEqual([4, 2, 5]);
    const ref = await onCpu(() => tf.matMul(a, b).dataSync());
    expect(worstRatio(ours.dataSync(), ref, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
  });
});
