/**
 * The named objectives of the experiments (paper Table 5 and the baselines of §5 / D.3).
 * Each is a setting of `avemDpoLoss`, declared with the log-probs it needs so the trainer
 * computes only those, and with the knobs it exposes (paper defaults, App. C.3).
 */
import { avemDpoLoss } from './avemDpo';
import type { RejectedInputKind } from './rejectedInput';
import type { AvemDpoOptions, LossResult, PreferenceLogps } from './types';

/**
 * Where a rejected response comes from. `yVr`: a present but emotion-irrelevant cue
 * (spurious association); `yEr`: an emotion-typical but absent cue (hallucination);
 * `yIrr`: an unrelated response (Table 18 only); `random-of-yVr-yEr`: per sample, one of
 * yVr / yEr picked uniformly by the trainer with a seeded `Rng` (Naive-DPO, paper D.3).
 */
export type RejectedResponseSource = 'yVr' | 'yEr' | 'yIrr' | 'random-of-yVr-yEr';

/** The log-probs an objective needs (with its resolved knobs). */
export interface LogpNeeds {
  /** Rejected responses, in the order of `policyRejected` / `refRejected` / `textRejected`. */
  rejectedResponses: readonly RejectedResponseSource[];
  /** The rejected input for `policyChosenRejectedInput` / `refChosenRejectedInput`; undefined when λ_av = 0. */
  rejectedInput: RejectedInputKind | undefined;
  /** Whether `textChosen` / `textRejected` (π_text) are needed, i.e. γ_TPD > 0. */
  textPrior: boolean;
}

/** All knobs, in the paper's symbols. */
export interface ObjectiveKnobs {
  /** β, Eqs. (2)–(10). */
  beta: number;
  /** β_vr, weight of y_l^vr in Eqs. (6) and (10). */
  betaVr: number;
  /** β_er, weight of y_l^er in Eqs. (6) and (10). β_vr + β_er must be 1. */
  betaEr: number;
  /** γ_TPD, Eqs. (7)–(10). */
  gammaTpd: number;
  /** λ_av, Eq. (9). */
  lambdaAv: number;
}

/** Paper defaults (App. C.3): β = 0.1, β_vr = β_er = 0.5, γ_TPD = 0.2, λ_av = 1. */
export const PAPER_KNOBS: Readonly<ObjectiveKnobs> = Object.freeze({
  beta: 0.1,
  betaVr: 0.5,
  betaEr: 0.5,
  gammaTpd: 0.2,
  lambdaAv: 1,
});

/** The knobs each objective exposes; the others are fixed by its equation. */
export interface KnobsByObjective {
  'naive-dpo': Pick<ObjectiveKnobs, 'beta'>;
  'vista-dpo': Pick<ObjectiveKnobs, 'beta' | 'betaVr' | 'betaEr' | 'lambdaAv'>;
  'avem-dpo': ObjectiveKnobs;
  'avem-dpo-no-pmp': Pick<ObjectiveKnobs, 'beta' | 'betaVr' | 'betaEr' | 'gammaTpd'>;
  'avem-dpo-no-erp': Pick<ObjectiveKnobs, 'beta' | 'gammaTpd' | 'lambdaAv'>;
  'avem-dpo-no-tpd': Pick<ObjectiveKnobs, 'beta' | 'betaVr' | 'betaEr' | 'lambdaAv'>;
}
export type ObjectiveName = keyof KnobsByObjective;

/** Static description of one objective. */
export interface ObjectiveInfo<N extends ObjectiveName> {
  name: N;
  /** The row label in the paper's tables. */
  title: string;
  /** The paper's equation(s). */
  equation: string;
  /** Rejected responses, in weight order. */
  rejectedResponses: readonly RejectedResponseSource[];
  /** Rejected input used by the input term (dropped when λ_av = 0); undefined when the objective has none. */
  rejectedInput: RejectedInputKind | undefined;
  /** Paper-default values of the knobs this objective exposes. */
  defaults: Readonly<KnobsByObjective[N]>;
}

