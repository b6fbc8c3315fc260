import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random';
import { agrees, ClipSampler, cueById, defaultWorldConfig, EMOTIONS, presentCueIds, type ClipSpec } from '../../src/world';
import { expectedIrrelevantAssociation, irrelevantAssociation } from '../../src/data';

const world = defaultWorldConfig();
const sample = (source: 'sft' | 'benchmark' | 'shifted', n: number, seed = 7): ClipSpec[] => new ClipSampler(world, source, new Rng(seed)).sampleMany(n);

describe('ClipSampler', () => {
  it('is deterministic per seed and differs across seeds', () => {
    expect(JSON.stringify(sample('sft', 50, 3))).toBe(JSON.stringify(sample('sft', 50, 3)));
    expect(JSON.stringify(sample('sft', 50, 3))).not.toBe(JSON.stringify(sample('sft', 50, 4)));
  });

  it('gives each modality relevant cues of its own emotion, and counts within the configured ranges', () => {
    const cfg = world.sources.sft;
    for (const clip of sample('sft', 300)) {
      for (const m of ['audio', 'visual'] as const) {
        const e = m === 'audio' ? clip.audioEmotion : clip.videoEmotion;
        const rel = presentCueIds(clip, m, 'relevant');
        const irr = presentCueIds(clip, m, 'irrelevant');
        expect(rel.length).toBeGreaterThanOrEqual(cfg.relevantPerModality[0]);
        expect(rel.length).toBeLessThanOrEqual(cfg.relevantPerModality[1]);
        expect(irr.length).toBeGreaterThanOrEqual(cfg.irrelevantPerModality[0]);
        expect(irr.length).toBeLessThanOrEqual(cfg.irrelevantPerModality[1]);
        for (const id of rel) expect(cueById(id).emotion).toBe(e);
        expect(new Set([...rel, ...irr]).size).toBe(rel.length + irr.length);
        for (const p of m === 'audio' ? clip.audio : clip.visual) {
          expect(cueById(p.cue).modality).toBe(m);
          expect(p.onset).toBeGreaterThanOrEqual(0);
          expect(p.onset).toBeLessThan(8);
        }
      }
      expect(clip.emotion === clip.audioEmotion || clip.emotion === clip.videoEmotion).toBe(true);
    }
  });

  it('draws emotions from the source mix (DFEW-like: disgust rare) and disagrees at the set rate', () => {
    const clips = sample('benchmark', 4000);
    const mix = world.sources.benchmark.emotionMix;
    for (const e of EMOTIONS) {
      const p = clips.filter((c) => c.emotion === e).length / clips.length;
      const se = Math.sqrt((mix[e] * (1 - mix[e])) / clips.length);
      expect(Math.abs(p - mix[e]), e).toBeLessThan(4 * se);
    }
    expect(mix.disgust).toBeLessThan(Math.min(...EMOTIONS.filter((e) => e !== 'disgust').map((e) => mix[e])));
    const r = world.sources.benchmark.disagreementRate;
    const d = clips.filter((c) => !agrees(c)).length / clips.length;
    expect(Math.abs(d - r)).toBeLessThan(4 * Math.sqrt((r * (1 - r)) / clips.length));
    expect(sample('shifted', 300).every(agrees)).toBe(true);
  });

  it('plants the irrelevant-cue correlation only where configured (closed-form expectation)', () => {
    for (const source of ['sft', 'benchmark'] as const) {
      const clips = sample(source, 4000);
      const got = irrelevantAssociation(clips);
      const want = expectedIrrelevantAssociation(world.sources[source]);
      // p_in is a mean of 2 × 4000 Bernoullis
      expect(Math.abs(got.pIn - want.pIn), source).toBeLessThan(4 * Math.sqrt((want.pIn * (1 - want.pIn)) / 8000) + 1e-9);
      expect(Math.abs(got.rho - want.rho), source).toBeLessThan(0.04);
    }
    expect(expectedIrrelevantAssociation(world.sources.benchmark).rho).toBeCloseTo(0, 12);
    expect(expectedIrrelevantAssociation(world.sources.sft).rho).toBeGreaterThan(0.6);
  });

  it('computes the closed-form association by hand for one small case', () => {
    // ρ = 0.5, k = 1: p_in = 0.5 + 0.5/N, p_out = 0.5/N (per modality, N = 16 visual, 13 audio)
    const src = { ...world.sources.sft, irrelevantCorrelation: 0.5, irrelevantPerModality: [1, 1] as [number, number] };
    const got = expectedIrrelevantAssociation(src);
    const pIn = (0.5 + 0.5 / 16 + 0.5 + 0.5 / 13) / 2;
    const pOut = (0.5 / 16 + 0.5 / 13) / 2;
    expect(got.pIn).toBeCloseTo(pIn, 12);
    expect(got.pOut).toBeCloseTo(pOut, 12);
    expect(got.rho).toBeCloseTo((pIn - pOut) / (1 - pOut), 12);
  });

  it('uses a prefix override for clip and speaker ids', () => {
    const clip = new ClipSampler(world, 'benchmark', new Rng(1), 'recog').sample(12);
    expect(clip.id).toBe('recog-000012');
    expect(clip.speaker.id.startsWith('recog-spk')).toBe(true);
  });
});
