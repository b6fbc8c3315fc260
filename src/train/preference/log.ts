/**
 * The per-step metrics log of a run: `metrics.jsonl`, one JSON object per step, appended as the
 * run goes (so it can be followed live). Keys are TRL's: `step`, `epoch`, `loss`,
 * `rewards/chosen`, `rewards/rejected`, `rewards/margins`, `rewards/accuracies`,
 * `logps/chosen`, `logps/rejected`, `loss/response`, `loss/input`, `tpd/offset`, `grad_norm`,
 * `learning_rate`. On resume from the checkpoint at step s, the log is cut back (atomically)
 * to its steps < s, so a finished run's log has each step exactly once.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../../runs';

export const METRICS_FILE = 'metrics.jsonl';

export interface MetricsLog {
  append(row: Record<string, number>): void;
  /** Keeps only the rows with `step` < `step` (drops a torn last line too). */
  truncate(step: number): void;
}

export function metricsLog(dir: string): MetricsLog {
  const file = path.join(dir, METRICS_FILE);
  return {
    append: (row) => fs.appendFileSync(file, `${JSON.stringify(row)}\n`),
    truncate: (step) => {
      if (!fs.existsSync(file)) return;
      const kept = fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => {
          try {
            return (JSON.parse(line) as { step: number }).step < step;
          } catch {
            return false;
          }
        });
      writeFileAtomic(file, kept.map((l) => `${l}\n`).join(''));
    },
  };
}

/** The rows of a run's metrics log. */
export function readMetricsLog(dir: string): Record<string, number>[] {
  const file = path.join(dir, METRICS_FILE);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, number>);
}
