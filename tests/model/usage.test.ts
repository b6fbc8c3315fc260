import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { Avlm, attentionShares, generateGreedy, loadAvlm, loadAvlmWeights, saveAvlm, scoreChoices, type AvlmConfigOverrides } from '../../src/model';
import { Rng } from '../../src/random';

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
const rng = new Rng(5);
const models: Avlm[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avlm-'));
afterAll(() => {
  models.forEach((m) => m.dispose());
  fs.rmSync(tmp, { recursive: true, force: true });
});
function make(over: AvlmConfigOverrides = {}): Avlm {
  const m = new Avlm({ ...TINY, ...over });
  models.push(m);
  return m;
}
const frames = (n: number) => Float32Array.from({ length: n * 3 }, () => rng.normal());

describe('scoreChoices', () => {
  it('scores each option by its summed (or mean) log-likelihood and picks the best', () => {
    const m = make();
    const qs = [
      { prompt: [1, 2], options: [[3], [4, 5], [6]], audio: frames(2), video: frames(2) },
      { prompt: [7, 8, 9], options: [[10, 11], [12]], audio: frames(2), video: frames(2) },
      // one-token options take the single-pass path (next-token log-softmax)
      { prompt: [2, 4], options: [[13], [14], [15]], audio: frames(2), video: frames(2) },
      { prompt: [5], options: [[16], [17]], audio: frames(2), video: frames(2) },
    ];
    const res = scoreChoices(m, qs, { batchSize: 2 });
    qs.forEach((q, i) => {
      q.options.forEach((o, k) => {
        const lp = m.sequenceLogProbs({
          audio: tf.tensor3d(q.audio, [1, 2, 3]),
          video: tf.tensor3d(q.video, [1, 2, 3]),
          prompts: [q.prompt],
          responses: [o],
        });
        expect(res[i]!.scores[k]).toBeCloseTo(lp.dataSync()[0]!, 5);
      });
      const best = res[i]!.scores.indexOf(Math.max(...res[i]!.scores));
      expect(res[i]!.chosen).toBe(best);
    });
    const mean = scoreChoices(m, qs, { scoring: 'mean' });
    expect(mean[0]!.scores[1]).toBeCloseTo(res[0]!.scores[1]! / 2, 5);
    expect(mean[2]!.scores).toEqual(res[2]!.scores);
    expect(() => scoreChoices(m, [qs[0]!, { ...qs[1]!, audio: undefined }])).toThrow(/audio features given for 1 of 2 questions/);
  });
});

describe('generateGreedy', () => {
  it('appends the arg-max token step by step and stops at EOS', () => {
    const m = make();
    const inputs = [{ prompt: [1, 2, 3] }, { prompt: [4] }];
    const out = generateGreedy(m, inputs, { eosId: 24, maxNewTokens: 4 });
    inputs.forEach((inp, i) => {
      const seq: number[] = [];
      for (let s = 0; s < 4; s++) {
        const logits = m.nextTokenLogits({ prompts: [inp.prompt], responses: [seq] });
        const next = tf.argMax(logits, 1).dataSync()[0]!;
        seq.push(next);
        if (next === 24) break;
      }
      expect(out[i]).toEqual(seq);
    });
    // declaring the first generated token the EOS stops that sequence right after it
    const stopAt = generateGreedy(m, inputs, { eosId: out[0]![0]!, maxNewTokens: 4 });
    expect(stopAt[0]).toEqual([out[0]![0]]);
  });
});

describe('attentionShares', () => {
  it('gives audio and video shares in [0, 1] that sum to 1, per layer/head and per sequence', () => {
    const m = make();
    const b = {
      audio: tf.tensor3d(frames(4), [2, 2, 3]),
      video: tf.tensor3d(frames(4), [2, 2, 3]),
      prompts: [
        [1, 2],
        [3, 4, 5],
      ],
      responses: [[6, 7], [8]],
    };
    const s = attentionShares(m, b);
    expect(s.audioByLayerHead).toHaveLength(1);
    expect(s.audioByLayerHead[0]).toHaveLength(2);
    s.audioByLayerHead[0]!.forEach((a, h) => {
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(1);
      expect(a + s.videoByLayerHead[0]![h]!).toBeCloseTo(1, 6);
    });
    expect(s.audioBySequence).toHaveLength(2);
    // the per-sequence share averaged over sequences equals the per-head means averaged over heads
    const meanSeq = (s.audioBySequence[0]! + s.audioBySequence[1]!) / 2;
    expect(meanSeq).toBeCloseTo((s.audioByLayerHead[0]![0]! + s.audioByLayerHead[0]![1]!) / 2, 6);
    // hand check for sequence 1, layer 0: query = last prompt token (position 4 + 2), mean over heads
    const { probs } = m.attentionMaps(b);
    const p = probs[0]!.arraySync();
    const q = 4 + 2;
    let share = 0;
    for (let h = 0; h < 2; h++) {
      const row = p[1]![h]![q]!;
      share += (row[0]! + row[1]!) / (row[0]! + row[1]! + row[2]! + row[3]!) / 2;
    }
    expect(s.audioBySequence[1]).toBeCloseTo(share, 5);
    expect(() => attentionShares(m, { ...b, video: undefined })).toThrow(/needs both audio and video/);
    tf.dispose([...probs, b.audio, b.video]);
  });
});

describe('model checkpoints', () => {
  it('round-trips weights and config; can load a no-LoRA checkpoint into a LoRA model', async () => {
    const m = make({ projector: { kind: 'attnpool', nQueries: 2, nHeads: 1 }, lora: { targets: [] } });
    for (const v of Object.values(m.params)) v.assign(tf.randomNormal(v.shape, 0, 0.3, 'float32', 2));
    const dir = path.join(tmp, 'ckpt');
    await saveAvlm(m, dir, { stage: 'sft' });
    const back = await loadAvlm(dir);
    models.push(back);
    expect(back.config).toEqual(m.config);
    const b = { audio: tf.tensor3d(frames(2), [1, 2, 3]), video: tf.tensor3d(frames(2), [1, 2, 3]), prompts: [[1, 2]], responses: [[3, 4]] };
    expect(back.sequenceLogProbs(b).dataSync()[0]).toBe(m.sequenceLogProbs(b).dataSync()[0]);
    const withLora = make({ projector: { kind: 'attnpool', nQueries: 2, nHeads: 1 } });
    await expect(loadAvlmWeights(withLora, dir)).rejects.toThrow(/missing variable\(s\) lora\.l0\.wq\.a/);
    await loadAvlmWeights(withLora, dir, { allowMissing: ['lora'] });
    expect(withLora.sequenceLogProbs(b).dataSync()[0]).toBeCloseTo(m.sequenceLogProbs(b).dataSync()[0]!, 5);
    const other = make({ dModel: 4 });
    await expect(loadAvlmWeights(other, dir)).rejects.toThrow(/variable\(s\) not in the model|is \[/);
    tf.dispose([b.audio, b.video]);
  });
});
