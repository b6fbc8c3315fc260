/**
 * The benchmark step: the trainer's preference step (`preferenceStep` / `preferenceLoss` of
 * `src/train/preference`) on the peer's synthetic AVEm-DPO batch. One forward of the policy
 * over 4·B sequences — (a_w, v_w, x, y_w), (a_w, v_w, x, y_vr), (a_w, v_w, x, y_er),
 * (a_l, v_l, x, y_w) — with cached reference and text-prior log-probs, `avemDpoLoss`
 * (Eq. 10 + λ_av·Eq. 5), backward, one AdamW update of projectors + LoRA.
 *
 * The forward is `groupedSequenceLogProbs`: the three sequences on (a_w, v_w, x) share their
 * AV tokens and prompt, which run once (exact under causal attention; the peer runs all
 * 4·B sequences in full). Same values, about a third fewer token rows.
 */
import * as tf from '@tensorflow/tfjs';
import { Avlm, expandGroups, type GroupedBatch, type SequenceBatch } from '../model';
import { Rng } from '../random';
import { AdamW, preferenceLoss, preferenceStep, type FrozenBatch, type PreferenceBatch } from '../train';
import type { BenchConfig } from './config';

/** Learning rate of the peer's AdamW. */
const LR = 5e-4;

/**
 * How the 4·B sequences run: `grouped` shares each (a_w, v_w, x) prefix among its three
 * sequences (the default, what the trainer runs); `plain` runs every sequence in full, as the peer does.
 */
export type BenchForward = 'grouped' | 'plain';

/** Which part of the batch a replica works on: samples [lo, hi) of the B preference samples. */
export interface BenchShard {
  /** This replica's index, 0 ≤ index < count. */
  index: number;
  count: number;
}

export interface BenchStep {
  /** One training step on this replica's samples (the trainer's step); returns the mean per-example loss. */
  step(): number;
  /**
   * The gradient of Σ over this replica's samples of the per-example loss / B, flattened in
   * the order of the trained variables, written into `out` (length `gradientSize`). Summed
   * over all replicas it is the full batch's mean-loss gradient. Returns that partial loss.
   */
  shardGradient(out: Float32Array): number;
  /** One AdamW update from a flat gradient laid out as `shardGradient` writes it. */
  applyGradient(flat: Float32Array): void;
  /** Number of trained values (projectors + LoRA). */
  gradientSize: number;
  /** One forward-only pass over this replica's 4·b sequences (how benchmark questions are scored). */
  evalForward(): void;
  /** Sequences per forward on this replica. */
  sequences: number;
  /** The trained variables' values, flattened (to check that replicas stay identical). */
  trainedValues(): Float32Array;
  dispose(): void;
}

/** The samples [lo, hi) of `batch` that shard `index` of `count` takes (sizes differ by at most 1). */
export function shardRange(batch: number, shard: BenchShard): [number, number] {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new Error(`bench shard ${index} of ${count}: need integers 0 ≤ index < count`);
  }
  if (count > batch) throw new Error(`bench shard: ${count} replicas for a batch of ${batch} samples`);
  return [Math.floor((index * batch) / count), Math.floor(((index + 1) * batch) / count)];
}

function randomIds(rng: Rng, n: number, len: number, vocab: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: len }, () => rng.int(vocab)));
}

function randomFeatures(rng: Rng, shape: [number, number, number]): Float32Array {
  return Float32Array.from({ length: shape[0] * shape[1] * shape[2] }, () => rng.normal());
}

/**
 * Builds policy, reference (a frozen copy), synthetic batch and optimizer for `cfg`. Every
 * replica draws the whole batch from `cfg.seed` and keeps its `shard` of it, so replicas
 * start identical and together cover the batch exactly once.
 */
