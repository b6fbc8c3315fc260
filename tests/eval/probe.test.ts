import { describe, expect, it } from 'vitest';
import { evaluateProbe, fitLogisticProbe, predictProbe, scoreBinary } from '../../src/eval';
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
    expect(predictProbe(fitLogisticProbe(flat, flat.map(() => true)), flat).every(Boolean)).toBe(true);
  });

  it('scores binary predictions, and rejects bad input', () => {
    expect(scoreBinary([true, true, false, false], [true, false, false, false])).toEqual({ accuracy: 0.75, balancedAccuracy: 0.75, n: 4, positives: 2 });
    expect(scoreBinary([false, false], [false, true]).balancedAccuracy).toBe(0.5);
    expect(() => fitLogisticProbe([[1], [1, 2]], [true, false])).toThrow(/row 1/);
    expect(() => fitLogisticProbe([[1]], [true], { weighting: 'x' as never })).toThrow(/weighting/);
  });
});
