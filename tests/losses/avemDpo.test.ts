import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { avemDpoLoss, dpoLoss, METRIC_NAMES, type AvemDpoOptions } from '../../src/losses';
import { Rng } from '../../src/random';
import { GOLDEN, HAND, referenceLoss, withLogps, type NumLogps } from './fixtures';

const PAPER: AvemDpoOptions = { beta: 0.1, rejectedWeights: [0.5, 0.5], gammaTpd: 0.2, lambdaAv: 1 };

/** Runs the loss, reads everything back, disposes the outputs. */
function run(lp: NumLogps, o: AvemDpoOptions) {
  return withLogps(lp, (logps) => {
    const r = avemDpoLoss(logps, o);
    const out = { loss: r.loss.dataSync()[0] as number, perExample: Array.from(r.perExample.dataSync()), metrics: r.metrics };
    tf.dispose([r.loss, r.perExample]);
    return out;
  });
}

/** B examples of random log-probs in [−60, −5] with 2 rejected responses. */
function randomLogps(rng: Rng, B: number): NumLogps {
  const v = (): number[] => Array.from({ length: B }, () => rng.uniform(-60, -5));
  return {
    policyChosen: v(),
    policyRejected: [v(), v()],
    refChosen: v(),
    refRejected: [v(), v()],
    policyChosenRejectedInput: v(),
    refChosenRejectedInput: v(),
    textChosen: v(),
    textRejected: [v(), v()],
  };
}

describe('avemDpoLoss: closed forms', () => {
  it('is (1 + λ_av)·log 2 at zero margins', () => {
    // Every log-ratio zero and tc = Σ wᵢ tᵢ: both logits are 0 and −log σ(0) = log 2.
    const same = [-7.5, -20, -3.25];
    const lp: NumLogps = {
      policyChosen: same,
      policyRejected: [same, same],
      refChosen: same,
      refRejected: [same, same],
      policyChosenRejectedInput: same,
      refChosenRejectedInput: same,
      textChosen: same,
      textRejected: [same, same],
    };
    for (const lambdaAv of [0, 0.5, 1, 2]) {
      const r = run(lp, { ...PAPER, lambdaAv });
      expect(r.loss).toBeCloseTo((1 + lambdaAv) * Math.LN2, 6);
      r.perExample.forEach((x) => expect(x).toBeCloseTo((1 + lambdaAv) * Math.LN2, 6));
      expect(r.metrics['rewards/accuracies']).toBe(0); // ties do not count: TRL uses chosen > rejected
    }
  });

  it('matches the hand-computed AVEm-DPO value and metrics', () => {
    // HAND: β[(πc−rc) − Σ wᵢ(πᵢ−rᵢ)] = 0.1·(2 − (0.5·(−1) + 0.5·(−3))) = 0.1·4 = 0.4
    //       γ[tc − Σ wᵢ tᵢ] = 0.2·(−5 − (0.5·(−4) + 0.5·(−8))) = 0.2·1 = 0.2
    //       response: −log σ(0.4 − 0.2) = log(1 + e^−0.2) = 0.5981388693815918
    //       input: −log σ(0.1·(2 − (−3))) = log(1 + e^−0.5) = 0.4740769841801067
    //       total 1.0722158535616986
    const r = run(HAND, PAPER);
    expect(r.loss).toBeCloseTo(1.0722158535616986, 6);
    expect(r.metrics['rewards/chosen']).toBeCloseTo(0.2, 6); // 0.1·2
    expect(r.metrics['rewards/rejected']).toBeCloseTo(-0.2, 6); // 0.1·(0.5·(−1) + 0.5·(−3))
    expect(r.metrics['rewards/margins']).toBeCloseTo(0.4, 6);
    expect(r.metrics['rewards/accuracies']).toBe(1);
    expect(r.metrics['loss/response']).toBeCloseTo(0.5981388693815918, 6);
    expect(r.metrics['loss/input']).toBeCloseTo(0.4740769841801067, 6);
    expect(r.metrics['tpd/offset']).toBeCloseTo(0.2, 6);
    expect(Object.keys(r.metrics).sort()).toEqual([...METRIC_NAMES].sort());
  });

  it('weights the reference term of Eq. (6) like the policy term (not the VistaDPO code)', () => {
    // Policy = reference for every response: each weighted log-ratio is 0, so the logit is
    // exactly 0 whatever the weights, and the loss is log 2. Unweighted reference terms
    // (VistaDPO code) would give β[(πc − 0.7πvr − 0.3πer) − (rc − rvr − rer)]
    // = 0.1·[(−5 + 7 + 6) − (−5 + 10 + 20)] = 0.1·(8 − 25) = −1.7, i.e. loss 1.8814.
    const lp: NumLogps = {
      policyChosen: [-5],
      policyRejected: [[-10], [-20]],
      refChosen: [-5],
      refRejected: [[-10], [-20]],
    };
    const r = run(lp, { beta: 0.1, rejectedWeights: [0.7, 0.3], gammaTpd: 0, lambdaAv: 0 });
    expect(r.loss).toBeCloseTo(Math.LN2, 6);
  });

  it('reports the share of correctly ranked examples as rewards/accuracies', () => {
    // Example 0: chosen reward 0.1·1 > rejected 0.1·(−1); example 1: chosen 0.1·(−1) < rejected 0.1·1.
    const lp: NumLogps = {
      policyChosen: [-9, -11],
      policyRejected: [[-11, -9]],
      refChosen: [-10, -10],
      refRejected: [[-10, -10]],
    };
    const r = run(lp, { beta: 0.1, rejectedWeights: [1], gammaTpd: 0, lambdaAv: 0 });
    expect(r.metrics['rewards/accuracies']).toBe(0.5);
    expect(r.metrics['rewards/margins']).toBeCloseTo(0, 6);
    expect(r.metrics['loss/input']).toBe(0);
    expect(r.metrics['tpd/offset']).toBe(0);
  });

  it('matches the float64 reference on random inputs, and is deterministic', () => {
    const rng = new Rng(20240611);
    for (const o of [PAPER, { beta: 0.3, rejectedWeights: [0.8, 0.2], gammaTpd: 0.05, lambdaAv: 2 }]) {
      const lp = randomLogps(rng, 6);
      const ref = referenceLoss(lp, o);
      const a = run(lp, o);
      const b = run(lp, o);
      expect(a.perExample).toEqual(b.perExample);
      expect(a.loss).toBeCloseTo(ref.loss, 4);
      a.perExample.forEach((x, i) => expect(x).toBeCloseTo(ref.perExample[i] as number, 4));
    }
  });

  it('equals dpoLoss (Eq. 3) with one rejected response, w = [1], γ = 0, λ = 0', () => {
    const rng = new Rng(7);
    const lp = randomLogps(rng, 5);
    const oneRejected = { policyChosen: lp.policyChosen, policyRejected: [lp.policyRejected[0]!], refChosen: lp.refChosen, refRejected: [lp.refRejected[0]!] };
    const avem = run(oneRejected, {
      beta: 0.1,
      rejectedWeights: [1],
      gammaTpd: 0,
      lambdaAv: 0,
    });
    const tensors = [lp.policyChosen, lp.policyRejected[0]!, lp.refChosen, lp.refRejected[0]!].map((v) => tf.tensor1d(v));
    const [policyChosen, policyRejected, refChosen, refRejected] = tensors as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
    const dpo = dpoLoss({ policyChosen, policyRejected, refChosen, refRejected }, { beta: 0.1 });
    expect(Array.from(dpo.perExample.dataSync())).toEqual(avem.perExample);
    expect(dpo.metrics).toEqual(avem.metrics);
    tf.dispose([...tensors, dpo.loss, dpo.perExample]);
  });
});