const { beta, betaVr, betaEr, gammaTpd, lambdaAv } = PAPER_KNOBS;

/** The registry: one entry per objective name. */
export const OBJECTIVES: { readonly [N in ObjectiveName]: ObjectiveInfo<N> } = {
  'naive-dpo': {
    name: 'naive-dpo',
    title: 'Naive-DPO',
    equation: 'Eq. (3)',
    rejectedResponses: ['random-of-yVr-yEr'],
    rejectedInput: undefined,
    defaults: { beta },
  },
  'vista-dpo': {
    name: 'vista-dpo',
    title: 'Vista-DPO†',
    equation: 'Eqs. (4) + (6)',
    rejectedResponses: ['yVr', 'yEr'],
    rejectedInput: 'both-diff-emotion',
    defaults: { beta, betaVr, betaEr, lambdaAv },
  },
  'avem-dpo': {
    name: 'avem-dpo',
    title: 'AVEm-DPO',
    equation: 'Eq. (9) = Eq. (10) + λ_av·Eq. (5)',
    rejectedResponses: ['yVr', 'yEr'],
    rejectedInput: 'pmp-diff-emotion',
    defaults: { beta, betaVr, betaEr, gammaTpd, lambdaAv },
  },
  'avem-dpo-no-pmp': {
    name: 'avem-dpo-no-pmp',
    title: 'w/o PMP',
    equation: 'Eq. (10)',
    rejectedResponses: ['yVr', 'yEr'],
    rejectedInput: undefined,
    defaults: { beta, betaVr, betaEr, gammaTpd },
  },
  'avem-dpo-no-erp': {
    name: 'avem-dpo-no-erp',
    title: 'w/o ERP',
    equation: 'Eq. (11) = Eq. (8) + λ_av·Eq. (5)',
    // The paper does not say which single rejected response w/o ERP uses; we pick one of
    // y_vr / y_er per sample, as Naive-DPO does (D.3).
    rejectedResponses: ['random-of-yVr-yEr'],
    rejectedInput: 'pmp-diff-emotion',
    defaults: { beta, gammaTpd, lambdaAv },
  },
  'avem-dpo-no-tpd': {
    name: 'avem-dpo-no-tpd',
    title: 'w/o TPD',
    equation: 'Eq. (12) = Eq. (6) + λ_av·Eq. (5)',
    rejectedResponses: ['yVr', 'yEr'],
    rejectedInput: 'pmp-diff-emotion',
    defaults: { beta, betaVr, betaEr, lambdaAv },
  },
};

export const OBJECTIVE_NAMES = Object.keys(OBJECTIVES) as ObjectiveName[];

/** A typed objective choice: the name plus any of its own knobs (the rest take paper defaults). */
export type ObjectiveConfig = {
  [N in ObjectiveName]: { name: N } & Partial<KnobsByObjective[N]>;
}[ObjectiveName];

type ResolvedConfig = { [N in ObjectiveName]: { name: N } & KnobsByObjective[N] }[ObjectiveName];

/** A ready-to-use objective. */
export interface Objective {
  name: ObjectiveName;
  title: string;
  equation: string;
  /** The resolved knobs this objective exposes. */
  knobs: Readonly<Partial<ObjectiveKnobs>>;
  /** The `avemDpoLoss` options they map to. */
  options: Readonly<AvemDpoOptions>;
  /** The log-probs the trainer must compute. */
  needs: LogpNeeds;
  /** `avemDpoLoss(lp, options)`. */
  loss(lp: PreferenceLogps): LossResult;
}

function assertNever(x: never): never {
  throw new Error(`unknown objective ${JSON.stringify(x)}`);
}

