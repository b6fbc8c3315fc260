import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCorpusConfig, diffuseClip } from '../../src/data';
import {
  Avlm,
  chooseContrastive,
  contrastiveOptionScore,
  contrastiveTokenLogProb,
  scoreChoices,
  scoreChoicesContrastive,
  type AvlmConfigOverrides,
  type ContrastiveKnobs,
  type ContrastiveQuestion,
} from '../../src/model';
import { Rng } from '../../src/random';

/*
 * Expected values (Python 3, math only):
 *   lse = lambda x: max(x) + math.log(sum(math.exp(v - max(x)) for v in x))
 *   c = [4, 1, -2]                 # 2·[2, 1, 0] − [0, 1, 2]
 *   c[0] - lse(c), c[1] - lse(c), c[2] - lse(c)   → -0.05094576352299818, -3.050945763522998, -6.050945763522998
 *   1 - lse([4, 1])                                 → -3.048587351573742   (normaliser over V_head = {0, 1})
 *   c = [3000, -3000, 1998]; 1998 - lse(c), 3000 - lse(c)  → -1002.0, 0.0
 *   o = [2, 1, 0]; o[1] - lse(o)                    → -1.4076059644443806  (α = 0)
 *   α = 0.5: c1 = [3, 1, -1], c2 = [-0.5, 4, 1]; c1[0] - lse(c1) + c2[1] - lse(c2) → -0.20204552377270302
 */
const knobs = (over: Partial<ContrastiveKnobs> = {}): ContrastiveKnobs => ({ alpha: 1, beta: 0.1, normaliser: 'vocab', ...over });

