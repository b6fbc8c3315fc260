/**
 * EmoReAlM scoring (SPEC §5, paper §5 "Datasets & Metrics", App. D.1, D.5).
 *
 * Two steps: `itemOutcomes` judges every item under a mode, `summarize` turns outcomes
 * into the paper's metrics. Bootstrap resamples outcomes and calls `summarize` again (on the
 * resample, or on `outcomeClasses` weighted by the resample's multiplicities).
 * All metrics are percentages, like the released scorer's output.
 */
import { STRESS_SUBTASKS, YES_NO_TASKS, type EmoRealmTask, type StressSubtask } from '../formats';
import { officialMatch, parseAnswer, type ParseStatus } from './answers';
import type { BenchmarkItem, YesNo } from '../formats';
import type { PredictionSet } from './predictions';

/**
 * - `official`: the released scorer — missing predictions are skipped (left out of every
 *   denominator); a prediction is correct when the right letter appears in it as a token.
 * - `strict`: one parsed answer per item; missing, empty, ambiguous and unparseable
 *   predictions stay in the denominators and are never correct.
 */
export type ScoringMode = 'official' | 'strict';
export const SCORING_MODES: readonly ScoringMode[] = ['official', 'strict'];

export type OutcomeStatus = 'missing' | ParseStatus;

/** How one item fared. */
export interface ItemOutcome {
  id: string;
  task: EmoRealmTask;
  subtask?: StressSubtask;
  modality: BenchmarkItem['modality'];
  emotion?: BenchmarkItem['emotion'];
  cue?: string;
  question: string;
  /** Correct letter. */
  answer: string;
  /** For yes/no tasks: the correct answer is Yes or No. */
  answerKind?: YesNo;
  /** Raw prediction, or null when missing. */
  prediction: string | null;
  /** The strict parser's verdict (reported in both modes). */
  status: OutcomeStatus;
  /** The strict parser's letter, when it found exactly one. */
  chosen: string | null;
  /** In this mode's denominators (official mode drops missing items). */
  counted: boolean;
  /** Correct under this mode. */
  correct: boolean;
  /**
   * For yes/no tasks, whether the model said Yes under this mode. The released scorer does not
   * parse answers: it counts a Yes when a Yes-item is right or a No-item is wrong; strict mode
   * counts a Yes when the parsed answer is the Yes choice.
   */
  saysYes: boolean | null;
  /** Option log-likelihoods, when the predictions carried them. */
  scores?: Record<string, number>;
}

export interface TaskScore {
  task: EmoRealmTask;
  /** Items of this task in the benchmark. */
  items: number;
  /** Items in the denominators. */
  counted: number;
  correct: number;
  missing: number;
  /** Present predictions the strict parser could not read (empty, ambiguous or no answer). */
  unparseable: number;
  /**
   * null when no item of the task has a prediction (in either mode): the task is missing, not
   * 0 %; the report warns and leaves it out of `averageAccuracy`. The same holds for the
   * yes/no metrics below.
   */
  accuracy: number | null;
  /** Yes/no tasks: accuracy on Yes-answer items ("precision" in the paper). */
  precision?: number | null;
  /** Yes/no tasks: accuracy on No-answer items ("recall" in the paper). */
  recall?: number | null;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1?: number | null;
  /** Share of counted items on which the model said Yes. */
  yesPercentage?: number | null;
}

export interface SubtaskScore {
  modality: 'audio' | 'visual';
  subtask: StressSubtask;
  items: number;
  counted: number;
  correct: number;
  /** null when no item is counted. */
  accuracy: number | null;
}

/** Paper App. D.5 (Tables 5, 17, Fig. 11); null when a needed task or subtask is absent. */
export interface AblationMetrics {
  /** Mean of audio and visual basic-reasoning accuracy. */
  basic: number | null;
  /** Mean of audio and visual stress-test F1. */
  stress: number | null;
  /** Modality-agreement F1. */
  agree: number | null;
  /** Mean over audio and visual of the spurious-subtask accuracy. */
  spurious: number | null;
  /** Mean over audio and visual of the hallucination-subtask accuracy. */
  hallucination: number | null;
}

export interface EmoRealmReport {
  mode: ScoringMode;
  /** Tasks in order of first appearance in the benchmark (the released scorer's order). */
  tasks: TaskScore[];
  /** Unweighted mean of the accuracies of the tasks that have one; null when none has. */
  averageAccuracy: number | null;
  /** Tasks left out because none of their items has a prediction, one message each. */
  warnings: string[];
  /** Stress-test subtasks per modality (only items that carry a `subtask`). */
  subtasks: SubtaskScore[];
  ablation: AblationMetrics;
  outcomes: ItemOutcome[];
}

export interface ScoreOptions {
  /** Default "strict". */
  mode?: ScoringMode;
}

function isYesNoTask(task: EmoRealmTask): boolean {
  return YES_NO_TASKS.includes(task);
}