export function createBenchStep(cfg: BenchConfig, shard: BenchShard = { index: 0, count: 1 }, forward: BenchForward = 'grouped'): BenchStep {
  const rng = new Rng(cfg.seed);
  const [lo, hi] = shardRange(cfg.batch, shard);
  const b = hi - lo;
  const modelConfig = {
    vocab: cfg.vocab,
    dModel: cfg.dModel,
    nLayers: cfg.nLayers,
    nHeads: cfg.nHeads,
    ffMult: cfg.ffMult,
    featDim: cfg.featDim,
    nAudioFrames: cfg.nAudioTokens,
    nVideoFrames: cfg.nVideoTokens,
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
  const gradientSize = vars.reduce((n, v) => n + v.size, 0);

  const feat = (n: number) => randomFeatures(rng, [cfg.batch, n, cfg.featDim]).subarray(lo * n * cfg.featDim, hi * n * cfg.featDim);
  const [aw, vw, al, vl] = [feat(cfg.nAudioTokens), feat(cfg.nVideoTokens), feat(cfg.nAudioTokens), feat(cfg.nVideoTokens)];
  const cat2 = (w: Float32Array, l: Float32Array, n: number) => {
    const out = new Float32Array(2 * w.length);
    out.set(w, 0);
    out.set(l, w.length);
    return tf.tensor3d(out, [2 * b, n, cfg.featDim]);
  };
  const ids = (len: number) => randomIds(rng, cfg.batch, len, cfg.vocab).slice(lo, hi);
  const x = ids(cfg.promptLen);
  const [yw, yvr, yer] = [0, 1, 2].map(() => ids(cfg.responseLen)) as [number[][], number[][], number[][]];
  const range = (from: number) => Array.from({ length: b }, (_, i) => from + i);
  // groups: (a_w, v_w, x) for samples 0…b−1, then (a_l, v_l, x); the 4·b sequences share their group's prefix (the trainer's layout)
  const grouped: GroupedBatch = {
    audio: cat2(aw, al, cfg.nAudioTokens), // [2b, nA, f]
    video: cat2(vw, vl, cfg.nVideoTokens), // [2b, nV, f]
    prompts: [...x, ...x],
    responses: [...yw, ...yvr, ...yer, ...yw],
    groupOf: [...range(0), ...range(0), ...range(0), ...range(b)],
  };
  const prepared = policy.prepareGroups(grouped);
  const expanded: SequenceBatch | undefined = forward === 'plain' ? expandGroups(grouped) : undefined; // [4b] features
  const text = [0, 1, 2].map(() => tf.tensor1d(Float32Array.from({ length: cfg.batch }, () => rng.normal()).subarray(lo, hi))) as tf.Tensor1D[];
  /** π_ref's four [b] log-prob blocks and the random text prior, as the trainer's frozen batch. */
  const refFrozen = (): FrozenBatch => {
    const lp = ref.groupedSequenceLogProbs(grouped, prepared); // [4b]
    const [rw, rvr, rer, rwl] = tf.split(lp, 4) as tf.Tensor1D[];
    lp.dispose();
    return { refChosen: rw!, refRejected: [rvr!, rer!], refChosenRejectedInput: rwl!, textChosen: text[0]!, textRejected: [text[1]!, text[2]!] };
  };
  const cachedRef = cfg.cachedRef ? refFrozen() : undefined;
  const disposeRef = (f: FrozenBatch) => tf.dispose([f.refChosen, ...f.refRejected, f.refChosenRejectedInput!]);
  /** The batch with its frozen log-probs (recomputed when `cachedRef` is false) and a release function. */
  const withFrozen = (): [PreferenceBatch, () => void] => {
    const frozen = cachedRef ?? refFrozen();
    const batch: PreferenceBatch = { size: b, rejectedCount: 2, withRejectedInput: true, grouped, prepared, expanded, frozen };
    return [batch, () => (cachedRef === undefined ? disposeRef(frozen) : undefined)];
  };
  const opts = { beta: cfg.beta, rejectedWeights: [cfg.betaVr, cfg.betaEr], gammaTpd: cfg.gammaTpd, lambdaAv: cfg.lambdaAv };
  const trainStep = preferenceStep(policy, vars, optimizer, opts);

  return {
    sequences: 4 * b,
    gradientSize,
    step(): number {
      const [batch, release] = withFrozen();
      try {
        return trainStep(batch, LR).loss;
      } finally {
        release();
      }
    },
    shardGradient(out: Float32Array): number {
      if (out.length !== gradientSize) throw new Error(`shardGradient: buffer of ${out.length} values, need ${gradientSize}`);
      const [batch, release] = withFrozen();
      try {
        // the replicas' reduction: Σ over this shard of the per-example loss / the full batch size
        const { value, grads } = tf.variableGrads(() => preferenceLoss(policy, batch, opts, cfg.batch).loss, vars);
        let at = 0;
        for (const v of vars) {
          out.set(grads[v.name]!.dataSync() as Float32Array, at);
          at += v.size;
        }
        const loss = value.dataSync()[0] as number;
        tf.dispose([value, grads]);
        return loss;
      } finally {
        release();
      }
    },
    applyGradient(flat: Float32Array): void {
      if (flat.length !== gradientSize) throw new Error(`applyGradient: ${flat.length} values, need ${gradientSize}`);
      const grads: tf.NamedTensorMap = {};
      let at = 0;
      for (const v of vars) {
        grads[v.name] = tf.tensor(flat.subarray(at, at + v.size), v.shape);
        at += v.size;
      }
      optimizer.apply(grads, LR).dispose();
      tf.dispose(Object.values(grads));
    },
    evalForward(): void {
      tf.tidy(() => (expanded === undefined ? policy.groupedSequenceLogProbs(grouped, prepared) : policy.sequenceLogProbs(expanded, prepared.text)).dataSync());
    },
    trainedValues(): Float32Array {
      const out = new Float32Array(gradientSize);
      let at = 0;
      for (const v of vars) {
        out.set(v.dataSync() as Float32Array, at);
        at += v.size;
      }
      return out;
    },
    dispose(): void {
      tf.dispose([grouped.audio!, grouped.video!, expanded?.audio, expanded?.video, ...text].filter((t) => t !== undefined));
      if (cachedRef !== undefined) disposeRef(cachedRef);
      optimizer.dispose();
      policy.dispose();
      ref.dispose();
    },
  };
}
