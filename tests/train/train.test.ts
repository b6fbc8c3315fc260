import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { Avlm, type AvlmConfigOverrides } from '../../src/model';
import { Rng } from '../../src/random';
import {
  AdamW,
  batchPlan,
  configHash,
  learningRate,
  nllLoss,
  runStage,
  stableStringify,
  toBatch,
  trainTokenModel,
  type StageOptions,
  type TokenExample,
} from '../../src/train';
import { runDir } from '../../src/runs';

const TINY: AvlmConfigOverrides = {
  vocab: 12,
  dModel: 8,
  nLayers: 1,
  nHeads: 2,
  ffMult: 2,
  featDim: 3,
  nAudioFrames: 2,
  nVideoFrames: 2,
  maxTextLen: 10,
  projector: { kind: 'mlp', hidden: 4, depth: 2 },
  lora: { rank: 2, alpha: 4, targets: ['wq', 'wv'] },
};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'train-'));
const models: Avlm[] = [];
afterAll(() => {
  models.forEach((m) => m.dispose());
  fs.rmSync(tmp, { recursive: true, force: true });
});
function make(seed = 0): Avlm {
  const m = new Avlm({ ...TINY, seed });
  models.push(m);
  return m;
}

/**
 * A tiny audiovisual task: the response token is 5 + (the sign of the audio features' sum),
 * so it can only be learned through the audio projector.
 */
function synthetic(n: number, seed: number): TokenExample[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const audio = Float32Array.from({ length: 6 }, () => rng.normal());
    const video = Float32Array.from({ length: 6 }, () => rng.normal());
    const label = audio.reduce((s, x) => s + x, 0) > 0 ? 1 : 0;
    const prompt = [1, 2 + rng.int(3)];
    return { prompt, response: [5 + label, 9], audio, video };
  });
}

const STAGE: StageOptions = {
  trainable: 'projectors+lm',
  epochs: 2,
  batchSize: 8,
  lr: 1e-2,
  warmupSteps: 3,
  minLrRatio: 0.1,
  weightDecay: 0,
  clipNorm: 1,
  checkpointEvery: 4,
  bucketByLength: true,
  seed: 3,
};

describe('AdamW', () => {
  it('matches the closed-form first two steps, with decoupled weight decay on matrices only', () => {
    const w = tf.variable(tf.tensor2d([[1, -2]]));
    const b = tf.variable(tf.tensor1d([0.5]));
    const opt = new AdamW([w, b], { weightDecay: 0.1, clipNorm: 0 });
    const g1 = { [w.name]: tf.tensor2d([[0.2, -0.4]]), [b.name]: tf.tensor1d([3]) };
    opt.apply(g1, 0.01).dispose();
    // step 1: m̂ = g, v̂ = g², update = g/(|g| + ε) = sign(g); w ← w − lr(sign(g) + λw)
    const w0 = w.dataSync();
    expect(w0[0]).toBeCloseTo(1 - 0.01 * (1 + 0.1 * 1), 6);
    expect(w0[1]).toBeCloseTo(-2 - 0.01 * (-1 + 0.1 * -2), 6);
    expect(b.dataSync()[0]).toBeCloseTo(0.5 - 0.01, 6);
    // step 2, first coordinate by hand: m = β₁·(1−β₁)·g₁ + (1−β₁)·g₂, v likewise, bias-corrected
    const w1 = w.dataSync()[0]!;
    opt.apply({ [w.name]: tf.tensor2d([[-0.1, 0]]), [b.name]: tf.tensor1d([0]) }, 0.01).dispose();
    const m = 0.9 * 0.1 * 0.2 + 0.1 * -0.1;
    const v = 0.999 * 0.001 * 0.04 + 0.001 * 0.01;
    const upd = m / (1 - 0.81) / (Math.sqrt(v / (1 - 0.998001)) + 1e-8);
    expect(w.dataSync()[0]).toBeCloseTo(w1 - 0.01 * (upd + 0.1 * w1), 6);
    opt.dispose();
    tf.dispose([w, b, ...Object.values(g1)]);
  });

  it('clips the global gradient norm and reports the norm before clipping', () => {
    const w = tf.variable(tf.tensor1d([0, 0]));
    const opt = new AdamW([w], { clipNorm: 1, weightDecay: 0 });
    const g = { [w.name]: tf.tensor1d([3, 4]) };
    const norm = opt.apply(g, 1);
    expect(norm.dataSync()[0]).toBeCloseTo(5, 5);
    // Adam's first step is scale-free: clipping changes nothing in w, but the moments hold the clipped g
    expect(Array.from(w.dataSync()).map((x) => Math.round(x * 1e5) / 1e5)).toEqual([-1, -1]);
    const state = opt.state();
    expect(Array.from(state[`opt.m.0`]!.dataSync()).map((x) => Math.round(x * 1e5) / 1e5)).toEqual([0.06, 0.08]);
    opt.dispose();
    tf.dispose([w, norm, ...Object.values(g)]);
  });
});

