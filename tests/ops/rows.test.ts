import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { installZeroCopyIdentity } from '../../src/backend/wasmIdentity';
import { gatherConcat, gatherRows, matMulNT, splitColumns } from '../../src/ops';
import { Rng } from '../../src/random';
import { onCpu, worstRatio } from '../helpers/gradcheck';

const rng = new Rng(31);
const randn = (shape: number[]): tf.Tensor =>
  tf.tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
    shape,
  );

describe('gatherRows', () => {
  it('picks rows of a hand-made table, repeated and out of order, for any trailing shape', () => {
    const x = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [3, 2, 2]);
    const y = gatherRows(x, Int32Array.from([2, 0, 2]));
    expect(y.shape).toEqual([3, 2, 2]);
    expect(Array.from(y.dataSync())).toEqual([9, 10, 11, 12, 1, 2, 3, 4, 9, 10, 11, 12]);
    expect(gatherRows(x, new Int32Array(0)).shape).toEqual([0, 2, 2]);
  });

  it('has the scatter-add gradient: repeated rows sum, untouched rows get zero', () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
    const w = tf.tensor2d([1, 10, 100, 1000, 2, 20, 3, 30], [4, 2]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(gatherRows(t, Int32Array.from([2, 0, 2, 0])), w)))(x);
    expect(Array.from(g.dataSync())).toEqual([100 + 3, 1000 + 30, 0, 0, 1 + 2, 10 + 20]);
  });

  it('matches tf.gather and its gradient on the cpu backend', async () => {
    const x = randn([6, 3, 4]);
    const rows = Int32Array.from([5, 1, 1, 0, 3]);
    const w = randn([5, 3, 4]);
    const ours = tf.tidy(() =>
      tf
        .grad((t: tf.Tensor) => tf.sum(tf.mul(gatherRows(t, rows), w)))(x)
        .dataSync(),
    );
    const ref = await onCpu(() =>
      tf
        .grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, tf.tensor1d(rows, 'int32')), w)))(x)
        .dataSync(),
    );
    expect(worstRatio(ours, ref, 1e-6, 1e-5)).toBeLessThanOrEqual(1);
  });

  it('rejects out-of-range rows and non-float input, naming the index', () => {
    const x = tf.zeros([3, 2]);
    expect(() => gatherRows(x, Int32Array.from([0, 3]))).toThrow(/index 1 is 3, outside \[0, 3\)/);
    expect(() => gatherRows(tf.zeros([2, 2], 'int32'), Int32Array.from([0]))).toThrow(/float32/);
  });
});

describe('gatherConcat', () => {
  it('equals concat([gather(prefix, rows), x], 1) with its gradient on the cpu backend', async () => {
    const prefix = randn([3, 2, 4]);
    const x = randn([4, 3, 4]);
    const rows = Int32Array.from([2, 0, 2, 1]);
    const w = randn([4, 5, 4]);
    const run = (f: (p: tf.Tensor, y: tf.Tensor) => tf.Tensor) =>
      tf.tidy(() => [
        f(prefix, x).dataSync(),
        ...tf
          .grads((p: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(f(p, y), w)))([prefix, x])
          .map((g) => g.dataSync()),
      ]);
    const ours = run((p, y) => gatherConcat(p, rows, y));
    const ref = await onCpu(() => run((p, y) => tf.concat([tf.gather(p, tf.tensor1d(rows, 'int32')), y], 1)));
    ours.forEach((o, i) => expect(worstRatio(o, ref[i]!, 1e-6, 1e-5), `output ${i}`).toBeLessThanOrEqual(1));
  });

  it('rejects mismatched shapes and rows, naming them', () => {
    expect(() => gatherConcat(tf.zeros([2, 3, 4]), Int32Array.from([0, 1]), tf.zeros([2, 1, 5]))).toThrow(/prefix \[2,3,4\], x \[2,1,5\]/);
    expect(() => gatherConcat(tf.zeros([2, 3, 4]), Int32Array.from([0, 2]), tf.zeros([2, 1, 4]))).toThrow(/index 1 is 2, outside \[0, 2\)/);
  });
});

