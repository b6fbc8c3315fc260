import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { predictProbe, scoreBinary, type LogisticProbe } from '../../src/eval';
import { evaluateProbe, fitLogisticProbe, fitLogisticProbes } from '../../src/experiments';
import { Rng } from '../../src/random';

const rows = (rng: Rng, n: number, d: number): Float64Array[] => Array.from({ length: n }, () => Float64Array.from({ length: d }, () => rng.normal()));

describe('linear probe (logistic regression)', () => {
  it('recovers a planted linearly separable signal', () => {
    const rng = new Rng(1);
    const u = Float64Array.from({ length: 12 }, () => rng.normal());
    // scaled and shifted features: the standardisation must undo it
    const label = (r: Float64Array) => r.reduce((s, v, j) => s + v * u[j]!, 0) > 0.3;
    const shift = (r: Float64Array) => r.map((v, j) => 100 + (j + 1) * 7 * v);
    const tr = rows(rng, 400, 12);
    const te = rows(rng, 600, 12);
    const res = evaluateProbe({ x: tr.map(shift), y: tr.map(label) }, { x: te.map(shift), y: te.map(label) });
    expect(res.accuracy).toBeGreaterThan(0.95);
    expect(res.balancedAccuracy).toBeGreaterThan(0.95);
    expect(res.n).toBe(600);
    expect(res.train.accuracy).toBeGreaterThan(0.95);
  });

  it('sits at chance on pure-noise labels', () => {
    const rng = new Rng(2);
    const tr = rows(rng, 300, 20);
    const te = rows(rng, 2000, 20);
    const res = evaluateProbe({ x: tr, y: tr.map(() => rng.bernoulli(0.5)) }, { x: te, y: te.map(() => rng.bernoulli(0.5)) });
    expect(Math.abs(res.accuracy - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(res.balancedAccuracy - 0.5)).toBeLessThan(0.05);
  });

  it('balances a rare class by default and is deterministic', () => {
    const rng = new Rng(3);
    const x = rows(rng, 500, 5);
    const y = x.map((r) => r[0]! > 1.5); // ≈ 7 % positives
    const a = fitLogisticProbe(x, y);
    expect(fitLogisticProbe(x, y)).toEqual(a);
    const balanced = scoreBinary(y, predictProbe(a, x));
    const plain = scoreBinary(y, predictProbe(fitLogisticProbe(x, y, { weighting: 'none' }), x));
    expect(balanced.balancedAccuracy).toBeGreaterThan(0.9);
    expect(balanced.balancedAccuracy).toBeGreaterThanOrEqual(plain.balancedAccuracy);
    // constant features and a single class do not break it
    const flat = x.map((r) => Float64Array.of(r[0]!, 4));
    expect(
      predictProbe(
        fitLogisticProbe(
          flat,
          flat.map(() => true),
        ),
        flat,
      ).every(Boolean),
    ).toBe(true);
  });

  it('scores binary predictions, and rejects bad input', () => {
    expect(scoreBinary([true, true, false, false], [true, false, false, false])).toEqual({ accuracy: 0.75, balancedAccuracy: 0.75, n: 4, positives: 2 });
    expect(scoreBinary([false, false], [false, true]).balancedAccuracy).toBe(0.5);
    expect(() => fitLogisticProbe([[1], [1, 2]], [true, false])).toThrow(/row 1/);
    expect(() => fitLogisticProbe([[1]], [true], { weighting: 'x' as never })).toThrow(/weighting/);
  });

  it('reaches the closed-form minimiser of a symmetric one-feature problem', () => {
    // x = +1 with labels T,T,T,F and x = −1 with F,F,F,T (already standardised), no class weights:
    // by symmetry b = 0, and ∂J/∂w = σ(w) − 3/4 + λw = 0.
    const x = [1, 1, 1, 1, -1, -1, -1, -1].map((v) => [v]);
    const y = [true, true, true, false, false, false, false, true];
    const l2 = 0.01;
    let lo = 0;
    let hi = 5;
    for (let it = 0; it < 200; it++) {
      const mid = (lo + hi) / 2;
      if (1 / (1 + Math.exp(-mid)) - 0.75 + l2 * mid > 0) hi = mid;
      else lo = mid;
    }
    const p = fitLogisticProbe(x, y, { l2, iterations: 2000, weighting: 'none' });
    expect(p.weights[0]).toBeCloseTo(lo, 4); // ≈ ln 3 − O(λ)
    expect(p.bias).toBeCloseTo(0, 5);
    expect(lo).toBeLessThan(Math.log(3));
  });

  it('ends at a stationary point of J (float64 gradient, both weightings)', () => {
    const rng = new Rng(4);
    const x = rows(rng, 300, 6);
    const y = x.map((r) => r[0]! + 0.5 * r[1]! + 0.8 * rng.normal() > 0.7);
    for (const weighting of ['balanced', 'none'] as const) {
      const l2 = 0.05;
      const p = fitLogisticProbe(x, y, { l2, iterations: 3000, weighting });
      const n = x.length;
      const pos = y.filter(Boolean).length;
      const c = y.map((t) => (weighting === 'none' ? 1 : n / (2 * (t ? pos : n - pos))));
      const cSum = c.reduce((a, b) => a + b, 0);
      const g = new Float64Array(7);
      x.forEach((r, i) => {
        const xs = Array.from(r, (v, j) => (v - p.mean[j]!) * p.invStd[j]!);
        const z = p.bias + xs.reduce((s, v, j) => s + v * p.weights[j]!, 0);
        const res = (c[i]! * (1 / (1 + Math.exp(-z)) - (y[i] ? 1 : 0))) / cSum;
        xs.forEach((v, j) => (g[j] += res * v));
        g[6] += res;
      });
      p.weights.forEach((w, j) => (g[j] += l2 * w));
      expect(Math.max(...g.map(Math.abs))).toBeLessThan(1e-4);
    }
  });

  it('fits K label columns together exactly as K fits alone, and keeps the tensor count flat', () => {
    const rng = new Rng(5);
    const x = rows(rng, 400, 9);
    const ys = [0, 3, 7].map((j) => x.map((r) => r[j]! + 0.3 * rng.normal() > 0.2));
    const before = tf.memory().numTensors;
    const together = fitLogisticProbes(x, ys);
    expect(tf.memory().numTensors).toBe(before);
    const close = (a: LogisticProbe, b: LogisticProbe) => {
      a.weights.forEach((w, j) => expect(w).toBeCloseTo(b.weights[j]!, 4));
      expect(a.bias).toBeCloseTo(b.bias, 4);
    };
    ys.forEach((y, k) => close(together[k]!, fitLogisticProbe(x, y)));
    expect(fitLogisticProbes(x, [])).toEqual([]);
    expect(() => fitLogisticProbes(x, [ys[0]!, ys[1]!.slice(1)])).toThrow(/column 1/);
  });

  it('is invariant to ±1e3 scales and offsets of the features', () => {
    const rng = new Rng(6);
    const x = rows(rng, 300, 4);
    const y = x.map((r) => r[2]! - r[3]! > 0);
    const big = x.map((r) => r.map((v, j) => (j % 2 === 0 ? 1e3 : -1e3) * v + 1e3));
    const a = fitLogisticProbe(x, y);
    const b = fitLogisticProbe(big, y);
    a.weights.forEach((w, j) => expect(Math.abs(b.weights[j]!)).toBeCloseTo(Math.abs(w), 3));
    expect(predictProbe(b, big)).toEqual(predictProbe(a, x));
  });
});
