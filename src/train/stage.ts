/**
 * One cached training stage: trains a model on token examples, or loads the finished run
 * with the same config. Resumes a killed run from its last checkpoint. The run cache is
 * `src/runs`: the stage's `config` is hashed, and it is also what executes (its `options`).
 */
import * as path from 'path';
import { loadAvlm, saveAvlm, type Avlm, type TrainableSet } from '../model';
import { cachedRun, type RunDir } from '../runs';
import { batchPlan, toBatch, type TokenExample } from './examples';
import { trainTokenModel, type LoopSummary } from './loop';

export interface StageOptions {
  /** What the stage updates (see `TRAINABLE_SETS`). */
  trainable: TrainableSet;
  /** Passes over the examples (fractional allowed: steps = round(epochs · examples / batchSize)). */
  epochs: number;
  batchSize: number;
  /** Peak learning rate. */
  lr: number;
  warmupSteps: number;
  /** Final learning rate as a fraction of the peak (cosine decay). */
  minLrRatio: number;
  weightDecay: number;
  clipNorm: number;
  /** Checkpoint every this many steps. */
  checkpointEvery: number;
  /** Sort windows of batches by length (less padding). */
  bucketByLength: boolean;
  /** Seed of the batch order. */
  seed: number;
}

/**
 * The hashed config of a stage: its training options plus everything else its result depends
 * on (model config, data digests, the previous stage's hash, the code version). The stage
 * trains with exactly `config.options`.
 */
export interface StageConfig {
  options: StageOptions;
  [key: string]: unknown;
}

export interface StageResult {
  stage: string;
  hash: string;
  /** The full config the run came from. */
  config: unknown;
  provenance?: unknown;
  examples: number;
  summary: LoopSummary;
  finishedAt: string;
}

export interface StageRun {
  model: Avlm;
  result: StageResult;
  run: RunDir;
  /** True when the finished run was loaded from the cache. */
  cached: boolean;
}

export const MODEL_DIR = 'model';

export interface StageSpec {
  /** Stage name: the run directory is `<root>/<stage>-<hash of config>`. */
  stage: string;
  /** Everything the result depends on: hashed, stored with the result, and executed (`options`). */
  config: StageConfig;
  /** Where the inputs came from (e.g. the full data config): stored with the result, not hashed. */
  provenance?: unknown;
  root: string;
  /** The model to start from (fresh, or the previous stage's). Owned by the stage afterwards. */
  init: () => Promise<Avlm>;
  /** The training examples (only built when the stage must train). */
  examples: () => TokenExample[];
  progress: boolean;
}

/** Runs or loads one stage. */
export async function runStage(spec: StageSpec): Promise<StageRun> {
  let trained: Avlm | undefined;
  const out = await cachedRun<StageResult>(spec.root, spec.stage, spec.config, async (run) => {
    const examples = spec.examples();
    const model = await spec.init();
    try {
      const o = spec.config.options;
      const plan = batchPlan(
        examples.map((e) => e.prompt.length + e.response.length),
        o.batchSize,
        o.seed,
        o.bucketByLength,
      );
      const summary = await trainTokenModel(
        model,
        (step) =>
          toBatch(
            plan.indicesAt(step).map((i) => examples[i] as TokenExample),
            model.config,
          ),
        {
          label: spec.stage,
          trainable: o.trainable,
          totalSteps: Math.max(1, Math.round(plan.stepsPerEpoch * o.epochs)),
          schedule: { lr: o.lr, warmupSteps: o.warmupSteps, minRatio: o.minLrRatio },
          adamw: { weightDecay: o.weightDecay, clipNorm: o.clipNorm },
          checkpointEvery: o.checkpointEvery,
          progress: spec.progress,
        },
        run,
      );
      await saveAvlm(model, path.join(run.dir, MODEL_DIR), { stage: spec.stage, hash: run.hash, config: spec.config });
      trained = model;
      return {
        stage: spec.stage,
        hash: run.hash,
        config: spec.config,
        provenance: spec.provenance,
        examples: examples.length,
        summary,
        finishedAt: new Date().toISOString(),
      };
    } catch (e) {
      model.dispose();
      throw e;
    }
  });
  const model = trained ?? (await loadAvlm(path.join(out.run.dir, MODEL_DIR)));
  return { model, result: out.result, run: out.run, cached: out.cached };
}