describe('splitColumns', () => {
  it('splits a hand-made matrix and routes each part’s gradient to its own columns', () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 6]);
    const parts = splitColumns(x, 3);
    expect(parts.map((p) => Array.from(p.dataSync()))).toEqual([
      [1, 2, 7, 8],
      [3, 4, 9, 10],
      [5, 6, 11, 12],
    ]);
    const g = tf.grad((t: tf.Tensor) => {
      const [a, b, c] = splitColumns(t as tf.Tensor2D, 3);
      return tf.addN([tf.sum(a!), tf.mul(tf.sum(b!), 10), tf.mul(tf.sum(tf.square(c!)), 0.5)]);
    })(x);
    expect(Array.from(g.dataSync())).toEqual([1, 1, 10, 10, 5, 6, 1, 1, 10, 10, 11, 12]);
    expect(() => splitColumns(x, 4)).toThrow(/6 columns do not split into 4/);
  });
});

describe('matMulNT', () => {
  it('equals a @ bᵀ with tf.grads of plain ops on the cpu backend', async () => {
    const a = randn([3, 5, 4]);
    const b = randn([3, 6, 4]);
    const w = randn([3, 5, 6]);
    const loss = (f: (x: tf.Tensor3D, y: tf.Tensor3D) => tf.Tensor) => (x: tf.Tensor, y: tf.Tensor) =>
      tf.sum(tf.mul(f(x as tf.Tensor3D, y as tf.Tensor3D), w)) as tf.Scalar;
    const ours = tf.tidy(() => [
      matMulNT(a as tf.Tensor3D, b as tf.Tensor3D).dataSync(),
      ...tf
        .grads(loss(matMulNT))([a, b])
        .map((g) => g.dataSync()),
    ]);
    const ref = await onCpu(() => [
      tf.matMul(a, b, false, true).dataSync(),
      ...tf
        .grads(loss((x, y) => tf.matMul(x, y, false, true)))([a, b])
        .map((g) => g.dataSync()),
    ]);
    ours.forEach((o, i) => expect(worstRatio(o, ref[i]!, 1e-5, 1e-4)).toBeLessThanOrEqual(1));
  });
});

describe('zero-copy Identity on wasm', () => {
  it('clones share data, outlive the original, and leave no tensors behind', () => {
    if (tf.getBackend() !== 'wasm') return;
    installZeroCopyIdentity();
    const before = tf.memory().numTensors;
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    expect(y.dataId).toBe(x.dataId); // shared, not copied
    expect((tf.backend() as unknown as { refCount(id: object): number }).refCount(x.dataId)).toBe(2);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    y.dispose();
    const init = tf.tensor1d([4, 5]);
    const v = tf.variable(init);
    init.dispose();
    const snapshot = tf.clone(v);
    tf.tidy(() => v.assign(tf.tensor1d([6, 7])));
    expect(Array.from(snapshot.dataSync())).toEqual([4, 5]); // assign swaps data, the clone keeps the old values
    tf.dispose([v, snapshot]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('tfjs-op fallback (AVERE_HOST_ROWS=0, as on tfjs-node or GPU backends)', () => {
  it('gives the host paths’ values and gradients', async () => {
    const x = randn([5, 6]);
    const prefix = randn([3, 2, 6]);
    const seq = randn([4, 1, 6]);
    const rows = Int32Array.from([4, 0, 4, 2]);
    const groups = Int32Array.from([1, 1, 0, 2]);
    const w1 = randn([4, 6]);
    const w2 = randn([4, 3, 6]);
    const all = () =>
      tf.tidy(() => {
        const f = (a: tf.Tensor, p: tf.Tensor, q: tf.Tensor) =>
          tf.addN([
            tf.sum(tf.mul(gatherRows(a, rows), w1)),
            tf.sum(tf.mul(gatherConcat(p, groups, q), w2)),
            tf.sum(tf.mul(splitColumns(a as tf.Tensor2D, 3)[1]!, 2)),
          ]) as tf.Scalar;
        return [
          f(x, prefix, seq).dataSync(),
          ...tf
            .grads(f)([x, prefix, seq])
            .map((g) => g.dataSync()),
        ];
      });
    const host = await onCpu(all);
    process.env.AVERE_HOST_ROWS = '0';
    try {
      const ops = await onCpu(all);
      host.forEach((h, i) => expect(worstRatio(h, ops[i]!, 1e-6, 1e-5), `output ${i}`).toBeLessThanOrEqual(1));
    } finally {
      delete process.env.AVERE_HOST_ROWS;
    }
  });
});
