/**
 * The calibration rule of SPEC §3, as checks on a base model's audiovisual benchmark scores:
 * the paper's failure pattern (Table 13 "Our base": basic 69/85, stress precision 65/87 vs
 * recall 41/46, agreement precision 86 vs recall 22, F1 35; Table 14: hallucination 36/42 ≤
 * spurious 45/49).
 */
import type { TaskScore, SubtaskScore } from '../eval';

export interface CalibrationThresholds {
  /** Basic reasoning accuracy (audio and visual) at least this (chance: 25). Default 40. */
  minBasicAccuracy: number;
  /** Stress-test "precision" − "recall" (audio and visual) at least this: a yes-bias. Default 15. */
  minPrecisionRecallGap: number;
  /** Modality-agreement F1 at most this. Default 50. */
  maxAgreementF1: number;
}

export const CALIBRATION_THRESHOLDS: CalibrationThresholds = { minBasicAccuracy: 40, minPrecisionRecallGap: 15, maxAgreementF1: 50 };

export interface CalibrationCriterion {
  name: string;
  value: number;
  target: string;
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

/** Checks the failure pattern on audiovisual scores. */
export function checkCalibration(scores: Scores, t: CalibrationThresholds = CALIBRATION_THRESHOLDS): CalibrationCheck {
  const task = (name: string): TaskScore => {
    const s = scores.tasks.find((x) => x.task === name);
    if (s === undefined) throw new Error(`checkCalibration: task ${name} missing from the scores`);
    return s;
  };
  const sub = (m: 'audio' | 'visual', s: 'spurious' | 'hallucination'): number => {
    const x = scores.subtasks.find((y) => y.modality === m && y.subtask === s);
    if (x === undefined || x.accuracy === null) throw new Error(`checkCalibration: subtask ${m}/${s} missing from the scores`);
    return x.accuracy;
  };
  const criteria: CalibrationCriterion[] = [];
  for (const name of ['reasoning_basic_audio', 'reasoning_basic_video']) {
    const v = task(name).accuracy;
    if (v === null) throw new Error(`checkCalibration: task ${name} has no accuracy (no predictions)`);
    criteria.push({ name: `${name} accuracy`, value: v, target: `≥ ${t.minBasicAccuracy}`, pass: v >= t.minBasicAccuracy });
  }
  for (const name of ['reasoning_stress_audio', 'reasoning_stress_video']) {
    const s = task(name);
    const gap = (s.precision as number) - (s.recall as number);
    criteria.push({ name: `${name} precision − recall`, value: gap, target: `≥ ${t.minPrecisionRecallGap}`, pass: gap >= t.minPrecisionRecallGap });
  }
  const hall = (sub('audio', 'hallucination') + sub('visual', 'hallucination')) / 2;
  const spur = (sub('audio', 'spurious') + sub('visual', 'spurious')) / 2;
  criteria.push({ name: 'hallucination − spurious accuracy (mean of audio, visual)', value: hall - spur, target: '≤ 0', pass: hall <= spur });
  const f1 = task('modality_agreement').f1 as number;
  criteria.push({ name: 'modality_agreement F1', value: f1, target: `≤ ${t.maxAgreementF1}`, pass: f1 <= t.maxAgreementF1 });
  return { pass: criteria.every((c) => c.pass), criteria };
}