describe('learningRate', () => {
  it('warms up linearly, then decays by a cosine to minRatio', () => {
    const s = { lr: 1, warmupSteps: 4, minRatio: 0.1 };
    expect([0, 1, 2, 3].map((i) => learningRate(i, 14, s))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(learningRate(4, 14, s)).toBeCloseTo(1, 10);
    expect(learningRate(9, 14, s)).toBeCloseTo(0.1 + 0.9 * 0.5, 10);
    expect(learningRate(14, 14, s)).toBeCloseTo(0.1, 10);
  });
});

describe('batchPlan', () => {
  it('draws each epoch as a permutation, deterministically, dropping the last partial batch', () => {
    const lengths = Array.from({ length: 23 }, (_, i) => (i * 7) % 11);
    for (const bucket of [false, true]) {
      const p = batchPlan(lengths, 5, 9, bucket);
      expect(p.stepsPerEpoch).toBe(4);
      const epoch0 = [0, 1, 2, 3].flatMap((s) => p.indicesAt(s));
      expect(new Set(epoch0).size).toBe(20);
      const epoch1 = [4, 5, 6, 7].flatMap((s) => p.indicesAt(s));
      expect(epoch1).not.toEqual(epoch0);
      const again = batchPlan(lengths, 5, 9, bucket);
      expect([7, 2, 5].map((s) => again.indicesAt(s))).toEqual([7, 2, 5].map((s) => p.indicesAt(s)));
      if (bucket)
        for (let s = 0; s < 4; s++) {
          const ls = p.indicesAt(s).map((i) => lengths[i]!);
          expect(ls).toEqual([...ls].sort((a, b) => a - b));
        }
    }
    expect(() => batchPlan([1, 2], 5, 0, false)).toThrow(/fewer than one batch/);
  });
});

describe('config hashing', () => {
  it('ignores key order and changes with any value', () => {
    expect(stableStringify({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,2]},"b":1}');
    expect(configHash({ a: 1, b: 2 })).toBe(configHash({ b: 2, a: 1 }));
    expect(configHash({ a: 1, b: 2 })).not.toBe(configHash({ a: 1, b: 3 }));
    expect(runDir('/r', 'sft-base', { a: 1 }).dir).toMatch(/^\/r\/sft-base-[0-9a-f]{12}$/);
  });
});

describe('trainTokenModel (the generic loop with the next-token step)', () => {
  it('learns a task that needs the audio projector, without growing tf.memory().numTensors over 50 steps', async () => {
    const m = make();
    const ex = synthetic(64, 1);
    const plan = batchPlan(
      ex.map(() => 4),
      16,
      0,
      false,
    );
    const batchAt = (s: number) =>
      toBatch(
        plan.indicesAt(s).map((i) => ex[i]!),
        m.config,
      );
    const heldOut = synthetic(64, 2);
    const evalLoss = () => {
      const b = toBatch(heldOut, m.config);
      const l = nllLoss(m, b);
      const v = l.dataSync()[0]!;
      tf.dispose([l, b.audio!, b.video!]);
      return v;
    };
    const before = evalLoss();
    await trainTokenModel(m, batchAt, {
      label: 'warm',
      trainable: 'projectors+lm',
      totalSteps: 2,
      schedule: { lr: 1e-2, warmupSteps: 1, minRatio: 1 },
      adamw: {},
      checkpointEvery: 0,
      progress: false,
    });
    const n0 = tf.memory().numTensors;
    const summary = await trainTokenModel(m, batchAt, {
      label: 'test',
      trainable: 'projectors+lm',
      totalSteps: 50,
      schedule: { lr: 1e-2, warmupSteps: 5, minRatio: 0.1 },
      adamw: {},
      checkpointEvery: 0,
      progress: false,
    });
    expect(tf.memory().numTensors).toBe(n0);
    expect(summary.lossCurve).toHaveLength(2);
    expect(summary.lossCurve[1]!).toBeLessThan(summary.lossCurve[0]!);
    expect(evalLoss()).toBeLessThan(before * 0.6);
    // every variable is trainable again after the loop
    expect(Object.values(m.params).every((v) => v.trainable)).toBe(true);
  });

  it('trains only the chosen set', async () => {
    const m = make(1);
    const ex = synthetic(16, 4);
    const before = Object.fromEntries(Object.entries(m.params).map(([n, v]) => [n, Array.from(v.dataSync())]));
    await trainTokenModel(m, () => toBatch(ex, m.config), {
      label: 't',
      trainable: 'lora',
      totalSteps: 3,
      schedule: { lr: 1e-2, warmupSteps: 1, minRatio: 1 },
      adamw: { weightDecay: 0 },
      checkpointEvery: 0,
      progress: false,
    });
    for (const [n, v] of Object.entries(m.params)) {
      const changed = Array.from(v.dataSync()).some((x, i) => x !== before[n]![i]);
      expect([n, changed]).toEqual([n, n.startsWith('lora.')]);
    }
  });
});

describe('runStage', () => {
  it('resumes a killed run from its last checkpoint to the same weights as an uninterrupted run, then serves it from the cache', async () => {
    const ex = synthetic(40, 5);
    const spec = (root: string, examples: () => TokenExample[]) => ({
      stage: 'sft-test',
      config: { task: 'synthetic', model: TINY, options: STAGE },
      root,
      init: async () => new Avlm({ ...TINY, seed: 2 }),
      examples,
      progress: false,
    });
    const straight = await runStage(spec(path.join(tmp, 'a'), () => ex));
    models.push(straight.model);
    expect(straight.cached).toBe(false);
    expect(straight.result.summary.steps).toBe(10);

    // a run killed at step 7: its last checkpoint is step 4
    let calls = 0;
    const killing = ex.map((e) => ({ ...e }));
    const root = path.join(tmp, 'b');
    const failing = spec(root, () => killing);
    const origInit = failing.init;
    failing.init = async () => {
      const m = await origInit();
      const orig = m.tokenLogProbs.bind(m);
      m.tokenLogProbs = (b, p) => {
        if (++calls === 8) throw new Error('killed');
        return orig(b, p);
      };
      return m;
    };
    await expect(runStage(failing)).rejects.toThrow(/killed/);
    const run = runDir(root, 'sft-test', failing.config);
    expect(JSON.parse(fs.readFileSync(path.join(run.dir, 'ckpt.json'), 'utf8')).step).toBe(4);
    expect(fs.existsSync(path.join(run.dir, 'result.json'))).toBe(false);
    expect(fs.existsSync(path.join(run.dir, 'lock'))).toBe(false);

    const resumed = await runStage(spec(root, () => ex));
    models.push(resumed.model);
    expect(resumed.result.summary.stepsThisRun).toBe(6);
    expect(resumed.result.summary.lossCurve).toEqual(straight.result.summary.lossCurve);
    for (const [n, v] of Object.entries(straight.model.params)) {
      expect([n, Array.from(resumed.model.params[n]!.dataSync())]).toEqual([n, Array.from(v.dataSync())]);
    }

    // finished: loaded from the cache, the examples are never built, nothing is rewritten
    const resultFile = path.join(run.dir, 'result.json');
    const mtime = fs.statSync(resultFile).mtimeMs;
    const cached = await runStage(
      spec(root, () => {
        throw new Error('should not rebuild examples');
      }),
    );
    models.push(cached.model);
    expect(cached.cached).toBe(true);
    expect(cached.result.config).toEqual(failing.config);
    expect(fs.statSync(resultFile).mtimeMs).toBe(mtime);
    const b = toBatch(ex.slice(0, 4), TINY as never);
    expect(Array.from(cached.model.sequenceLogProbs(b).dataSync())).toEqual(Array.from(resumed.model.sequenceLogProbs(b).dataSync()));
    tf.dispose([b.audio!, b.video!]);
  });
});
