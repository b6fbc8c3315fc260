import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDatasets, reducedGenerateConfig } from '../../src/data';
import { agreementProbes, poolFrames, projectedEncoder, renderedEncoder, runProbes, stressCueProbes, type ProbeData } from '../../src/experiments';
import { STRESS_SUBTASKS } from '../../src/formats';
import { Avlm } from '../../src/model';
import { FeatureCache } from '../../src/train';

const cfg = reducedGenerateConfig(0.05, 3);
const d = generateDatasets(cfg);
const data: ProbeData = { sftClips: d.sft.clips, benchmark: d.benchmark };
const features = new FeatureCache(cfg.world).add(d.sft.clips).add(d.benchmark.clips);
const { nA, nV, f } = cfg.world.renderer;
const model = new Avlm({ vocab: 16, dModel: 8, nLayers: 1, nHeads: 2, featDim: f, nAudioFrames: nA, nVideoFrames: nV, maxTextLen: 4, initStd: 0.2 });
afterAll(() => model.dispose());
const probe = { iterations: 150 };
const rendered = renderedEncoder(features, f);
const stressItems = d.benchmark.items.filter((i) => i.task === 'reasoning_stress_audio' || i.task === 'reasoning_stress_video');
const agreementItems = d.benchmark.items.filter((i) => i.task === 'modality_agreement');

describe('poolFrames', () => {
  it('pools [T, D] frames to mean and max per feature, or flattens them', () => {
    const x = [1, -2, 3, 4, -5, 0]; // T = 3, D = 2
    expect([...poolFrames(x, 3, 'meanmax')]).toEqual([-1 / 3, 2 / 3, 3, 4]);
    expect([...poolFrames(x, 3, 'flatten')]).toEqual(x);
    expect(() => poolFrames(x, 4, 'meanmax')).toThrow(/frames/);
  });
});

describe('Avlm.projectTokens', () => {
  it('gives the projector’s tokens [B, n, D] and checks the frames', () => {
    const pool = new Avlm({
      vocab: 16,
      dModel: 8,
      nHeads: 2,
      featDim: 3,
      nAudioFrames: 5,
      nVideoFrames: 2,
      maxTextLen: 4,
      projector: { kind: 'attnpool', nQueries: 3, nHeads: 2 },
    });
    const x = tf.ones([2, 5, 3]) as tf.Tensor3D;
    const t = pool.projectTokens(x, 'audio');
    expect(t.shape).toEqual([2, 3, 8]);
    expect(() => pool.projectTokens(x, 'video')).toThrow(/video features/);
    tf.dispose([x, t]);
    pool.dispose();
  });
});

describe('probe experiments', () => {
  const res = stressCueProbes(data, rendered, probe);

  it('reports every stress subtask × modality, covering each stress question once', () => {
    expect(res.stress.map((r) => `${r.modality}/${r.subtask}`)).toEqual(['audio', 'visual'].flatMap((m) => STRESS_SUBTASKS.map((s) => `${m}/${s}`)));
    expect(res.stress.reduce((s, r) => s + r.questions, 0)).toBe(stressItems.length);
    expect(res.cues.reduce((s, r) => s + r.questions, 0)).toBe(stressItems.length);
    expect(new Set(res.cues.map((r) => `${r.modality}/${r.cue}`)).size).toBe(new Set(stressItems.map((i) => `${i.task}/${i.cue}`)).size);
    res.stress.forEach((r) => expect(r.accuracy).toBeGreaterThanOrEqual(0));
  });

  it('finds the rendered cues well above chance', () => {
    const right = res.stress.reduce((s, r) => s + r.accuracy * r.questions, 0);
    expect(right / stressItems.length).toBeGreaterThan(0.7);
  });

  it('reads agreement out two ways on the agreement questions', () => {
    const rows = agreementProbes(data, rendered, probe);
    expect(rows.map((r) => r.readout)).toEqual(['linear', 'emotions']);
    rows.forEach((r) => {
      expect(r.n).toBe(agreementItems.length);
      expect(r.positives).toBe(agreementItems.filter((i) => i.answer === 'A').length);
      expect(r.balancedAccuracy).toBeCloseTo((r.accuracyAgree + r.accuracyDisagree) / 2, 12);
    });
  });

  it('runs on a model’s projected tokens, deterministically and without leaking tensors', () => {
    const enc = projectedEncoder(model, features, 'tiny', 'meanmax', 64);
    expect(enc.encode(['x'].slice(1), 'audio')).toEqual([]);
    const row = enc.encode([d.sft.clips[0]!.id], 'video');
    expect(row[0]!.length).toBe(2 * 8);
    const before = tf.memory().numTensors;
    const a = runProbes(data, [enc], probe);
    expect(tf.memory().numTensors).toBe(before);
    expect(runProbes(data, [enc], probe)).toEqual(a);
    expect(a.stress).toHaveLength(6);
    expect(a.agreement).toHaveLength(2);
    expect(a.stress.every((r) => r.encoder === 'tiny')).toBe(true);
  });
});