describe('contrastive decoding math (VCD)', () => {
  const o = [2, 1, 0];
  const n = [0, 1, 2];

  it('is the log-softmax of (1 + α)·o − α·n at the target', () => {
    expect(contrastiveTokenLogProb(o, n, 0, knobs())).toBeCloseTo(-0.05094576352299818, 12);
    expect(contrastiveTokenLogProb(o, n, 1, knobs())).toBeCloseTo(-3.050945763522998, 12);
    expect(contrastiveTokenLogProb(o, n, 2, knobs())).toBeCloseTo(-6.050945763522998, 12); // p_o ratio e⁻² ≈ 0.135 ≥ 0.1: kept
    expect(contrastiveTokenLogProb(o, n, 1, knobs({ alpha: 0 }))).toBeCloseTo(-1.4076059644443806, 12);
  });

  it('gives −∞ to a token below β × the most probable one under the original input', () => {
    expect(contrastiveTokenLogProb(o, n, 2, knobs({ beta: 0.2 }))).toBe(-Infinity); // e⁻² < 0.2
    expect(contrastiveTokenLogProb(o, n, 1, knobs({ beta: 0.2 }))).toBeCloseTo(-3.050945763522998, 12); // e⁻¹ ≥ 0.2
    expect(contrastiveTokenLogProb(o, n, 1, knobs({ beta: 1 }))).toBe(-Infinity); // β = 1: the argmax only
    expect(contrastiveTokenLogProb(o, n, 0, knobs({ beta: 1 }))).toBeCloseTo(-0.05094576352299818, 12);
    expect(contrastiveTokenLogProb([0, -500, -1e4], n, 2, knobs({ beta: 0 }))).toBeGreaterThan(-Infinity); // β = 0: no cutoff
    // the contrast never rescues an implausible token, however much it favours it
    expect(contrastiveTokenLogProb(o, [0, 0, -1e3], 2, knobs({ beta: 0.2 }))).toBe(-Infinity);
  });

  it('normalises over the plausible set with the `plausible` normaliser (VCD code)', () => {
    expect(contrastiveTokenLogProb(o, n, 1, knobs({ beta: 0.2, normaliser: 'plausible' }))).toBeCloseTo(-3.048587351573742, 12);
    expect(contrastiveTokenLogProb(o, n, 2, knobs({ beta: 0.2, normaliser: 'plausible' }))).toBe(-Infinity);
    // β = 0: the two normalisers agree
    expect(contrastiveTokenLogProb(o, n, 1, knobs({ beta: 0, normaliser: 'plausible' }))).toBeCloseTo(-3.050945763522998, 12);
  });

  it('is stable for ±1e3 logits', () => {
    const big = [1000, -1000, 999];
    const bigN = [-1000, 1000, 0];
    expect(contrastiveTokenLogProb(big, bigN, 2, knobs())).toBeCloseTo(-1002, 9);
    expect(contrastiveTokenLogProb(big, bigN, 0, knobs())).toBeCloseTo(0, 9);
    expect(contrastiveTokenLogProb(big, bigN, 1, knobs())).toBe(-Infinity); // p ratio e⁻²⁰⁰⁰
    expect(Number.isNaN(contrastiveTokenLogProb(big, bigN, 0, knobs({ alpha: 3 })))).toBe(false);
  });

  it('sums over an option, and is −∞ as soon as one token is implausible', () => {
    const rowsO = [o, [0, 3, 1]];
    const rowsN = [n, [1, 1, 1]];
    expect(contrastiveOptionScore(rowsO, rowsN, [0, 1], knobs({ alpha: 0.5 }))).toBeCloseTo(-0.20204552377270302, 12);
    expect(contrastiveOptionScore(rowsO, rowsN, [0, 0], knobs({ alpha: 0.5 }))).toBe(-Infinity); // e⁻³ < 0.1
    expect(() => contrastiveOptionScore(rowsO, rowsN, [0], knobs())).toThrow(/targets/);
  });

  it('rejects knobs and targets outside their domain', () => {
    expect(() => contrastiveTokenLogProb(o, n, 3, knobs())).toThrow(/outside/);
    expect(() => contrastiveTokenLogProb(o, [0, 1], 0, knobs())).toThrow(/contrast logits/);
    expect(() =>
      scoreChoicesContrastive(new Avlm({ vocab: 8, dModel: 4, nHeads: 1, featDim: 2, nAudioFrames: 1, nVideoFrames: 1, maxTextLen: 4 }), [], { beta: 2 }),
    ).toThrow(/beta/);
  });

  it('chooses the best score, ties to the first, and falls back to the scores without the cutoff when all are −∞', () => {
    expect(chooseContrastive([-1, -0.5, -0.5], [0, 0, 0])).toEqual({ chosen: 1, fallback: false });
    expect(chooseContrastive([-Infinity, -3, -Infinity], [0, -9, 1])).toEqual({ chosen: 1, fallback: false });
    expect(chooseContrastive([-Infinity, -Infinity], [-2, -1])).toEqual({ chosen: 1, fallback: true });
    expect(chooseContrastive([-Infinity, -Infinity], [-1, -1])).toEqual({ chosen: 0, fallback: true });
  });
});

const TINY: AvlmConfigOverrides = {
  vocab: 25,
  dModel: 8,
  nLayers: 1,
  nHeads: 2,
  ffMult: 2,
  featDim: 3,
  nAudioFrames: 2,
  nVideoFrames: 2,
  maxTextLen: 14,
  projector: { kind: 'mlp', hidden: 5, depth: 2 },
  lora: { rank: 2, alpha: 4, targets: ['wq', 'wv'] },
  initStd: 0.5,
};