/** Judges every item; items without a prediction are "missing". */
export function itemOutcomes(items: readonly BenchmarkItem[], predictions: PredictionSet, mode: ScoringMode = 'strict'): ItemOutcome[] {
  return items.map((item) => {
    const p = predictions.get(item.id);
    // One object shape for every outcome (absent optional fields are undefined): keeps property access fast.
    const base = {
      id: item.id,
      task: item.task,
      subtask: item.subtask,
      modality: item.modality,
      emotion: item.emotion,
      cue: item.cue,
      question: item.question,
      answer: item.answer,
      answerKind: item.answerKind,
      scores: p?.scores,
    };
    if (p === undefined) {
      return {
        ...base,
        prediction: null,
        status: 'missing',
        chosen: null,
        counted: mode === 'strict',
        correct: false,
        saysYes: isYesNoTask(item.task) ? false : null,
      };
    }
    const parsed = parseAnswer(p.prediction, item);
    const chosen = parsed.letter ?? null;
    const correct = judge(mode, p.prediction, chosen, item);
    return { ...base, prediction: p.prediction, status: parsed.status, chosen, counted: true, correct, saysYes: saysYes(mode, correct, chosen, item) };
  });
}

function judge(mode: ScoringMode, prediction: string, chosen: string | null, item: BenchmarkItem): boolean {
  switch (mode) {
    case 'official':
      return officialMatch(prediction, item.answer);
    case 'strict':
      return chosen === item.answer;
  }
}

function saysYes(mode: ScoringMode, correct: boolean, chosen: string | null, item: BenchmarkItem): boolean | null {
  if (!isYesNoTask(item.task)) return null;
  switch (mode) {
    case 'official':
      // get_metrics_yes_no_qa: model_yes_count += 1 for a right Yes-item and for a wrong No-item.
      return correct ? item.answerKind === 'yes' : item.answerKind === 'no';
    case 'strict':
      return chosen !== null && chosen === item.yesLetter;
  }
}

const pct = (num: number, den: number): number => (den > 0 ? (100 * num) / den : 0);

/** Harmonic mean of precision and recall, 0 when both are 0 (the released scorer divides by zero there). */
export function f1Score(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/** Counts of one task (or subtask) gathered in a single pass over the outcomes. */
interface Tally {
  items: number;
  counted: number;
  correct: number;
  missing: number;
  unparseable: number;
  yes: number;
  yesRight: number;
  no: number;
  noRight: number;
  saidYes: number;
}

function emptyTally(): Tally {
  return { items: 0, counted: 0, correct: 0, missing: 0, unparseable: 0, yes: 0, yesRight: 0, no: 0, noRight: 0, saidYes: 0 };
}

/** Adds outcome `o`, counted `w` times (a bootstrap resample draws it `w` times). */
function addTo(t: Tally, o: ItemOutcome, w: number): void {
  t.items += w;
  if (o.status === 'missing') t.missing += w;
  else if (o.status !== 'answer') t.unparseable += w;
  if (!o.counted) return;
  t.counted += w;
  if (o.correct) t.correct += w;
  if (o.answerKind === 'yes') {
    t.yes += w;
    if (o.correct) t.yesRight += w;
  } else if (o.answerKind === 'no') {
    t.no += w;
    if (o.correct) t.noRight += w;
  }
  if (o.saysYes === true) t.saidYes += w;
}

function taskScore(task: EmoRealmTask, t: Tally, mode: ScoringMode): TaskScore {
  const measured = t.items > t.missing;
  const score: TaskScore = {
    task,
    items: t.items,
    counted: t.counted,
    correct: t.correct,
    missing: t.missing,
    unparseable: t.unparseable,
    accuracy: measured ? pct(t.correct, t.counted) : null,
  };
  if (isYesNoTask(task)) {
    // accuracy on Yes items / on No items. With none of that kind counted, the released scorer
    // reports 0 (official mode keeps that); strict mode reports it unmeasured (null), and F1 with it.
    const rate = (right: number, n: number): number | null => (!measured ? null : n > 0 || mode === 'official' ? pct(right, n) : null);
    const precision = rate(t.yesRight, t.yes);
    const recall = rate(t.noRight, t.no);
    score.precision = precision;
    score.recall = recall;
    score.f1 = precision !== null && recall !== null ? f1Score(precision, recall) : null;
    score.yesPercentage = measured ? pct(t.saidYes, t.counted) : null;
  }
  return score;
}

const mean = (xs: readonly (number | null | undefined)[]): number | null =>
  xs.every((x) => typeof x === 'number') ? (xs as number[]).reduce((a, b) => a + b, 0) / xs.length : null;

/**
 * Metrics from outcomes (any subset or resample of them). `weights[i]`, when given, is how many
 * times outcome i counts (a resample as multiplicities; 0 leaves it out, as if absent); the
 * report's `outcomes` are then the given ones, each once.
 */
export function summarize(outcomes: readonly ItemOutcome[], mode: ScoringMode, weights?: ArrayLike<number>): EmoRealmReport {
  if (weights !== undefined && weights.length !== outcomes.length) throw new Error(`summarize: ${weights.length} weights for ${outcomes.length} outcomes`);
  const byTask = new Map<EmoRealmTask, Tally>();
  const bySubtask = new Map<string, Tally>();
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i] as ItemOutcome;
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (w === 0) continue;
    let t = byTask.get(o.task);
    if (t === undefined) byTask.set(o.task, (t = emptyTally()));
    addTo(t, o, w);
    if (o.subtask !== undefined && (o.modality === 'audio' || o.modality === 'visual')) {
      const key = `${o.modality}/${o.subtask}`;
      let st = bySubtask.get(key);
      if (st === undefined) bySubtask.set(key, (st = emptyTally()));
      addTo(st, o, w);
    }
  }
  const tasks = [...byTask].map(([task, t]) => taskScore(task, t, mode));
  const accuracies = tasks.flatMap((t) => (t.accuracy === null ? [] : [t.accuracy]));
  const averageAccuracy = accuracies.length > 0 ? accuracies.reduce((a, b) => a + b, 0) / accuracies.length : null;
  const warnings = tasks
    .filter((t) => t.accuracy === null)
    .map((t) => `${t.task}: none of its ${t.items} items has a prediction; its metrics are missing and left out of average_accuracy`);

  const subtasks: SubtaskScore[] = [];
  for (const modality of ['audio', 'visual'] as const) {
    for (const subtask of STRESS_SUBTASKS) {
      const t = bySubtask.get(`${modality}/${subtask}`);
      if (t === undefined) continue;
      subtasks.push({ modality, subtask, items: t.items, counted: t.counted, correct: t.correct, accuracy: t.counted > 0 ? pct(t.correct, t.counted) : null });
    }
  }

  const task = (t: EmoRealmTask) => tasks.find((s) => s.task === t);
  const sub = (m: 'audio' | 'visual', s: StressSubtask) => subtasks.find((x) => x.modality === m && x.subtask === s)?.accuracy;
  const ablation: AblationMetrics = {
    basic: mean([task('reasoning_basic_audio')?.accuracy, task('reasoning_basic_video')?.accuracy]),
    stress: mean([task('reasoning_stress_audio')?.f1, task('reasoning_stress_video')?.f1]),
    agree: task('modality_agreement')?.f1 ?? null,
    spurious: mean([sub('audio', 'spurious'), sub('visual', 'spurious')]),
    hallucination: mean([sub('audio', 'hallucination'), sub('visual', 'hallucination')]),
  };
  return { mode, tasks, averageAccuracy, warnings, subtasks, ablation, outcomes: [...outcomes] };
}

