import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { Avlm, expandGroups, type AvlmConfigOverrides, type GroupedBatch } from '../../src/model';
import { Rng } from '../../src/random';

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
  const m = new Avlm({ ...TINY, ...over } as AvlmConfigOverrides);
  for (const [name, v] of Object.entries(m.params)) {
    if (name.startsWith('lora.') && name.endsWith('.b')) v.assign(tf.randomNormal(v.shape, 0, 0.5, 'float32', 5)); // adapters active
  }
  models.push(m);
  return m;
}
afterAll(() => models.forEach((m) => m.dispose()));

const rng = new Rng(23);
const ids = (n: number) => Array.from({ length: n }, () => rng.int(40));
const feats = (b: number, f: number) =>
  tf.tensor3d(
    Array.from({ length: b * f * 6 }, () => rng.normal()),
    [b, f, 6],
  );

/** Three groups (prompt lengths 4, 2, 6) with 3, 1 and 2 sequences, one with an empty response. */
function grouped(withAv = true): GroupedBatch {
  return {
    audio: withAv ? feats(3, 3) : undefined,
    video: withAv ? feats(3, 4) : undefined,
    prompts: [ids(4), ids(2), ids(6)],
    responses: [ids(3), ids(5), ids(1), ids(4), ids(0), ids(2)],
    groupOf: [0, 0, 2, 1, 0, 2],
  };
}

const dispose = (b: GroupedBatch) => tf.dispose([b.audio, b.video].filter((t) => t !== undefined) as tf.Tensor[]);

/** Plain-path log-probs of the expanded batch, its tensors freed. */
function plain(m: Avlm, b: GroupedBatch): Float32Array {
  return tf.tidy(() => m.sequenceLogProbs(expandGroups(b)).dataSync() as Float32Array);
}

describe('grouped forward (shared prefixes)', () => {
  it('equals the plain forward on the expanded batch, with and without AV tokens, for both projectors', () => {
    for (const over of [{}, { projector: { kind: 'attnpool', nQueries: 2, nHeads: 2 } }] as AvlmConfigOverrides[]) {
      const m = model(over);
      for (const withAv of [true, false]) {
        const b = grouped(withAv);
        const got = tf.tidy(() => m.groupedSequenceLogProbs(b).dataSync());
        const want = plain(m, b);
        expect(got.length).toBe(6);
        got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 4));
        expect(got[4]).toBe(0); // the empty response
        dispose(b);
      }
    }
  });

  it('has the same gradients as the plain forward for every trained variable', () => {
    const m = model();
    const vars = m.setTrainable('projectors+lora');
    const b = grouped();
    const w = tf.tensor1d([0.3, -1.2, 0.7, 1.1, 0.5, -0.4]);
    const grads = (f: () => tf.Tensor1D) =>
      tf.tidy(() => {
        const { grads: g } = tf.variableGrads(() => tf.sum(tf.mul(f(), w)) as tf.Scalar, vars);
        return vars.map((v) => Array.from(g[v.name]!.dataSync()));
      });
    const got = grads(() => m.groupedSequenceLogProbs(b));
    const want = grads(() => m.sequenceLogProbs(expandGroups(b)));
    got.forEach((gv, i) => {
      const scale = Math.max(1e-3, ...want[i]!.map(Math.abs));
      gv.forEach((x, j) => expect(Math.abs(x - want[i]![j]!) / scale).toBeLessThan(1e-4));
    });
    expect(want.some((gv) => gv.some((x) => x !== 0))).toBe(true);
    dispose(b);
    w.dispose();
  });

  it('falls back to the plain path when nothing is shared (no AV tokens, one-token prompts)', () => {
    const m = model();
    const b: GroupedBatch = { prompts: [ids(1), ids(1)], responses: [ids(2), ids(3), ids(1)], groupOf: [1, 0, 1] };
    const got = tf.tidy(() => m.groupedSequenceLogProbs(b).dataSync());
    const want = plain(m, b);
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 5));
  });

  it('rejects bad groupings and tokens, naming the entry', () => {
    const m = model();
    const b = grouped();
    expect(() => m.prepareGroups({ ...b, groupOf: [0, 0, 3, 1, 0, 2] })).toThrow(/groupOf\[2\] is 3/);
    expect(() => m.prepareGroups({ ...b, groupOf: [0, 1] })).toThrow(/6 responses but 2 groupOf/);
    expect(() => m.prepareGroups({ ...b, responses: [[99], ...b.responses.slice(1)] })).toThrow(/sequence 0, token 4 is 99/);
    expect(() => m.prepareGroups({ ...b, audio: feats(2, 3) })).toThrow(/audio features have shape \[2,3,6\]/);
    dispose(b);
  });

  it('does not grow tf.memory().numTensors over repeated calls', () => {
    const m = model();
    const b = grouped();
    const prep = m.prepareGroups(b);
    tf.tidy(() => m.groupedSequenceLogProbs(b, prep));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) m.groupedSequenceLogProbs(b, prep).dispose();
    expect(tf.memory().numTensors).toBe(before);
    dispose(b);
  });
});
