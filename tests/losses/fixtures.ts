/**
 * Test fixtures for the losses: log-probs as plain numbers, their tensor form, and an
 * independent float64 implementation of Eqs. (5), (9), (10) and of the analytic gradient.
 */
import * as tf from '@tensorflow/tfjs';
import type { AvemDpoOptions, PreferenceLogps } from '../../src/losses';

/** `PreferenceLogps` as plain number arrays (one array per [B] tensor). */
export interface NumLogps {
  policyChosen: number[];
  policyRejected: number[][];
  refChosen: number[];
  refRejected: number[][];
  policyChosenRejectedInput?: number[];
  refChosenRejectedInput?: number[];
  textChosen?: number[];
  textRejected?: number[][];
}

/** One scalar field of `NumLogps`, e.g. `policyRejected[1]`. */
export interface FieldRef {
  key: keyof NumLogps;
  index?: number;
}

export const fieldName = (f: FieldRef): string => (f.index === undefined ? f.key : `${f.key}[${f.index}]`);

/** Every [B] array present in `lp`, in a fixed order. */
export function fieldsOf(lp: NumLogps): FieldRef[] {
  const out: FieldRef[] = [];
  const keys: (keyof NumLogps)[] = [
    'policyChosen',
    'policyRejected',
    'refChosen',
    'refRejected',
    'policyChosenRejectedInput',
    'refChosenRejectedInput',
    'textChosen',
    'textRejected',
  ];
  for (const key of keys) {
    const v = lp[key];
    if (v === undefined) continue;
    if (Array.isArray(v[0])) (v as number[][]).forEach((_, index) => out.push({ key, index }));
    else out.push({ key });
  }
  return out;
}

export function getField(lp: NumLogps, f: FieldRef): number[] {
  const v = lp[f.key] as number[] | number[][];
  return (f.index === undefined ? v : v[f.index]) as number[];
}

/** A deep copy of `lp` with `field[b]` shifted by `delta`. */
export function shifted(lp: NumLogps, f: FieldRef, b: number, delta: number): NumLogps {
  const copy = JSON.parse(JSON.stringify(lp)) as NumLogps;
  const arr = getField(copy, f);
  arr[b] = (arr[b] as number) + delta;
  return copy;
}

/** Builds `PreferenceLogps` from given tensors, one per field of `fieldsOf(lp)`. */
export function assemble(lp: NumLogps, tensors: tf.Tensor[]): PreferenceLogps {
  const out: Record<string, tf.Tensor1D | tf.Tensor1D[]> = {};
  fieldsOf(lp).forEach((f, i) => {
    const t = tensors[i] as tf.Tensor1D;
    if (f.index === undefined) out[f.key] = t;
    else ((out[f.key] ??= []) as tf.Tensor1D[])[f.index] = t;
  });
  return out as unknown as PreferenceLogps;
}

/** float32 tensors for every field of `lp` (caller disposes them). */
export function tensorsOf(lp: NumLogps): tf.Tensor1D[] {
  return fieldsOf(lp).map((f) => tf.tensor1d(getField(lp, f), 'float32'));
}

