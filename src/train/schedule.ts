/** Learning-rate schedule: linear warm-up, then cosine decay to `minRatio · lr`. */
export interface ScheduleOptions {
  /** Peak learning rate. */
  lr: number;
  /** Warm-up steps (linear from lr/warmup to lr). */
  warmupSteps: number;
  /** Final learning rate as a fraction of the peak. Default 0.1. */
  minRatio: number;
}

/** Learning rate at 0-based `step` of `total`. */
export function learningRate(step: number, total: number, s: ScheduleOptions): number {
  if (step < s.warmupSteps) return (s.lr * (step + 1)) / s.warmupSteps;
  const span = Math.max(1, total - s.warmupSteps);
  const progress = Math.min(1, (step - s.warmupSteps) / span);
  return s.lr * (s.minRatio + (1 - s.minRatio) * 0.5 * (1 + Math.cos(Math.PI * progress)));
}
