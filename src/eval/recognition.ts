/**
 * Emotion-recognition metrics (paper §5: UAR/WAR on DFEW and RAVDESS, weighted F1 on MER2023;
 * Table 15 class-wise recall). Percentages, like the paper's tables.
 */
import { EMOTIONS, type Emotion } from '../formats';

/**
 * How UAR treats a class that is predicted but absent from the truth:
 * - `skip` (default): UAR averages recall over the classes present in the truth.
 * - `zero`: such a class counts with recall 0, as sklearn's `recall_score(average="macro")`
 *   does (it averages over the union of true and predicted labels).
 */
export type AbsentClassPolicy = 'skip' | 'zero';

export interface RecognitionOptions {
  /** Class list, default the 7 emotions. */
  classes?: readonly Emotion[];
  /** Default "skip". */
  absentClasses?: AbsentClassPolicy;
}

export interface RecognitionMetrics {
  n: number;
  /** Unweighted average recall over classes. */
  uar: number;
  /** Weighted average recall = accuracy. */
  war: number;
  /** Support-weighted mean of per-class F1 (sklearn `average="weighted"`). */
  weightedF1: number;
  /** Recall per class; null for a class absent from the truth. */
  classRecall: Record<Emotion, number | null>;
  /** Truth count per class. */
  support: Record<Emotion, number>;
  /** confusion[true][predicted]; unparsed predictions are in the `none` column. */
  confusion: Record<Emotion, Record<Emotion | 'none', number>>;
}

/** `predicted[i] === null` means the answer could not be read; it counts as wrong. */
export function recognitionMetrics(truth: readonly Emotion[], predicted: readonly (Emotion | null)[], options: RecognitionOptions = {}): RecognitionMetrics {
  if (truth.length !== predicted.length) throw new Error(`recognitionMetrics: ${truth.length} truths but ${predicted.length} predictions`);
  if (truth.length === 0) throw new Error('recognitionMetrics: no samples');
  const classes = options.classes ?? EMOTIONS;
  const policy = options.absentClasses ?? 'skip';
  const known = new Set<string>(classes);
  const confusion = {} as RecognitionMetrics['confusion'];
  for (const c of classes) {
    confusion[c] = { none: 0 } as Record<Emotion | 'none', number>;
    for (const d of classes) confusion[c][d] = 0;
  }
  truth.forEach((t, i) => {
    const p = predicted[i] ?? null;
    if (!known.has(t)) throw new Error(`recognitionMetrics: truth #${i} "${t}" is not a class`);
    if (p !== null && !known.has(p)) throw new Error(`recognitionMetrics: prediction #${i} "${p}" is not a class`);
    confusion[t][p ?? 'none'] += 1;
  });

  const support = {} as Record<Emotion, number>;
  const classRecall = {} as Record<Emotion, number | null>;
  const predictedCount = {} as Record<Emotion, number>;
  for (const c of classes) {
    support[c] = classes.reduce((a, d) => a + confusion[c][d], confusion[c].none);
    predictedCount[c] = classes.reduce((a, d) => a + confusion[d][c], 0);
    classRecall[c] = support[c] > 0 ? (100 * confusion[c][c]) / support[c] : null;
  }
  const n = truth.length;
  const correct = classes.reduce((a, c) => a + confusion[c][c], 0);
  const uarClasses = classes.filter((c) => support[c] > 0 || (policy === 'zero' && predictedCount[c] > 0));
  const uar = uarClasses.reduce((a, c) => a + (classRecall[c] ?? 0), 0) / uarClasses.length;
  // F1_c = 2·TP / (2·TP + FP + FN); weights support_c / n, so absent classes weigh 0.
  const weightedF1 =
    classes.reduce((a, c) => {
      const tp = confusion[c][c];
      const denom = support[c] + predictedCount[c];
      return a + (denom > 0 ? support[c] * ((200 * tp) / denom) : 0);
    }, 0) / n;
  return { n, uar, war: (100 * correct) / n, weightedF1, classRecall, support, confusion };
}
