import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { embed, linear, matMulFast, tokenLogProbs } from '../../src/ops';
import { Rng } from '../../src/random';
import { finiteDifferences, onCpu, worstRatio } from '../helpers/gradcheck';

const rng = new Rng(7);
const randn = (shape: number[], scale = 1): tf.Tensor =>
  tf.tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * scale),
    shape,
  );
const asArrays = (ts: tf.Tensor[]): Float32Array[] => ts.map((t) => t.dataSync() as Float32Array);

describe('linear / matMulFast', () => {
  it('matches tf.matMul forward and tf.grads of plain ops on the cpu backend (rank 2 and rank 3)', async () => {
    const cases: Array<[number[], number[], number[]]> = [
      [
        [5, 4],
        [4, 3],
        [5, 3],
      ],
      [
        [2, 5, 4],
        [2, 4, 3],
        [2, 5, 3],
      ],
    ];
    for (const [sa, sb, so] of cases) {
      const a = randn(sa);
      const b = randn(sb);
      const w = randn(so);
      const loss = (f: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) => (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(f(x, y), w)) as tf.Scalar;
      const fast = tf.grads(loss((x, y) => matMulFast(x as tf.Tensor2D, y as tf.Tensor2D)));
      const ours = asArrays(fast([a, b]));
      const valOurs = matMulFast(a as tf.Tensor2D, b as tf.Tensor2D).dataSync();
      const ref = await onCpu(() => {
        const g = tf.grads(loss((x, y) => tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D)));
        return { grads: asArrays(g([a, b])), value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D).dataSync() };
      });
      expect(worstRatio(valOurs, ref.value, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
      expect(worstRatio(ours[0]!, ref.grads[0]!, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
      expect(worstRatio(ours[1]!, ref.grads[1]!, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
    }
  });

  it('gradients match central finite differences', () => {
    const x = randn([2, 3, 4]);
    const w = randn([4, 5]) as tf.Tensor2D;
    const bias = randn([5]) as tf.Tensor1D;
    const probe = randn([2, 3, 5]);
    const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(tf.tanh(linear(xx, ww as tf.Tensor2D, bb as tf.Tensor1D)), probe)) as tf.Scalar;
    const [gx, gw, gb] = asArrays(tf.grads(f)([x, w, bias]));
    expect(
      worstRatio(
        gx!,
        finiteDifferences((v) => f(v, w, bias), x),
        2e-3,
        2e-2,
      ),
    ).toBeLessThanOrEqual(1);
    expect(
      worstRatio(
        gw!,
        finiteDifferences((v) => f(x, v, bias), w),
        2e-3,
        2e-2,
      ),
    ).toBeLessThanOrEqual(1);
    expect(
      worstRatio(
        gb!,
        finiteDifferences((v) => f(x, w, v), bias),
        2e-3,
        2e-2,
      ),
    ).toBeLessThanOrEqual(1);
  });

  it('rejects a weight whose rows do not match the input', () => {
    expect(() => linear(tf.zeros([2, 3]), tf.zeros([4, 5]) as tf.Tensor2D)).toThrow(/does not match weight rows 4/);
  });
});

describe('embed', () => {
  it('looks up rows and sums the gradient of repeated ids, like tf.gather on cpu', async () => {
    const table = randn([6, 3]) as tf.Tensor2D;
    const ids = tf.tensor2d(
      [
        [0, 2, 2],
        [5, 0, 2],
      ],
      [2, 3],
      'int32',
    );
    const probe = randn([2, 3, 3]);
    const ours = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(embed(ids, t as tf.Tensor2D), probe)) as tf.Scalar)(table);
    const value = embed(ids, table);
    expect(value.shape).toEqual([2, 3, 3]);
    const ref = await onCpu(() => ({
      grad: tf
        .grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), probe)) as tf.Scalar)(table)
        .dataSync(),
      value: tf.gather(table, ids).dataSync(),
    }));
    expect(worstRatio(value.dataSync(), ref.value, 1e-6, 1e-6)).toBeLessThanOrEqual(1);
    expect(worstRatio(ours.dataSync(), ref.grad, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
    // rows 1, 3, 4 are never looked up: exactly zero gradient
    const g = ours.arraySync() as number[][];
    for (const r of [1, 3, 4]) expect(g[r]).toEqual([0, 0, 0]);
  });

  it('gradient matches central finite differences', () => {
    const table = randn([4, 2]);
    const ids = tf.tensor1d([3, 1, 3, 3], 'int32');
    const probe = randn([4, 2]);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(tf.sin(embed(ids, t as tf.Tensor2D)), probe)) as tf.Scalar;
    const g = tf.grad(f)(table).dataSync();
    expect(worstRatio(g, finiteDifferences(f, table), 2e-3, 2e-2)).toBeLessThanOrEqual(1);
  });

  it('rejects float ids', () => {
    expect(() => embed(tf.tensor1d([0, 1]), tf.zeros([3, 2]) as tf.Tensor2D)).toThrow(/int32/);
  });
});

