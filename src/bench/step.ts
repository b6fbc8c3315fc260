/**
 * The benchmark step: exactly the peer's AVEm-DPO step on the workbench's own model. One
 * forward of the policy over 4·B sequences — (a_w, v_w, x, y_w), (a_w, v_w, x, y_vr),
 * (a_w, v_w, x, y_er), (a_l, v_l, x, y_w) — with cached reference and text-prior log-probs,
 * `avemDpoLoss` (Eq. 10 + λ_av·Eq. 5), backward, one AdamW update of projectors + LoRA.
 */
import * as tf from '@tensorflow/tfjs';
import { avemDpoLoss } from '../losses';
import { Avlm, type PreparedText, type SequenceBatch } from '../model';
import { Rng } from '../random';
import { AdamW } from '../train';
import type { BenchConfig } from './config';

/** Learning rate of the peer's AdamW. */
const LR = 5e-4;

export interface BenchStep {
  /** One training step; returns the loss. */
  step(): number;
  /** One forward-only pass over the 4·B sequences (how benchmark questions are scored). */
  evalForward(): void;
  /** Sequences per forward. */
  sequences: number;
  dispose(): void;
}

function randomIds(rng: Rng, n: number, len: number, vocab: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: len }, () => rng.int(vocab)));
}

function randomFeatures(rng: Rng, shape: [number, number, number]): Float32Array {
  return Float32Array.from({ length: shape[0] * shape[1] * shape[2] }, () => rng.normal());
}

/** Builds policy, reference (a frozen copy), synthetic batch and optimizer for `cfg`. */
export function createBenchStep(cfg: BenchConfig): BenchStep {
  const rng = new Rng(cfg.seed);
  const b = cfg.batch;
  const modelConfig = {
    vocab: cfg.vocab, dModel: cfg.dModel, nLayers: cfg.nLayers, nHeads: cfg.nHeads, ffMult: cfg.ffMult,
    featDim: cfg.featDim, nAudioFrames: cfg.nAudioTokens, nVideoFrames: cfg.nVideoTokens,
    maxTextLen: cfg.promptLen + cfg.responseLen,
    projector: { kind: 'mlp' as const, depth: 1 as const },
    lora: { rank: cfg.loraRank, alpha: cfg.loraAlpha, targets: ['wq' as const, 'wv' as const] },
    seed: cfg.seed,
  };
  const policy = new Avlm(modelConfig);
  const ref = new Avlm(modelConfig);
  ref.copyWeightsFrom(policy);
  for (const v of Object.values(ref.params)) v.trainable = false;
  const vars = policy.setTrainable('projectors+lora');
  const optimizer = new AdamW(vars, { weightDecay: 0.01, clipNorm: 0 });

  const feat = (n: number) => randomFeatures(rng, [b, n, cfg.featDim]);
  const [aw, vw, al, vl] = [feat(cfg.nAudioTokens), feat(cfg.nVideoTokens), feat(cfg.nAudioTokens), feat(cfg.nVideoTokens)];
  const cat4 = (w: Float32Array, l: Float32Array, n: number) => {
    const out = new Float32Array(4 * w.length);
    out.set(w, 0); out.set(w, w.length); out.set(w, 2 * w.length); out.set(l, 3 * w.length);
    return tf.tensor3d(out, [4 * b, n, cfg.featDim]);
  };
  const x = randomIds(rng, b, cfg.promptLen, cfg.vocab);
  const [yw, yvr, yer] = [0, 1, 2].map(() => randomIds(rng, b, cfg.responseLen, cfg.vocab)) as [number[][], number[][], number[][]];
  const batch: SequenceBatch = {
    audio: cat4(aw, al, cfg.nAudioTokens), // [4B, nA, f]
    video: cat4(vw, vl, cfg.nVideoTokens), // [4B, nV, f]
    prompts: [...x, ...x, ...x, ...x],
    responses: [...yw, ...yvr, ...yer, ...yw],
  };
  const prep: PreparedText = policy.prepare(batch);
  const split4 = (t: tf.Tensor1D) => tf.split(t, 4) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
  const refLogps = () => split4(ref.sequenceLogProbs(batch, prep));
  const cachedRef = cfg.cachedRef ? tf.tidy(refLogps) : undefined; // the four [B] parts survive; the [4B] whole is freed
  const text = [0, 1, 2].map(() => tf.tensor1d(Float32Array.from({ length: b }, () => rng.normal()))) as tf.Tensor1D[];
  const opts = { beta: cfg.beta, rejectedWeights: [cfg.betaVr, cfg.betaEr], gammaTpd: cfg.gammaTpd, lambdaAv: cfg.lambdaAv };

  return {
    sequences: 4 * b,
    step(): number {
      const { value, grads } = tf.variableGrads(() => {
        const [rw, rvr, rer, rwl] = cachedRef ?? tf.tidy(refLogps);
        const [pw, pvr, per, pwl] = split4(policy.sequenceLogProbs(batch, prep));
        return avemDpoLoss(
          {
            policyChosen: pw, policyRejected: [pvr, per], refChosen: rw, refRejected: [rvr, rer],
            policyChosenRejectedInput: pwl, refChosenRejectedInput: rwl,
            textChosen: text[0], textRejected: [text[1]!, text[2]!],
          },
          opts,
        ).loss;
      }, vars);
      optimizer.apply(grads, LR).dispose();
      const loss = value.dataSync()[0] as number;
      tf.dispose([value, grads]);
      return loss;
    },
    evalForward(): void {
      tf.tidy(() => policy.sequenceLogProbs(batch, prep).dataSync());
    },
    dispose(): void {
      tf.dispose([batch.audio!, batch.video!, ...text, ...(cachedRef ?? [])]);
      optimizer.dispose();
      policy.dispose();
      ref.dispose();
    },
  };
}
