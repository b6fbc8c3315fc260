/**
 * The queue's job: one run of an experiment, `{ v: 1, spec, build }`, under the job id
 * `run-<hash>` where hash is `configHash(runKey(spec, build))` (the name of the run's result
 * directory; BullMQ refuses ids that parse as integers, hence the prefix).
 *
 * A worker acts on nothing it has not checked here first: the spec against the `RunSpec`
 * union (every key, every value's type and range), the build config against the shape of the
 * defaults (`ReferenceBuildConfig`: the same keys and kinds at every path, the model config
 * validated by `avlmConfig`). A payload names no file and carries no code; paths (the cache
 * directory) come only from the worker's own command line.
 */
import { parseOverride } from '../config';
import { defaultGenerateConfig } from '../data';
import type { OptionScorer } from '../experiments/evaluate';
import type { RunSpec } from '../experiments/runSpec';
import { OBJECTIVE_NAMES, type ObjectiveName } from '../losses';
import {
  avlmConfig,
  DEFAULT_AVLM_CONFIG,
  PROJECTOR_DEFAULTS,
  TRAINABLE_SETS,
  type AvlmConfigOverrides,
  type ProjectorKind,
  type ProjectorOptions,
} from '../model';
import { DEFAULT_PRETRAIN, DEFAULT_SFT, REFERENCE_NAMES, type ReferenceBuildConfig, type ReferenceName } from '../train';
import { asRecord, checkJson, conform, exactKeys, fail, PayloadError } from './json';

/** The name of every job of the queue. */
export const RUN_JOB_NAME = 'run';

/** The data of a job. */
export interface RunJobData {
  /** Payload version. */
  v: 1;
  spec: RunSpec;
  build: ReferenceBuildConfig;
}

/** The job id of the run whose result directory is `result-<hash>`. */
export function jobIdOf(hash: string): string {
  return `run-${hash}`;
}

/** A payload larger than this (as JSON) is refused unread. */
export const MAX_PAYLOAD_BYTES = 1 << 20;
const MAX_OVERRIDES = 64;
const MAX_OVERRIDE_LENGTH = 512;
const MAX_SEED = 2 ** 32 - 1;

