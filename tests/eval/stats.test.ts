import { quantile } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { bootstrapCI, bootstrapMultiplicities, incompleteBeta, mcnemarExact, meanCI, pairedBootstrap, studentTCdf, studentTQuantile } from '../../src/eval';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('Student t', () => {
  // Golden values from scipy 1.10:
  //   from scipy import stats, special
  //   stats.t.ppf(0.975, df), stats.t.ppf(0.995, df); stats.t.cdf(-1.5, 3), stats.t.cdf(2.0, 7)
  //   special.betainc(2.5, 0.5, 0.3), special.betainc(0.5, 0.5, 0.9)
  const ppf: [number, number, number][] = [
    [1, 12.706204736432095, 63.65674116287399],
    [2, 4.302652729911275, 9.92484320091807],
    [3, 3.182446305284263, 5.84090929975643],
    [4, 2.7764451051977987, 4.604094871415897],
    [9, 2.2621571627409915, 3.2498355440153697],
    [30, 2.0422724563012373, 2.7499956535670305],
    [100, 1.9839715184496334, 2.6258905205863337],
  ];
  it.each(ppf)('quantiles for df=%i', (df, q975, q995) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(q975, 9);
    // scipy's ppf itself is off by ~1e-8 at df = 3 (its cdf at its ppf is 0.995 − 2.4e-11; ours matches its cdf).
    expect(studentTQuantile(0.995, df)).toBeCloseTo(q995, 7);
    expect(studentTQuantile(0.025, df)).toBeCloseTo(-q975, 9);
  });

  it('matches the closed forms for df = 1 and 2, and scipy for the CDF and incomplete beta', () => {
    // df = 1 (Cauchy): t_p = tan(π(p − ½)); df = 2: t_p = (2p − 1)/√(2p(1 − p)).
    for (const p of [0.6, 0.9, 0.99]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
    }
    expect(studentTCdf(-1.5, 3)).toBeCloseTo(0.11529193262241141, 12);
    expect(studentTCdf(2.0, 7)).toBeCloseTo(0.9571903357185121, 12);
    expect(studentTCdf(0, 5)).toBe(0.5);
    expect(incompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.01892712407194565, 12);
    expect(incompleteBeta(0.9, 0.5, 0.5)).toBeCloseTo(0.7951672353008662, 12);
    expect(studentTCdf(1e3, 3)).toBeCloseTo(1, 8);
    expect(studentTCdf(-1e3, 3)).toBeGreaterThanOrEqual(0);
    expect(() => studentTQuantile(1, 3)).toThrow(/p must be in/);
  });
});

describe('mean ± t-interval across seeds', () => {
  it('matches scipy on five values', () => {
    // x = [71.2, 73.9, 70.4, 72.8, 74.1]; mean 72.48; sd (ddof 1) 1.6361540269791202;
    // half width = t.ppf(0.975, 4)·sd/√5 = 2.031553550816087.
    const ci = meanCI([71.2, 73.9, 70.4, 72.8, 74.1]);
    expect(ci.mean).toBeCloseTo(72.48, 12);
    expect(ci.sd).toBeCloseTo(1.6361540269791202, 12);
    expect(ci.halfWidth).toBeCloseTo(2.031553550816087, 9);
    expect(ci.lower).toBeCloseTo(72.48 - 2.031553550816087, 9);
    expect(ci.upper).toBeCloseTo(72.48 + 2.031553550816087, 9);
  });
  it('has no interval for one seed, and rejects no values or a bad level', () => {
    expect(meanCI([3])).toEqual({ n: 1, mean: 3, sd: null, halfWidth: null, lower: null, upper: null, level: 0.95 });
    expect(() => meanCI([])).toThrow(/no values/);
    expect(() => meanCI([1, 2], 1.5)).toThrow(/level/);
  });
});

