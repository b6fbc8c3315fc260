/**
 * Multiple-choice answering by visual contrastive decoding (VCD), the training-free baseline
 * of the paper's Table 5 (last row): every option is scored token by token (teacher-forced)
 * with the contrasted logits (1 + α)·logits(a, v) − α·logits(a', v'), where (a', v') is the
 * caller's contrast input (the diffused clip: `diffuseClip` in the data library), under
 * VCD's adaptive plausibility cutoff (the math: `contrastiveScore.ts`). Same result shape
 * as `scoreChoices`, so an evaluation can use either.
 *
 * Each option is its own sequence (prompt + option) through two forward passes, original and
 * contrast; the logits rows that predict the option's tokens are read back and scored on the
 * host. No prefix sharing: about 2× the cost of `scoreChoices` per option, and more for
 * options of one token (which `scoreChoices` scores in one pass per question).
 */
import * as tf from '@tensorflow/tfjs';
import type { Avlm } from './avlm';
import { predictorRows, type PreparedText } from './batch';
import { stackFeatures, type ChoiceQuestion, type ChoiceResult } from './choices';
import { chooseContrastive, contrastiveOptionScore, DEFAULT_CONTRASTIVE_KNOBS, validateContrastiveKnobs, type ContrastiveKnobs } from './contrastiveScore';

/** A question with its contrast input: the same modalities as the question's own features. */
export interface ContrastiveQuestion extends ChoiceQuestion {
  contrast: {
    /** Contrast audio frames `[nAudioFrames · featDim]`; present iff the question has audio. */
    audio?: Float32Array;
    /** Contrast video frames `[nVideoFrames · featDim]`; present iff the question has video. */
    video?: Float32Array;
  };
}

export interface ContrastiveOptions extends ContrastiveKnobs {
  /** Option sequences per forward pass. Default 64. */
  batchSize: number;
}

export const DEFAULT_CONTRASTIVE_OPTIONS: ContrastiveOptions = { ...DEFAULT_CONTRASTIVE_KNOBS, batchSize: 64 };

export interface ContrastiveResult extends ChoiceResult {
  /**
   * True when every option scored −∞ (each has a token outside the plausible set); `chosen`
   * then comes from the same contrast without the cutoff (β = 0). `scores` stay the VCD scores.
   */
  fallback: boolean;
}

function checkQuestions(questions: readonly ContrastiveQuestion[]): void {
  for (const key of ['audio', 'video'] as const) {
    const n = questions.filter((q) => q[key] !== undefined).length;
    if (n !== 0 && n !== questions.length)
      throw new Error(`scoreChoicesContrastive: ${key} features given for ${n} of ${questions.length} questions (all or none)`);
  }
  questions.forEach((q, qi) => {
    if (q.options.length === 0) throw new Error(`scoreChoicesContrastive: question ${qi} has no options`);
    q.options.forEach((o, oi) => {
      if (o.length === 0) throw new Error(`scoreChoicesContrastive: question ${qi}, option ${oi} has no tokens`);
    });
    for (const key of ['audio', 'video'] as const) {
      if ((q[key] === undefined) !== (q.contrast[key] === undefined))
        throw new Error(`scoreChoicesContrastive: question ${qi} has ${key} features but no contrast ${key}, or the reverse`);
    }
  });
}

/** Logits rows `[N, V]` that predict the response tokens of a prepared batch, read back to the host. */
function responseLogits(model: Avlm, prep: PreparedText, audio: tf.Tensor3D | undefined, video: tf.Tensor3D | undefined): Float32Array {
  const logits = tf.tidy(() => {
    const { x, layout } = model.hidden(prep, audio, video); // [B·T, D]
    return model.headAt(x, predictorRows(prep, layout.nAudio + layout.nVideo)); // [N, V]
  });
  const values = logits.dataSync() as Float32Array;
  logits.dispose();
  return values;
}

/** One option of one question, as a sequence. */
interface OptionSequence {
  qi: number;
  k: number;
  q: ContrastiveQuestion;
}

/**
 * VCD score of every option of every question (Σ over its tokens of log p_vcd; −∞ when a
 * token fails the cutoff) and the chosen option: the best score, ties to the first; when all
 * are −∞, the best score without the cutoff (see `ContrastiveResult.fallback`).
 */
export function scoreChoicesContrastive(
  model: Avlm,
  questions: readonly ContrastiveQuestion[],
  options: Partial<ContrastiveOptions> = {},
): ContrastiveResult[] {
  const opts = { ...DEFAULT_CONTRASTIVE_OPTIONS, ...options };
  validateContrastiveKnobs(opts);
  if (!Number.isInteger(opts.batchSize) || opts.batchSize <= 0)
    throw new Error(`scoreChoicesContrastive: batchSize must be a positive integer, got ${opts.batchSize}`);
  checkQuestions(questions);
  const cfg = model.config;
  const vocab = cfg.vocab;
  const noCutoff: ContrastiveKnobs = { ...opts, beta: 0 };
  const scores = questions.map((q) => new Array<number>(q.options.length).fill(0));
  const fallbackScores = questions.map((q) => new Array<number>(q.options.length).fill(0));
  const sequences: OptionSequence[] = questions.flatMap((q, qi) => q.options.map((_, k) => ({ qi, k, q })));
  for (let start = 0; start < sequences.length; start += opts.batchSize) {
    const chunk = sequences.slice(start, start + opts.batchSize);
    const feats = (pick: (s: OptionSequence) => Float32Array | undefined, frames: number): tf.Tensor3D | undefined =>
      pick(chunk[0] as OptionSequence) === undefined
        ? undefined
        : stackFeatures(
            chunk.map((s) => pick(s) as Float32Array),
            frames,
            cfg.featDim,
          );
    const inputs = [
      feats((s) => s.q.audio, cfg.nAudioFrames),
      feats((s) => s.q.video, cfg.nVideoFrames),
      feats((s) => s.q.contrast.audio, cfg.nAudioFrames),
      feats((s) => s.q.contrast.video, cfg.nVideoFrames),
    ];
    try {
      const [audio, video, contrastAudio, contrastVideo] = inputs;
      const prep = model.prepare({ audio, video, prompts: chunk.map((s) => s.q.prompt), responses: chunk.map((s) => s.q.options[s.k] as number[]) });
      const original = responseLogits(model, prep, audio, video); // [N·V]
      const contrast = responseLogits(model, prep, contrastAudio, contrastVideo); // [N·V]
      const rows = (values: Float32Array, tokens: number[]): Float32Array[] => tokens.map((i) => values.subarray(i * vocab, (i + 1) * vocab)); // each [V]
      chunk.forEach((s, b) => {
        const tokens = [...prep.seqOf.keys()].filter((i) => prep.seqOf[i] === b); // this option's response tokens, in order
        const targets = tokens.map((i) => prep.targets[i] as number);
        const [o, n] = [rows(original, tokens), rows(contrast, tokens)];
        (scores[s.qi] as number[])[s.k] = contrastiveOptionScore(o, n, targets, opts);
        (fallbackScores[s.qi] as number[])[s.k] = contrastiveOptionScore(o, n, targets, noCutoff);
      });
    } finally {
      tf.dispose(inputs.filter((t) => t !== undefined) as tf.Tensor[]);
    }
  }
  return scores.map((s, qi) => ({ ...chooseContrastive(s, fallbackScores[qi] as number[]), scores: s }));
}
