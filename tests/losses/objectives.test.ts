import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  OBJECTIVES,
  OBJECTIVE_NAMES,
  PAPER_KNOBS,
  REJECTED_INPUT_KINDS,
  buildObjective,
  parseRejectedInputKind,
  type ObjectiveConfig,
  type ObjectiveName,
} from '../../src/losses';
import { HAND, handWithRejected, withLogps, type NumLogps } from './fixtures';

function lossOf(config: ObjectiveName | ObjectiveConfig, lp: NumLogps): number {
  const objective = buildObjective(config);
  return withLogps(lp, (logps) => {
    const r = objective.loss(logps);
    const v = r.loss.dataSync()[0] as number;
    tf.dispose([r.loss, r.perExample]);
    return v;
  });
}

// Hand arithmetic on the HAND fixture (β = 0.1, β_vr = β_er = 0.5, γ_TPD = 0.2, λ_av = 1):
//   log-ratios: chosen πc − rc = 2, y_vr −1, y_er −3, chosen on rejected input πcl − rcl = −3
//   text: tc = −5, t_vr = −4, t_er = −8
//   −log σ(z) = log(1 + e^−z):
//     z = 0.3 → 0.5543552444685271   z = 0.5 → 0.4740769841801067   z = 0.4 → 0.5130152523999526
//     z = 0.2 → 0.5981388693815918   z = −0.1 → 0.744396660073571
//   input part (Eq. 5): z = 0.1·(2 − (−3)) = 0.5 → 0.4740769841801067
const NLS = { '0.3': 0.5543552444685271, '0.5': 0.4740769841801067, '0.4': 0.5130152523999526, '0.2': 0.5981388693815918, '-0.1': 0.744396660073571 };

describe('objective registry: hand-computed values', () => {
  it('naive-dpo (Eq. 3), with either randomly picked rejected response', () => {
    // y_vr: z = 0.1·(2 − (−1)) = 0.3;  y_er: z = 0.1·(2 − (−3)) = 0.5
    expect(lossOf('naive-dpo', handWithRejected(0))).toBeCloseTo(NLS['0.3'], 6);
    expect(lossOf('naive-dpo', handWithRejected(1))).toBeCloseTo(NLS['0.5'], 6);
  });

  it('vista-dpo (Eqs. 4 + 6)', () => {
    // response z = 0.1·(2 − (0.5·(−1) + 0.5·(−3))) = 0.4; input z = 0.5; no TPD
    expect(lossOf('vista-dpo', HAND)).toBeCloseTo(NLS['0.4'] + NLS['0.5'], 6); // 0.98709223658
  });

  it('avem-dpo (Eq. 9)', () => {
    // response z = 0.4 − 0.2·(−5 − (0.5·(−4) + 0.5·(−8))) = 0.4 − 0.2 = 0.2; input z = 0.5
    expect(lossOf('avem-dpo', HAND)).toBeCloseTo(NLS['0.2'] + NLS['0.5'], 6); // 1.07221585356
  });

  it('avem-dpo-no-pmp (Eq. 10)', () => {
    // response only: z = 0.2
    expect(lossOf('avem-dpo-no-pmp', HAND)).toBeCloseTo(NLS['0.2'], 6);
  });

  it('avem-dpo-no-erp (Eq. 11), with either randomly picked rejected response', () => {
    // y_er: z = 0.1·(2 − (−3)) − 0.2·(−5 − (−8)) = 0.5 − 0.6 = −0.1; plus input 0.5
    // y_vr: z = 0.1·(2 − (−1)) − 0.2·(−5 − (−4)) = 0.3 + 0.2 = 0.5; plus input 0.5
    expect(lossOf('avem-dpo-no-erp', handWithRejected(1))).toBeCloseTo(NLS['-0.1'] + NLS['0.5'], 6); // 1.21847364425
    expect(lossOf('avem-dpo-no-erp', handWithRejected(0))).toBeCloseTo(NLS['0.5'] + NLS['0.5'], 6);
  });

  it('avem-dpo-no-tpd (Eq. 12)', () => {
    // response z = 0.4 (γ = 0), input z = 0.5. Same formula as vista-dpo: the two differ only
    // in the rejected input the data supplies (pmp vs both modalities).
    expect(lossOf('avem-dpo-no-tpd', HAND)).toBeCloseTo(NLS['0.4'] + NLS['0.5'], 6);
  });

  it('knob overrides change the value as the formula says', () => {
    // avem-dpo, β_vr = 0.8, β_er = 0.2, γ = 0.5, λ = 2:
    //   response z = 0.1·(2 − (0.8·(−1) + 0.2·(−3))) − 0.5·(−5 − (0.8·(−4) + 0.2·(−8)))
    //             = 0.1·3.4 − 0.5·(−0.2) = 0.34 + 0.1 = 0.44;   input 2·0.4740769841801067
    const expected = Math.log1p(Math.exp(-0.44)) + 2 * NLS['0.5'];
    expect(lossOf({ name: 'avem-dpo', betaVr: 0.8, betaEr: 0.2, gammaTpd: 0.5, lambdaAv: 2 }, HAND)).toBeCloseTo(expected, 5);
  });
});

