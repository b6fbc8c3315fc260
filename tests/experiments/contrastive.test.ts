import { describe, expect, it } from 'vitest';
import { buildTokenizer, defaultCorpusConfig, diffuseClip, generateBenchmark, scaledBenchmark } from '../../src/data';
import { benchmarkQuestions, contrastiveBenchmarkQuestions } from '../../src/experiments';
import { Rng } from '../../src/random';
import { FeatureCache } from '../../src/train';
import { defaultWorldConfig } from '../../src/world';

describe('contrastiveBenchmarkQuestions', () => {
  const world = defaultWorldConfig();
  const bench = generateBenchmark(world, scaledBenchmark(0.01), new Rng(4));
  const features = new FeatureCache(world).add(bench.clips);
  const tok = buildTokenizer();
  const diffusion = defaultCorpusConfig().diffusion;
  const items = bench.items.slice(0, 12);

  it('adds each item’s diffused clip (seeded by the item id) in the modalities the question shows', () => {
    const qs = benchmarkQuestions(items, tok, features, 'audiovisual', false);
    const cq = contrastiveBenchmarkQuestions(items, qs, features, diffusion, 7);
    cq.forEach((q, i) => {
      const want = diffuseClip(features.get(items[i]!.video), diffusion, new Rng(7).fork(items[i]!.id));
      expect(q.contrast).toEqual(want);
      expect(q.prompt).toEqual(qs[i]!.prompt);
    });
    // order independent, seed dependent
    const rev = contrastiveBenchmarkQuestions([...items].reverse(), [...qs].reverse(), features, diffusion, 7).reverse();
    expect(rev.map((q) => q.contrast)).toEqual(cq.map((q) => q.contrast));
    expect(contrastiveBenchmarkQuestions(items, qs, features, diffusion, 8)[0]!.contrast.audio).not.toEqual(cq[0]!.contrast.audio);
    const audioOnly = contrastiveBenchmarkQuestions(items, benchmarkQuestions(items, tok, features, 'audio_only', false), features, diffusion, 7);
    expect(audioOnly.every((q) => q.contrast.video === undefined && q.contrast.audio !== undefined)).toBe(true);
  });
});
