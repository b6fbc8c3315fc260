/**
 * Worker entry: one data-parallel replica of the bench step, with its own tfjs backend and
 * model. Started by `createParallelBench`; every replica builds identical initial weights
 * from `cfg.seed` and keeps its shard of the batch.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { gradientSlot, serve, sumGradients, type GradientExchange } from '../parallel';
import type { BenchConfig } from './config';
import { createBenchStep, type BenchForward } from './step';

export interface ReplicaData {
  cfg: BenchConfig;
  index: number;
  count: number;
  forward: BenchForward;
}

async function init({ cfg, index, count, forward }: ReplicaData) {
  const info = await initBackend({ quiet: true });
  const bench = createBenchStep(cfg, { index, count }, forward);
  let exchange: GradientExchange | undefined;
  const sum = new Float32Array(bench.gradientSize);
  const attached = (): GradientExchange => {
    if (exchange === undefined) throw new Error('no gradient exchange attached');
    return exchange;
  };
  return {
    info: () => ({ backend: info.name, sequences: bench.sequences, gradientSize: bench.gradientSize }),
    /** The shared slots; sent after start-up because their size is known only once a replica exists. */
    attach: (ex: GradientExchange) => {
      if (ex.size !== bench.gradientSize) throw new Error(`gradient exchange of ${ex.size} values, this replica has ${bench.gradientSize}`);
      exchange = ex;
    },
    /** Writes this shard's gradient into its slot; returns the shard's part of the loss. */
    gradient: () => bench.shardGradient(gradientSlot(attached(), index)),
    /** Sums all slots (replica order) and applies the update. */
    apply: () => bench.applyGradient(sumGradients(attached(), sum)),
    evalForward: () => bench.evalForward(),
    trainedValues: () => bench.trainedValues(),
    memory: () => {
      const m = tf.memory();
      return { numTensors: m.numTensors, numBytes: m.numBytes };
    },
  };
}

export type ReplicaHandlers = Awaited<ReturnType<typeof init>>;

serve(init);
