/**
 * Types of the loss library. Every input is a per-sequence log-prob — the sum over the
 * response tokens of log p(token) — as a float32 `Tensor1D` of shape `[B]`.
 *
 * Symbols follow the paper (§4): π_θ the policy, π_ref the reference, π_text the text-only
 * language model, y_w the chosen response, y_l^i the rejected responses, (a_w, v_w) the
 * chosen audiovisual input and (a_l, v_l) the rejected one.
 */
import type { Scalar, Tensor1D } from '@tensorflow/tfjs';

/** Log-probs for the AVEm-DPO family (Eqs. 3–12). */
export interface PreferenceLogps {
  /** log π_θ(y_w | a_w, v_w, x). */
  policyChosen: Tensor1D; // [B]
  /** log π_θ(y_l^i | a_w, v_w, x), one tensor per rejected response (e.g. [y_vr, y_er]). */
  policyRejected: Tensor1D[]; // each [B]
  /** log π_ref(y_w | a_w, v_w, x). No gradient flows into it. */
  refChosen: Tensor1D; // [B]
  /** log π_ref(y_l^i | a_w, v_w, x), same order as `policyRejected`. No gradient flows into it. */
  refRejected: Tensor1D[]; // each [B]
  /** log π_θ(y_w | a_l, v_l, x^m): the chosen response on the rejected input (Eqs. 4–5). */
  policyChosenRejectedInput?: Tensor1D; // [B]
  /** log π_ref(y_w | a_l, v_l, x^m). No gradient flows into it. */
  refChosenRejectedInput?: Tensor1D; // [B]
  /** log π_text(y_w | x): the text-only prior (TPD, Eqs. 7–8, 10). No gradient flows into it. */
  textChosen?: Tensor1D; // [B]
  /** log π_text(y_l^i | x), same order as `policyRejected`. No gradient flows into it. */
  textRejected?: Tensor1D[]; // each [B]
}

/** Log-probs for plain DPO, Eq. (3): one rejected response. */
export interface DpoLogps {
  /** log π_θ(y_w | a, v, x). */
  policyChosen: Tensor1D; // [B]
  /** log π_θ(y_l | a, v, x). */
  policyRejected: Tensor1D; // [B]
  /** log π_ref(y_w | a, v, x). No gradient flows into it. */
  refChosen: Tensor1D; // [B]
  /** log π_ref(y_l | a, v, x). No gradient flows into it. */
  refRejected: Tensor1D; // [B]
}

/** Knobs of {@link avemDpoLoss}. The named objectives in `objectives.ts` fill them from paper defaults. */
export interface AvemDpoOptions {
  /** β of Eqs. (2)–(10): the KL strength / reward scale. Paper: 0.1. Must be > 0. */
  beta: number;
  /**
   * β_i of Eq. (6), one per rejected response, in the order of `policyRejected`.
   * Paper: [β_vr, β_er] = [0.5, 0.5] (the paper requires Σ β_i = 1; not enforced here,
   * see `buildObjective`). Each must be ≥ 0.
   */
  rejectedWeights: number[];
  /** γ_TPD of Eqs. (7)–(10). Paper: 0.2. 0 drops the text-prior term. Must be ≥ 0. */
  gammaTpd: number;
  /** λ_av of Eq. (9). Paper: 1. 0 drops the input-preference term (Eq. 5). Must be ≥ 0. */
  lambdaAv: number;
}

/** Metric names (TRL's names for the reward statistics, plus one entry per loss term). */
export const METRIC_NAMES = [
  'rewards/chosen',
  'rewards/rejected',
  'rewards/margins',
  'rewards/accuracies',
  'loss/response',
  'loss/input',
  'tpd/offset',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/**
 * Batch means, as plain numbers:
 * - `rewards/chosen`: mean β(log π_θ(y_w) − log π_ref(y_w));
 * - `rewards/rejected`: mean Σ_i w_i β(log π_θ(y_l^i) − log π_ref(y_l^i)) (weighted);
 * - `rewards/margins`: mean of chosen − rejected reward;
 * - `rewards/accuracies`: share of examples with chosen reward > rejected reward;
 * - `loss/response`: mean response part (Eq. 10, or Eq. 3 for `dpoLoss`);
 * - `loss/input`: mean λ_av · Eq. (5) part (0 when λ_av = 0); `loss/response + loss/input = loss`;
 * - `tpd/offset`: mean γ_TPD[log π_text(y_w|x) − Σ_i w_i log π_text(y_l^i|x)], the amount
 *   subtracted from the response logit (0 when γ_TPD = 0).
 */
export type LossMetrics = Record<MetricName, number>;

/**
 * Result of a loss call. `loss` and `perExample` are new tensors owned by the caller
 * (dispose them, or call inside `tf.tidy` / `tf.variableGrads` / `optimizer.minimize`).
 * `metrics` are plain numbers, already read back (see `metrics.ts`).
 */
export interface LossResult {
  /** Mean of `perExample` over the batch. */
  loss: Scalar;
  /** The per-example loss. */
  perExample: Tensor1D; // [B]
  metrics: LossMetrics;
}
