/**
 * The bench as the timing and soak runs see it: one replica in this thread (`workers` = 1,
 * the plain in-process step) or `workers` replicas on worker threads.
 */
import * as tf from '@tensorflow/tfjs';
import type { BenchConfig } from './config';
import { createParallelBench, type ReplicaMemory } from './parallel';
import { createBenchStep, type BenchForward } from './step';

export interface OpenBench {
  backend: string;
  workers: number;
  /** Sequences per forward over all replicas (4·batch). */
  sequences: number;
  /** One training step over the whole batch; returns its mean loss. */
  step(): Promise<number>;
  evalForward(): Promise<void>;
  /** tf.memory() summed over the replicas' backends. */
  memory(): Promise<ReplicaMemory>;
  close(): Promise<void>;
}

/** With 1 worker the backend must already be initialised in this thread; workers initialise their own. */
export async function openBench(cfg: BenchConfig, workers: number, forward: BenchForward = 'grouped'): Promise<OpenBench> {
  if (workers === 1) {
    const bench = createBenchStep(cfg, { index: 0, count: 1 }, forward);
    return {
      backend: tf.getBackend(),
      workers,
      sequences: bench.sequences,
      step: async () => bench.step(),
      evalForward: async () => bench.evalForward(),
      memory: async () => {
        const m = tf.memory();
        return { numTensors: m.numTensors, numBytes: m.numBytes };
      },
      close: async () => bench.dispose(),
    };
  }
  const bench = await createParallelBench(cfg, workers, forward);
  return {
    backend: bench.backend,
    workers,
    sequences: bench.sequences,
    step: () => bench.step(),
    evalForward: () => bench.evalForward(),
    memory: async () =>
      (await bench.memory()).reduce((s, m) => ({ numTensors: s.numTensors + m.numTensors, numBytes: s.numBytes + m.numBytes }), { numTensors: 0, numBytes: 0 }),
    close: () => bench.close(),
  };
}
