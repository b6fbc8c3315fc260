import { describe, expect, it } from 'vitest';
import { cumulativeStdNormalProbability } from 'simple-statistics';
import { distributionShift, ksStatistic } from '../../src/experiments';

/** n evenly spaced quantiles of N(mu, 1) (probit by bisection on the normal CDF). */
function normalQuantiles(n: number, mu: number): number[] {
  const probit = (p: number) => {
    let lo = -10;
    let hi = 10;
    for (let k = 0; k < 80; k++) {
      const mid = (lo + hi) / 2;
      if (cumulativeStdNormalProbability(mid) < p) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  return Array.from({ length: n }, (_, i) => mu + probit((i + 0.5) / n));
}

describe('distribution shift', () => {
  it('KS statistic: hand-computed cases', () => {
    expect(ksStatistic([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksStatistic([1, 2], [3, 4])).toBe(1);
    // F_a − F_b at 1: 1/2 − 0; at 2: 1 − 1/2; at 3: 1 − 1 → sup 1/2
    expect(ksStatistic([1, 2], [2, 3])).toBeCloseTo(0.5, 12);
  });

  it('identical samples: no shift, overlap 1, KS 0', () => {
    const x = normalQuantiles(400, 0);
    const s = distributionShift(x, x);
    expect(s.meanShift).toBeCloseTo(0, 12);
    expect(s.overlap).toBeCloseTo(1, 3);
    expect(s.ks).toBe(0);
  });

  it('two normals d apart with a fixed bandwidth h: overlap = 2Φ(−d / (2√(1 + h²))), KS = 2Φ(d/2) − 1', () => {
    const d = 1;
    const h = 0.3;
    const s = distributionShift(normalQuantiles(2000, 0), normalQuantiles(2000, d), { bandwidth: h });
    expect(s.meanShift).toBeCloseTo(d, 6);
    expect(s.overlap).toBeCloseTo(2 * cumulativeStdNormalProbability(-d / (2 * Math.sqrt(1 + h * h))), 2);
    expect(s.ks).toBeCloseTo(2 * cumulativeStdNormalProbability(d / 2) - 1, 2);
  });

  it('far-apart samples at ±1e3 do not overlap', () => {
    const s = distributionShift([-1000, -1001, -999], [1000, 1001, 999]);
    expect(s.overlap).toBeLessThan(1e-6);
    expect(s.ks).toBe(1);
    expect(s.meanShift).toBeCloseTo(2000, 9);
  });

  it('rejects samples too small to estimate', () => {
    expect(() => distributionShift([1], [1, 2])).toThrow(/≥ 2 values/);
  });
});
