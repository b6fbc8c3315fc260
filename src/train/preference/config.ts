/**
 * The preference trainer's config: one typed object, every field overridable with
 * `applyOverrides` (`--set path=value`), all of it hashed into the run's identity.
 *
 * Every row of the paper's Tables 17 and 18 is an override of `avem-dpo`, not a new objective:
 * `rejectedInput=both-random-tensor` (Table 17), `rejectedResponses=[{"source":"yEr","weight":0.5},{"source":"yIrr","weight":0.5}]`
 * (Table 18). `null` in either field means "the objective's own".
 */
import {
  avemDpoLoss,
  buildObjective,
  OBJECTIVES,
  parseRejectedInputKind,
  type AvemDpoOptions,
  type LossResult,
  type Objective,
  type ObjectiveConfig,
  type ObjectiveName,
  type PreferenceLogps,
  type RejectedInputKind,
  type RejectedResponseSource,
} from '../../losses';

/** A rejected response and its weight β_i in Eqs. (6) / (10). */
export interface RejectedResponse {
  source: RejectedResponseSource;
  weight: number;
}

/** What preference optimisation trains: LoRA adapters only, or the projectors too. */
export type PreferenceTrainable = 'lora' | 'projectors+lora';

export interface PreferenceTrainConfig {
  /** The objective of the loss registry with every knob it exposes (paper defaults: β 0.1, β_vr = β_er = 0.5, γ_TPD 0.2, λ_av 1). Choose the name when building the config, not by override. */
  objective: ObjectiveConfig;
  /** Table 17: the rejected input (a_l, v_l), e.g. `both-random-tensor`. `null` (default): the objective's own (`pmp-diff-emotion` for AVEm-DPO). Only for objectives with an input term. */
  rejectedInput: RejectedInputKind | null;
  /** Table 18: rejected responses with weights (summing to 1, Eq. 6). `null` (default): the objective's own (y_vr, y_er at β_vr, β_er). Do not combine with `objective.betaVr/betaEr`. */
  rejectedResponses: RejectedResponse[] | null;
  /** Default `lora` (the paper tunes LoRA on the LLM). `projectors+lora` also tunes the projectors. */
  trainable: PreferenceTrainable;
  /** Passes over the training split. Default 1 (the paper's). */
  epochs: number;
  /** Preference samples per step. Default 8: chosen with the lr by `npm run tune` on the held-out split (docs/training.md). */
  batchSize: number;
  /** Peak learning rate (AdamW). Default 3e-3: the lowest held-out loss of the lr × batch grid (docs/training.md). */
  lr: number;
  /** Linear warm-up over this fraction of the steps, then cosine decay. Default 0.1. */
  warmupFraction: number;
  /** Final learning rate as a fraction of the peak. Default 0. */
  minLrRatio: number;
  /** AdamW decoupled weight decay (matrices). Default 0 (TRL's default). */
  weightDecay: number;
  /** Global gradient-norm clip. Default 1 (TRL's `max_grad_norm`). */
  clipNorm: number;
  /** Checkpoint every this many steps. Default 50. */
  checkpointEvery: number;
  /** Seed of the batch order, of the LoRA A initialisation and of the per-sample y_vr / y_er picks. Default 0. */
  seed: number;
  /** Fraction of the preference samples held out of every run (by sample id, whatever the seed). Default 0.1. */
  heldOutFraction: number;
}

/** The defaults, for an objective (its name or a config with knobs). */
export function defaultPreferenceTrainConfig(objective: ObjectiveName | ObjectiveConfig = 'avem-dpo'): PreferenceTrainConfig {
  const given = typeof objective === 'string' ? { name: objective } : objective;
  const info = (OBJECTIVES as Record<string, (typeof OBJECTIVES)[ObjectiveName] | undefined>)[given.name];
  if (info === undefined) throw new Error(`unknown objective '${given.name}'; known: ${Object.keys(OBJECTIVES).join(', ')}`);
  return {
    // every knob the objective exposes, at its paper default unless given (so each is overridable by path)
    objective: { ...info.defaults, ...given } as ObjectiveConfig,
    rejectedInput: null,
    rejectedResponses: null,
    trainable: 'lora',
    epochs: 1,
    batchSize: 8,
    lr: 3e-3,
    warmupFraction: 0.1,
    minLrRatio: 0,
    weightDecay: 0,
    clipNorm: 1,
    checkpointEvery: 50,
    seed: 0,
    heldOutFraction: 0.1,
  };
}

