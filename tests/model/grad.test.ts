import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { Avlm, type AvlmConfigOverrides, type SequenceBatch } from '../../src/model';
import { gelu } from '../../src/ops';
import { Rng } from '../../src/random';
import { finiteDifferences, onCpu, worstRatio } from '../helpers/gradcheck';

const TINY: AvlmConfigOverrides = {
  vocab: 30,
  dModel: 8,
  nLayers: 2,
  nHeads: 2,
  ffMult: 2,
  featDim: 4,
  nAudioFrames: 2,
  nVideoFrames: 3,
  maxTextLen: 12,
  projector: { kind: 'mlp', hidden: 6, depth: 2 },
  lora: { rank: 2, alpha: 4, targets: ['wq', 'wv', 'wff2'] },
  initStd: 0.4,
};
const rng = new Rng(3);
const models: Avlm[] = [];
afterAll(() => models.forEach((m) => m.dispose()));

function make(over: AvlmConfigOverrides = {}): Avlm {
  const m = new Avlm({ ...TINY, ...over, projector: { ...TINY.projector, ...over.projector } as never });
  for (const [n, v] of Object.entries(m.params)) if (n.startsWith('lora.') && n.endsWith('.b')) v.assign(tf.randomNormal(v.shape, 0, 0.3, 'float32', 9));
  models.push(m);
  return m;
}

function batch(): SequenceBatch {
  const t = (shape: [number, number, number]) =>
    tf.tensor3d(
      Array.from({ length: shape.reduce((a, b) => a * b) }, () => rng.normal()),
      shape,
    );
  return {
    audio: t([2, 2, 4]),
    video: t([2, 3, 4]),
    prompts: [[1, 2, 3], [4]],
    responses: [
      [5, 6],
      [7, 8, 9],
    ],
  };
}

describe('gelu', () => {
  it('equals the tanh formula, including ±1e3 without NaN', () => {
    const xs = [-1e3, -5, -1, -0.3, 0, 0.2, 1, 3, 1e3];
    const got = gelu(tf.tensor1d(xs)).dataSync();
    xs.forEach((x, i) => {
      const want = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
      expect(got[i]).toBeCloseTo(want, 4);
    });
    const g = tf
      .grad((x: tf.Tensor) => tf.sum(gelu(x)))(tf.tensor1d([-1e3, 1e3]))
      .dataSync();
    expect(Array.from(g).every(Number.isFinite)).toBe(true);
    expect(g[0]).toBeCloseTo(0, 5);
    expect(g[1]).toBeCloseTo(1, 5);
  });

  it('has a gradient equal to central finite differences', () => {
    const x = tf.tensor1d([-3, -1.2, -0.4, 0, 0.3, 0.9, 2.5]);
    const probe = tf.tensor1d([0.5, -1, 2, 1, -0.7, 1.3, 0.2]);
    const f = (v: tf.Tensor) => tf.sum(tf.mul(gelu(v), probe)) as tf.Scalar;
    const g = tf.grad(f)(x).dataSync();
    expect(worstRatio(g, finiteDifferences(f, x, 1e-2), 1e-3, 1e-2)).toBeLessThanOrEqual(1);
  });
});

describe('Avlm gradients', () => {
  it('match central finite differences for a LoRA matrix and a projector weight', () => {
    const m = make();
    const b = batch();
    for (const name of ['lora.l1.wq.a', 'lora.l0.wff2.b', 'proj.video.w1', 'proj.audio.b2']) {
      const v = m.params[name]!;
      const orig = v.clone();
      const f = (x: tf.Tensor) => {
        v.assign(x);
        return tf.sum(m.sequenceLogProbs(b)) as tf.Scalar;
      };
      const analytic = tf.tidy(() => {
        v.assign(orig);
        const { grads } = tf.variableGrads(() => tf.sum(m.sequenceLogProbs(b)) as tf.Scalar, [v]);
        return grads[v.name]!.dataSync();
      });
      const numeric = finiteDifferences(f, orig, 1e-2);
      v.assign(orig);
      expect(worstRatio(analytic, numeric, 5e-3, 3e-2)).toBeLessThanOrEqual(1);
      orig.dispose();
    }
    tf.dispose([b.audio!, b.video!]);
  });

  it('freezing the base (setTrainable) leaves the gradients of the trained variables unchanged', () => {
    for (const kind of ['mlp', 'attnpool'] as const) {
      const m = make({ projector: { kind, nQueries: 2, nHeads: 2 } as never });
      const b = batch();
      const grads = (vars: tf.Variable[]) =>
        tf.tidy(() => {
          const { grads: g } = tf.variableGrads(() => tf.sum(m.sequenceLogProbs(b)) as tf.Scalar, vars);
          return Object.fromEntries(vars.map((v) => [v.name, Array.from(g[v.name]!.dataSync())]));
        });
      const trained = m.variables('projectors+lora');
      m.setTrainable('all');
      const full = grads(trained);
      expect(m.setTrainable('projectors+lora')).toEqual(trained);
      expect(m.params['lm.l0.wqkv']!.trainable).toBe(false);
      const frozen = grads(trained);
      for (const v of trained) expect(worstRatio(frozen[v.name]!, full[v.name]!, 1e-6, 1e-4)).toBeLessThanOrEqual(1);
      m.setTrainable('all');
      tf.dispose([b.audio!, b.video!]);
    }
  });

  it('every variable’s gradient (all trainable, as in pretraining) equals the cpu backend with plain tfjs ops', async () => {
    for (const kind of ['mlp', 'attnpool'] as const) {
      const m = make({ projector: { kind, nQueries: 2, nHeads: 2 } as never });
      const vars = m.setTrainable('all');
      const b = batch();
      const grads = () =>
        tf.tidy(() => {
          const { value, grads: g } = tf.variableGrads(() => tf.sum(m.sequenceLogProbs(b)) as tf.Scalar, vars);
          return [Array.from(value.dataSync()), ...vars.map((v) => Array.from(g[v.name]!.dataSync()))];
        });
      const ours = grads();
      process.env.AVERE_HOST_ROWS = '0'; // cpu: tf.gather / tf.split / tf.concat, no kernels of ours
      try {
        const ref = await onCpu(grads);
        ours.forEach((g, i) => expect(worstRatio(g, ref[i]!, 1e-5, 1e-3), i === 0 ? 'value' : vars[i - 1]!.name).toBeLessThanOrEqual(1));
      } finally {
        delete process.env.AVERE_HOST_ROWS;
      }
      tf.dispose([b.audio!, b.video!]);
    }
  });

  it('selects trainable sets by group', () => {
    const m = make();
    const names = (set: Parameters<Avlm['variables']>[0]) => m.variables(set).map((v) => Object.keys(m.params).find((k) => m.params[k] === v)!);
    expect(names('lora').every((n) => n.startsWith('lora.'))).toBe(true);
    expect(names('lora')).toHaveLength(2 * 3 * 2);
    expect(names('projectors').every((n) => n.startsWith('proj.'))).toBe(true);
    expect(names('lm')).toContain('lm.tok_emb');
    expect(names('projectors+lm')).toHaveLength(names('lm').length + names('projectors').length);
    expect(names('all')).toHaveLength(Object.keys(m.params).length);
    expect(() => m.variables('everything' as never)).toThrow(/unknown trainable set/);
  });
});