describe('avemDpoLoss: golden value from the peer PyTorch script', () => {
  it('matches avem_dpo_loss of /work/shared/peer/torch_avem_step.py', () => {
    // Produced with Debian's python3-torch 1.13 (float64), by
    //   /usr/bin/python3 golden.py
    // where golden.py is:
    //   import sys, json; sys.path.insert(0, '/work/shared/peer')
    //   import torch, torch_avem_step as peer
    //   inputs = {'pw': [-32.5, -41.0, -18.25, -55.0], 'pvr': [-35.0, -38.5, -22.0, -54.0],
    //     'per': [-30.0, -47.25, -19.5, -61.0], 'pwl': [-36.0, -40.0, -25.0, -52.5],
    //     'rw': [-33.0, -40.0, -19.0, -56.5], 'rvr': [-34.5, -39.0, -21.0, -55.0],
    //     'rer': [-31.0, -45.0, -20.5, -58.0], 'rwl': [-34.0, -41.5, -23.0, -54.0],
    //     'tw': [-45.0, -50.0, -30.0, -70.0], 'tvr': [-48.0, -47.0, -33.0, -66.0],
    //     'ter': [-40.0, -55.0, -29.0, -75.0]}
    //   order = ['pw','pvr','per','pwl','rw','rvr','rer','rwl','tw','tvr','ter']
    //   for ov in [{}, {'betaVr': 0.7, 'betaEr': 0.3, 'gammaTpd': 0.5, 'lambdaAv': 0.5}]:
    //       peer.cfg.update({'beta': 0.1, 'betaVr': 0.5, 'betaEr': 0.5, 'gammaTpd': 0.2, 'lambdaAv': 1.0}); peer.cfg.update(ov)
    //       ts = [torch.tensor(inputs[k], dtype=torch.float64, requires_grad=True) for k in order]
    //       loss = peer.avem_dpo_loss(*ts); loss.backward()
    //       print(json.dumps({'loss': loss.item(), 'grad': {k: t.grad.tolist() for k, t in zip(order, ts)}}))
    // Output (loss; gradient w.r.t. pw):
    //   {}: 1.3576614741478579; pw grad [-0.02204524021423955, -0.027877562225467604, -0.024072234747387705, -0.024064253866406263]
    //   ov: 1.065634248466508;  pw grad [-0.019496429997045414, -0.018080591943054114, -0.022564918372619435, -0.013894091497299227]
    const cases: [AvemDpoOptions, number, number[]][] = [
      [PAPER, 1.3576614741478579, [-0.02204524021423955, -0.027877562225467604, -0.024072234747387705, -0.024064253866406263]],
      [
        { beta: 0.1, rejectedWeights: [0.7, 0.3], gammaTpd: 0.5, lambdaAv: 0.5 },
        1.065634248466508,
        [-0.019496429997045414, -0.018080591943054114, -0.022564918372619435, -0.013894091497299227],
      ],
    ];
    for (const [o, loss, gradChosen] of cases) {
      expect(run(GOLDEN, o).loss).toBeCloseTo(loss, 5);
      withLogps(GOLDEN, (lp) => {
        const g = tf.grad((pc: tf.Tensor) => avemDpoLoss({ ...lp, policyChosen: pc as tf.Tensor1D }, o).loss)(lp.policyChosen);
        Array.from(g.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(gradChosen[i] as number, 6));
        g.dispose();
      });
    }
  });
});