describe('objective registry: declarations', () => {
  it('lists exactly the six objectives of the experiments', () => {
    expect([...OBJECTIVE_NAMES].sort()).toEqual(['avem-dpo', 'avem-dpo-no-erp', 'avem-dpo-no-pmp', 'avem-dpo-no-tpd', 'naive-dpo', 'vista-dpo'].sort());
    for (const n of OBJECTIVE_NAMES) expect(OBJECTIVES[n].name).toBe(n);
  });

  it('declares the log-probs each objective needs', () => {
    const needs = Object.fromEntries(OBJECTIVE_NAMES.map((n) => [n, buildObjective(n).needs]));
    expect(needs).toEqual({
      'naive-dpo': { rejectedResponses: ['random-of-yVr-yEr'], rejectedInput: undefined, textPrior: false },
      'vista-dpo': { rejectedResponses: ['yVr', 'yEr'], rejectedInput: 'both-diff-emotion', textPrior: false },
      'avem-dpo': { rejectedResponses: ['yVr', 'yEr'], rejectedInput: 'pmp-diff-emotion', textPrior: true },
      'avem-dpo-no-pmp': { rejectedResponses: ['yVr', 'yEr'], rejectedInput: undefined, textPrior: true },
      'avem-dpo-no-erp': { rejectedResponses: ['random-of-yVr-yEr'], rejectedInput: 'pmp-diff-emotion', textPrior: true },
      'avem-dpo-no-tpd': { rejectedResponses: ['yVr', 'yEr'], rejectedInput: 'pmp-diff-emotion', textPrior: false },
    });
  });

  it('maps paper defaults to loss options', () => {
    expect(PAPER_KNOBS).toEqual({ beta: 0.1, betaVr: 0.5, betaEr: 0.5, gammaTpd: 0.2, lambdaAv: 1 });
    const options = Object.fromEntries(OBJECTIVE_NAMES.map((n) => [n, buildObjective(n).options]));
    expect(options).toEqual({
      'naive-dpo': { beta: 0.1, rejectedWeights: [1], gammaTpd: 0, lambdaAv: 0 },
      'vista-dpo': { beta: 0.1, rejectedWeights: [0.5, 0.5], gammaTpd: 0, lambdaAv: 1 },
      'avem-dpo': { beta: 0.1, rejectedWeights: [0.5, 0.5], gammaTpd: 0.2, lambdaAv: 1 },
      'avem-dpo-no-pmp': { beta: 0.1, rejectedWeights: [0.5, 0.5], gammaTpd: 0.2, lambdaAv: 0 },
      'avem-dpo-no-erp': { beta: 0.1, rejectedWeights: [1], gammaTpd: 0.2, lambdaAv: 1 },
      'avem-dpo-no-tpd': { beta: 0.1, rejectedWeights: [0.5, 0.5], gammaTpd: 0, lambdaAv: 1 },
    });
  });

  it('drops a term from `needs` when its knob is set to 0', () => {
    const o = buildObjective({ name: 'avem-dpo', gammaTpd: 0, lambdaAv: 0 });
    expect(o.needs).toEqual({ rejectedResponses: ['yVr', 'yEr'], rejectedInput: undefined, textPrior: false });
    expect(buildObjective({ name: 'avem-dpo', gammaTpd: undefined }).knobs.gammaTpd).toBe(0.2);
  });
});

describe('objective registry: errors', () => {
  it('rejects an unknown name, listing the known ones', () => {
    expect(() => buildObjective('dpo' as ObjectiveName)).toThrow(/unknown objective 'dpo'; known: naive-dpo, vista-dpo/);
  });

  it('rejects a knob the objective fixes by its equation', () => {
    expect(() => buildObjective({ name: 'naive-dpo', gammaTpd: 0.2 } as unknown as ObjectiveConfig)).toThrow(
      /objective naive-dpo has no knob 'gammaTpd' \(its knobs: beta\)/,
    );
    expect(() => buildObjective({ name: 'avem-dpo-no-pmp', lambdaAv: 1 } as unknown as ObjectiveConfig)).toThrow(/no knob 'lambdaAv'/);
  });

  it('rejects β_vr + β_er ≠ 1 and out-of-range knobs', () => {
    expect(() => buildObjective({ name: 'avem-dpo', betaVr: 0.7 })).toThrow(/betaVr \+ betaEr must be 1 \(Eq. 6\), got 0.7 \+ 0.5/);
    expect(() => buildObjective({ name: 'vista-dpo', beta: 0 })).toThrow(/objective vista-dpo: beta must be > 0, got 0/);
    expect(() => buildObjective({ name: 'avem-dpo', lambdaAv: -1 })).toThrow(/lambdaAv must be ≥ 0/);
    expect(() => buildObjective({ name: 'avem-dpo', gammaTpd: Number.POSITIVE_INFINITY })).toThrow(/gammaTpd must be a finite number/);
  });
});

describe('rejected-input kinds (Table 17)', () => {
  it('are the eight form × source pairs, and parse back', () => {
    expect(REJECTED_INPUT_KINDS).toHaveLength(8);
    expect(parseRejectedInputKind('pmp-diff-emotion')).toEqual({ form: 'pmp', source: 'diff-emotion' });
    expect(parseRejectedInputKind('both-random-tensor')).toEqual({ form: 'both', source: 'random-tensor' });
    expect(() => parseRejectedInputKind('prompt-random_tensor')).toThrow(/unknown rejected-input kind 'prompt-random_tensor'; known: pmp-diff-emotion/);
  });
});