/** −log σ(z) in float64, stable for large |z|. */
export function nls(z: number): number {
  return z >= 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

interface Logits {
  zResponse: number[];
  zInput: number[];
}

function logits(lp: NumLogps, o: AvemDpoOptions): Logits {
  const B = lp.policyChosen.length;
  const zResponse: number[] = [];
  const zInput: number[] = [];
  for (let b = 0; b < B; b++) {
    const chosen = (lp.policyChosen[b] as number) - (lp.refChosen[b] as number);
    let rejected = 0;
    let text = 0;
    o.rejectedWeights.forEach((w, i) => {
      rejected += w * ((lp.policyRejected[i]![b] as number) - (lp.refRejected[i]![b] as number));
      if (o.gammaTpd > 0) text += w * (lp.textRejected![i]![b] as number);
    });
    const tpd = o.gammaTpd > 0 ? o.gammaTpd * ((lp.textChosen![b] as number) - text) : 0;
    zResponse.push(o.beta * (chosen - rejected) - tpd);
    zInput.push(o.lambdaAv > 0 ? o.beta * (chosen - ((lp.policyChosenRejectedInput![b] as number) - (lp.refChosenRejectedInput![b] as number))) : 0);
  }
  return { zResponse, zInput };
}

/** float64 reference of `avemDpoLoss`: per-example loss and its mean. */
export function referenceLoss(lp: NumLogps, o: AvemDpoOptions): { loss: number; perExample: number[] } {
  const { zResponse, zInput } = logits(lp, o);
  const perExample = zResponse.map((z, b) => nls(z) + (o.lambdaAv > 0 ? o.lambdaAv * nls(zInput[b] as number) : 0));
  return { loss: perExample.reduce((a, x) => a + x, 0) / perExample.length, perExample };
}

/**
 * Analytic d(mean loss)/d(field[b]) for the policy fields, from d/dz[−log σ(z)] = −σ(−z):
 *   ∂/∂πc  = (−β σ(−z_r) − λβ σ(−z_in)) / B
 *   ∂/∂πᵢ  = β wᵢ σ(−z_r) / B
 *   ∂/∂πcl = λβ σ(−z_in) / B
 * and 0 for every reference and text field (stop-gradient).
 */
export function analyticGrad(lp: NumLogps, o: AvemDpoOptions, f: FieldRef): number[] {
  const { zResponse, zInput } = logits(lp, o);
  const B = zResponse.length;
  return zResponse.map((zr, b) => {
    const sR = sigmoid(-zr);
    const sI = o.lambdaAv > 0 ? sigmoid(-(zInput[b] as number)) : 0;
    switch (f.key) {
      case 'policyChosen':
        return (-o.beta * sR - o.lambdaAv * o.beta * sI) / B;
      case 'policyRejected':
        return (o.beta * (o.rejectedWeights[f.index as number] as number) * sR) / B;
      case 'policyChosenRejectedInput':
        return (o.lambdaAv * o.beta * sI) / B;
      default:
        return 0;
    }
  });
}

/** The golden fixture (B = 4, rejected [y_vr, y_er]); also used by the peer-script golden test. */
export const GOLDEN: NumLogps = {
  policyChosen: [-32.5, -41.0, -18.25, -55.0],
  policyRejected: [
    [-35.0, -38.5, -22.0, -54.0],
    [-30.0, -47.25, -19.5, -61.0],
  ],
  refChosen: [-33.0, -40.0, -19.0, -56.5],
  refRejected: [
    [-34.5, -39.0, -21.0, -55.0],
    [-31.0, -45.0, -20.5, -58.0],
  ],
  policyChosenRejectedInput: [-36.0, -40.0, -25.0, -52.5],
  refChosenRejectedInput: [-34.0, -41.5, -23.0, -54.0],
  textChosen: [-45.0, -50.0, -30.0, -70.0],
  textRejected: [
    [-48.0, -47.0, -33.0, -66.0],
    [-40.0, -55.0, -29.0, -75.0],
  ],
};

/**
 * The hand fixture (B = 1). Log-ratios: πc − rc = 2, π_vr − r_vr = −1, π_er − r_er = −3,
 * πcl − rcl = −3. Text: tc = −5, t_vr = −4, t_er = −8.
 */
export const HAND: NumLogps = {
  policyChosen: [-10],
  policyRejected: [[-15], [-20]],
  refChosen: [-12],
  refRejected: [[-14], [-17]],
  policyChosenRejectedInput: [-16],
  refChosenRejectedInput: [-13],
  textChosen: [-5],
  textRejected: [[-4], [-8]],
};

/** `HAND` with only the rejected response `i` (0 = y_vr, 1 = y_er) kept. */
export function handWithRejected(i: 0 | 1): NumLogps {
  return {
    ...HAND,
    policyRejected: [HAND.policyRejected[i] as number[]],
    refRejected: [HAND.refRejected[i] as number[]],
    textRejected: [HAND.textRejected![i] as number[]],
  };
}

/** Runs `fn` on fresh tensors of `lp` and disposes them afterwards. */
export function withLogps<T>(lp: NumLogps, fn: (logps: PreferenceLogps) => T): T {
  const tensors = tensorsOf(lp);
  try {
    return fn(assemble(lp, tensors));
  } finally {
    tf.dispose(tensors);
  }
}
