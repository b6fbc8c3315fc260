/** Memory over a long run: tensor count and process RSS sampled every `every` steps. */
import type { BenchConfig } from './config';
import { openBench } from './open';
import type { BenchForward } from './step';

export interface SoakSample {
  step: number;
  /** Summed over the replicas. */
  numTensors: number;
  /** Bytes held by tensors, as tfjs reports them, summed over the replicas. */
  numBytes: number;
  /** The whole process (worker threads included). */
  rssMiB: number;
}

export interface SoakOptions {
  /** Replicas, as for `runBench`; default 1 (this thread). */
  workers?: number;
  /** Sample every this many steps (and after the first and the last); default 100. */
  every?: number;
  /** As for `runBench`; default `grouped`. */
  forward?: BenchForward;
}

export async function soakBench(cfg: BenchConfig, steps: number, opts: SoakOptions = {}): Promise<SoakSample[]> {
  const every = opts.every ?? 100;
  const bench = await openBench(cfg, opts.workers ?? 1, opts.forward ?? 'grouped');
  const samples: SoakSample[] = [];
  const sample = async (step: number) => {
    const m = await bench.memory();
    samples.push({ step, numTensors: m.numTensors, numBytes: m.numBytes, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) });
  };
  try {
    await bench.step();
    await sample(1);
    for (let i = 2; i <= steps; i++) {
      await bench.step();
      if (i % every === 0 || i === steps) await sample(i);
    }
    return samples;
  } finally {
    await bench.close();
  }
}
