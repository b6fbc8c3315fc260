import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { Avlm, avlmConfig, type AvlmConfigOverrides, type SequenceBatch } from '../../src/model';
import { Rng } from '../../src/random';
import { referenceForward } from './reference';

/** A tiny config: fast, but every code path (2 layers, several heads, LoRA) is exercised. */
const TINY: AvlmConfigOverrides = {
  vocab: 40,
  dModel: 16,
  nLayers: 2,
  nHeads: 2,
  ffMult: 2,
  featDim: 6,
  nAudioFrames: 3,
  nVideoFrames: 4,
  maxTextLen: 16,
  projector: { kind: 'mlp', hidden: 10, depth: 2 },
  lora: { rank: 2, alpha: 8, targets: ['wq', 'wv'] },
  initStd: 0.3,
};

const models: Avlm[] = [];
function model(over: AvlmConfigOverrides = {}): Avlm {
  const m = new Avlm({ ...TINY, ...over, projector: { ...TINY.projector, ...over.projector }, lora: { ...TINY.lora, ...over.lora } } as AvlmConfigOverrides);
  models.push(m);
  return m;
}
afterAll(() => models.forEach((m) => m.dispose()));

const rng = new Rng(11);
const ids = (n: number, v = 40) => Array.from({ length: n }, () => rng.int(v));
const feats = (b: number, f: number, d = 6) =>
  tf.tensor3d(
    Array.from({ length: b * f * d }, () => rng.normal()),
    [b, f, d],
  );

/** Sets every LoRA B to random values so adapters change the output. */
function randomizeLora(m: Avlm): void {
  for (const [name, v] of Object.entries(m.params)) {
    if (name.startsWith('lora.') && name.endsWith('.b')) v.assign(tf.randomNormal(v.shape, 0, 0.5, 'float32', 3));
  }
}

function batch3(): SequenceBatch {
  return {
    audio: feats(3, 3),
    video: feats(3, 4),
    prompts: [ids(4), ids(2), ids(6)],
    responses: [ids(3), ids(5), ids(1)],
  };
}

