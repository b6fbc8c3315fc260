/**
 * The calibration rule of SPEC §3 (issue 11), as checks on a reference model's audiovisual
 * benchmark scores: the paper's failure pattern (Table 13 "Our base": basic 69/85, stress
 * precision 65/87 vs recall 41/46, agreement precision 86 vs recall 22, F1 35; Table 14:
 * hallucination 36/42 ≤ spurious 45/49), off the floor so that a change either way can be
 * measured. The rule must hold for every SFT seed of both references; `summarizeCalibration`
 * gives each criterion's across-seed mean, sd and margin in sd units.
 */
import type { SubtaskScore, TaskScore } from '../eval';
import type { StressSubtask } from '../formats';

export interface CalibrationThresholds {
  /** Basic reasoning accuracy, the mean of audio and visual, at least this (chance: 25). Default 45. */
  minBasicAccuracy: number;
  /** Stress-test "precision" − "recall", for audio and for visual, at least this: a yes-bias. Default 15. */
  minPrecisionRecallGap: number;
  /** Each spurious and hallucination subtask accuracy (audio, visual) in this closed range: a failure, off the floor. Default [10, 70]. */
  subtaskRange: [number, number];
  /** Modality-agreement F1 at most this (and precision > recall). Default 50. */
  maxAgreementF1: number;
}

export const CALIBRATION_THRESHOLDS: CalibrationThresholds = {
  minBasicAccuracy: 45,
  minPrecisionRecallGap: 15,
  subtaskRange: [10, 70],
  maxAgreementF1: 50,
};

export interface CalibrationCriterion {
  name: string;
  value: number;
  target: string;
  /** Distance to the threshold, positive when the criterion holds (for a range: to the nearer end). */
  margin: number;
  pass: boolean;
}

export interface CalibrationCheck {
  pass: boolean;
  criteria: CalibrationCriterion[];
}

interface Scores {
  tasks: TaskScore[];
  subtasks: SubtaskScore[];
}

type Modality = 'audio' | 'visual';
const STRESS_TASK: Record<Modality, string> = { audio: 'reasoning_stress_audio', visual: 'reasoning_stress_video' };

function atLeast(name: string, value: number, min: number): CalibrationCriterion {
  return { name, value, target: `≥ ${min}`, margin: value - min, pass: value >= min };
}

function atMost(name: string, value: number, max: number, strict = false): CalibrationCriterion {
  return { name, value, target: `${strict ? '<' : '≤'} ${max}`, margin: max - value, pass: strict ? value < max : value <= max };
}

function within(name: string, value: number, [lo, hi]: [number, number]): CalibrationCriterion {
  return { name, value, target: `in [${lo}, ${hi}]`, margin: Math.min(value - lo, hi - value), pass: value >= lo && value <= hi };
}

/** Checks the failure pattern on audiovisual scores. */
export function checkCalibration(scores: Scores, t: CalibrationThresholds = CALIBRATION_THRESHOLDS): CalibrationCheck {
  const task = (name: string): TaskScore => {
    const s = scores.tasks.find((x) => x.task === name);
    if (s === undefined || s.accuracy === null) throw new Error(`checkCalibration: task ${name} missing from the scores`);
    return s;
  };
  const num = (v: number | null | undefined, what: string): number => {
    if (v === null || v === undefined) throw new Error(`checkCalibration: ${what} missing from the scores`);
    return v;
  };
  const sub = (m: Modality, s: StressSubtask): number => num(scores.subtasks.find((y) => y.modality === m && y.subtask === s)?.accuracy, `subtask ${m}/${s}`);

  const basic = (num(task('reasoning_basic_audio').accuracy, 'basic audio') + num(task('reasoning_basic_video').accuracy, 'basic video')) / 2;
  const criteria: CalibrationCriterion[] = [atLeast('basic accuracy (mean of audio, visual)', basic, t.minBasicAccuracy)];
  for (const m of ['audio', 'visual'] as const) {
    const s = task(STRESS_TASK[m]);
    criteria.push(atLeast(`stress ${m} precision − recall`, num(s.precision, 'precision') - num(s.recall, 'recall'), t.minPrecisionRecallGap));
  }
  for (const s of ['spurious', 'hallucination'] as const) {
    for (const m of ['audio', 'visual'] as const) criteria.push(within(`${s} ${m} accuracy`, sub(m, s), t.subtaskRange));
  }
  const mean = (s: StressSubtask) => (sub('audio', s) + sub('visual', s)) / 2;
  criteria.push(atMost('hallucination − spurious accuracy (mean of audio, visual)', mean('hallucination') - mean('spurious'), 0));
  const ag = task('modality_agreement');
  criteria.push(atMost('agreement F1', num(ag.f1, 'agreement F1'), t.maxAgreementF1));
  criteria.push(atLeast('agreement precision − recall', num(ag.precision, 'agreement precision') - num(ag.recall, 'agreement recall'), 0));
  const last = criteria[criteria.length - 1] as CalibrationCriterion;
  last.target = '> 0';
  last.pass = last.value > 0;
  return { pass: criteria.every((c) => c.pass), criteria };
}

/** One criterion across seeds. */
export interface CalibrationCriterionSummary {
  name: string;
  target: string;
  /** Value per seed, in seed order. */
  values: number[];
  mean: number;
  /** Sample standard deviation across seeds (0 with one seed). */
  sd: number;
  /** Margin per seed (positive: holds). */
  margins: number[];
  /** The smallest margin over seeds divided by the across-seed sd (Infinity when sd is 0 and it holds). */
  marginSd: number;
  /** Holds for every seed. */
  pass: boolean;
  /** Holds for every seed, but its smallest margin is less than one across-seed sd. */
  fragile: boolean;
}

export interface CalibrationSummary {
  seeds: number[];
  /** Every criterion holds for every seed. */
  pass: boolean;
  criteria: CalibrationCriterionSummary[];
}

/** Sample standard deviation (n − 1); 0 for fewer than two values. */
export function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Each criterion's per-seed values, mean, sd and its margin in units of the across-seed sd. */
export function summarizeCalibration(seeds: readonly number[], checks: readonly CalibrationCheck[]): CalibrationSummary {
  if (checks.length === 0 || checks.length !== seeds.length) throw new Error(`summarizeCalibration: ${checks.length} checks for ${seeds.length} seeds`);
  const first = checks[0] as CalibrationCheck;
  const criteria = first.criteria.map((c, i): CalibrationCriterionSummary => {
    const per = checks.map((k) => {
      const x = k.criteria[i];
      if (x === undefined || x.name !== c.name) throw new Error(`summarizeCalibration: criterion ${i} differs between seeds`);
      return x;
    });
    const values = per.map((x) => x.value);
    const margins = per.map((x) => x.margin);
    const sd = sampleSd(values);
    const minMargin = Math.min(...margins);
    const pass = per.every((x) => x.pass);
    const marginSd = sd > 0 ? minMargin / sd : minMargin >= 0 ? Infinity : -Infinity;
    return {
      name: c.name,
      target: c.target,
      values,
      mean: values.reduce((a, b) => a + b, 0) / values.length,
      sd,
      margins,
      marginSd,
      pass,
      fragile: pass && marginSd < 1,
    };
  });
  return { seeds: [...seeds], pass: criteria.every((c) => c.pass), criteria };
}
