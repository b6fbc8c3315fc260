import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { avemDpoLoss, dpoLoss, type AvemDpoOptions } from '../../src/losses';
import {
  GOLDEN,
  analyticGrad,
  assemble,
  fieldName,
  fieldsOf,
  getField,
  referenceLoss,
  shifted,
  tensorsOf,
  withLogps,
  type FieldRef,
  type NumLogps,
} from './fixtures';

const isPolicy = (f: FieldRef): boolean => f.key.startsWith('policy');

/** tfjs gradient of the mean loss with respect to every field of `lp`. */
function tfGrads(lp: NumLogps, o: AvemDpoOptions): number[][] {
  const tensors = tensorsOf(lp);
  const grads = tf.grads((...xs: tf.Tensor[]) => avemDpoLoss(assemble(lp, xs), o).loss)(tensors);
  const out = grads.map((g) => Array.from(g.dataSync()));
  tf.dispose([...tensors, ...grads]);
  return out;
}

/** Central differences of the tfjs (float32) forward loss; h = 1/64 is exact in float32 here. */
function tfFiniteDiff(lp: NumLogps, o: AvemDpoOptions, f: FieldRef, h = 1 / 64): number[] {
  const lossAt = (x: NumLogps): number =>
    withLogps(x, (logps) => {
      const r = avemDpoLoss(logps, o);
      const v = r.loss.dataSync()[0] as number;
      tf.dispose([r.loss, r.perExample]);
      return v;
    });
  return getField(lp, f).map((_, b) => (lossAt(shifted(lp, f, b, h)) - lossAt(shifted(lp, f, b, -h))) / (2 * h));
}

/** Central differences of the float64 reference loss. */
function f64FiniteDiff(lp: NumLogps, o: AvemDpoOptions, f: FieldRef, h = 1e-5): number[] {
  return getField(lp, f).map((_, b) => (referenceLoss(shifted(lp, f, b, h), o).loss - referenceLoss(shifted(lp, f, b, -h), o).loss) / (2 * h));
}

const SETTINGS: [string, AvemDpoOptions][] = [
  ['paper defaults', { beta: 0.1, rejectedWeights: [0.5, 0.5], gammaTpd: 0.2, lambdaAv: 1 }],
  ['skewed weights, strong β', { beta: 0.5, rejectedWeights: [0.8, 0.2], gammaTpd: 0.7, lambdaAv: 0.3 }],
];

describe('avemDpoLoss gradients', () => {
  for (const [label, o] of SETTINGS) {
    it(`policy gradients match the analytic derivative and finite differences (${label})`, () => {
      const grads = tfGrads(GOLDEN, o);
      fieldsOf(GOLDEN).forEach((f, i) => {
        if (!isPolicy(f)) return;
        const got = grads[i] as number[];
        const analytic = analyticGrad(GOLDEN, o, f);
        const fd64 = f64FiniteDiff(GOLDEN, o, f);
        const fd32 = tfFiniteDiff(GOLDEN, o, f);
        analytic.forEach((a, b) => {
          const ctx = `${fieldName(f)}[${b}]`;
          expect(Math.abs(a), ctx).toBeGreaterThan(1e-4); // the check is not vacuous
          expect(Math.abs(fd64[b]! - a), `${ctx} analytic vs float64 FD`).toBeLessThan(1e-8);
          expect(Math.abs(got[b]! - a), `${ctx} tfjs vs analytic`).toBeLessThan(1e-6);
          expect(Math.abs(got[b]! - fd32[b]!), `${ctx} tfjs vs float32 FD`).toBeLessThan(3e-5);
        });
      });
    });

    it(`reference and text-prior inputs get exactly zero gradient (${label})`, () => {
      const grads = tfGrads(GOLDEN, o);
      const frozen = fieldsOf(GOLDEN).filter((f) => !isPolicy(f));
      expect(frozen.map(fieldName)).toEqual([
        'refChosen',
        'refRejected[0]',
        'refRejected[1]',
        'refChosenRejectedInput',
        'textChosen',
        'textRejected[0]',
        'textRejected[1]',
      ]);
      fieldsOf(GOLDEN).forEach((f, i) => {
        if (isPolicy(f)) return;
        for (const g of grads[i] as number[]) expect(g === 0, fieldName(f)).toBe(true);
      });
    });
  }

  it('dpoLoss (Eq. 3): analytic policy gradients, zero reference gradients', () => {
    // ∂ℓ/∂πc = −β σ(−z)/B, ∂ℓ/∂πl = +β σ(−z)/B with z = β[(πc − rc) − (πl − rl)].
    const pc = [-12, -30.5, -8];
    const pl = [-14, -29, -8.5];
    const rc = [-13, -31, -7];
    const rl = [-13.5, -28, -9];
    const beta = 0.25;
    const tensors = [pc, pl, rc, rl].map((v) => tf.tensor1d(v));
    const grads = tf.grads(
      (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) =>
        dpoLoss({ policyChosen: a as tf.Tensor1D, policyRejected: b as tf.Tensor1D, refChosen: c as tf.Tensor1D, refRejected: d as tf.Tensor1D }, { beta })
          .loss,
    )(tensors);
    const [gc, gl, grc, grl] = grads.map((g) => Array.from(g.dataSync()));
    pc.forEach((_, b) => {
      const z = beta * (pc[b]! - rc[b]! - (pl[b]! - rl[b]!));
      const s = 1 / (1 + Math.exp(z)); // σ(−z)
      expect(gc![b]).toBeCloseTo((-beta * s) / 3, 6);
      expect(gl![b]).toBeCloseTo((beta * s) / 3, 6);
      expect(grc![b]).toBe(0);
      expect(grl![b]).toBe(0);
    });
    tf.dispose([...tensors, ...grads]);
  });
});