describe('exact McNemar', () => {
  it('counts discordant pairs and gives the exact binomial p-value', () => {
    // A right / B wrong on 1 question, the reverse on 9, both right on 2, both wrong on 1:
    // p = 2·P(X ≤ 1), X ~ Bin(10, ½) = 2·(1 + 10)/1024 = 0.021484375 (scipy binomtest(1, 10) agrees).
    const a = [true, false, false, false, false, false, false, false, false, false, true, true, false];
    const b = [false, true, true, true, true, true, true, true, true, true, true, true, false];
    const r = mcnemarExact(a, b);
    expect(r).toMatchObject({ bothRight: 2, bothWrong: 1, onlyA: 1, onlyB: 9 });
    expect(r.pValue).toBeCloseTo(0.021484375, 15);
  });
  it('matches scipy binomtest for larger counts and is 1 without discordant pairs', () => {
    // scipy: binomtest(3, 20, 0.5).pvalue = 0.0025768280029296875; binomtest(480, 1000, 0.5).pvalue = 0.2174482932041409.
    const pairs = (onlyA: number, onlyB: number): [boolean[], boolean[]] => [
      [...Array(onlyA).fill(true), ...Array(onlyB).fill(false)],
      [...Array(onlyA).fill(false), ...Array(onlyB).fill(true)],
    ];
    expect(mcnemarExact(...pairs(3, 17)).pValue).toBeCloseTo(0.0025768280029296875, 14);
    expect(mcnemarExact(...pairs(480, 520)).pValue).toBeCloseTo(0.2174482932041409, 12);
    expect(mcnemarExact([true, false], [true, false]).pValue).toBe(1);
    expect(() => mcnemarExact([true], [])).toThrow(/1 vs 0/);
  });
});

describe('bootstrap', () => {
  const coin = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 1 : 0));

  it('is deterministic in the seed', () => {
    const a = bootstrapCI(coin, mean, { seed: 3, resamples: 300 });
    expect(bootstrapCI(coin, mean, { seed: 3, resamples: 300 })).toEqual(a);
    expect(bootstrapCI(coin, mean, { seed: 4, resamples: 300 }).lower).not.toBe(a.lower);
  });

  it('agrees with the normal approximation for a proportion', () => {
    // p = 0.5, n = 400: 1.96·√(p(1 − p)/n) = 0.049.
    const ci = bootstrapCI(coin, mean, { seed: 1, resamples: 2000 });
    expect(ci.estimate).toBe(0.5);
    expect(ci.lower).toBeCloseTo(0.5 - 0.049, 2);
    expect(ci.upper).toBeCloseTo(0.5 + 0.049, 2);
  });

  it('collapses on constant data and keeps stratum sizes', () => {
    expect(bootstrapCI([2, 2, 2], mean, { resamples: 50 })).toEqual({ estimate: 2, lower: 2, upper: 2, level: 0.95 });
    const groups = ['a', 'a', 'a', 'b'];
    const shareA = (s: string[]) => s.filter((g) => g === 'a').length / s.length;
    const ci = bootstrapCI(groups, shareA, { resamples: 100, strata: (i) => groups[i] as string });
    expect([ci.lower, ci.upper]).toEqual([0.75, 0.75]);
    expect(() => bootstrapCI([], mean)).toThrow(/no data/);
  });

  it('paired bootstrap: zero difference for identical models, p = 0 when one always wins', () => {
    const same = pairedBootstrap(coin, coin, mean, { resamples: 200 });
    expect([same.difference, same.lower, same.upper, same.pValue]).toEqual([0, 0, 0, 1]);
    const ones = coin.map(() => 1);
    const zeros = coin.map(() => 0);
    const win = pairedBootstrap(ones, zeros, mean, { resamples: 200 });
    expect([win.difference, win.lower, win.upper, win.pValue]).toEqual([1, 1, 1, 0]);
    expect(() => pairedBootstrap([1], [1, 2], mean)).toThrow(/1 vs 2/);
  });
});

describe('bootstrap multiplicities', () => {
  it('are the draws of bootstrapCI (same seed and strata), keeping each stratum its size', () => {
    const data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const strata = (i: number) => (i < 4 ? 'a' : 'b');
    const ws = bootstrapMultiplicities(data.length, { seed: 9, resamples: 300, strata });
    for (const w of ws) {
      expect(w.slice(0, 4).reduce((a, b) => a + b, 0)).toBe(4);
      expect(w.slice(4).reduce((a, b) => a + b, 0)).toBe(7);
    }
    // the mean of resample r from its multiplicities, percentile interval as bootstrapCI takes it
    const means = ws.map((w) => data.reduce((a, x, i) => a + x * (w[i] as number), 0) / data.length);
    const ci = bootstrapCI(data, mean, { seed: 9, resamples: 300, strata });
    expect(ci.lower).toBeCloseTo(quantile(means, 0.025), 12);
    expect(ci.upper).toBeCloseTo(quantile(means, 0.975), 12);
    expect(bootstrapMultiplicities(data.length, { seed: 9, resamples: 300, strata })).toEqual(ws);
    expect(() => bootstrapMultiplicities(0)).toThrow(/no items/);
  });
});
