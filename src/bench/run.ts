/**
 * Times the bench step: median ms per training step and forward-only sequences per second,
 * in this thread (1 worker) or data-parallel over worker threads.
 */
import * as tf from '@tensorflow/tfjs';
import { median } from 'simple-statistics';
import type { BenchConfig } from './config';
import { openBench } from './open';
import type { BenchForward } from './step';

export interface BenchResult {
  impl: string;
  backend: string;
  /** Replicas: 1 = the step in this thread; more = worker threads, each taking a shard of the batch. */
  workers: number;
  /** `grouped` (shared prefixes, the default) or `plain` (every sequence in full, as the peer). */
  forward: BenchForward;
  ms_per_step: number;
  ms_per_step_min: number;
  eval_seq_per_s: number;
  /** Tensors alive after warm-up and after the last step, summed over the replicas: equal when nothing leaks. */
  num_tensors: { after_warmup: number; after_steps: number };
  config: BenchConfig;
}

/** `cfg.warmup` untimed steps, `cfg.steps` timed steps, then one untimed and 5 timed forward-only passes. */
export async function runBench(cfg: BenchConfig, workers = 1, forward: BenchForward = 'grouped'): Promise<BenchResult> {
  const bench = await openBench(cfg, workers, forward);
  try {
    for (let i = 0; i < cfg.warmup; i++) await bench.step();
    const afterWarmup = (await bench.memory()).numTensors;
    const times: number[] = [];
    for (let i = 0; i < cfg.steps; i++) {
      const t0 = performance.now();
      await bench.step();
      times.push(performance.now() - t0);
    }
    const afterSteps = (await bench.memory()).numTensors;
    await bench.evalForward();
    const evalTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await bench.evalForward();
      evalTimes.push((performance.now() - t0) / 1000);
    }
    return {
      impl: `tfjs-${tf.version_core}`,
      backend: bench.backend,
      workers,
      forward,
      ms_per_step: Math.round(median(times) * 100) / 100,
      ms_per_step_min: Math.round(Math.min(...times) * 100) / 100,
      eval_seq_per_s: Math.round((bench.sequences / median(evalTimes)) * 10) / 10,
      num_tensors: { after_warmup: afterWarmup, after_steps: afterSteps },
      config: cfg,
    };
  } finally {
    await bench.close();
  }
}
