/**
 * The bench step, data-parallel over worker threads: each worker is a full replica that takes
 * a shard of the batch. A step is two rounds: every replica writes its shard's gradient to a
 * shared slot; once all have, every replica sums the slots (same order) and applies the same
 * AdamW update, so the replicas stay bit-identical.
 */
import * as os from 'os';
import * as path from 'path';
import { createGradientExchange, startPool } from '../parallel';
import type { BenchConfig } from './config';
import type { ReplicaData, ReplicaHandlers } from './replica';
import type { BenchForward } from './step';

export interface ReplicaMemory {
  numTensors: number;
  numBytes: number;
}

export interface ParallelBench {
  workers: number;
  /** The backend the replicas run on. */
  backend: string;
  /** Sequences per forward, over all replicas (4·batch). */
  sequences: number;
  /** One training step over the whole batch; returns the batch's mean loss (sum of the shards' parts). */
  step(): Promise<number>;
  /** Every replica runs a forward-only pass over its shard, concurrently. */
  evalForward(): Promise<void>;
  /** Replica `index`'s trained values, flattened. */
  trainedValues(index: number): Promise<Float32Array>;
  /** tf.memory() of each replica, in replica order. */
  memory(): Promise<ReplicaMemory[]>;
  close(): Promise<void>;
}

/** The default replica count: one per available core, at most one per sample. */
export function defaultWorkers(cfg: BenchConfig): number {
  return Math.max(1, Math.min(os.availableParallelism(), cfg.batch));
}

/** Starts `workers` replicas (worker threads) of the bench step for `cfg`. */
export async function createParallelBench(cfg: BenchConfig, workers: number, forward: BenchForward = 'grouped'): Promise<ParallelBench> {
  if (!Number.isInteger(workers) || workers < 1 || workers > cfg.batch) {
    throw new Error(`parallel bench: workers must be an integer from 1 to the batch size ${cfg.batch}, got ${workers}`);
  }
  const pool = await startPool<ReplicaHandlers, ReplicaData>({
    entry: path.join(__dirname, 'replica.ts'),
    size: workers,
    data: (index) => ({ cfg, index, count: workers, forward }),
    what: 'bench replica',
  });
  try {
    const infos = await pool.all('info');
    const first = infos[0]!;
    const odd = infos.findIndex((i) => i.gradientSize !== first.gradientSize);
    if (odd !== -1) throw new Error(`parallel bench: replica ${odd} has ${infos[odd]!.gradientSize} trained values, replica 0 has ${first.gradientSize}`);
    await pool.all('attach', createGradientExchange(workers, first.gradientSize));
    return {
      workers,
      backend: first.backend,
      sequences: infos.reduce((n, i) => n + i.sequences, 0),
      async step() {
        const parts = await pool.all('gradient');
        await pool.all('apply');
        return parts.reduce((s, p) => s + p, 0);
      },
      async evalForward() {
        await pool.all('evalForward');
      },
      trainedValues: (index) => pool.call(index, 'trainedValues'),
      memory: () => pool.all('memory'),
      close: () => pool.close(),
    };
  } catch (e) {
    await pool.close();
    throw e;
  }
}
