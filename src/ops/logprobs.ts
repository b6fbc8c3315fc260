/**
 * Per-token log-probabilities of target tokens, fused and numerically stable.
 *
 * log p(t | logits) = logits[t] − logsumexp(logits). The softmax runs once (tfjs-wasm's
 * native `Softmax`; its `Exp` is ~4× slower per element) and gives both the gradient's
 * probabilities and logsumexp = max − log softmax(max): the largest probability is at
 * least 1/V, so its log never underflows. The gradient is written out as
 * d/dlogits = dy · (onehot(t) − softmax(logits)); the one-hot part is a `scatterND` of `dy`
 * at the flat positions `row·V + t`, so no gather gradient is needed. (In
 * tfjs-backend-wasm 4.22, `gather(…, batchDims=1)` reads out of bounds and `oneHot` with
 * dtype float32 returns zeros; neither is used.)
 */
import * as tf from '@tensorflow/tfjs';
import { customGrad2 } from './customGrad';

const select = customGrad2((logits: tf.Tensor, targets: tf.Tensor, save: tf.GradSaveFunc) => {
  const [rows, vocab] = logits.shape as [number, number];
  const probs = tf.softmax(logits); // [N, V]
  const lse = tf.sub(tf.max(logits, 1), tf.log(tf.max(probs, 1))); // [N]: max − log softmax(max) = logsumexp
  const flatIndex = tf.add(tf.mul(tf.range(0, rows, 1, 'int32'), tf.scalar(vocab, 'int32')), targets); // [N]
  const picked = tf.gather(logits.reshape([-1]), flatIndex); // [N]
  save([probs, flatIndex, targets]);
  return {
    value: tf.sub(picked, lse), // [N]
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sProbs, sFlat, sTargets] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      const hot = tf.scatterND(sFlat.reshape([-1, 1]), dy, [rows * vocab]).reshape([rows, vocab]); // [N, V]
      return [tf.sub(hot, tf.mul(sProbs, dy.reshape([-1, 1]))), tf.zerosLike(sTargets)];
    },
  };
});

/** `logits [N, V]`, int32 `targets [N]` → `log p(targets) [N]`. */
export function tokenLogProbs(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  if (targets.dtype !== 'int32') throw new Error(`tokenLogProbs: targets must be int32, got ${targets.dtype}`);
  if (logits.shape[0] !== targets.shape[0]) {
    throw new Error(`tokenLogProbs: ${logits.shape[0]} logit rows but ${targets.shape[0]} targets`);
  }
  return select(logits, targets) as tf.Tensor1D;
}
