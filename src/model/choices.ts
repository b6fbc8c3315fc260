/**
 * Multiple-choice answering by option log-likelihood: every option's response tokens are
 * scored after the question's prompt (and the clip's AV tokens), many questions per forward
 * pass, each question's AV tokens and prompt computed once for all its options
 * (`groupedSequenceLogProbs`); the answer is the best-scoring option.
 */
import * as tf from '@tensorflow/tfjs';
import type { Avlm } from './avlm';

/** One question as tokens. */
export interface ChoiceQuestion {
  prompt: number[];
  /** Response tokens of each option, in letter order. */
  options: number[][];
  /** Audio frames `[nAudioFrames · featDim]`, row-major; omit for no audio tokens. */
  audio?: Float32Array;
  /** Video frames `[nVideoFrames · featDim]`, row-major; omit for no video tokens. */
  video?: Float32Array;
}

/** How an option's token log-probs become its score. */
export const OPTION_SCORINGS = ['sum', 'mean'] as const;
export type OptionScoring = (typeof OPTION_SCORINGS)[number];

export interface ChoiceOptions {
  /** `sum`: log p(option | prompt) (default); `mean`: per-token average (length-normalised). */
  scoring: OptionScoring;
  /** Options (sequences) per forward pass; a question with more options gets a pass of its own. Default 128. */
  batchSize: number;
}

export const DEFAULT_CHOICE_OPTIONS: ChoiceOptions = { scoring: 'sum', batchSize: 128 };

export interface ChoiceResult {
  /** Index of the chosen option (ties go to the first). */
  chosen: number;
  /** Score of every option. */
  scores: number[];
}

/** Clips' frames `[frames · featDim]` each, stacked into `[B, frames, featDim]`. */
export function stackFeatures(rows: Float32Array[], frames: number, featDim: number): tf.Tensor3D {
  const out = new Float32Array(rows.length * frames * featDim);
  rows.forEach((r, i) => out.set(r, i * frames * featDim));
  return tf.tensor3d(out, [rows.length, frames, featDim]);
}

function modalityPresence(questions: ChoiceQuestion[], key: 'audio' | 'video'): boolean {
  const n = questions.filter((q) => q[key] !== undefined).length;
  if (n !== 0 && n !== questions.length) {
    throw new Error(`scoreChoices: ${key} features given for ${n} of ${questions.length} questions (all or none)`);
  }
  return n > 0;
}

function featureTensors(model: Avlm, qs: ChoiceQuestion[], hasAudio: boolean, hasVideo: boolean): { audio?: tf.Tensor3D; video?: tf.Tensor3D } {
  const cfg = model.config;
  return {
    audio: hasAudio
      ? stackFeatures(
          qs.map((q) => q.audio as Float32Array),
          cfg.nAudioFrames,
          cfg.featDim,
        )
      : undefined,
    video: hasVideo
      ? stackFeatures(
          qs.map((q) => q.video as Float32Array),
          cfg.nVideoFrames,
          cfg.featDim,
        )
      : undefined,
  };
}

/**
 * Scores every option of every question; returns the choice and the scores per question.
 * Questions whose options are all one token long take one forward pass for all options
 * (log-softmax of the next-token logits after the prompt: the same numbers).
 */
export function scoreChoices(model: Avlm, questions: ChoiceQuestion[], options: Partial<ChoiceOptions> = {}): ChoiceResult[] {
  const opts = { ...DEFAULT_CHOICE_OPTIONS, ...options };
  if (!OPTION_SCORINGS.includes(opts.scoring)) throw new Error(`scoreChoices: unknown scoring "${opts.scoring}"`);
  const hasAudio = modalityPresence(questions, 'audio');
  const hasVideo = modalityPresence(questions, 'video');
  questions.forEach((q, qi) => {
    if (q.options.length === 0) throw new Error(`scoreChoices: question ${qi} has no options`);
    q.options.forEach((opt, oi) => {
      if (opt.length === 0) throw new Error(`scoreChoices: question ${qi}, option ${oi} has no tokens`);
    });
  });
  const scores = questions.map((q) => new Array<number>(q.options.length).fill(0));

  // one-token options: one sequence per question
  const single = questions.map((q, qi) => ({ q, qi })).filter((e) => e.q.options.every((o) => o.length === 1));
  single.sort((a, b) => a.q.prompt.length - b.q.prompt.length || a.qi - b.qi);
  for (let start = 0; start < single.length; start += opts.batchSize) {
    const chunk = single.slice(start, start + opts.batchSize);
    const qs = chunk.map((e) => e.q);
    const { audio, video } = featureTensors(model, qs, hasAudio, hasVideo);
    try {
      const lp = tf.tidy(() => tf.logSoftmax(model.nextTokenLogits({ audio, video, prompts: qs.map((q) => q.prompt), responses: qs.map(() => []) })));
      const values = lp.dataSync();
      const vocab = lp.shape[1] as number;
      lp.dispose();
      chunk.forEach((e, i) => e.q.options.forEach((o, k) => ((scores[e.qi] as number[])[k] = values[i * vocab + (o[0] as number)] as number)));
    } finally {
      tf.dispose([audio, video].filter((t) => t !== undefined) as tf.Tensor[]);
    }
  }

  // the rest: each question's options share its AV tokens and prompt (a grouped batch);
  // questions of similar prompt length together, up to batchSize options per forward
  const multi = questions.map((q, qi) => ({ q, qi })).filter((e) => !e.q.options.every((o) => o.length === 1));
  multi.sort((a, b) => a.q.prompt.length - b.q.prompt.length || a.qi - b.qi);
  for (let start = 0; start < multi.length;) {
    let end = start + 1;
    let count = (multi[start] as { q: ChoiceQuestion }).q.options.length;
    while (end < multi.length && count + (multi[end] as { q: ChoiceQuestion }).q.options.length <= opts.batchSize) {
      count += (multi[end] as { q: ChoiceQuestion }).q.options.length;
      end += 1;
    }
    const chunk = multi.slice(start, end);
    start = end;
    const qs = chunk.map((e) => e.q);
    const { audio, video } = featureTensors(model, qs, hasAudio, hasVideo);
    try {
      const lp = model.groupedSequenceLogProbs({
        audio,
        video,
        prompts: qs.map((q) => q.prompt),
        responses: qs.flatMap((q) => q.options),
        groupOf: qs.flatMap((q, g) => q.options.map(() => g)),
      });
      const values = lp.dataSync();
      lp.dispose();
      let at = 0;
      chunk.forEach((e) => e.q.options.forEach((_, k) => ((scores[e.qi] as number[])[k] = values[at++] as number)));
    } finally {
      tf.dispose([audio, video].filter((t) => t !== undefined) as tf.Tensor[]);
    }
  }
  return scores.map((s0, qi) => {
    const s = opts.scoring === 'sum' ? s0 : s0.map((x, k) => x / ((questions[qi] as ChoiceQuestion).options[k] as number[]).length);
    let best = 0;
    for (let i = 1; i < s.length; i++) if ((s[i] as number) > (s[best] as number)) best = i;
    return { chosen: best, scores: s };
  });
}
