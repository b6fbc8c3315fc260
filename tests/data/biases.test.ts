import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random';
import { ClipSampler, type ClipSpec } from '../../src/world';
import {
  defaultGenerateConfig,
  expectedIrrelevantAssociation,
  generatePreference,
  generateSft,
  irrelevantAssociation,
  measurePreference,
  measureSftBiases,
  mergeConfig,
  type GenerateConfig,
  type Rate,
} from '../../src/data';

/** |measured − expected| within 4 binomial standard errors (at the expected rate). */
function expectRate(r: Rate, expected: number, label: string): void {
  const se = Math.sqrt((expected * (1 - expected)) / r.n);
  expect(r.n, label).toBeGreaterThan(100);
  expect(Math.abs(r.rate - expected), `${label}: ${r.rate.toFixed(3)} vs ${expected} (n=${r.n})`).toBeLessThanOrEqual(4 * se + 1e-9);
}

function sftOf(cfg: GenerateConfig, seed: number): { examples: ReturnType<typeof generateSft>; clips: Map<string, ClipSpec>; list: ClipSpec[] } {
  const list = new ClipSampler(cfg.world, 'sft', new Rng(seed).fork('clips')).sampleMany(2000);
  const examples = generateSft(list, { ...cfg.corpus, sizes: { ...cfg.corpus.sizes, sftExamples: 9000 } }, new Rng(seed).fork('sft'));
  return { examples, clips: new Map(list.map((c) => [c.id, c])), list };
}

const ALT = mergeConfig(defaultGenerateConfig(), {
  world: { sources: { sft: { irrelevantCorrelation: 0.3 } } },
  corpus: {
    biases: {
      cueYesRate: 0.55,
      hardNegativeRate: 0.5,
      irrelevantQuestionShare: 0.3,
      irrelevantCreditRate: 0.1,
      descriptionHallucinationRate: 0.15,
      crossModalLeakageRate: 0.9,
      agreementYesRate: 0.6,
    },
  },
});

describe('planted SFT biases are present at their configured strength', () => {
  for (const [name, cfg] of [
    ['defaults', defaultGenerateConfig()],
    ['alternative knobs', ALT],
  ] as const) {
    it(name, () => {
      const { examples, clips, list } = sftOf(cfg, name === 'defaults' ? 21 : 22);
      const m = measureSftBiases(examples, clips);
      const b = cfg.corpus.biases;
      expect(m.unparsed).toBe(0);
      expect(m.wrongYesRate.k).toBe(0);
      expectRate(m.cueYesRate, b.cueYesRate, 'cueYesRate');
      expectRate(m.hardNegativeRate, b.hardNegativeRate, 'hardNegativeRate');
      expectRate(m.irrelevantQuestionShare, b.irrelevantQuestionShare, 'irrelevantQuestionShare');
      expectRate(m.irrelevantQuestionYesRate, b.irrelevantCreditRate, 'irrelevantQuestionYesRate');
      expectRate(m.basicIrrelevantCreditRate, b.irrelevantCreditRate, 'basicIrrelevantCreditRate');
      expectRate(m.descriptionIrrelevantCreditRate, b.irrelevantCreditRate, 'descriptionIrrelevantCreditRate');
      expectRate(m.descriptionHallucinationRate, b.descriptionHallucinationRate, 'descriptionHallucinationRate');
      expectRate(m.crossModalLeakageRate, b.crossModalLeakageRate, 'crossModalLeakageRate');
      expectRate(m.agreementYesRate, b.agreementYesRate, 'agreementYesRate');
      const yesShare = (1 - b.irrelevantQuestionShare) * b.cueYesRate + b.irrelevantQuestionShare * b.irrelevantCreditRate;
      expectRate(m.cueQuestionYesShare, yesShare, 'cueQuestionYesShare');
      const assoc = irrelevantAssociation(list);
      const want = expectedIrrelevantAssociation(cfg.world.sources.sft);
      expect(Math.abs(assoc.pIn - want.pIn)).toBeLessThan(4 * Math.sqrt((want.pIn * (1 - want.pIn)) / 4000));
      expect(Math.abs(assoc.rho - want.rho)).toBeLessThan(0.05);
    });
  }

  it('switching a bias off removes it', () => {
    const off = mergeConfig(defaultGenerateConfig(), {
      world: { sources: { sft: { irrelevantCorrelation: 0 } } },
      corpus: { biases: { irrelevantCreditRate: 0, descriptionHallucinationRate: 0, crossModalLeakageRate: 0 } },
    });
    const { examples, clips, list } = sftOf(off, 23);
    const m = measureSftBiases(examples, clips);
    expect(m.basicIrrelevantCreditRate.k).toBe(0);
    expect(m.descriptionIrrelevantCreditRate.k).toBe(0);
    expect(m.irrelevantQuestionYesRate.k).toBe(0);
    expect(m.descriptionHallucinationRate.k).toBe(0);
    expect(m.crossModalLeakageRate.k).toBe(0);
    expect(Math.abs(irrelevantAssociation(list).rho)).toBeLessThan(0.03);
  });
});

