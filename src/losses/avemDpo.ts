/**
 * AVEm-DPO, paper §4 and Appendix C.1: the response preference with text-prior debiasing
 * (Eq. 10) plus λ_av times the prompt-based modality preference (Eq. 5), combined as Eq. (9).
 * Every ablation of the paper is a setting of the same function (see `objectives.ts`).
 */
import * as tf from '@tensorflow/tfjs';
import { readMetrics, rewardMetricTensors, stackMetrics } from './metrics';
import { negLogSigmoid, stopGradient, weightedSum } from './ops';
import type { AvemDpoOptions, LossResult, PreferenceLogps } from './types';
import { checkAvemDpoInputs } from './validate';

/**
 * AVEm-DPO loss, paper Eq. (9) = Eq. (10) + λ_av · Eq. (5). Per example, with
 * πc = log π_θ(y_w|a_w,v_w,x), πᵢ = log π_θ(y_lⁱ|a_w,v_w,x), πcl = log π_θ(y_w|a_l,v_l,x^m),
 * rc, rᵢ, rcl the same under π_ref, and tc, tᵢ = log π_text(·|x):
 *
 *   response part, Eq. (10):  −log σ( β[(πc − rc) − Σᵢ wᵢ(πᵢ − rᵢ)] − γ_TPD[tc − Σᵢ wᵢ tᵢ] )
 *   input part, λ_av·Eq. (5): −λ_av log σ( β[(πc − rc) − (πcl − rcl)] )
 *
 * `perExample` is their sum, `loss` its batch mean. wᵢ = `rejectedWeights` (β_vr, β_er of
 * Eq. 6). Reference and text-prior log-probs are wrapped in a stop-gradient (Eq. 8: "we stop
 * gradients through π_text"; π_ref is frozen). γ_TPD = 0 skips the text term (text log-probs
 * then optional); λ_av = 0 skips the input term (rejected-input log-probs then optional).
 *
 * Eq. (4) prints y_l in its second log-ratio, but u(a_w, v_w, a_l, v_l, x, y_w) takes only
 * y_w and Fig. 4 pairs y_w with both inputs; we use y_w on the rejected input (as the peer
 * script does).
 *
 * Eq. (6) as printed weights the whole log-ratio, policy and reference: wᵢ(πᵢ − rᵢ). The
 * public VistaDPO code (`dpo_sentence_loss` in HaroldChen19/VistaDPO trl/trainer/dpo_trainer.py)
 * weights only the policy log-probs and subtracts the reference rejected log-probs
 * unweighted; we follow the paper, not that code.
 *
 * Metrics are read back before returning (one `dataSync`; see `metrics.ts`), so the function
 * can run inside `tf.variableGrads` / `optimizer.minimize`.
 */
export function avemDpoLoss(lp: PreferenceLogps, opts: AvemDpoOptions): LossResult {
  checkAvemDpoInputs('avemDpoLoss', lp, opts);
  const { beta, rejectedWeights: w, gammaTpd, lambdaAv } = opts;
  const [loss, perExample, stacked] = tf.tidy(() => {
    // Implicit rewards β log π_θ/π_ref, Eq. (2) without the partition term (it cancels).
    const chosenRewards = tf.mul(tf.sub(lp.policyChosen, stopGradient(lp.refChosen)), beta) as tf.Tensor1D; // [B]
    const rejectedLogratios = lp.policyRejected.map((p, i) => tf.sub(p, stopGradient(lp.refRejected[i] as tf.Tensor1D)) as tf.Tensor1D); // each [B]
    const rejectedRewards = tf.mul(weightedSum(rejectedLogratios, w), beta) as tf.Tensor1D; // Eq. (6)  [B]

    // Text-prior offset γ_TPD[tc − Σᵢ wᵢ tᵢ], subtracted from the response logit.
    let tpdOffset: tf.Tensor1D; // [B]
    if (gammaTpd > 0) {
      const textChosen = stopGradient(lp.textChosen as tf.Tensor1D); // [B]
      const textRejected = weightedSum((lp.textRejected as tf.Tensor1D[]).map(stopGradient), w); // [B]
      tpdOffset = tf.mul(tf.sub(textChosen, textRejected), gammaTpd); // Eq. (10)
    } else {
      tpdOffset = tf.zerosLike(chosenRewards);
    }
    const responseLogit = tf.sub(tf.sub(chosenRewards, rejectedRewards), tpdOffset) as tf.Tensor1D; // [B]
    const responsePart = negLogSigmoid(responseLogit); // Eq. (10)  [B]

    let inputPart: tf.Tensor1D; // [B]
    if (lambdaAv > 0) {
      const policyOnRejectedInput = lp.policyChosenRejectedInput as tf.Tensor1D; // [B]
      const refOnRejectedInput = stopGradient(lp.refChosenRejectedInput as tf.Tensor1D); // [B]
      const rejectedInputRewards = tf.mul(tf.sub(policyOnRejectedInput, refOnRejectedInput), beta); // [B]
      const u = tf.sub(chosenRewards, rejectedInputRewards) as tf.Tensor1D; // Eq. (4): u(a_w, v_w, a_l, v_l, x^m, y_w)
      inputPart = tf.mul(negLogSigmoid(u), lambdaAv); // λ_av · Eq. (5)
    } else {
      inputPart = tf.zerosLike(chosenRewards);
    }

    const perExample = tf.add(responsePart, inputPart) as tf.Tensor1D; // Eq. (9)  [B]
    const loss = tf.mean(perExample) as tf.Scalar;
    const metrics = stackMetrics({
      ...rewardMetricTensors(chosenRewards, rejectedRewards),
      'loss/response': tf.mean(responsePart),
      'loss/input': tf.mean(inputPart),
      'tpd/offset': tf.mean(tpdOffset),
    });
    return [loss, perExample, metrics];
  }) as [tf.Scalar, tf.Tensor1D, tf.Tensor1D];
  return { loss, perExample, metrics: readMetrics(stacked) };
}