function refLogps(m: Avlm, b: SequenceBatch, i: number): number[] {
  const a = b.audio === undefined ? undefined : (tf.squeeze(tf.slice(b.audio, [i, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D);
  const v = b.video === undefined ? undefined : (tf.squeeze(tf.slice(b.video, [i, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D);
  const out = referenceForward(m, b.prompts[i]!, b.responses[i]!, a, v).logps;
  tf.dispose([a, v].filter((t) => t !== undefined) as tf.Tensor[]);
  return out;
}

describe('Avlm forward', () => {
  it('has the documented defaults (d 128, 2 layers, 4 heads, ff 4, feat 64, 8+8 frames, LoRA r 8 α 32 on wq, wv)', () => {
    const c = avlmConfig();
    expect([c.dModel, c.nLayers, c.nHeads, c.ffMult, c.featDim, c.nAudioFrames, c.nVideoFrames]).toEqual([128, 2, 4, 4, 64, 8, 8]);
    expect(c.lora).toEqual({ rank: 8, alpha: 32, targets: ['wq', 'wv'] });
    expect(c.lora.alpha / c.lora.rank).toBe(4);
    expect(c.projector).toEqual({ kind: 'mlp', hidden: 128, depth: 2 });
    expect(avlmConfig({ projector: { kind: 'attnpool' } }).projector).toEqual({ kind: 'attnpool', nQueries: 4, nHeads: 4 });
  });

  it('returns tensors of the documented shapes for both projectors', () => {
    for (const kind of ['mlp', 'attnpool'] as const) {
      const m = model({ projector: { kind, nQueries: 2, nHeads: 2 } as never });
      const b = batch3();
      const seq = m.sequenceLogProbs(b);
      const tok = m.tokenLogProbs(b);
      const next = m.nextTokenLogits(b);
      const att = m.attentionMaps(b);
      const nAv = kind === 'mlp' ? 3 + 4 : 2 + 2;
      expect(seq.shape).toEqual([3]);
      expect(tok.logps.shape).toEqual([9]);
      expect(Array.from(tok.seqOf)).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 2]);
      expect(next.shape).toEqual([3, 40]);
      expect(att.probs.map((p) => p.shape)).toEqual([
        [3, 2, nAv + 7, nAv + 7],
        [3, 2, nAv + 7, nAv + 7],
      ]);
      expect(att.layout).toEqual(kind === 'mlp' ? { nAudio: 3, nVideo: 4, textLen: 7 } : { nAudio: 2, nVideo: 2, textLen: 7 });
      tf.dispose([seq, tok.logps, next, ...att.probs, b.audio!, b.video!]);
    }
  });

  it('matches an independent per-sequence implementation (full logits, tf.logSoftmax) for both projectors, with LoRA active', () => {
    for (const kind of ['mlp', 'attnpool'] as const) {
      const m = model({ projector: { kind, nQueries: 2, nHeads: 2 } as never, lora: { targets: ['wq', 'wk', 'wv', 'wo', 'wff1', 'wff2'] } });
      randomizeLora(m);
      const b = batch3();
      const tok = m.tokenLogProbs(b);
      const seq = m.sequenceLogProbs(b);
      const got = Array.from(tok.logps.dataSync());
      const want = [0, 1, 2].flatMap((i) => refLogps(m, b, i));
      expect(got.length).toBe(want.length);
      got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 4));
      const sums = [0, 1, 2].map((i) => refLogps(m, b, i).reduce((s, x) => s + x, 0));
      Array.from(seq.dataSync()).forEach((s, i) => expect(s).toBeCloseTo(sums[i]!, 4));
      tf.dispose([tok.logps, seq, b.audio!, b.video!]);
    }
  });

  it('LoRA with B = 0 at initialisation leaves every output unchanged', () => {
    const withLora = model({ lora: { targets: ['wq', 'wk', 'wv', 'wo', 'wff1', 'wff2'] } });
    const without = model({ lora: { targets: [] } });
    const b = batch3();
    const x = withLora.sequenceLogProbs(b);
    const y = without.sequenceLogProbs(b);
    expect(Array.from(x.dataSync())).toEqual(Array.from(y.dataSync()));
    for (const [n, v] of Object.entries(withLora.params))
      if (n.endsWith('.b') && n.startsWith('lora.')) expect(tf.any(tf.notEqual(v, 0)).dataSync()[0]).toBe(0);
    randomizeLora(withLora);
    const z = withLora.sequenceLogProbs(b);
    expect(Math.max(...Array.from(tf.abs(tf.sub(z, y)).dataSync()))).toBeGreaterThan(1e-3);
    tf.dispose([x, y, z, b.audio!, b.video!]);
  });

  it('only response tokens are scored: the scored positions depend on lengths, not on prompt contents', () => {
    const m = model();
    const b = batch3();
    const b2: SequenceBatch = { ...b, prompts: b.prompts.map((p) => p.map((t) => (t + 7) % 40)) };
    const p1 = m.prepare(b);
    const p2 = m.prepare(b2);
    expect(Array.from(p2.predictorPos)).toEqual(Array.from(p1.predictorPos));
    expect(Array.from(p2.seqOf)).toEqual(Array.from(p1.seqOf));
    expect(Array.from(p2.targets)).toEqual(b.responses.flat());
    // prompt lengths 4, 2, 6 → response tokens predicted from text positions 3.., 1.., 5
    expect(Array.from(p1.predictorPos)).toEqual([3, 4, 5, 1, 2, 3, 4, 5, 5]);
    // the values do change with the prompt (it is context), and match the reference
    const x = m.tokenLogProbs(b2);
    const want = [0, 1, 2].flatMap((i) => refLogps(m, b2, i));
    Array.from(x.logps.dataSync()).forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 4));
    tf.dispose([x.logps, b.audio!, b.video!]);
  });

  it('a sequence scores the same alone as in a padded batch, and an empty response scores 0', () => {
    const m = model();
    const b = batch3();
    const all = m.sequenceLogProbs(b).dataSync();
    const a0 = tf.slice(b.audio!, [1, 0, 0], [1, -1, -1]) as tf.Tensor3D;
    const v0 = tf.slice(b.video!, [1, 0, 0], [1, -1, -1]) as tf.Tensor3D;
    const alone = m.sequenceLogProbs({ audio: a0, video: v0, prompts: [b.prompts[1]!], responses: [b.responses[1]!] }).dataSync();
    expect(alone[0]).toBeCloseTo(all[1]!, 5);
    const empty = m.sequenceLogProbs({ audio: b.audio, video: b.video, prompts: b.prompts, responses: [[], b.responses[1]!, []] }).dataSync();
    expect(empty[0]).toBe(0);
    expect(empty[2]).toBe(0);
    expect(empty[1]).toBeCloseTo(all[1]!, 5);
    tf.dispose([a0, v0, b.audio!, b.video!]);
  });

  it('text-only mode is the LM backbone: independent of every projector weight, equal to the reference LM', () => {
    const m = model();
    const b = batch3();
    const textOnly: SequenceBatch = { prompts: b.prompts, responses: b.responses };
    const before = Array.from(m.sequenceLogProbs(textOnly).dataSync());
    for (const [n, v] of Object.entries(m.params)) if (n.startsWith('proj.')) v.assign(tf.randomNormal(v.shape, 0, 1, 'float32', 5));
    const after = Array.from(m.sequenceLogProbs(textOnly).dataSync());
    expect(after).toEqual(before);
    const want = [0, 1, 2].map((i) => referenceForward(m, b.prompts[i]!, b.responses[i]!).logps.reduce((s, x) => s + x, 0));
    before.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 4));
    // with AV tokens the same text scores differently
    const av = Array.from(m.sequenceLogProbs(b).dataSync());
    expect(av.some((x, i) => Math.abs(x - before[i]!) > 1e-4)).toBe(true);
    tf.dispose([b.audio!, b.video!]);
  });

  it('masking one modality removes its tokens (audio-only and video-only match the reference)', () => {
    const m = model();
    const b = batch3();
    for (const masked of ['audio', 'video'] as const) {
      const one: SequenceBatch = { ...b, [masked]: undefined };
      const got = Array.from(m.sequenceLogProbs(one).dataSync());
      const want = [0, 1, 2].map((i) => refLogps(m, one, i).reduce((s, x) => s + x, 0));
      got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 4));
    }
    tf.dispose([b.audio!, b.video!]);
  });

  it('attention maps are causal probability rows equal to the reference, and audio + video shares sum to 1', () => {
    const m = model();
    const b = batch3();
    const { probs, layout } = m.attentionMaps(b);
    const t = layout.nAudio + layout.nVideo + layout.textLen;
    const arr = probs.map((p) => p.arraySync());
    const a0 = tf.squeeze(tf.slice(b.audio!, [2, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D;
    const v0 = tf.squeeze(tf.slice(b.video!, [2, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D;
    const ref = referenceForward(m, b.prompts[2]!, b.responses[2]!, a0, v0).attention; // sequence 2 is the longest: no padding
    for (let l = 0; l < 2; l++) {
      for (let h = 0; h < 2; h++) {
        for (let i = 0; i < t; i++) {
          const row = arr[l]![2]![h]![i]!;
          expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
          for (let j = i + 1; j < t; j++) expect(row[j]).toBe(0);
          row.forEach((x, j) => expect(x).toBeCloseTo(ref[l]![h]![i]![j]!, 4));
        }
      }
    }
    tf.dispose([...probs, a0, v0, b.audio!, b.video!]);
  });

  it('is deterministic: same seed, same weights and outputs; another seed, other weights', () => {
    const b = batch3();
    const x = Array.from(model({ seed: 4 }).sequenceLogProbs(b).dataSync());
    const y = Array.from(model({ seed: 4 }).sequenceLogProbs(b).dataSync());
    const z = Array.from(model({ seed: 5 }).sequenceLogProbs(b).dataSync());
    expect(y).toEqual(x);
    expect(z).not.toEqual(x);
    tf.dispose([b.audio!, b.video!]);
  });

  it('rejects bad input with messages naming the problem', () => {
    const m = model();
    expect(() => m.prepare({ prompts: [[1, 2]], responses: [[99]] })).toThrow(/sequence 0, token 2 is 99, outside the vocabulary/);
    expect(() => m.prepare({ prompts: [[]], responses: [[1]] })).toThrow(/sequence 0 has an empty prompt/);
    expect(() => m.prepare({ prompts: [ids(10)], responses: [ids(7)] })).toThrow(/17 text tokens, more than maxTextLen 16/);
    expect(() => m.prepare({ prompts: [[1]], responses: [[1]], audio: feats(2, 3) })).toThrow(/audio features have shape \[2,3,6\], expected \[1,3,6\]/);
    expect(() => avlmConfig({ dModel: 10, nHeads: 4 })).toThrow(/not divisible by nHeads/);
    expect(() => avlmConfig({ lora: { targets: ['wz' as never] } })).toThrow(/unknown LoRA target "wz"/);
    expect(() => avlmConfig({ projector: { kind: 'conv' as never } })).toThrow();
  });

  it('does not grow tf.memory().numTensors over repeated forward calls', () => {
    const m = model();
    const b = batch3();
    const warm = m.sequenceLogProbs(b);
    warm.dispose();
    const n0 = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      m.sequenceLogProbs(b).dispose();
      m.tokenLogProbs(b).logps.dispose();
      m.nextTokenLogits(b).dispose();
      tf.dispose(m.attentionMaps(b).probs);
    }
    expect(tf.memory().numTensors).toBe(n0);
    tf.dispose([b.audio!, b.video!]);
  });
});