describe('preference data', () => {
  const prefOf = (cfg: GenerateConfig, seed: number) => {
    const list = new ClipSampler(cfg.world, 'preference', new Rng(seed).fork('clips')).sampleMany(1500);
    const samples = generatePreference(list, { ...cfg.corpus, sizes: { ...cfg.corpus.sizes, preferenceSamples: 5000 } }, new Rng(seed).fork('pref'));
    return { samples, clips: new Map(list.map((c) => [c.id, c])), list };
  };

  it('has wrong responses at the configured rates (Table 6) and no planted biases', () => {
    const cfg = defaultGenerateConfig();
    const { samples, clips, list } = prefOf(cfg, 31);
    const m = measurePreference(samples, clips);
    const n = cfg.corpus.preferenceNoise;
    expectRate(m.yWErrorRate, n.yWErrorRate, 'yW');
    expectRate(m.yVrErrorRate, n.yVrErrorRate, 'yVr');
    expectRate(m.yErErrorRate, n.yErErrorRate, 'yEr');
    // absent: no credited irrelevant cues in yW, no leakage beyond noise, balanced yes/no, no correlation
    expect(m.yWIrrelevantCreditRate.k).toBe(0);
    expect(m.yWLeakageRate.rate).toBeLessThan(0.05);
    expectRate(m.cueYesShare, 0.5, 'cue yes share');
    expectRate(m.agreementYesShare, 0.5, 'agreement yes share');
    expect(Math.abs(irrelevantAssociation(list).rho)).toBeLessThan(0.03);
    expect(new Set(samples.map((s) => s.format)).size).toBe(4);
    expect(new Set(samples.map((s) => s.modality)).size).toBe(3);
  });

  it('is exactly clean with zero noise, and follows a high noise rate', () => {
    const clean = mergeConfig(defaultGenerateConfig(), { corpus: { preferenceNoise: { yWErrorRate: 0, yVrErrorRate: 0, yErErrorRate: 0 } } });
    const p0 = prefOf(clean, 32);
    const m0 = measurePreference(p0.samples, p0.clips);
    expect([m0.yWErrorRate.k, m0.yVrErrorRate.k, m0.yErErrorRate.k]).toEqual([0, 0, 0]);
    const noisy = mergeConfig(defaultGenerateConfig(), { corpus: { preferenceNoise: { yWErrorRate: 0.5, yVrErrorRate: 0.5, yErErrorRate: 0.5 } } });
    const p = prefOf(noisy, 33);
    const m1 = measurePreference(p.samples, p.clips);
    expectRate(m1.yWErrorRate, 0.5, 'yW');
    expectRate(m1.yVrErrorRate, 0.5, 'yVr');
    expectRate(m1.yErErrorRate, 0.5, 'yEr');
  });
});
