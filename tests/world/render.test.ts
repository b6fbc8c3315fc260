import { describe, expect, it } from 'vitest';
import { cueActivations, cueById, defaultWorldConfig, envelope, Renderer, renderClip, type ClipSpec, type RendererConfig } from '../../src/world';

const quiet: RendererConfig = { ...defaultWorldConfig().renderer, noiseStd: 0, speakerScale: 0, sceneScale: 0, affectScale: 0 };

function clipWith(cues: ClipSpec['visual'], audio: ClipSpec['audio'] = []): ClipSpec {
  return {
    id: 't-000000',
    source: 'benchmark',
    emotion: 'sadness',
    audioEmotion: 'sadness',
    videoEmotion: 'sadness',
    speaker: { id: 't-spk0', noun: 'woman' },
    scene: 'office',
    audio,
    visual: cues,
    seed: 42,
  };
}

describe('envelopes', () => {
  it('match their closed forms', () => {
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    expect(envelope('sustained', 5, 0)).toBe(1);
    expect(envelope('burst', 3, 3)).toBe(1);
    expect(envelope('burst', 4, 3)).toBeCloseTo(Math.exp(-0.5), 12);
    expect(envelope('rise', 3, 3)).toBeCloseTo(sig(1), 12);
    expect(envelope('rise', 0, 7)).toBeLessThan(0.01);
    expect(envelope('fall', 3, 3)).toBeCloseTo(sig(1), 12);
    expect(envelope('fall', 7, 0)).toBeLessThan(0.01);
    expect(envelope('pulse', 2, 2)).toBe(1);
    expect(envelope('pulse', 5, 2)).toBeCloseTo(1, 12); // period 3
    expect(envelope('pulse', 3, 2)).toBeCloseTo(0.5 + 0.5 * Math.cos((2 * Math.PI) / 3), 12);
  });
});

describe('Renderer', () => {
  it('draws frozen prototypes of norm √f', () => {
    const r = new Renderer(quiet);
    const p = r.prototype('tears');
    expect(p.length).toBe(64);
    expect(Math.sqrt(p.reduce((s, v) => s + v * v, 0))).toBeCloseTo(8, 9);
    expect(new Renderer(quiet).prototype('tears')).toEqual(p);
    const shifted = r.prototype('tears', { protoPerturb: 0.35, offsetScale: 0, gain: 1, noiseStd: 0 });
    expect(Math.sqrt(shifted.reduce((s, v) => s + v * v, 0))).toBeCloseTo(8, 9);
    expect(shifted).not.toEqual(p);
  });

  it('renders a lone cue as salience · intensity · envelope(t) · prototype (noise-free)', () => {
    const r = new Renderer(quiet);
    const clip = clipWith([{ cue: 'tears', onset: 2, intensity: 1.25 }]);
    const { audio, video } = r.render(clip, null);
    expect(audio.length).toBe(8 * 64);
    expect(video.length).toBe(8 * 64);
    expect(audio.every((v) => v === 0)).toBe(true);
    const proto = r.prototype('tears');
    const sal = cueById('tears').salience;
    for (let t = 0; t < 8; t++) {
      const a = sal * 1.25 * envelope('rise', t, 2);
      for (let i = 0; i < 64; i++) expect(video[t * 64 + i]).toBeCloseTo(Math.fround(a * proto[i]!), 5);
    }
    // the matched filter reads the amplitude back exactly when nothing else is there
    const act = cueActivations(video, ['tears'], quiet);
    for (let t = 0; t < 8; t++) expect(act[t]![0]).toBeCloseTo(sal * 1.25 * envelope('rise', t, 2), 5);
  });

  it('adds noise with the configured standard deviation, reproducibly from the clip seed', () => {
    const noisy: RendererConfig = { ...quiet, noiseStd: 1.5 };
    const r = new Renderer(noisy);
    const clip = clipWith([]);
    const { audio, video } = r.render(clip, null);
    const all = [...audio, ...video];
    const mean = all.reduce((s, v) => s + v, 0) / all.length;
    const sd = Math.sqrt(all.reduce((s, v) => s + (v - mean) ** 2, 0) / all.length);
    expect(Math.abs(mean)).toBeLessThan(0.15);
    expect(Math.abs(sd - 1.5)).toBeLessThan(0.1);
    expect(r.render(clip, null).video).toEqual(video);
    expect(r.render({ ...clip, seed: 43 }, null).video).not.toEqual(video);
  });

  it('applies a domain shift (gain, offset, noise) to the shifted source', () => {
    const world = defaultWorldConfig();
    const clip = { ...clipWith([{ cue: 'tears', onset: 0, intensity: 1 }]), source: 'shifted' as const };
    const base = renderClip({ ...clip, source: 'benchmark' }, world);
    const shifted = renderClip(clip, world);
    expect(shifted.video).not.toEqual(base.video);
    expect(shifted.video.every(Number.isFinite)).toBe(true);
  });

  it('stays finite for extreme intensities', () => {
    const r = new Renderer(defaultWorldConfig().renderer);
    const { video } = r.render(clipWith([{ cue: 'tears', onset: 0, intensity: 1e3 }]), null);
    expect(video.every(Number.isFinite)).toBe(true);
    expect(Math.max(...video.map(Math.abs))).toBeGreaterThan(100);
  });
});
