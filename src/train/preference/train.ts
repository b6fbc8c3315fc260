/**
 * Preference optimisation of a reference model (π_ref, an `Avlm`) with any objective of the
 * loss registry, as one cached run (`src/runs`): `<root>/pref-<objective>-<hash>/` holds
 * `config.json`, `metrics.jsonl` (every step, TRL names), checkpoints while training,
 * `adapters/` (only what trained: LoRA, and the projectors when configured) and `result.json`.
 *
 * The policy starts as the reference with fresh LoRA adapters (A from the run's seed, B = 0),
 * so π_θ = π_ref at step 0. Each training runs in the calling thread, one forward per step: the
 * backend and this layout are part of the run's identity, so its numbers do not depend on
 * how many threads or processes the workbench has.
 */
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { loadTensors, saveTensors } from '../../checkpoint';
import { buildTokenizer, type Tokenizer } from '../../data';
import { Avlm } from '../../model';
import { cachedRun, defaultRunsRoot, type RunDir } from '../../runs';
import { batchPlan } from '../examples';
import { trainLoop, type LoopSummary, type TrainTask } from '../loop';
import { AdamW } from '../optimizer';
import { disposePreferenceBatch, preferenceBatch, type BatchSpec, type PreferenceBatch } from './batch';
import { resolvePreference, type PreferenceTrainConfig, type RejectedResponse, type ResolvedPreference } from './config';
import { encodePreferenceItems, preferenceDataDigest, rejectedPicks, responsesNeeded, splitHeldOut, type PreferenceData, type PreferenceItem } from './data';
import { evaluatePreference, type PreferenceEvaluation } from './evaluate';
import { cachedFrozenLogps, type FrozenLogps, type FrozenNeeds, type ReferenceModel } from './frozen';
import { metricsLog } from './log';
import { preferenceStep } from './step';

/** Part of every preference run's identity: bump when a code change alters what a run produces. */
export const PREFERENCE_CODE_VERSION = 1;
export const ADAPTERS_DIR = 'adapters';

/** What a preference run's directory is named after: everything it executes. */
export interface PreferenceRunConfig {
  kind: 'preference';
  code: number;
  /** The reference model's run hash. */
  reference: string;
  /** `preferenceDataDigest` of the data. */
  data: string;
  train: PreferenceTrainConfig;
  /** The backend and thread layout the numbers come from. */
  execution: { backend: string; threads: 1 };
}

export interface PreferenceResult {
  stage: string;
  hash: string;
  config: PreferenceRunConfig;
  objective: { name: string; title: string; equation: string; knobs: Record<string, number> };
  /** The rejected responses (with weights) and input the run used, after overrides. */
  resolved: { rejectedResponses: RejectedResponse[]; rejectedInput: string | null; textPrior: boolean };
  samples: { train: number; heldOut: number };
  summary: LoopSummary;
  /** The metrics of the last step (TRL names). */
  final: Record<string, number>;
  /** The training signal on the held-out split (what the lr / batch choice is judged on). */
  heldOut: PreferenceEvaluation;
  finishedAt: string;
}

export interface PreferenceRun {
  /** The trained policy (owned by the caller: dispose it). */
  policy: Avlm;
  result: PreferenceResult;
  run: RunDir;
  cached: boolean;
}

export interface PreferenceTrainOptions {
  /** Root of the run directories. Default `runs/` (or `AVERE_RUNS_DIR`). */
  root?: string;
  progress?: boolean;
  tokenizer?: Tokenizer;
}

/** Everything a run computes on, prepared once (also for evaluating a loaded policy). */
export interface PreferenceSetup {
  resolved: ResolvedPreference;
  items: PreferenceItem[];
  split: { train: number[]; heldOut: number[] };
  spec: BatchSpec;
  frozen: FrozenLogps;
  runConfig: PreferenceRunConfig;
}