/** What `summarize` reads of an outcome: its task, subtask, modality, status, counted, correct, answer kind and said-Yes. */
function tallyKey(o: ItemOutcome): string {
  return `${o.task}|${o.subtask ?? ''}|${o.modality}|${o.status}|${o.counted}|${o.correct}|${o.answerKind ?? ''}|${o.saysYes}`;
}

/**
 * Outcomes grouped by what `summarize` reads of them (`tallyKey`): with `counts[k]` the summed
 * weight of the outcomes of class k, `summarize(representatives, mode, counts)` equals `summarize`
 * of the outcomes with those weights. A bootstrap then summarizes a resample in time proportional
 * to the classes (tens), not the questions (thousands). Classes are in order of first appearance.
 */
export function outcomeClasses(outcomes: readonly ItemOutcome[]): { representatives: ItemOutcome[]; classOf: Uint32Array } {
  const index = new Map<string, number>();
  const representatives: ItemOutcome[] = [];
  const classOf = new Uint32Array(outcomes.length);
  outcomes.forEach((o, i) => {
    const key = tallyKey(o);
    let k = index.get(key);
    if (k === undefined) {
      k = representatives.length;
      index.set(key, k);
      representatives.push(o);
    }
    classOf[i] = k;
  });
  return { representatives, classOf };
}

/** Scores predictions on a benchmark. Predictions must have been checked against the benchmark ids. */
export function scoreEmoRealm(items: readonly BenchmarkItem[], predictions: PredictionSet, options: ScoreOptions = {}): EmoRealmReport {
  const mode = options.mode ?? 'strict';
  return summarize(itemOutcomes(items, predictions, mode), mode);
}

/**
 * The released scorer's flat result object (`get_accuracy`): `<task>_overall_accuracy`; for
 * yes/no tasks `<task>_precision`, `_recall`, `_f1_score`, `_model_yes_percentage`;
 * `average_accuracy`; plus the workbench's `<task>_missing` and `<task>_unparseable` counts.
 * A metric that was not measured (a task without predictions) is null.
 */
export function officialResults(report: EmoRealmReport): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const t of report.tasks) {
    out[`${t.task}_overall_accuracy`] = t.accuracy;
    if (t.precision !== undefined) {
      out[`${t.task}_precision`] = t.precision;
      out[`${t.task}_recall`] = t.recall ?? null;
      out[`${t.task}_f1_score`] = t.f1 ?? null;
      out[`${t.task}_model_yes_percentage`] = t.yesPercentage ?? null;
    }
    out[`${t.task}_missing`] = t.missing;
    out[`${t.task}_unparseable`] = t.unparseable;
  }
  out['average_accuracy'] = report.averageAccuracy;
  return out;
}
