/**
 * The bench config, shared with the PyTorch peer (`shared/peer/bench.json`): model
 * dimensions, batch, AVEm-DPO hyperparameters and timing settings.
 */
import * as fs from 'fs';

export interface BenchConfig {
  vocab: number;
  dModel: number;
  nLayers: number;
  nHeads: number;
  ffMult: number;
  featDim: number;
  nAudioTokens: number;
  nVideoTokens: number;
  promptLen: number;
  responseLen: number;
  /** Preference samples per step; the forward runs 4·batch sequences. */
  batch: number;
  loraRank: number;
  loraAlpha: number;
  /** Timed steps (the median is reported). */
  steps: number;
  /** Untimed steps first. */
  warmup: number;
  /** Peer-only (torch threads); ignored by the workbench. */
  threads: number;
  beta: number;
  betaVr: number;
  betaEr: number;
  gammaTpd: number;
  lambdaAv: number;
  /** Reference log-probs computed once (they are frozen); false recomputes them every step. */
  cachedRef: boolean;
  seed: number;
}

/** The peer's defaults (its `torch_avem_step.py`). */
export const DEFAULT_BENCH_CONFIG: BenchConfig = {
  vocab: 512,
  dModel: 128,
  nLayers: 2,
  nHeads: 4,
  ffMult: 4,
  featDim: 64,
  nAudioTokens: 8,
  nVideoTokens: 8,
  promptLen: 16,
  responseLen: 16,
  batch: 8,
  loraRank: 8,
  loraAlpha: 32,
  steps: 20,
  warmup: 3,
  threads: 1,
  beta: 0.1,
  betaVr: 0.5,
  betaEr: 0.5,
  gammaTpd: 0.2,
  lambdaAv: 1.0,
  cachedRef: true,
  seed: 0,
};

/** Defaults overlaid with the JSON file; unknown keys and wrong types are errors naming the field. */
export function readBenchConfig(file: string): BenchConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`bench config ${file}: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`bench config ${file}: not a JSON object`);
  const cfg: BenchConfig = { ...DEFAULT_BENCH_CONFIG };
  for (const [k, v] of Object.entries(raw)) {
    if (!(k in DEFAULT_BENCH_CONFIG)) throw new Error(`bench config ${file}: unknown field "${k}"`);
    const want = typeof DEFAULT_BENCH_CONFIG[k as keyof BenchConfig];
    if (typeof v !== want) throw new Error(`bench config ${file}: field "${k}" must be a ${want}, got ${JSON.stringify(v)}`);
    (cfg as unknown as Record<string, unknown>)[k] = v;
  }
  return cfg;
}
