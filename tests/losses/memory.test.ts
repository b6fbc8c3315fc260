import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { avemDpoLoss, buildObjective, dpoLoss, type LossMetrics, type PreferenceLogps } from '../../src/losses';
import { GOLDEN, HAND, assemble, fieldsOf, tensorsOf, withLogps } from './fixtures';

const PAPER = { beta: 0.1, rejectedWeights: [0.5, 0.5], gammaTpd: 0.2, lambdaAv: 1 };

describe('losses: tensor memory', () => {
  it('a call leaves only loss and perExample, and nothing after they are disposed', () => {
    withLogps(GOLDEN, (lp) => {
      const before = tf.memory().numTensors;
      const r = avemDpoLoss(lp, PAPER);
      expect(tf.memory().numTensors).toBe(before + 2);
      tf.dispose([r.loss, r.perExample]);
      expect(tf.memory().numTensors).toBe(before);

      const d = dpoLoss(
        { policyChosen: lp.policyChosen, policyRejected: lp.policyRejected[0]!, refChosen: lp.refChosen, refRejected: lp.refRejected[0]! },
        { beta: 0.1 },
      );
      tf.dispose([d.loss, d.perExample]);
      expect(tf.memory().numTensors).toBe(before);
    });
  });

  it('inside tf.tidy nothing escapes', () => {
    withLogps(GOLDEN, (lp) => {
      const before = tf.memory().numTensors;
      const value = tf.tidy(() => avemDpoLoss(lp, PAPER).loss.dataSync()[0]);
      expect(Number.isFinite(value)).toBe(true);
      expect(tf.memory().numTensors).toBe(before);
    });
  });

  it('through tf.variableGrads, with metrics captured in the closure', () => {
    // Policy log-probs as variables, as a trainer's closure would produce from model weights.
    const tensors = tensorsOf(GOLDEN);
    const fields = fieldsOf(GOLDEN);
    const vars = tensors.map((t, i) => (fields[i]!.key.startsWith('policy') ? tf.variable(t) : t));
    const before = tf.memory().numTensors;
    let metrics: LossMetrics | undefined;
    for (let step = 0; step < 3; step++) {
      const { value, grads } = tf.variableGrads(() => {
        const r = avemDpoLoss(assemble(GOLDEN, vars), PAPER);
        metrics = r.metrics;
        return r.loss;
      });
      expect(Object.keys(grads)).toHaveLength(4); // πc, π_vr, π_er, πcl — and nothing else trainable
      tf.dispose([value, ...Object.values(grads)]);
      expect(tf.memory().numTensors).toBe(before);
    }
    expect(metrics!['loss/response'] + metrics!['loss/input']).toBeCloseTo(1.3576614741478579, 5);
    tf.dispose([...tensors, ...vars]);
  });

  it('through optimizer.minimize with a registry objective', () => {
    const objective = buildObjective('avem-dpo');
    const tensors = tensorsOf(HAND);
    const fields = fieldsOf(HAND);
    const vars = tensors.map((t, i) => (fields[i]!.key.startsWith('policy') ? tf.variable(t) : t));
    const optimizer = tf.train.sgd(1);
    const step = (): number => {
      let lossValue = NaN;
      optimizer.minimize(() => {
        const r = objective.loss(assemble(HAND, vars) as PreferenceLogps);
        lossValue = r.metrics['loss/response'] + r.metrics['loss/input'];
        return r.loss;
      });
      return lossValue;
    };
    const first = step();
    const before = tf.memory().numTensors;
    const later = [step(), step(), step()];
    expect(tf.memory().numTensors).toBe(before);
    expect(later[2]).toBeLessThan(first); // gradient descent lowers the loss
    optimizer.dispose();
    tf.dispose([...tensors, ...vars]);
  });
});