/** Resolves the config, encodes the data, and loads (or computes) the frozen log-probs. */
export async function preparePreference(
  reference: ReferenceModel,
  data: PreferenceData,
  cfg: PreferenceTrainConfig,
  opts: PreferenceTrainOptions = {},
): Promise<PreferenceSetup> {
  const resolved = resolvePreference(cfg);
  const digest = preferenceDataDigest(data);
  const items = encodePreferenceItems(data, opts.tokenizer ?? buildTokenizer(), resolved.rejectedInput);
  const split = splitHeldOut(items, cfg.heldOutFraction);
  if (split.train.length < cfg.batchSize)
    throw new Error(`preference training: ${split.train.length} training samples, fewer than one batch of ${cfg.batchSize}`);
  const needs: FrozenNeeds = { responses: responsesNeeded(resolved.responses), rejectedInput: resolved.rejectedInput, textPrior: resolved.textPrior };
  const frozen = await cachedFrozenLogps(opts.root ?? defaultRunsRoot(), reference, items, digest, needs);
  const spec: BatchSpec = {
    picks: rejectedPicks(items.length, resolved.responses, cfg.seed),
    withRejectedInput: resolved.rejectedInput !== undefined,
    textPrior: resolved.textPrior,
  };
  return { resolved, items, split, spec, frozen, runConfig: preferenceRunConfig(reference.hash, digest, cfg) };
}

/** What a preference run's directory is named after: the reference run, the data digest, the train config and the backend. */
export function preferenceRunConfig(referenceHash: string, dataDigest: string, cfg: PreferenceTrainConfig): PreferenceRunConfig {
  return {
    kind: 'preference',
    code: PREFERENCE_CODE_VERSION,
    reference: referenceHash,
    data: dataDigest,
    train: cfg,
    execution: { backend: tf.getBackend(), threads: 1 },
  };
}

/** π_θ at step 0: the reference's weights with fresh LoRA adapters (A from `seed`, B = 0). */
export function initialPolicy(reference: Avlm, seed: number): Avlm {
  const policy = new Avlm({ ...reference.config, seed });
  policy.copyWeightsFrom(reference, ['lm', 'proj']);
  return policy;
}

/** The trained variables by parameter name. */
function trainedByName(policy: Avlm, vars: readonly tf.Variable[]): Record<string, tf.Variable> {
  return Object.fromEntries(Object.entries(policy.params).filter(([, v]) => vars.includes(v)));
}

/** The reference with a finished run's adapters (and projectors) assigned. */
export async function loadPreferencePolicy(reference: Avlm, run: RunDir): Promise<Avlm> {
  const policy = new Avlm(reference.config);
  try {
    policy.copyWeightsFrom(reference);
    const loaded = await loadTensors(path.join(run.dir, ADAPTERS_DIR));
    try {
      for (const [name, t] of Object.entries(loaded)) {
        const v = policy.params[name];
        if (v === undefined || !tf.util.arraysEqual(v.shape, t.shape))
          throw new Error(`${run.dir}/${ADAPTERS_DIR}: "${name}" does not fit the reference model`);
        v.assign(t);
      }
    } finally {
      tf.dispose(loaded);
    }
  } catch (e) {
    policy.dispose();
    throw e;
  }
  return policy;
}

/** The held-out evaluation of a policy under a setup. */
export function evaluateHeldOut(policy: Avlm, setup: PreferenceSetup): PreferenceEvaluation {
  return evaluatePreference(policy, setup.items, setup.frozen, setup.split.heldOut, setup.spec, setup.resolved.options);
}

