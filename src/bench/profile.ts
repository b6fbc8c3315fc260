/**
 * Where a bench step's time goes: `tf.profile` over one step, kernel times summed by kernel
 * name and by (kernel, input shapes), largest first. Our own WebAssembly kernels and host
 * row moves run outside tfjs's kernels, so `tf.profile` cannot see them; they are timed
 * separately (`recordHostOps`) and listed with `host: true`.
 */
import * as tf from '@tensorflow/tfjs';
import { recordHostOps } from '../ops';
import type { BenchConfig } from './config';
import { createBenchStep, type BenchForward } from './step';

export interface KernelTime {
  kernel: string;
  /** True for our own kernels and host ops (timed around the op, copies included). */
  host?: boolean;
  shapes?: string;
  calls: number;
  ms: number;
  share: number;
}

export interface BenchProfile {
  /** Wall time of the profiled step (profiling adds overhead). */
  wallMs: number;
  /** Sum of tfjs kernel times. */
  kernelMs: number;
  /** Sum of our own kernels' and host ops' times. */
  hostMs: number;
  byKernel: KernelTime[];
  byShape: KernelTime[];
}

function aggregate(rows: Array<{ key: string; kernel: string; shapes?: string; ms: number }>, total: number): KernelTime[] {
  const m = new Map<string, KernelTime>();
  for (const r of rows) {
    const e = m.get(r.key) ?? { kernel: r.kernel, shapes: r.shapes, calls: 0, ms: 0, share: 0 };
    e.calls += 1;
    e.ms += r.ms;
    m.set(r.key, e);
  }
  return [...m.values()].map((e) => ({ ...e, ms: Math.round(e.ms * 100) / 100, share: Math.round((e.ms / total) * 1000) / 10 })).sort((a, b) => b.ms - a.ms);
}

/** Profiles one training step after `cfg.warmup` warm-up steps. */
export async function profileBench(cfg: BenchConfig, forward: BenchForward = 'grouped'): Promise<BenchProfile> {
  const bench = createBenchStep(cfg, { index: 0, count: 1 }, forward);
  try {
    for (let i = 0; i < Math.max(1, cfg.warmup); i++) bench.step();
    const t0 = performance.now();
    const { result: info, ops } = await recordHostOps(() =>
      tf.profile(() => {
        bench.step();
      }),
    );
    const wallMs = performance.now() - t0;
    const hostMs = ops.reduce((s, o) => s + o.ms, 0);
    // Custom-gradient ops appear as "unnamed scope" entries whose time includes their inner
    // kernels, which are listed too: drop them so nothing is counted twice.
    const rows = info.kernels
      .filter((k) => k.name !== 'unnamed scope')
      .map((k) => ({
        kernel: k.name,
        shapes: JSON.stringify(k.inputShapes),
        ms: typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0,
      }));
    const kernelMs = rows.reduce((s, r) => s + r.ms, 0);
    const host: KernelTime[] = ops.map((o) => ({
      kernel: o.name,
      host: true,
      calls: o.calls,
      ms: Math.round(o.ms * 100) / 100,
      share: Math.round((o.ms / (kernelMs + hostMs)) * 1000) / 10,
    }));
    return {
      wallMs,
      kernelMs,
      hostMs,
      byKernel: [
        ...aggregate(
          rows.map((r) => ({ key: r.kernel, kernel: r.kernel, ms: r.ms })),
          kernelMs + hostMs,
        ),
        ...host,
      ].sort((a, b) => b.ms - a.ms),
      byShape: aggregate(
        rows.map((r) => ({ key: `${r.kernel} ${r.shapes}`, kernel: r.kernel, shapes: r.shapes, ms: r.ms })),
        kernelMs + hostMs,
      ),
    };
  } finally {
    bench.dispose();
  }
}
