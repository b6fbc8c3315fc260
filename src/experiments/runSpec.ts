/**
 * One run of an experiment and its result file. A run is either a reference model scored as it
 * is (the "Our base" row; contrastive decoding, which is training-free) or a preference run
 * trained from a reference and then scored. Seed s means SFT seed s of the reference, then
 * preference seed s. A finished run writes one result file, `runs/result-<hash of the spec and
 * the build>/result.json`, with its spec, seed, backend, code versions and wall time, and is
 * never recomputed or overwritten (`cachedRun`). Its predictions stay in its score run
 * (`scoreRunDir`).
 */
import * as tf from '@tensorflow/tfjs';
import type { ObjectiveName } from '../losses';
import { cachedRun, configHash, isFinished, runDir } from '../runs';
import {
  buildReferences,
  datasetsFor,
  defaultRunsRoot,
  PREFERENCE_CODE_VERSION,
  referenceStageConfigs,
  TRAIN_CODE_VERSION,
  type ReferenceBuildConfig,
  type ReferenceName,
} from '../train';
import type { OptionScorer } from './evaluate';
import { SCORE_STAGE, SCORE_VERSION, scoreModel, scoreRunConfig, type ScoreResult, type ScoreSpec } from './scoreRun';
import { trainRun, type TrainRunSummary } from './trainRun';

export type RunSpec =
  | { kind: 'reference'; reference: ReferenceName; seed: number; scorer: OptionScorer }
  | { kind: 'preference'; reference: ReferenceName; seed: number; objective: ObjectiveName; set: string[] };

export interface RunOutcome {
  spec: RunSpec;
  seed: number;
  backend: string;
  code: { train: number; preference: number; score: number };
  score: ScoreResult;
  /** The preference run's training summary (null for a reference row). */
  training: Pick<TrainRunSummary, 'run' | 'config' | 'training' | 'heldOut'> | null;
  wallSeconds: number;
  finishedAt: string;
}

/** What a run's result file is named after. */
export function runKey(spec: RunSpec, build: ReferenceBuildConfig): unknown {
  return { spec, build, code: { train: TRAIN_CODE_VERSION, preference: PREFERENCE_CODE_VERSION, score: SCORE_VERSION }, backend: tf.getBackend() };
}

export const RESULT_STAGE = 'result';

export function isRunFinished(spec: RunSpec, build: ReferenceBuildConfig, root: string = defaultRunsRoot()): boolean {
  return isFinished(runDir(root, RESULT_STAGE, runKey(spec, build)));
}

/** The build a run of seed `seed` starts from: SFT seed `seed` of the reference. */
function seededBuild(build: ReferenceBuildConfig, seed: number): ReferenceBuildConfig {
  const seeded = structuredClone(build);
  seeded.sft.seed = seed;
  return seeded;
}

/** What a run scores: `model` is the preference run's hash, or the reference's SFT run hash. Preference runs are scored by likelihood. */
function scoreSpecOf(spec: RunSpec, model: string, seeded: ReferenceBuildConfig): ScoreSpec {
  return { model, scorer: spec.kind === 'reference' ? spec.scorer : { kind: 'likelihood' }, build: seeded };
}

const sftHashes = new Map<string, string>();

/** The hash of a reference's SFT run under a seeded build (memoised per process by config hash: it digests the corpora). */
function sftRunHash(seeded: ReferenceBuildConfig, reference: ReferenceName): string {
  const key = configHash({ seeded, reference });
  let hash = sftHashes.get(key);
  if (hash === undefined) sftHashes.set(key, (hash = configHash(referenceStageConfigs(seeded, datasetsFor(seeded.data)).sft[reference])));
  return hash;
}

/** The directory of a finished run's score run (its `predictions.jsonl`), named as `scoreModel` named it. */
export function scoreRunDir(spec: RunSpec, outcome: RunOutcome, build: ReferenceBuildConfig, root: string = defaultRunsRoot()): string {
  const seeded = seededBuild(build, spec.seed);
  const model = outcome.training?.run.hash ?? sftRunHash(seeded, spec.reference);
  return runDir(root, SCORE_STAGE, scoreRunConfig(scoreSpecOf(spec, model, seeded), outcome.score.textUnsolvableSource.run, outcome.code.score)).dir;
}

/** Executes one run in this process (or reads its finished result). */
export async function executeRun(spec: RunSpec, build: ReferenceBuildConfig, opts: { root?: string; progress?: boolean } = {}): Promise<RunOutcome> {
  const root = opts.root ?? defaultRunsRoot();
  const progress = opts.progress ?? false;
  const out = await cachedRun(root, RESULT_STAGE, runKey(spec, build), async (): Promise<RunOutcome> => {
    const t0 = performance.now();
    const seeded = seededBuild(build, spec.seed);
    const base = {
      spec,
      seed: spec.seed,
      backend: tf.getBackend(),
      code: { train: TRAIN_CODE_VERSION, preference: PREFERENCE_CODE_VERSION, score: SCORE_VERSION },
    };
    switch (spec.kind) {
      case 'reference': {
        const refs = await buildReferences(seeded, { root, progress, only: [spec.reference] });
        const model = refs.models[spec.reference];
        if (model === undefined) throw new Error(`run: reference ${spec.reference} was not built`);
        try {
          const s = await scoreModel(model, scoreSpecOf(spec, refs.sft[spec.reference]?.hash ?? '', seeded), { root, progress });
          return { ...base, score: s.result, training: null, wallSeconds: (performance.now() - t0) / 1000, finishedAt: new Date().toISOString() };
        } finally {
          model.dispose();
        }
      }
      case 'preference': {
        let score: ScoreResult | undefined;
        const summary = await trainRun({
          objective: spec.objective,
          reference: spec.reference,
          seed: spec.seed,
          set: spec.set,
          root,
          progress,
          build,
          evaluate: async (policy, ctx) => {
            score = (await scoreModel(policy, scoreSpecOf(spec, ctx.run.hash, seeded), { root, progress })).result;
            return {};
          },
        });
        if (score === undefined) throw new Error('run: the policy was not scored');
        return {
          ...base,
          score,
          training: { run: summary.run, config: summary.config, training: summary.training, heldOut: summary.heldOut },
          wallSeconds: (performance.now() - t0) / 1000,
          finishedAt: new Date().toISOString(),
        };
      }
    }
  });
  return out.result;
}
