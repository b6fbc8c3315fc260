/**
 * One preference-optimisation run from the command line's options: build or load the
 * reference (`buildReferences` with `sft.seed = seed`), train (or load the cached run of the
 * full config), evaluate, summarise. Shared by `npm run train` and `npm run tune`.
 *
 * Benchmark scoring hook: pass `evaluate` (a `PolicyEvaluator`). It receives the trained
 * policy and the run, and its result goes into the summary's `evaluation` (the train CLI and
 * the experiments pass `scoreModel`, a cached score run). Without it, `evaluation` is `{}`.
 */
import { applyOverrides } from '../config';
import type { ObjectiveName } from '../losses';
import type { Avlm } from '../model';
import {
  buildReferences,
  datasetsFor,
  defaultPreferenceTrainConfig,
  defaultReferenceBuildConfig,
  defaultRunsRoot,
  preferenceDataOf,
  trainPreference,
  type PreferenceEvaluation,
  type PreferenceResult,
  type PreferenceTrainConfig,
  type ReferenceBuildConfig,
  type ReferenceName,
  type RunDir,
} from '../train';

/** Scores a trained policy (e.g. the EmoReAlM benchmark in both views, recognition, the description judge). */
export type PolicyEvaluator = (
  policy: Avlm,
  ctx: { run: RunDir; result: PreferenceResult; reference: ReferenceName; root: string },
) => Promise<Record<string, unknown>>;

export interface TrainRunOptions {
  objective: ObjectiveName;
  reference: ReferenceName;
  /** The SFT seed of the reference and the preference run's seed. Default 1. */
  seed: number;
  /** `path=value` overrides of the `PreferenceTrainConfig` (after the seed). */
  set: readonly string[];
  root?: string;
  progress?: boolean;
  /** The reference build config (default `defaultReferenceBuildConfig()`); its `sft.seed` is replaced by `seed`. */
  build?: ReferenceBuildConfig;
  evaluate?: PolicyEvaluator;
}

export interface TrainRunSummary {
  objective: ObjectiveName;
  reference: { name: ReferenceName; run: string; sftSeed: number };
  run: { dir: string; hash: string; cached: boolean };
  config: PreferenceTrainConfig;
  resolved: PreferenceResult['resolved'];
  /** The last step's metrics (TRL names) and the loop summary. */
  training: { final: Record<string, number>; steps: number; seconds: number; lossCurve: number[] };
  heldOut: PreferenceEvaluation;
  /** What `evaluate` returned (`{}` without it). */
  evaluation: Record<string, unknown>;
  /** Wall-clock seconds of this call (reference load or build included). */
  wallSeconds: number;
}

/** The preference config a command line asks for: the objective's defaults, its seed, then `--set`. */
export function trainConfigFor(objective: ObjectiveName, seed: number, set: readonly string[]): PreferenceTrainConfig {
  return applyOverrides({ ...defaultPreferenceTrainConfig(objective), seed }, set);
}

export async function trainRun(o: TrainRunOptions): Promise<TrainRunSummary> {
  const t0 = performance.now();
  const root = o.root ?? defaultRunsRoot();
  const cfg = trainConfigFor(o.objective, o.seed, o.set);
  const build = structuredClone(o.build ?? defaultReferenceBuildConfig());
  build.sft.seed = o.seed;
  const refs = await buildReferences(build, { root, progress: o.progress ?? true, only: [o.reference] });
  const model = refs.models[o.reference]!;
  try {
    const refHash = refs.sft[o.reference]!.hash;
    const data = preferenceDataOf(datasetsFor(build.data), build.data);
    const r = await trainPreference({ model, hash: refHash }, data, cfg, { root, progress: o.progress ?? true });
    try {
      const evaluation = o.evaluate === undefined ? {} : await o.evaluate(r.policy, { run: r.run, result: r.result, reference: o.reference, root });
      const s = r.result.summary;
      return {
        objective: o.objective,
        reference: { name: o.reference, run: refHash, sftSeed: o.seed },
        run: { dir: r.run.dir, hash: r.run.hash, cached: r.cached },
        config: cfg,
        resolved: r.result.resolved,
        training: { final: r.result.final, steps: s.steps, seconds: s.seconds, lossCurve: s.lossCurve },
        heldOut: r.result.heldOut,
        evaluation,
        wallSeconds: (performance.now() - t0) / 1000,
      };
    } finally {
      r.policy.dispose();
    }
  } finally {
    model.dispose();
  }
}
