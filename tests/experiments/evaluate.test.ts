import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTokenizer, reducedGenerateConfig } from '../../src/data';
import { defaultDiagnosticsConfig, DEFAULT_CONTRASTIVE, evaluateModel, type EvaluationContext } from '../../src/experiments';
import { Avlm } from '../../src/model';
import { datasetsFor, FeatureCache } from '../../src/train';

describe('evaluateModel', () => {
  const gen = reducedGenerateConfig(0.01, 4);
  const d = datasetsFor(gen);
  const r = gen.world.renderer;
  const model = new Avlm({
    vocab: buildTokenizer().size,
    dModel: 16,
    nLayers: 1,
    nHeads: 2,
    ffMult: 2,
    featDim: r.f,
    nAudioFrames: r.nA,
    nVideoFrames: r.nV,
    seed: 3,
  });
  afterAll(() => model.dispose());
  const features = new FeatureCache(gen.world).add(d.benchmark.clips).add(d.recognitionInDomain.clips).add(d.recognitionShifted.clips).add(d.description.clips);
  const subset = new Set(d.benchmark.items.filter((_, i) => i % 3 === 0).map((i) => String(i.id)));
  const diag = defaultDiagnosticsConfig();
  const ctx: EvaluationContext = { data: d, features, textUnsolvable: subset, choice: diag.choice, mode: 'strict', diffusion: gen.corpus.diffusion };

  it('scores every item in the full view and exactly the subset in the text-unsolvable view, with recognition and descriptions', () => {
    const before = tf.memory().numTensors;
    const e = evaluateModel(model, ctx);
    expect(tf.memory().numTensors).toBe(before);
    expect(e.predictions).toHaveLength(d.benchmark.items.length);
    expect(e.full.tasks.reduce((a, t) => a + t.counted, 0)).toBe(d.benchmark.items.length);
    expect(e.textUnsolvable.tasks.reduce((a, t) => a + t.counted, 0)).toBe(subset.size);
    expect(e.table5.full).toEqual(e.full.ablation);
    expect(e.recognition.inDomain.n).toBe(d.recognitionInDomain.items.length);
    expect(e.description.n).toBe(d.description.items.length);
    for (const p of e.predictions) expect(Object.keys(p.scores ?? {}).length).toBeGreaterThanOrEqual(2);
    // deterministic
    expect(evaluateModel(model, ctx).predictions).toEqual(e.predictions);
  });
  it('contrastive decoding with α = 0 and no cutoff chooses what the likelihood chooses', () => {
    const plain = evaluateModel(model, ctx);
    const vcd0 = evaluateModel(model, ctx, { ...DEFAULT_CONTRASTIVE, alpha: 0, beta: 0 } as typeof DEFAULT_CONTRASTIVE);
    const same = plain.predictions.filter((p, i) => p.prediction === vcd0.predictions[i]!.prediction).length;
    expect(same).toBe(plain.predictions.length);
    const vcd = evaluateModel(model, ctx, DEFAULT_CONTRASTIVE);
    expect(vcd.predictions).toHaveLength(plain.predictions.length);
  });
});
