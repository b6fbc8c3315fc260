/** Memory over a long run: tensor count and process RSS sampled every `every` steps. */
import * as tf from '@tensorflow/tfjs';
import type { BenchConfig } from './config';
import { createBenchStep } from './step';

export interface SoakSample {
  step: number;
  numTensors: number;
  /** Bytes held by tensors, as tfjs reports them. */
  numBytes: number;
  rssMiB: number;
}

export function soakBench(cfg: BenchConfig, steps: number, every = 100): SoakSample[] {
  const bench = createBenchStep(cfg);
  const samples: SoakSample[] = [];
  const sample = (step: number) => {
    const m = tf.memory();
    samples.push({ step, numTensors: m.numTensors, numBytes: m.numBytes, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) });
  };
  try {
    bench.step();
    sample(1);
    for (let i = 2; i <= steps; i++) {
      bench.step();
      if (i % every === 0 || i === steps) sample(i);
    }
    return samples;
  } finally {
    bench.dispose();
  }
}