function oneOf<T extends string>(v: unknown, values: readonly T[], where: string): T {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) fail(where, `expected one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

function seedOf(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_SEED) fail(where, `expected an integer in [0, 2^32 − 1], got ${JSON.stringify(v)}`);
  return v;
}

function finite(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(where, `expected a finite number, got ${JSON.stringify(v)}`);
  return v;
}

function scorerOf(v: unknown, where: string): OptionScorer {
  const o = asRecord(v, where);
  const kind = oneOf(o['kind'], ['likelihood', 'contrastive'] as const, `${where}.kind`);
  if (kind === 'likelihood') {
    exactKeys(o, ['kind'], where);
    return { kind };
  }
  exactKeys(o, ['kind', 'alpha', 'beta', 'noiseSeed'], where);
  return {
    kind,
    alpha: finite(o['alpha'], `${where}.alpha`),
    beta: finite(o['beta'], `${where}.beta`),
    noiseSeed: seedOf(o['noiseSeed'], `${where}.noiseSeed`),
  };
}

function overridesOf(v: unknown, where: string): string[] {
  if (!Array.isArray(v)) fail(where, 'expected an array of path=value strings');
  if (v.length > MAX_OVERRIDES) fail(where, `more than ${MAX_OVERRIDES} overrides`);
  return v.map((s: unknown, i) => {
    const at = `${where}[${i}]`;
    if (typeof s !== 'string' || s.length > MAX_OVERRIDE_LENGTH) fail(at, `expected a path=value string of at most ${MAX_OVERRIDE_LENGTH} characters`);
    try {
      parseOverride(s);
    } catch (e) {
      fail(at, (e as Error).message);
    }
    return s;
  });
}

/** `v` checked against the `RunSpec` union, rebuilt from its checked fields. */
export function validateRunSpec(v: unknown, where = 'spec'): RunSpec {
  const o = asRecord(v, where);
  const kind = oneOf(o['kind'], ['reference', 'preference'] as const, `${where}.kind`);
  const reference: ReferenceName = oneOf(o['reference'], REFERENCE_NAMES, `${where}.reference`);
  const seed = seedOf(o['seed'], `${where}.seed`);
  if (kind === 'reference') {
    exactKeys(o, ['kind', 'reference', 'seed', 'scorer'], where);
    return { kind, reference, seed, scorer: scorerOf(o['scorer'], `${where}.scorer`) };
  }
  exactKeys(o, ['kind', 'reference', 'seed', 'objective', 'set'], where);
  const objective: ObjectiveName = oneOf(o['objective'], OBJECTIVE_NAMES, `${where}.objective`);
  return { kind, reference, seed, objective, set: overridesOf(o['set'], `${where}.set`) };
}

/** Every key either projector kind has, for the partial `model.projector` override. */
const ANY_PROJECTOR: Record<string, unknown> = { ...PROJECTOR_DEFAULTS.mlp, ...PROJECTOR_DEFAULTS.attnpool };

function projectorOf(v: unknown, where: string): ProjectorOptions {
  const o = asRecord(v, where);
  const kind: ProjectorKind = oneOf(o['kind'], Object.keys(PROJECTOR_DEFAULTS) as ProjectorKind[], `${where}.kind`);
  conform(o, PROJECTOR_DEFAULTS[kind], where);
  return o as unknown as ProjectorOptions;
}

/**
 * `v` checked against the shape of `ReferenceBuildConfig`: `data`, `pretrain` and `sft` with
 * exactly the defaults' keys and kinds, `model` a subset of the model config (then validated by
 * `avlmConfig`), one projector per reference. Returns `v` typed.
 */
export function validateBuildConfig(v: unknown, where = 'build'): ReferenceBuildConfig {
  const o = asRecord(v, where);
  exactKeys(o, ['data', 'model', 'projectors', 'pretrain', 'sft'], where);
  checkJson(o, where);
  conform(o['data'], defaultGenerateConfig(), `${where}.data`);
  conform(o['pretrain'], DEFAULT_PRETRAIN, `${where}.pretrain`);
  conform(o['sft'], DEFAULT_SFT, `${where}.sft`);
  const pretrain = asRecord(o['pretrain'], `${where}.pretrain`);
  oneOf(pretrain['trainable'], TRAINABLE_SETS, `${where}.pretrain.trainable`);
  oneOf(pretrain['target'], ['all', 'response'] as const, `${where}.pretrain.target`);
  oneOf(asRecord(o['sft'], `${where}.sft`)['trainable'], TRAINABLE_SETS, `${where}.sft.trainable`);
  conform(o['model'], { ...DEFAULT_AVLM_CONFIG, projector: ANY_PROJECTOR }, `${where}.model`, true);
  try {
    avlmConfig(o['model'] as AvlmConfigOverrides);
  } catch (e) {
    fail(`${where}.model`, (e as Error).message);
  }
  const projectors = asRecord(o['projectors'], `${where}.projectors`);
  exactKeys(projectors, REFERENCE_NAMES, `${where}.projectors`);
  for (const r of REFERENCE_NAMES) projectorOf(projectors[r], `${where}.projectors.${r}`);
  return o as unknown as ReferenceBuildConfig;
}

/** A job's data checked before anything acts on it (a {@link PayloadError} names what is wrong). */
export function validateJobData(v: unknown): RunJobData {
  let size: number;
  try {
    size = JSON.stringify(v)?.length ?? 0;
  } catch {
    throw new PayloadError('job: the payload is not JSON');
  }
  if (size > MAX_PAYLOAD_BYTES) throw new PayloadError(`job: the payload has ${size} bytes, more than ${MAX_PAYLOAD_BYTES}`);
  const o = asRecord(v, 'job');
  exactKeys(o, ['v', 'spec', 'build'], 'job');
  if (o['v'] !== 1) fail('job.v', `payload version ${JSON.stringify(o['v'])} is not 1`);
  return { v: 1, spec: validateRunSpec(o['spec'], 'job.spec'), build: validateBuildConfig(o['build'], 'job.build') };
}