describe('scoreChoicesContrastive', () => {
  const model = new Avlm(TINY);
  afterAll(() => model.dispose());
  const rng = new Rng(9);
  const frames = () => Float32Array.from({ length: 2 * 3 }, () => rng.normal());
  const diffusion = defaultCorpusConfig().diffusion;
  const question = (prompt: number[], options: number[][], seed: number): ContrastiveQuestion => {
    const clip = { audio: frames(), video: frames() };
    return { prompt, options, ...clip, contrast: diffuseClip(clip, diffusion, new Rng(seed)) };
  };
  const qs: ContrastiveQuestion[] = [
    question([1, 2], [[3], [4, 5], [6]], 1),
    question([7, 8, 9], [[10, 11], [12]], 2),
    question([2, 4], [[13], [14], [15]], 3), // one-token options: scoreChoices' single-pass path
    question([5], [[16], [17]], 4),
  ];

  it('equals plain summed log-softmax scoring (scoreChoices) at α = 0', () => {
    const plain = scoreChoices(model, qs, { scoring: 'sum' });
    const vcd = scoreChoicesContrastive(model, qs, { alpha: 0, beta: 0, batchSize: 3 });
    vcd.forEach((r, i) => {
      expect(r.chosen).toBe(plain[i]!.chosen);
      expect(r.fallback).toBe(false);
      r.scores.forEach((s, k) => expect(s).toBeCloseTo(plain[i]!.scores[k]!, 4));
    });
    // with the cutoff, every option either keeps its plain score or is −∞
    const cut = scoreChoicesContrastive(model, qs, { alpha: 0, beta: 0.5 });
    expect(cut.some((r) => r.scores.includes(-Infinity))).toBe(true);
    cut.forEach((r, i) => r.scores.forEach((s, k) => (s === -Infinity ? undefined : expect(s).toBeCloseTo(plain[i]!.scores[k]!, 4))));
  });

  it('equals plain scoring for any α when the contrast is the input itself', () => {
    const plain = scoreChoices(model, qs);
    const same = qs.map((q) => ({ ...q, contrast: { audio: q.audio, video: q.video } }));
    scoreChoicesContrastive(model, same, { alpha: 2, beta: 0 }).forEach((r, i) => r.scores.forEach((s, k) => expect(s).toBeCloseTo(plain[i]!.scores[k]!, 4)));
  });

  it('moves the scores when the contrast differs, and falls back deterministically when every option is cut', () => {
    const plain = scoreChoices(model, qs);
    const vcd = scoreChoicesContrastive(model, qs, { beta: 0 });
    expect(vcd.some((r, i) => r.scores.some((s, k) => Math.abs(s - plain[i]!.scores[k]!) > 1e-3))).toBe(true);
    const strict = scoreChoicesContrastive(model, qs, { beta: 1 }); // only the argmax token survives
    expect(strict.some((r) => r.fallback)).toBe(true);
    strict.forEach((r, i) => {
      const argmax = (s: number[]) => s.reduce((b, x, k) => (x > s[b]! ? k : b), 0);
      expect(r.chosen).toBe(r.fallback ? argmax(vcd[i]!.scores) : argmax(r.scores));
      expect(r.fallback).toBe(r.scores.every((s) => s === -Infinity));
    });
  });

  it('is deterministic, batch-size independent and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const a = scoreChoicesContrastive(model, qs);
    const b = scoreChoicesContrastive(model, qs, { batchSize: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(scoreChoicesContrastive(model, qs)).toEqual(a);
    a.forEach((r, i) => r.scores.forEach((s, k) => (s === -Infinity ? expect(b[i]!.scores[k]).toBe(-Infinity) : expect(b[i]!.scores[k]).toBeCloseTo(s, 4))));
  });

  it('checks that the contrast has the question’s modalities', () => {
    const bad = [{ ...qs[0]!, contrast: { audio: qs[0]!.audio } }];
    expect(() => scoreChoicesContrastive(model, bad)).toThrow(/contrast video/);
  });
});

describe('diffuseClip', () => {
  it('is seeded, deterministic and keeps the shapes', () => {
    const rng = new Rng(3);
    const clip = { audio: Float32Array.from({ length: 12 }, () => rng.normal()), video: Float32Array.from({ length: 8 }, () => rng.normal()) };
    const d = defaultCorpusConfig().diffusion;
    const a = diffuseClip(clip, d, new Rng(1));
    expect(diffuseClip(clip, d, new Rng(1))).toEqual(a);
    expect(diffuseClip(clip, d, new Rng(2)).audio).not.toEqual(a.audio);
    expect(a.audio.length).toBe(12);
    expect(a.video.length).toBe(8);
    expect(diffuseClip(clip, { ...d, noiseStep: 0 }, new Rng(1))).toEqual(clip); // ᾱ = 1: no noise
  });
});
