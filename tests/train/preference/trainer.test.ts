import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadTensors } from '../../../src/checkpoint';
import { OBJECTIVE_NAMES, type ObjectiveName } from '../../../src/losses';
import { Avlm } from '../../../src/model';
import {
  AdamW,
  ADAPTERS_DIR,
  defaultPreferenceTrainConfig,
  disposePreferenceBatch,
  evaluatePreference,
  initialPolicy,
  preferenceBatch,
  preferenceLoss,
  preferenceStep,
  preparePreference,
  readMetricsLog,
  trainPreference,
  type PreferenceTrainConfig,
} from '../../../src/train';
import { killConfig, microData, microReference } from './micro';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pref-'));
const data = microData();
const ref = microReference();
afterAll(() => {
  ref.model.dispose();
  fs.rmSync(tmp, { recursive: true, force: true });
});
let n = 0;
const freshRoot = () => path.join(tmp, `r${n++}`);
const micro = (objective: ObjectiveName, over: Partial<PreferenceTrainConfig> = {}): PreferenceTrainConfig => ({
  ...defaultPreferenceTrainConfig(objective),
  batchSize: 8,
  lr: 5e-3,
  checkpointEvery: 2,
  ...over,
});
const values = (m: Avlm) => Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, Array.from(v.dataSync())]));

const TRL_KEYS = [
  'step',
  'epoch',
  'loss',
  'rewards/chosen',
  'rewards/rejected',
  'rewards/margins',
  'rewards/accuracies',
  'logps/chosen',
  'logps/rejected',
  'loss/response',
  'loss/input',
  'tpd/offset',
  'grad_norm',
  'learning_rate',
];

describe('preference trainer at step 0', () => {
  it('the policy equals the reference, and each loss is its closed form at zero margins', async () => {
    const root = freshRoot();
    for (const over of [
      {},
      { objective: { name: 'avem-dpo' as const, gammaTpd: 0.5, lambdaAv: 0.7 } },
      {
        rejectedResponses: [
          { source: 'yEr' as const, weight: 0.3 },
          { source: 'yIrr' as const, weight: 0.7 },
        ],
      },
    ]) {
      const cfg = { ...micro('avem-dpo'), ...over };
      const setup = await preparePreference(ref, data, cfg, { root });
      const policy = initialPolicy(ref.model, cfg.seed);
      const idx = setup.split.train.slice(0, 8);
      const batch = preferenceBatch(setup.items, setup.frozen, idx, setup.spec, policy.config);
      // π_θ = π_ref exactly on the same batch (B = 0)
      expect(Array.from(policy.groupedSequenceLogProbs(batch.grouped).dataSync())).toEqual(
        Array.from(ref.model.groupedSequenceLogProbs(batch.grouped).dataSync()),
      );
      const { options } = setup.resolved;
      const out = preferenceLoss(policy, batch, options);
      const tc = batch.frozen.textChosen!.dataSync();
      const ti = batch.frozen.textRejected!.map((t) => t.dataSync());
      const per = out.perExample.dataSync();
      for (let b = 0; b < 8; b++) {
        const offset = options.gammaTpd * (tc[b]! - options.rejectedWeights.reduce((s, w, i) => s + w * ti[i]![b]!, 0));
        const closed = Math.log1p(Math.exp(offset)) + options.lambdaAv * Math.log(2); // −log σ(−offset) + λ_av log 2
        expect(per[b]).toBeCloseTo(closed, 4);
      }
      expect(out.metrics['rewards/margins']).toBeCloseTo(0, 4);
      tf.dispose([out.loss, out.perExample]);
      disposePreferenceBatch(batch);
      policy.dispose();
    }
  });
});

