import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { BOS_ID, buildTokenizer, EOS_ID, reducedGenerateConfig, SEP_ID } from '../../src/data';
import {
  buildReferences,
  datasetsFor,
  defaultReferenceBuildConfig,
  FeatureCache,
  pretrainExamples,
  referenceModelConfig,
  sftExamples,
  toBatch,
  type ReferenceBuildConfig,
} from '../../src/train';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'refs-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function tinyBuild(): ReferenceBuildConfig {
  const cfg = defaultReferenceBuildConfig();
  cfg.data = reducedGenerateConfig(0.01, 5);
  cfg.model = { dModel: 16, nLayers: 1, nHeads: 2, ffMult: 2 };
  cfg.projectors = { base: { kind: 'mlp', hidden: 8, depth: 2 }, emotionllama: { kind: 'attnpool', nQueries: 2, nHeads: 2 } };
  cfg.pretrain = { ...cfg.pretrain, epochs: 1, batchSize: 16, warmupSteps: 2, checkpointEvery: 5 };
  cfg.sft = { ...cfg.sft, epochs: 1, batchSize: 16, warmupSteps: 2, checkpointEvery: 5 };
  return cfg;
}

describe('reference build data', () => {
  it('pretrains on every text token after BOS, and fine-tunes on responses with both modalities', () => {
    const cfg = tinyBuild();
    const d = datasetsFor(cfg.data);
    const tok = buildTokenizer();
    const all = pretrainExamples(d, tok, 'all');
    const resp = pretrainExamples(d, tok, 'response');
    expect(all[0]!.prompt).toEqual([BOS_ID]);
    expect([...all[0]!.prompt, ...all[0]!.response]).toEqual([...resp[0]!.prompt, ...resp[0]!.response]);
    expect(resp[0]!.prompt[resp[0]!.prompt.length - 1]).toBe(SEP_ID);
    expect(all[0]!.response[all[0]!.response.length - 1]).toBe(EOS_ID);
    const sft = sftExamples(d, tok, new FeatureCache(cfg.data.world));
    expect(sft).toHaveLength(d.sft.examples.length);
    const r = cfg.data.world.renderer;
    expect(sft[0]!.audio!.length).toBe(r.nA * r.f);
    expect(sft[0]!.video!.length).toBe(r.nV * r.f);
    const m = referenceModelConfig(cfg, 'emotionllama');
    expect([m.vocab, m.featDim, m.nAudioFrames, m.projector.kind]).toEqual([tok.size, r.f, r.nA, 'attnpool']);
  });
});

describe('buildReferences', () => {
  it('trains both references from one shared pretrained LM, then serves them from the cache', async () => {
    const cfg = tinyBuild();
    const first = await buildReferences(cfg, { root: tmp, progress: false });
    expect(first.cached).toBe(false);
    const runs = fs.readdirSync(tmp).sort();
    expect(runs.map((r) => r.replace(/-[0-9a-f]{12}$/, ''))).toEqual(['pretrain', 'sft-base', 'sft-emotionllama']);
    // both references start from the same LM weights: they differ only after SFT, and carry the config
    expect(first.sft.base!.config).toMatchObject({ kind: 'sft', reference: 'base', pretrain: first.pretrain.hash });
    expect(first.sft.emotionllama!.provenance).toMatchObject({ data: cfg.data });
    const second = await buildReferences(cfg, { root: tmp, progress: false });
    expect(second.cached).toBe(true);
    const d = datasetsFor(cfg.data);
    const ex = sftExamples(d, buildTokenizer(), new FeatureCache(cfg.data.world)).slice(0, 3);
    for (const name of ['base', 'emotionllama'] as const) {
      const b = toBatch(ex, first.models[name]!.config);
      expect(Array.from(second.models[name]!.sequenceLogProbs(b).dataSync())).toEqual(Array.from(first.models[name]!.sequenceLogProbs(b).dataSync()));
      tf.dispose([b.audio!, b.video!]);
    }
    [first, second].forEach((r) => Object.values(r.models).forEach((m) => m!.dispose()));
  });
});
