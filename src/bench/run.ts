/** Times the bench step: median ms per training step and forward-only sequences per second. */
import * as tf from '@tensorflow/tfjs';
import { median } from 'simple-statistics';
import type { BenchConfig } from './config';
import { createBenchStep } from './step';

export interface BenchResult {
  impl: string;
  backend: string;
  ms_per_step: number;
  ms_per_step_min: number;
  eval_seq_per_s: number;
  /** Tensors alive after warm-up and after the last step: equal when nothing leaks. */
  num_tensors: { after_warmup: number; after_steps: number };
  config: BenchConfig;
}

export function runBench(cfg: BenchConfig): BenchResult {
  const bench = createBenchStep(cfg);
  try {
    for (let i = 0; i < cfg.warmup; i++) bench.step();
    const afterWarmup = tf.memory().numTensors;
    const times: number[] = [];
    for (let i = 0; i < cfg.steps; i++) {
      const t0 = performance.now();
      bench.step();
      times.push(performance.now() - t0);
    }
    const afterSteps = tf.memory().numTensors;
    bench.evalForward();
    const evalTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      bench.evalForward();
      evalTimes.push((performance.now() - t0) / 1000);
    }
    return {
      impl: `tfjs-${tf.version_core}`,
      backend: tf.getBackend(),
      ms_per_step: Math.round(median(times) * 100) / 100,
      ms_per_step_min: Math.round(Math.min(...times) * 100) / 100,
      eval_seq_per_s: Math.round((bench.sequences / median(evalTimes)) * 10) / 10,
      num_tensors: { after_warmup: afterWarmup, after_steps: afterSteps },
      config: cfg,
    };
  } finally {
    bench.dispose();
  }
}
