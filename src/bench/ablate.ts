/**
 * Each kernel switch off alone, measured fairly: one bench step in this thread, the variants
 * interleaved step by step (the `AVERE_*` switches are read on every call), medians of the
 * training-step time and of the forward-only time.
 */
import { median } from 'simple-statistics';
import type { BenchConfig } from './config';
import { createBenchStep, type BenchForward } from './step';

/** The switches and what turning each off falls back to. */
export const KERNEL_SWITCHES = {
  AVERE_ROWWISE: 'LayerNorm and GELU as tfjs ops',
  AVERE_SIMD_BMM: 'every product on tfjs (XNNPACK for 2-D, its scalar loop for batched)',
} as const;

export interface AblationRow {
  variant: string;
  /** What runs instead. */
  fallback: string;
  /** The environment the variant sets. */
  env: Record<string, string>;
  ms_per_step: number;
  eval_seq_per_s: number;
}

const VARIANTS: Array<{ variant: string; fallback: string; env: Record<string, string> }> = [
  { variant: 'default', fallback: '', env: {} },
  ...Object.entries(KERNEL_SWITCHES).map(([k, what]) => ({ variant: `${k}=0`, fallback: what, env: { [k]: '0' } })),
  { variant: 'all switches =0', fallback: 'all of the above', env: Object.fromEntries(Object.keys(KERNEL_SWITCHES).map((k) => [k, '0'])) },
];

/** `rounds` interleaved rounds (each variant one step and one forward per round) after one warm-up round. */
export function ablateKernels(cfg: BenchConfig, rounds: number, forward: BenchForward = 'grouped'): AblationRow[] {
  const saved = Object.fromEntries(Object.keys(KERNEL_SWITCHES).map((k) => [k, process.env[k]]));
  const apply = (env: Record<string, string>) => {
    for (const k of Object.keys(KERNEL_SWITCHES)) delete process.env[k];
    Object.assign(process.env, env);
  };
  const bench = createBenchStep(cfg, { index: 0, count: 1 }, forward);
  const steps = VARIANTS.map(() => [] as number[]);
  const evals = VARIANTS.map(() => [] as number[]);
  try {
    for (let r = 0; r <= rounds; r++) {
      VARIANTS.forEach((v, i) => {
        apply(v.env);
        let t0 = performance.now();
        bench.step();
        if (r > 0) steps[i]!.push(performance.now() - t0);
        t0 = performance.now();
        bench.evalForward();
        if (r > 0) evals[i]!.push(performance.now() - t0);
      });
    }
  } finally {
    apply({});
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
    bench.dispose();
  }
  return VARIANTS.map((v, i) => ({
    variant: v.variant,
    fallback: v.fallback,
    env: v.env,
    ms_per_step: Math.round(median(steps[i]!) * 10) / 10,
    eval_seq_per_s: Math.round((bench.sequences / median(evals[i]!)) * 1000),
  }));
}
