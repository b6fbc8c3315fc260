import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random';

describe('Rng', () => {
  it('same seed, same numbers; different seed, different numbers', () => {
    const draw = (seed: number) => {
      const r = new Rng(seed);
      return [r.next(), r.int(1000), r.normal(), r.pick(['a', 'b', 'c']), r.shuffle([1, 2, 3, 4, 5]).join('')];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('forks are independent of draws made on the parent', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    b.next();
    b.next();
    expect(a.fork('world').next()).toBe(b.fork('world').next());
    expect(a.fork('world').next()).not.toBe(a.fork('data').next());
  });

  it('has the right moments (uniform mean 1/2, var 1/12; normal mean 0, var 1)', () => {
    const r = new Rng(1);
    const n = 100_000;
    let su = 0,
      su2 = 0,
      sn = 0,
      sn2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      const z = r.normal();
      su += u;
      su2 += u * u;
      sn += z;
      sn2 += z * z;
    }
    // standard errors: uniform mean ≈ 0.0009, normal mean ≈ 0.0032, normal var ≈ 0.0045
    expect(Math.abs(su / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(su2 / n - (su / n) ** 2 - 1 / 12)).toBeLessThan(0.002);
    expect(Math.abs(sn / n)).toBeLessThan(0.015);
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(0.02);
  });

  it('weightedIndex follows the weights and rejects bad weights', () => {
    const r = new Rng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[r.weightedIndex([1, 0, 3])]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / 30_000).toBeCloseTo(0.75, 1);
    expect(() => r.weightedIndex([0, 0])).toThrow(/sum to zero/);
    expect(() => r.weightedIndex([1, -1])).toThrow(/negative/);
    expect(() => new Rng(1.5)).toThrow(/integer/);
  });

  it('seeds tf initializers reproducibly', () => {
    const draw = () => {
      const r = new Rng(9);
      return tf.tidy(() => tf.randomNormal([4], 0, 1, 'float32', r.tfSeed()).arraySync());
    };
    expect(draw()).toEqual(draw());
  });
});
