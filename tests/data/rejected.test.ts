import { afterAll, describe, expect, it } from 'vitest';
import {
  alphaBar,
  loadDatasets,
  rejectedInput,
  type DiffusionKnobs,
} from '../../src/data';
import { REJECTED_INPUT_KINDS, REJECTED_INPUT_SOURCES } from '../../src/losses';
import { makeFixture, removeFixture } from './fixture';

const fx = makeFixture(0.05, 17);
afterAll(() => removeFixture(fx));
const loaded = loadDatasets(fx.dir);
const store = loaded.preference.clips.features;
const diffusion = fx.cfg.corpus.diffusion;

const corr = (x: Float32Array, y: Float32Array): number => {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
};

describe('alphaBar', () => {
  it('is the product of (1 − β_s) over a linear schedule', () => {
    const d: DiffusionKnobs = { steps: 3, noiseStep: 2, betaStart: 0.1, betaEnd: 0.3 };
    expect(alphaBar(d)).toBeCloseTo(0.9 * 0.8, 12);
    expect(alphaBar({ ...d, noiseStep: 0 })).toBe(1);
    expect(alphaBar({ ...d, noiseStep: 3 })).toBeCloseTo(0.9 * 0.8 * 0.7, 12);
    expect(() => alphaBar({ ...d, noiseStep: 4 })).toThrow(/outside/);
  });
});

describe('rejected inputs (Table 17)', () => {
  it('changes both modalities, or only the prompt modality (PMP, Eq. 5)', () => {
    for (const modality of ['audio', 'visual', 'audiovisual'] as const) {
      const sample = loaded.preference.samples.find((s) => s.modality === modality)!;
      const chosen = store.get(sample.clipId);
      for (const source of REJECTED_INPUT_SOURCES) {
        const both = rejectedInput(sample, `both-${source}`, store, diffusion);
        const pmp = rejectedInput(sample, `pmp-${source}`, store, diffusion);
        expect(both.audio.length).toBe(chosen.audio.length);
        expect(both.video.length).toBe(chosen.video.length);
        expect(both.audio).not.toEqual(chosen.audio);
        expect(both.video).not.toEqual(chosen.video);
        if (modality === 'audio') {
          expect(pmp.audio).toEqual(both.audio);
          expect(pmp.video).toEqual(chosen.video);
        } else if (modality === 'visual') {
          expect(pmp.audio).toEqual(chosen.audio);
          expect(pmp.video).toEqual(both.video);
        } else {
          expect(pmp).toEqual(both);
        }
        expect(rejectedInput(sample, `both-${source}`, store, diffusion)).toEqual(both);
        for (const kind of REJECTED_INPUT_KINDS) {
          const x = rejectedInput(sample, kind, store, diffusion);
          expect([...x.audio, ...x.video].every(Number.isFinite)).toBe(true);
        }
      }
    }
  });

  it('draws other clips as specified: any other clip, and one with both emotions different', () => {
    const byId = loaded.preference.clips.byId;
    for (const s of loaded.preference.samples) {
      const chosen = byId.get(s.clipId)!;
      expect(s.rejected.randomClip).not.toBe(s.clipId);
      const diff = byId.get(s.rejected.differentEmotionClip)!;
      expect(diff.audioEmotion).not.toBe(chosen.audioEmotion);
      expect(diff.videoEmotion).not.toBe(chosen.videoEmotion);
      expect(rejectedInput(s, 'both-diff-emotion', store, diffusion)).toEqual(store.get(diff.id));
    }
  });

  it('diffuses as √ᾱ x + √(1 − ᾱ) ε, and draws random tensors at the features’ scale', () => {
    const sample = loaded.preference.samples[0]!;
    const x = store.get(sample.clipId).video;
    const a = alphaBar(diffusion);
    const d = rejectedInput(sample, 'both-diffused', store, diffusion).video;
    // corr(x, √ᾱ x + √(1−ᾱ) ε) = √ᾱ when ε has the scale of x
    expect(Math.abs(corr(x, d) - Math.sqrt(a))).toBeLessThan(0.1);
    const nearlyClean = rejectedInput(sample, 'both-diffused', store, { ...diffusion, noiseStep: 0 }).video;
    for (let i = 0; i < x.length; i++) expect(nearlyClean[i]).toBeCloseTo(x[i]!, 5);
    const r = rejectedInput(sample, 'both-random-tensor', store, diffusion).video;
    expect(Math.abs(corr(x, r))).toBeLessThan(0.15);
    const sd = (v: Float32Array) => Math.sqrt(v.reduce((s, y) => s + y * y, 0) / v.length - (v.reduce((s, y) => s + y, 0) / v.length) ** 2);
    expect(Math.abs(sd(r) / sd(x) - 1)).toBeLessThan(0.15);
  });
});
