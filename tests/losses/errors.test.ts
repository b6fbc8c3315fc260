import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { avemDpoLoss, dpoLoss, type AvemDpoOptions, type PreferenceLogps } from '../../src/losses';
import { HAND, withLogps } from './fixtures';

const PAPER: AvemDpoOptions = { beta: 0.1, rejectedWeights: [0.5, 0.5], gammaTpd: 0.2, lambdaAv: 1 };

/** Expects `avemDpoLoss` on HAND, changed by `edit`, to throw a message matching `pattern`, leaking nothing. */
function expectError(edit: (lp: PreferenceLogps) => PreferenceLogps, o: AvemDpoOptions, pattern: RegExp): void {
  withLogps(HAND, (lp) => {
    const edited = edit(lp);
    const before = tf.memory().numTensors;
    expect(() => avemDpoLoss(edited, o)).toThrow(pattern);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(edited).flat()); // tensors made by `edit` (disposing lp's twice is a no-op)
  });
}

describe('avemDpoLoss: input errors name the field', () => {
  it('rejects a rejected-response tensor of the wrong batch size', () => {
    expectError((lp) => ({ ...lp, refRejected: [lp.refRejected[0]!, tf.tensor1d([1, 2])] }), PAPER, /refRejected\[1\] has shape \[2\], expected \[1\]/);
  });

  it('rejects a chosen tensor that is not [B]', () => {
    expectError((lp) => ({ ...lp, policyChosen: tf.tensor2d([[-1]]) as unknown as tf.Tensor1D }), PAPER, /policyChosen has shape \[1, 1\]/);
    expectError((lp) => ({ ...lp, refChosen: tf.tensor1d([-1, -2]) }), PAPER, /refChosen has shape \[2\], expected \[1\]/);
  });

  it('rejects a weight count that differs from the rejected-response count', () => {
    expectError((lp) => lp, { ...PAPER, rejectedWeights: [1] }, /rejectedWeights has 1 entries but policyRejected has 2/);
    expectError((lp) => ({ ...lp, refRejected: [lp.refRejected[0]!] }), PAPER, /refRejected has 1 entries, expected 2/);
  });

  it('requires text log-probs when γ_TPD > 0, naming the missing one', () => {
    expectError((lp) => ({ ...lp, textChosen: undefined }), PAPER, /textChosen is missing \(required because opts.gammaTpd = 0.2 > 0\)/);
    expectError((lp) => ({ ...lp, textRejected: undefined }), PAPER, /textRejected is missing/);
    expectError((lp) => ({ ...lp, textRejected: [lp.textRejected![0]!] }), PAPER, /textRejected has 1 entries, expected 2/);
  });

  it('requires rejected-input log-probs when λ_av > 0, naming the missing one', () => {
    expectError(
      (lp) => ({ ...lp, policyChosenRejectedInput: undefined }),
      PAPER,
      /policyChosenRejectedInput is missing \(required because opts.lambdaAv = 1 > 0\)/,
    );
    expectError((lp) => ({ ...lp, refChosenRejectedInput: undefined }), PAPER, /refChosenRejectedInput is missing/);
  });

  it('accepts missing optional inputs when their term is off', () => {
    withLogps(HAND, (lp) => {
      const { textChosen, textRejected, policyChosenRejectedInput, refChosenRejectedInput, ...rest } = lp;
      expect([textChosen, textRejected, policyChosenRejectedInput, refChosenRejectedInput].every((t) => t !== undefined)).toBe(true);
      const r = avemDpoLoss(rest, { ...PAPER, gammaTpd: 0, lambdaAv: 0 });
      expect(r.loss.dataSync()[0]).toBeCloseTo(Math.log1p(Math.exp(-0.4)), 6); // z = 0.1·4, see objectives.test.ts
      tf.dispose([r.loss, r.perExample]);
    });
  });

  it('rejects bad dtypes, disposed tensors and bad options', () => {
    expectError((lp) => ({ ...lp, textChosen: tf.tensor1d([-5], 'int32') }), PAPER, /textChosen has dtype int32, expected float32/);
    const gone = tf.tensor1d([-3]);
    gone.dispose();
    expectError((lp) => ({ ...lp, refChosenRejectedInput: gone }), PAPER, /refChosenRejectedInput is disposed/);
    expectError((lp) => lp, { ...PAPER, beta: 0 }, /opts.beta must be > 0, got 0/);
    expectError((lp) => lp, { ...PAPER, gammaTpd: -0.1 }, /opts.gammaTpd must be ≥ 0/);
    expectError((lp) => lp, { ...PAPER, lambdaAv: Number.NaN }, /opts.lambdaAv must be a finite number/);
    expectError((lp) => lp, { ...PAPER, rejectedWeights: [0.5, -0.5] }, /opts.rejectedWeights\[1\] must be ≥ 0/);
  });
});

describe('dpoLoss: input errors name the field', () => {
  it('rejects mismatched shapes and bad β', () => {
    const [a, b, c, d] = [[-1, -2], [-3, -4], [-5, -6], [-7]].map((v) => tf.tensor1d(v)) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
    expect(() => dpoLoss({ policyChosen: a, policyRejected: b, refChosen: c, refRejected: d }, { beta: 0.1 })).toThrow(
      /dpoLoss: refRejected has shape \[1\], expected \[2\]/,
    );
    expect(() => dpoLoss({ policyChosen: a, policyRejected: b, refChosen: c, refRejected: c }, { beta: -1 })).toThrow(/dpoLoss: opts.beta must be > 0/);
    tf.dispose([a, b, c, d]);
  });
});