describe('preference trainer', () => {
  it('trains every objective of the registry on a micro config, logging TRL metrics every step', async () => {
    const root = freshRoot();
    for (const name of OBJECTIVE_NAMES) {
      const t0 = performance.now();
      const r = await trainPreference(ref, data, micro(name), { root, progress: false });
      expect(performance.now() - t0).toBeLessThan(20_000);
      expect(r.cached).toBe(false);
      expect(r.run.stage).toBe(`pref-${name}`);
      const rows = readMetricsLog(r.run.dir);
      expect(rows).toHaveLength(r.result.summary.steps);
      expect(rows.map((x) => x['step'])).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
      for (const k of TRL_KEYS) expect([name, k, Number.isFinite(rows[rows.length - 1]![k])]).toEqual([name, k, true]);
      expect(r.result.final).toEqual(rows[rows.length - 1]);
      expect(r.result.samples.train + r.result.samples.heldOut).toBe(data.samples.length);
      expect(Number.isFinite(r.result.heldOut.loss)).toBe(true);
      r.policy.dispose();
    }
  });

  it('learns: on a small problem DPO can solve, the reward accuracy rises above 0.9 and the loss falls', async () => {
    // solvable: y_w differs from every rejected response (the noisy samples where they coincide have a zero margin forever)
    const solvable = { ...data, samples: data.samples.filter((s) => s.yW !== s.yVr && s.yW !== s.yEr) };
    const cfg = micro('naive-dpo', { trainable: 'projectors+lora', epochs: 40, lr: 1e-2, checkpointEvery: 0 });
    const r = await trainPreference(ref, solvable, cfg, { root: freshRoot(), progress: false });
    const setup = await preparePreference(ref, solvable, cfg, { root: path.dirname(r.run.dir) });
    const onTrain = (p: Avlm) => evaluatePreference(p, setup.items, setup.frozen, setup.split.train, setup.spec, setup.resolved.options);
    const start = initialPolicy(ref.model, cfg.seed);
    const before = onTrain(start);
    const after = onTrain(r.policy);
    expect(before['rewards/accuracies']).toBe(0); // zero margins: ties count as wrong
    expect(before.loss).toBeCloseTo(Math.log(2), 5);
    expect(after['rewards/accuracies']).toBeGreaterThan(0.9);
    expect(after.loss).toBeLessThan(before.loss);
    expect(readMetricsLog(r.run.dir).at(-1)!['rewards/margins']).toBeGreaterThan(0);
    start.dispose();
    r.policy.dispose();
  });

  it('trains only the adapters (and projectors when configured): frozen weights get no gradient and do not change', async () => {
    for (const trainable of ['lora', 'projectors+lora'] as const) {
      const r = await trainPreference(ref, data, micro('avem-dpo', { trainable }), { root: freshRoot(), progress: false });
      const before = values(ref.model);
      const after = values(r.policy);
      const saved = Object.keys(await loadTensors(path.join(r.run.dir, ADAPTERS_DIR)).then((t) => (tf.dispose(t), t))).sort();
      for (const [k, v] of Object.entries(after)) {
        const trained = k.startsWith('lora.') || (trainable === 'projectors+lora' && k.startsWith('proj.'));
        expect([k, saved.includes(k)]).toEqual([k, trained]);
        if (!trained) expect([k, v]).toEqual([k, before[k]]);
        else if (k.endsWith('.b') || k.startsWith('proj.')) expect([k, v === before[k]]).not.toEqual([k, true]);
      }
      // a cached run loads the same policy from the adapters alone
      const again = await trainPreference(ref, data, micro('avem-dpo', { trainable }), { root: path.dirname(r.run.dir), progress: false });
      expect(again.cached).toBe(true);
      expect(values(again.policy)).toEqual(after);
      r.policy.dispose();
      again.policy.dispose();
    }
    // no gradient reaches a frozen weight: with only LoRA trainable, tf.variableGrads over every trainable variable sees LoRA only
    const setup = await preparePreference(ref, data, micro('avem-dpo'), { root: freshRoot() });
    const policy = initialPolicy(ref.model, 0);
    const vars = policy.setTrainable('lora');
    const batch = preferenceBatch(setup.items, setup.frozen, setup.split.train.slice(0, 4), setup.spec, policy.config);
    const { value, grads } = tf.variableGrads(() => preferenceLoss(policy, batch, setup.resolved.options).loss);
    expect(Object.keys(grads).sort()).toEqual(vars.map((v) => v.name).sort());
    tf.dispose([value, ...Object.values(grads)]);
    disposePreferenceBatch(batch);
    policy.dispose();
  });

  it('resumes a run killed mid-epoch to identical adapters and log', async () => {
    const cfg = micro('avem-dpo', { epochs: 2, checkpointEvery: 3 }); // 2 × 4 steps
    const straight = await trainPreference(ref, data, cfg, { root: freshRoot(), progress: false });
    const root = freshRoot();
    let calls = 0;
    const orig = Avlm.prototype.groupedSequenceLogProbs;
    const spy = vi.spyOn(Avlm.prototype, 'groupedSequenceLogProbs').mockImplementation(function (this: Avlm, ...args) {
      if (this.config.seed === cfg.seed && ++calls === 6) throw new Error('killed'); // the policy's 6th step
      return orig.apply(this, args);
    });
    await expect(trainPreference(ref, data, cfg, { root, progress: false })).rejects.toThrow(/killed/);
    spy.mockRestore();
    expect(
      readMetricsLog(
        path.join(
          root,
          fs.readdirSync(root).find((d) => d.startsWith('pref-'))!,
        ),
      ),
    ).toHaveLength(5);
    const resumed = await trainPreference(ref, data, cfg, { root, progress: false });
    expect(resumed.cached).toBe(false);
    expect(resumed.result.summary.stepsThisRun).toBe(5); // from the checkpoint at step 3
    expect(values(resumed.policy)).toEqual(values(straight.policy));
    expect(readMetricsLog(resumed.run.dir)).toEqual(readMetricsLog(straight.run.dir));
    expect(resumed.result.heldOut).toEqual(straight.result.heldOut);
    straight.policy.dispose();
    resumed.policy.dispose();
  });

  it('resumes a run whose process was SIGKILLed mid-epoch to the adapters of an uninterrupted run', async () => {
    const root = freshRoot();
    const child = spawn(path.join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx'), [path.join(__dirname, 'fixtures', 'train.ts'), root], {
      stdio: 'ignore',
      detached: true,
    });
    let runDir: string | undefined;
    let killedAt = -1;
    for (let i = 0; i < 3000 && killedAt < 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
      runDir ??= fs.existsSync(root)
        ? fs
            .readdirSync(root)
            .filter((d) => d.startsWith('pref-'))
            .map((d) => path.join(root, d))[0]
        : undefined;
      const ptr = runDir === undefined ? undefined : path.join(runDir, 'ckpt.json');
      if (ptr !== undefined && fs.existsSync(ptr)) {
        const step = (JSON.parse(fs.readFileSync(ptr, 'utf8')) as { step: number }).step;
        if (step >= 20) {
          process.kill(-child.pid!, 'SIGKILL'); // the whole group: tsx and its node child
          killedAt = step;
        }
      }
    }
    expect(killedAt).toBeGreaterThanOrEqual(20);
    await new Promise((r) => setTimeout(r, 200));
    expect(fs.existsSync(path.join(runDir!, 'result.json'))).toBe(false);
    const resumed = await trainPreference(ref, data, killConfig(), { root, progress: false });
    expect(resumed.cached).toBe(false);
    expect(resumed.result.summary.stepsThisRun).toBeLessThan(resumed.result.summary.steps);
    const straight = await trainPreference(ref, data, killConfig(), { root: freshRoot(), progress: false });
    expect(values(resumed.policy)).toEqual(values(straight.policy));
    expect(readMetricsLog(resumed.run.dir)).toEqual(readMetricsLog(straight.run.dir));
    resumed.policy.dispose();
    straight.policy.dispose();
  });

  it('keeps tf.memory().numTensors flat over 200 steps, and a whole run leaks nothing', async () => {
    const setup = await preparePreference(ref, data, micro('avem-dpo'), { root: freshRoot() });
    const policy = initialPolicy(ref.model, 0);
    const vars = policy.setTrainable('projectors+lora');
    const opt = new AdamW(vars, {});
    const step = preferenceStep(policy, vars, opt, setup.resolved.options);
    const run = (s: number) => {
      const b = preferenceBatch(setup.items, setup.frozen, setup.split.train.slice((s * 8) % 24, ((s * 8) % 24) + 8), setup.spec, policy.config);
      step(b, 1e-3);
      disposePreferenceBatch(b);
    };
    run(0);
    const n0 = tf.memory().numTensors;
    for (let s = 1; s <= 200; s++) run(s);
    expect(tf.memory().numTensors).toBe(n0);
    opt.dispose();
    policy.dispose();
    const before = tf.memory().numTensors;
    const r = await trainPreference(ref, data, micro('naive-dpo'), { root: freshRoot(), progress: false });
    r.policy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("caches the frozen log-probs by reference, data and needs; Naive-DPO's picks come from the seed", async () => {
    const root = freshRoot();
    const a = await preparePreference(ref, data, micro('naive-dpo', { seed: 1 }), { root });
    const b = await preparePreference(ref, data, micro('naive-dpo', { seed: 1 }), { root });
    const c = await preparePreference(ref, data, micro('naive-dpo', { seed: 2 }), { root });
    expect(b.spec.picks).toEqual(a.spec.picks);
    expect(c.spec.picks).not.toEqual(a.spec.picks);
    expect(new Set(a.spec.picks.map((p) => p[0]))).toEqual(new Set(['yVr', 'yEr']));
    expect(fs.readdirSync(root).filter((d) => d.startsWith('frozen-logps-'))).toHaveLength(1); // one entry: same reference, data, needs
    expect(b.frozen).toEqual(a.frozen);
    await preparePreference(ref, data, micro('avem-dpo'), { root });
    expect(fs.readdirSync(root).filter((d) => d.startsWith('frozen-logps-'))).toHaveLength(2);
    // the same seed trains the same run (cached); the held-out split is the same whatever the seed
    expect(c.split).toEqual(a.split);
    expect(a.split.heldOut.length).toBeGreaterThan(0);
    expect(a.split.train.some((i) => a.split.heldOut.includes(i))).toBe(false);
  });
});