/** Maps an objective's knobs to `avemDpoLoss` options. */
function lossOptions(c: ResolvedConfig): AvemDpoOptions {
  switch (c.name) {
    case 'naive-dpo': // Eq. (3)
      return { beta: c.beta, rejectedWeights: [1], gammaTpd: 0, lambdaAv: 0 };
    case 'vista-dpo': // Eqs. (4) + (6)
      return { beta: c.beta, rejectedWeights: [c.betaVr, c.betaEr], gammaTpd: 0, lambdaAv: c.lambdaAv };
    case 'avem-dpo': // Eq. (9)
      return { beta: c.beta, rejectedWeights: [c.betaVr, c.betaEr], gammaTpd: c.gammaTpd, lambdaAv: c.lambdaAv };
    case 'avem-dpo-no-pmp': // Eq. (10)
      return { beta: c.beta, rejectedWeights: [c.betaVr, c.betaEr], gammaTpd: c.gammaTpd, lambdaAv: 0 };
    case 'avem-dpo-no-erp': // Eq. (11)
      return { beta: c.beta, rejectedWeights: [1], gammaTpd: c.gammaTpd, lambdaAv: c.lambdaAv };
    case 'avem-dpo-no-tpd': // Eq. (12)
      return { beta: c.beta, rejectedWeights: [c.betaVr, c.betaEr], gammaTpd: 0, lambdaAv: c.lambdaAv };
    default:
      return assertNever(c);
  }
}

function checkKnob(name: ObjectiveName, key: keyof ObjectiveKnobs, v: unknown): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new Error(`objective ${name}: ${key} must be a finite number, got ${String(v)}`);
  }
  if (key === 'beta' ? v <= 0 : v < 0) {
    throw new Error(`objective ${name}: ${key} must be ${key === 'beta' ? '>' : '≥'} 0, got ${v}`);
  }
}

/**
 * Builds a named objective with paper defaults for every knob not given.
 * Throws on an unknown name, a knob the objective does not expose (e.g. `gammaTpd` for
 * `naive-dpo`), a non-finite or negative knob, or β_vr + β_er ≠ 1 (Eq. 6).
 */
export function buildObjective(config: ObjectiveName | ObjectiveConfig): Objective {
  const cfg: { name: string } & Record<string, unknown> = typeof config === 'string' ? { name: config } : config;
  const info = (OBJECTIVES as Record<string, ObjectiveInfo<ObjectiveName> | undefined>)[cfg.name];
  if (info === undefined) {
    throw new Error(`unknown objective '${cfg.name}'; known: ${OBJECTIVE_NAMES.join(', ')}`);
  }
  const name = info.name;
  const allowed = Object.keys(info.defaults) as (keyof ObjectiveKnobs)[];
  const knobs: Record<string, number> = { ...info.defaults };
  for (const [key, v] of Object.entries(cfg)) {
    if (key === 'name' || v === undefined) continue;
    if (!(allowed as string[]).includes(key)) {
      throw new Error(`objective ${name} has no knob '${key}' (its knobs: ${allowed.join(', ')})`);
    }
    checkKnob(name, key as keyof ObjectiveKnobs, v);
    knobs[key] = v as number;
  }
  if (allowed.includes('betaVr')) {
    const sum = (knobs.betaVr as number) + (knobs.betaEr as number);
    if (Math.abs(sum - 1) > 1e-9) {
      throw new Error(`objective ${name}: betaVr + betaEr must be 1 (Eq. 6), got ${knobs.betaVr} + ${knobs.betaEr}`);
    }
  }
  const options = lossOptions({ ...knobs, name } as ResolvedConfig);
  const needs: LogpNeeds = {
    rejectedResponses: info.rejectedResponses,
    rejectedInput: options.lambdaAv > 0 ? info.rejectedInput : undefined,
    textPrior: options.gammaTpd > 0,
  };
  return {
    name,
    title: info.title,
    equation: info.equation,
    knobs: Object.freeze(knobs),
    options: Object.freeze({ ...options, rejectedWeights: [...options.rejectedWeights] }),
    needs,
    loss: (lp) => avemDpoLoss(lp, options),
  };
}
