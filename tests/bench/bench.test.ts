import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { ablateKernels, createBenchStep, DEFAULT_BENCH_CONFIG, KERNEL_SWITCHES, readBenchConfig, runBench, type BenchConfig } from '../../src/bench';

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
  batch: 2,
  loraRank: 2,
  loraAlpha: 8,
  steps: 3,
  warmup: 1,
};

const writeJson = (obj: unknown) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'avere-bench-')), 'bench.json');
  fs.writeFileSync(file, JSON.stringify(obj));
  return file;
};

describe('bench config', () => {
  it('reads the peer config file and overlays the defaults', () => {
    const cfg = readBenchConfig(writeJson({ batch: 4, cachedRef: false }));
    expect(cfg.batch).toBe(4);
    expect(cfg.cachedRef).toBe(false);
    expect(cfg.dModel).toBe(128);
  });

  it('rejects unknown fields and wrong types, naming the field', () => {
    expect(() => readBenchConfig(writeJson({ dmodel: 64 }))).toThrow(/unknown field "dmodel"/);
    expect(() => readBenchConfig(writeJson({ batch: '8' }))).toThrow(/field "batch" must be a number/);
  });
});

describe('bench step', () => {
  it('trains: the loss starts at (1+λ)·log 2 (policy = reference, text prior aside) and decreases', () => {
    const bench = createBenchStep({ ...tiny, gammaTpd: 0 });
    try {
      const first = bench.step();
      expect(first).toBeCloseTo(2 * Math.log(2), 4);
      let last = first;
      for (let i = 0; i < 20; i++) last = bench.step();
      expect(last).toBeLessThan(first);
    } finally {
      bench.dispose();
    }
  });

  it('grouped and plain forwards train identically (shared prefixes are exact)', () => {
    const grouped = createBenchStep(tiny, { index: 0, count: 1 }, 'grouped');
    const plain = createBenchStep(tiny, { index: 0, count: 1 }, 'plain');
    try {
      for (let i = 0; i < 5; i++) expect(grouped.step()).toBeCloseTo(plain.step(), 5);
      const [a, b] = [grouped.trainedValues(), plain.trainedValues()];
      const scale = Math.max(...Array.from(b, Math.abs));
      a.forEach((x, i) => expect(Math.abs(x - b[i]!)).toBeLessThan(1e-5 * scale));
    } finally {
      grouped.dispose();
      plain.dispose();
    }
  });

  it('leaves the tensor count flat across steps, with cached and recomputed reference', async () => {
    for (const cachedRef of [true, false]) {
      const r = await runBench({ ...tiny, cachedRef });
      expect(r.workers).toBe(1);
      expect(r.num_tensors.after_steps).toBe(r.num_tensors.after_warmup);
      expect(r.ms_per_step).toBeGreaterThan(0);
      expect(r.eval_seq_per_s).toBeGreaterThan(0);
    }
  });
});

describe('kernel ablation', () => {
  it('times every switch off alone and all off, then restores the environment', () => {
    process.env.AVERE_ROWWISE = '1';
    try {
      const rows = ablateKernels(tiny, 2);
      expect(rows.map((r) => r.variant)).toEqual(['default', ...Object.keys(KERNEL_SWITCHES).map((k) => `${k}=0`), 'all switches =0']);
      for (const r of rows) {
        expect(r.ms_per_step).toBeGreaterThan(0);
        expect(r.eval_seq_per_s).toBeGreaterThan(0);
      }
      expect(process.env.AVERE_ROWWISE).toBe('1');
      expect(process.env.AVERE_SIMD_BMM).toBeUndefined();
    } finally {
      delete process.env.AVERE_ROWWISE;
    }
  });
});