async function train(reference: ReferenceModel, setup: PreferenceSetup, run: RunDir, progress: boolean): Promise<{ policy: Avlm; result: PreferenceResult }> {
  const cfg = setup.runConfig.train;
  const { items, split, spec, frozen, resolved } = setup;
  const policy = initialPolicy(reference.model, cfg.seed);
  const vars = policy.setTrainable(cfg.trainable);
  const optimizer = new AdamW(vars, { weightDecay: cfg.weightDecay, clipNorm: cfg.clipNorm });
  try {
    const plan = batchPlan(
      split.train.map((i) => items[i]!.prompt.length + items[i]!.responses.yW.length),
      cfg.batchSize,
      cfg.seed,
      false,
    );
    const totalSteps = Math.max(1, Math.round(plan.stepsPerEpoch * cfg.epochs));
    const log = metricsLog(run.dir);
    const named = trainedByName(policy, vars);
    let final: Record<string, number> = {};
    const task: TrainTask<PreferenceBatch> = {
      batchAt: (step) =>
        preferenceBatch(
          items,
          frozen,
          plan.indicesAt(step).map((j) => split.train[j]!),
          spec,
          policy.config,
        ),
      step: preferenceStep(policy, vars, optimizer, resolved.options),
      disposeBatch: disposePreferenceBatch,
      stateTensors: () => ({ ...optimizer.state(), ...Object.fromEntries(Object.entries(named).map(([n, v]) => [`model.${n}`, v])) }),
      restoreState: (loaded, step, where) => {
        for (const [n, v] of Object.entries(named)) {
          const t = loaded[`model.${n}`];
          if (t === undefined) throw new Error(`${where}: trained variable "${n}" is missing`);
          v.assign(t);
        }
        optimizer.loadState(loaded, step, where);
      },
      onStep: (step, out) => {
        final = { step: step + 1, epoch: (step + 1) / plan.stepsPerEpoch, ...out.metrics };
        log.append(final);
      },
      onResume: (step) => log.truncate(step + 1),
      progressMetric: { key: 'rewards/accuracies', label: 'acc' },
    };
    const schedule = { lr: cfg.lr, warmupSteps: Math.round(cfg.warmupFraction * totalSteps), minRatio: cfg.minLrRatio };
    const summary = await trainLoop(task, { label: run.stage, totalSteps, schedule, checkpointEvery: cfg.checkpointEvery, progress }, run);
    await saveTensors(path.join(run.dir, ADAPTERS_DIR), named, { trainable: cfg.trainable, hash: run.hash });
    const result: PreferenceResult = {
      stage: run.stage,
      hash: run.hash,
      config: setup.runConfig,
      objective: {
        name: resolved.objective.name,
        title: resolved.objective.title,
        equation: resolved.objective.equation,
        knobs: { ...resolved.objective.knobs } as Record<string, number>,
      },
      resolved: {
        rejectedResponses: resolved.responses.map((source, i) => ({ source, weight: resolved.options.rejectedWeights[i]! })),
        rejectedInput: resolved.rejectedInput ?? null,
        textPrior: resolved.textPrior,
      },
      samples: { train: split.train.length, heldOut: split.heldOut.length },
      summary,
      final,
      heldOut: evaluateHeldOut(policy, setup),
      finishedAt: new Date().toISOString(),
    };
    return { policy, result };
  } catch (e) {
    policy.dispose();
    throw e;
  } finally {
    optimizer.dispose();
    policy.setTrainable('all');
  }
}

/**
 * Trains `cfg` from `reference` on `data` (or loads the finished run with the same config):
 * one cached run per full config. The held-out split never trains.
 */
export async function trainPreference(
  reference: ReferenceModel,
  data: PreferenceData,
  cfg: PreferenceTrainConfig,
  opts: PreferenceTrainOptions = {},
): Promise<PreferenceRun> {
  const root = opts.root ?? defaultRunsRoot();
  const setup = await preparePreference(reference, data, cfg, { ...opts, root });
  let trained: Avlm | undefined;
  const out = await cachedRun<PreferenceResult>(root, `pref-${setup.resolved.objective.name}`, setup.runConfig, async (run) => {
    const r = await train(reference, setup, run, opts.progress ?? true);
    trained = r.policy;
    return r.result;
  });
  const policy = trained ?? (await loadPreferencePolicy(reference.model, out.run));
  return { policy, result: out.result, run: out.run, cached: out.cached };
}
