import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBenchStep, createParallelBench, DEFAULT_BENCH_CONFIG, runBench, type BenchConfig, type ParallelBench } from '../../src/bench';

const tiny: BenchConfig = {
  ...DEFAULT_BENCH_CONFIG,
  vocab: 64,
  dModel: 16,
  nHeads: 2,
  featDim: 8,
  nAudioTokens: 2,
  nVideoTokens: 2,
  promptLen: 3,
  responseLen: 3,
  batch: 4,
  loraRank: 2,
  loraAlpha: 8,
  steps: 3,
  warmup: 1,
};
const STEPS = 4;

const sameBits = (a: Float32Array, b: Float32Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** Losses and trained values of `steps` in-process steps over the whole batch. */
function singleRun(cfg: BenchConfig, steps: number): { losses: number[]; values: Float32Array } {
  const bench = createBenchStep(cfg);
  try {
    const losses = Array.from({ length: steps }, () => bench.step());
    return { losses, values: bench.trainedValues() };
  } finally {
    bench.dispose();
  }
}

describe('parallel bench, 2 replicas', () => {
  let bench: ParallelBench;
  const losses: number[] = [];
  beforeAll(async () => {
    bench = await createParallelBench(tiny, 2);
    for (let i = 0; i < STEPS; i++) losses.push(await bench.step());
  });
  afterAll(async () => {
    await bench.close();
  });

  it('covers the batch: 4·batch sequences over both replicas', () => {
    expect(bench.sequences).toBe(4 * tiny.batch);
  });

  it('keeps the replicas bit-identical and matches one in-process run to float32 summation order', async () => {
    const [a, b] = [await bench.trainedValues(0), await bench.trainedValues(1)];
    expect(sameBits(a, b)).toBe(true);
    const { values } = singleRun(tiny, STEPS);
    expect(a.length).toBe(values.length);
    const scale = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const worst = values.reduce((m, v, i) => Math.max(m, Math.abs(v - a[i]!)), 0);
    expect(worst).toBeLessThan(1e-5 * scale);
    // and training moved the values far more than that
    const init = createBenchStep(tiny);
    const before = init.trainedValues();
    init.dispose();
    expect(before.reduce((m, v, i) => Math.max(m, Math.abs(v - a[i]!)), 0)).toBeGreaterThan(1000 * worst);
  });

  it("sums the shards' partial losses to the in-process loss at every step", () => {
    const { losses: single } = singleRun(tiny, STEPS);
    losses.forEach((l, i) => expect(Math.abs(l - single[i]!)).toBeLessThan(1e-6));
  });

  // Last in this block: it steps the shared bench further.
  it("reports each replica's tensors: flat across steps and equal between replicas", async () => {
    const before = await bench.memory();
    await bench.step();
    await bench.evalForward();
    const after = await bench.memory();
    expect(after.map((m) => m.numTensors)).toEqual(before.map((m) => m.numTensors));
    expect(after[0]!.numTensors).toBe(after[1]!.numTensors);
  });
});

describe('parallel bench', () => {
  it('starts at (1+λ)·log 2 with gammaTpd 0: the two partial losses add up to the full-batch loss', async () => {
    const bench = await createParallelBench({ ...tiny, gammaTpd: 0 }, 2);
    try {
      expect(await bench.step()).toBeCloseTo(2 * Math.log(2), 5);
    } finally {
      await bench.close();
    }
  });

  it('with one worker equals the in-process step bit for bit', async () => {
    const bench = await createParallelBench(tiny, 1);
    try {
      const losses = [];
      for (let i = 0; i < 3; i++) losses.push(await bench.step());
      const single = singleRun(tiny, 3);
      expect(losses).toEqual(single.losses);
      expect(sameBits(await bench.trainedValues(0), single.values)).toBe(true);
    } finally {
      await bench.close();
    }
  });

  it('rejects a replica that fails to start, naming it and the cause', async () => {
    await expect(createParallelBench({ ...tiny, nHeads: 3 }, 2)).rejects.toThrow(/^bench replica [01]: .*dModel 16 is not divisible by nHeads 3/);
  });

  it('rejects a worker count outside 1..batch before starting anything', async () => {
    await expect(createParallelBench(tiny, 5)).rejects.toThrow('workers must be an integer from 1 to the batch size 4, got 5');
    await expect(createParallelBench(tiny, 0)).rejects.toThrow('got 0');
  });

  it('runBench with 2 workers reports workers, backend, timings and a flat tensor count', async () => {
    const r = await runBench(tiny, 2);
    expect(r.workers).toBe(2);
    expect(r.backend).toBe(tf.getBackend());
    expect(r.num_tensors.after_steps).toBe(r.num_tensors.after_warmup);
    expect(r.ms_per_step).toBeGreaterThan(0);
    expect(r.eval_seq_per_s).toBeGreaterThan(0);
  });
});