/** The objective with the config's Table 17 / 18 overrides applied: what the step computes. */
export interface ResolvedPreference {
  objective: Objective;
  /** `avemDpoLoss` options (rejectedWeights from `rejectedResponses` when given). */
  options: AvemDpoOptions;
  /** Rejected responses, in weight order. */
  responses: readonly RejectedResponseSource[];
  /** The rejected input of the input term; undefined when λ_av = 0 or the objective has none. */
  rejectedInput: RejectedInputKind | undefined;
  /** Whether π_text log-probs are needed (γ_TPD > 0). */
  textPrior: boolean;
  loss(lp: PreferenceLogps): LossResult;
}

const SOURCES: readonly RejectedResponseSource[] = ['yVr', 'yEr', 'yIrr', 'random-of-yVr-yEr'];

/** Checks the config and resolves its objective; errors name the field. */
export function resolvePreference(cfg: PreferenceTrainConfig): ResolvedPreference {
  const objective = buildObjective(cfg.objective);
  const positiveInt = (k: 'batchSize' | 'checkpointEvery') => {
    if (!Number.isInteger(cfg[k]) || cfg[k] < (k === 'batchSize' ? 1 : 0))
      throw new Error(`preference config: ${k} must be a ${k === 'batchSize' ? 'positive' : 'non-negative'} integer, got ${cfg[k]}`);
  };
  positiveInt('batchSize');
  positiveInt('checkpointEvery');
  for (const k of ['epochs', 'lr'] as const) if (!(cfg[k] > 0)) throw new Error(`preference config: ${k} must be > 0, got ${cfg[k]}`);
  for (const k of ['warmupFraction', 'heldOutFraction'] as const)
    if (!(cfg[k] >= 0 && cfg[k] < 1)) throw new Error(`preference config: ${k} must be in [0, 1), got ${cfg[k]}`);
  if (!(cfg.minLrRatio >= 0 && cfg.minLrRatio <= 1)) throw new Error(`preference config: minLrRatio must be in [0, 1], got ${cfg.minLrRatio}`);
  if (cfg.trainable !== 'lora' && cfg.trainable !== 'projectors+lora')
    throw new Error(`preference config: trainable must be lora or projectors+lora, got ${String(cfg.trainable)}`);
  let options: AvemDpoOptions = { ...objective.options, rejectedWeights: [...objective.options.rejectedWeights] };
  let responses = objective.needs.rejectedResponses;
  if (cfg.rejectedResponses !== null) {
    const given = cfg.objective as Record<string, unknown>;
    const defaults = OBJECTIVES[objective.name].defaults as Record<string, unknown>;
    if (given['betaVr'] !== defaults['betaVr'] || given['betaEr'] !== defaults['betaEr']) {
      throw new Error('preference config: set the weights in rejectedResponses or objective.betaVr/betaEr, not both');
    }
    if (!Array.isArray(cfg.rejectedResponses) || cfg.rejectedResponses.length === 0)
      throw new Error('preference config: rejectedResponses must be a non-empty list of {source, weight}');
    for (const r of cfg.rejectedResponses) {
      if (!SOURCES.includes(r.source))
        throw new Error(`preference config: rejectedResponses source '${String(r.source)}' unknown; known: ${SOURCES.join(', ')}`);
      if (!(typeof r.weight === 'number' && r.weight >= 0))
        throw new Error(`preference config: rejectedResponses weight of ${r.source} must be ≥ 0, got ${String(r.weight)}`);
    }
    const sum = cfg.rejectedResponses.reduce((s, r) => s + r.weight, 0);
    if (Math.abs(sum - 1) > 1e-9) throw new Error(`preference config: rejectedResponses weights must sum to 1 (Eq. 6), got ${sum}`);
    responses = cfg.rejectedResponses.map((r) => r.source);
    options = { ...options, rejectedWeights: cfg.rejectedResponses.map((r) => r.weight) };
  }
  let rejectedInput = objective.needs.rejectedInput;
  if (cfg.rejectedInput !== null) {
    parseRejectedInputKind(cfg.rejectedInput);
    if (rejectedInput === undefined)
      throw new Error(`preference config: rejectedInput is set but ${objective.name} has no input term here (λ_av = 0 or none in its equation)`);
    rejectedInput = cfg.rejectedInput;
  }
  const final = options;
  return { objective, options: final, responses, rejectedInput, textPrior: objective.needs.textPrior, loss: (lp) => avemDpoLoss(lp, final) };
}
