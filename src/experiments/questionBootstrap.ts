/**
 * The paired bootstrap over questions of the difference of two rows of a table (issue 13).
 *
 * The benchmark is one set of questions for every row and seed. A replicate r resamples the
 * question indices once, with replacement within each task (`bootstrapMultiplicities`, the draws
 * of `bootstrapReport` and `compareReports`: every replicate keeps the benchmark's task sizes),
 * applies that one resample w_r to every seed's run of both rows, computes the column m on each
 * (`summarize` of the resampled outcomes, through `outcomeClasses`), and takes the mean over
 * seeds of the per-seed difference of the higher row H and the lower row L:
 *
 *   Δ*_r = (1/S) Σ_k [ m(H_k; w_r) − m(L_k; w_r) ]
 *
 * The interval is the 95 % percentile interval of Δ*_r over the replicates (1000, seed 0: the
 * same inputs give the same interval). One resample is shared by every seed, so Δ*_r is also the
 * difference of the two rows' seed means on that resample: the order of the seeds does not move
 * it, the pairing of the questions does (two rows right and wrong on the same questions give a
 * narrow interval). It complements the t-interval over seeds (`fidelityOf`), which covers the
 * training noise across seeds; the bootstrap covers the sampling of the questions.
 */
import { quantile } from 'simple-statistics';
import { bootstrapMultiplicities, outcomeClasses, pairOutcomes, summarize, type ItemOutcome, type ScoringMode } from '../eval';
import { keepView, type ViewResult } from './diagnostics';
import type { PairBootstrap } from './table';

/** A table's columns as a function of one benchmark view's scores, hence of its per-question outcomes. */
export type ViewColumns = (v: ViewResult) => Record<string, number | null>;

export interface QuestionBootstrapOptions {
  /** Default 0. */
  seed?: number;
  /** Replicates, default 1000. */
  resamples?: number;
  /** Default 0.95. */
  level?: number;
}

/** The report's bootstrap: 1000 replicates, seed 0, 95 %. */
export const QUESTION_BOOTSTRAP: Required<QuestionBootstrapOptions> = { seed: 0, resamples: 1000, level: 0.95 };

/** One run's columns on every replicate, in replicate order. */
export type Replicates = ReadonlyArray<Record<string, number | null>>;

/** The replicates of one view's questions: the resamples are drawn once and applied to any run on these questions. */
export class QuestionResampler {
  private readonly questions: readonly ItemOutcome[];
  private readonly mode: ScoringMode;
  /** (resamples, questions): how often each question is drawn in each replicate. */
  private readonly weights: Uint32Array[];

  /** `questions`: the view's outcomes of any run (their ids and tasks fix the question order and the strata). */
  constructor(questions: readonly ItemOutcome[], mode: ScoringMode, options: QuestionBootstrapOptions = {}) {
    const { seed, resamples } = { ...QUESTION_BOOTSTRAP, ...options };
    this.questions = questions;
    this.mode = mode;
    this.weights = bootstrapMultiplicities(questions.length, { seed, resamples, strata: (i) => (questions[i] as ItemOutcome).task });
  }

  /** The columns of one run (its outcomes on the same questions, in any order) on every replicate. */
  replicates(outcomes: readonly ItemOutcome[], columns: ViewColumns): Replicates {
    const [, aligned] = pairOutcomes(this.questions, outcomes);
    const { representatives, classOf } = outcomeClasses(aligned);
    const counts = new Float64Array(representatives.length); // (classes,)
    return this.weights.map((w) => {
      counts.fill(0);
      for (let i = 0; i < w.length; i++) counts[classOf[i] as number] += w[i] as number;
      return columns(keepView(summarize(representatives, this.mode, counts)));
    });
  }
}

/**
 * The percentile interval of Δ*_r (module comment) in `column`, from each seed's replicates of
 * both rows (index k = seed k). A replicate on which a run's column is unmeasured (null) is left
 * out; null when the seeds do not pair up or no replicate is left.
 */
export function pairedInterval(
  higher: readonly Replicates[],
  lower: readonly Replicates[],
  column: string,
  level: number = QUESTION_BOOTSTRAP.level,
): { lo: number; hi: number } | null {
  const seeds = higher.length;
  if (seeds === 0 || lower.length !== seeds) return null;
  const resamples = (higher[0] as Replicates).length;
  const diffs: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    let measured = true;
    for (let k = 0; k < seeds && measured; k++) {
      const h = (higher[k] as Replicates)[r]?.[column];
      const l = (lower[k] as Replicates)[r]?.[column];
      if (h === null || h === undefined || l === null || l === undefined) measured = false;
      else sum += h - l;
    }
    if (measured) diffs.push(sum / seeds);
  }
  if (diffs.length === 0) return null;
  const alpha = 1 - level;
  return { lo: quantile(diffs, alpha / 2), hi: quantile(diffs, 1 - alpha / 2) };
}

/**
 * The paired bootstrap of one table in one view. `runs(label)`: the row's per-question outcomes,
 * one entry per seed in seed order (null: not in the run cache). Every row and seed shares one
 * resampler, and each row's replicates are computed once, when a pair first needs them.
 */
export function questionPairBootstrap(
  runs: (label: string) => ReadonlyArray<readonly ItemOutcome[] | null>,
  mode: ScoringMode,
  columns: ViewColumns,
  options: QuestionBootstrapOptions = {},
): PairBootstrap {
  let resampler: QuestionResampler | undefined;
  const memo = new Map<string, Replicates[] | null>();
  const replicatesOf = (label: string): Replicates[] | null => {
    if (!memo.has(label)) {
      const perSeed = runs(label);
      const complete = perSeed.length > 0 && perSeed.every((o) => o !== null);
      if (complete) resampler ??= new QuestionResampler(perSeed[0] as ItemOutcome[], mode, options);
      memo.set(label, complete ? perSeed.map((o) => (resampler as QuestionResampler).replicates(o as ItemOutcome[], columns)) : null);
    }
    return memo.get(label) ?? null;
  };
  return (column, higher, lower) => {
    const h = replicatesOf(higher);
    const l = h === null ? null : replicatesOf(lower);
    return h === null || l === null ? null : pairedInterval(h, l, column, options.level);
  };
}