describe('avemDpoLoss: extreme inputs', () => {
  it('gives finite loss and gradients for log-probs of ±1e3', () => {
    const big = 1e3;
    const patterns: [string, NumLogps][] = [
      [
        'policy far above reference',
        {
          policyChosen: [big, -big],
          policyRejected: [
            [-big, big],
            [big, -big],
          ],
          refChosen: [-big, big],
          refRejected: [
            [big, -big],
            [-big, big],
          ],
          policyChosenRejectedInput: [-big, big],
          refChosenRejectedInput: [big, -big],
          textChosen: [big, -big],
          textRejected: [
            [-big, big],
            [-big, big],
          ],
        },
      ],
      [
        'everything at −1e3 except the chosen policy',
        {
          policyChosen: [-big, -big],
          policyRejected: [
            [big, big],
            [big, big],
          ],
          refChosen: [big, big],
          refRejected: [
            [-big, -big],
            [-big, -big],
          ],
          policyChosenRejectedInput: [big, big],
          refChosenRejectedInput: [-big, -big],
          textChosen: [big, big],
          textRejected: [
            [-big, -big],
            [-big, -big],
          ],
        },
      ],
    ];
    for (const beta of [0.1, 1, 10]) {
      for (const [, lp] of patterns) {
        const o = { beta, rejectedWeights: [0.5, 0.5], gammaTpd: 0.2, lambdaAv: 1 };
        withLogps(lp, (logps) => {
          const inputs = [logps.policyChosen, ...logps.policyRejected, logps.policyChosenRejectedInput!, logps.refChosen, logps.textChosen!];
          const f = (pc: tf.Tensor, p0: tf.Tensor, p1: tf.Tensor, pcl: tf.Tensor, rc: tf.Tensor, tc: tf.Tensor): tf.Scalar =>
            avemDpoLoss(
              {
                ...logps,
                policyChosen: pc as tf.Tensor1D,
                policyRejected: [p0 as tf.Tensor1D, p1 as tf.Tensor1D],
                policyChosenRejectedInput: pcl as tf.Tensor1D,
                refChosen: rc as tf.Tensor1D,
                textChosen: tc as tf.Tensor1D,
              },
              o,
            ).loss;
          const { value, grads } = tf.valueAndGrads(f)(inputs);
          const ref = referenceLoss(lp, o);
          expect(Number.isFinite(value.dataSync()[0])).toBe(true);
          expect(value.dataSync()[0]).toBeCloseTo(ref.loss, 0);
          for (const g of grads) for (const x of g.dataSync()) expect(Number.isFinite(x)).toBe(true);
          tf.dispose([value, ...grads]);
        });
      }
    }
  });

  it('is linear in a hugely wrong margin: loss ≈ −z and ∂/∂πc = −β/B', () => {
    // β = 0.1, πc − rc = −2000, πᵢ − rᵢ = +2000: z = 0.1·(−2000 − 2000) = −400, −log σ(−400) = 400.
    const lp: NumLogps = { policyChosen: [-1e3], policyRejected: [[1e3], [1e3]], refChosen: [1e3], refRejected: [[-1e3], [-1e3]] };
    const o = { beta: 0.1, rejectedWeights: [0.5, 0.5], gammaTpd: 0, lambdaAv: 0 };
    expect(run(lp, o).loss).toBeCloseTo(400, 3);
    withLogps(lp, (logps) => {
      const g = tf.grad((pc: tf.Tensor) => avemDpoLoss({ ...logps, policyChosen: pc as tf.Tensor1D }, o).loss)(logps.policyChosen);
      expect(g.dataSync()[0]).toBeCloseTo(-0.1, 6);
      g.dispose();
    });
  });
});