describe('tokenLogProbs', () => {
  it('equals logSoftmax at the target, with the plain-op gradient from the cpu backend', async () => {
    const logits = randn([5, 7], 3) as tf.Tensor2D;
    const targets = tf.tensor1d([0, 6, 3, 3, 1], 'int32');
    const probe = randn([5]);
    const ours = tf.grad((l: tf.Tensor) => tf.sum(tf.mul(tokenLogProbs(l as tf.Tensor2D, targets), probe)) as tf.Scalar)(logits);
    const value = tokenLogProbs(logits, targets).dataSync();
    const ref = await onCpu(() => {
      const plain = (l: tf.Tensor) => tf.sum(tf.mul(tf.logSoftmax(l), tf.oneHot(targets, 7)), 1);
      return {
        value: plain(logits).dataSync(),
        grad: tf
          .grad((l: tf.Tensor) => tf.sum(tf.mul(plain(l), probe)) as tf.Scalar)(logits)
          .dataSync(),
      };
    });
    expect(worstRatio(value, ref.value, 1e-5, 1e-5)).toBeLessThanOrEqual(1);
    expect(worstRatio(ours.dataSync(), ref.grad, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
  });

  it('gradient matches central finite differences', () => {
    const logits = randn([3, 4]);
    const targets = tf.tensor1d([2, 0, 3], 'int32');
    const f = (l: tf.Tensor) => tf.sum(tokenLogProbs(l as tf.Tensor2D, targets)) as tf.Scalar;
    expect(worstRatio(tf.grad(f)(logits).dataSync(), finiteDifferences(f, logits), 2e-3, 2e-2)).toBeLessThanOrEqual(1);
  });

  it('is finite for logits of ±1e3, where a naive softmax overflows', () => {
    const logits = tf.tensor2d([
      [1e3, -1e3, 0],
      [-1e3, -1e3, 1e3],
    ]);
    const targets = tf.tensor1d([0, 1], 'int32');
    const lp = tokenLogProbs(logits, targets).dataSync();
    expect(lp[0]).toBeCloseTo(0, 5);
    expect(lp[1]).toBeCloseTo(-2000, 0);
    const g = tf
      .grad((l: tf.Tensor) => tf.sum(tokenLogProbs(l as tf.Tensor2D, targets)) as tf.Scalar)(logits)
      .dataSync();
    expect(Array.from(g).every(Number.isFinite)).toBe(true);
  });

  it('rejects mismatched rows', () => {
    expect(() => tokenLogProbs(tf.zeros([2, 3]) as tf.Tensor2D, tf.tensor1d([0], 'int32'))).toThrow(/2 logit rows but 1 targets/);
  });
});

describe('memory', () => {
  it('a forward+backward of every op inside tidy leaves no tensors behind', () => {
    const table = tf.variable(randn([8, 4]));
    const w = tf.variable(randn([4, 8]));
    const ids = tf.tensor2d(
      [
        [1, 2],
        [3, 1],
      ],
      [2, 2],
      'int32',
    );
    const targets = tf.tensor1d([0, 5, 7, 2], 'int32');
    const step = () => {
      const { value, grads } = tf.variableGrads(() => {
        const h = embed(ids, table as unknown as tf.Tensor2D); // [2, 2, 4]
        const logits = linear(h, w as unknown as tf.Tensor2D).reshape([4, 8]) as tf.Tensor2D; // [4, 8]
        return tf.neg(tf.sum(tokenLogProbs(logits, targets))) as tf.Scalar;
      });
      value.dispose();
      tf.dispose(grads);
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
  });
});
