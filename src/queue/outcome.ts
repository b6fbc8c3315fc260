/**
 * A worker's return value, checked by the coordinator before it becomes a result file: a
 * `RunOutcome` of exactly the run that was asked for, computed by the same code versions on
 * the same backend as the coordinator's (the ones its result directory is named after).
 */
import type { RunOutcome, RunSpec } from '../experiments/runSpec';
import type { ScoreResult } from '../experiments/scoreRun';
import { stableStringify } from '../runs';
import { asRecord, checkJson, exactKeys, fail } from './json';

/** What the coordinator's own result directory is named after, besides the spec and the build. */
export interface OutcomeExpectation {
  backend: string;
  code: RunOutcome['code'];
}

/** A result larger than this (as JSON) is refused. */
const MAX_OUTCOME_BYTES = 16 << 20;

/** `v` checked as the outcome of `spec` (a `PayloadError` names what is wrong). */
export function validateOutcome(v: unknown, spec: RunSpec, expected: OutcomeExpectation): RunOutcome {
  const where = 'result';
  const o = asRecord(v, where);
  exactKeys(o, ['spec', 'seed', 'backend', 'code', 'score', 'training', 'wallSeconds', 'finishedAt'], where);
  if ((JSON.stringify(o)?.length ?? 0) > MAX_OUTCOME_BYTES) fail(where, `larger than ${MAX_OUTCOME_BYTES} bytes`);
  checkJson(o, where);
  if (stableStringify(o['spec']) !== stableStringify(spec))
    fail(`${where}.spec`, `is ${stableStringify(o['spec'])}, not the run asked for (${stableStringify(spec)})`);
  if (o['seed'] !== spec.seed) fail(`${where}.seed`, `is ${JSON.stringify(o['seed'])}, not ${spec.seed}`);
  if (o['backend'] !== expected.backend)
    fail(`${where}.backend`, `computed on ${JSON.stringify(o['backend'])}, the coordinator's runs are named after ${expected.backend}`);
  if (stableStringify(o['code']) !== stableStringify(expected.code))
    fail(`${where}.code`, `code versions ${stableStringify(o['code'])} differ from the coordinator's ${stableStringify(expected.code)}`);
  asRecord(o['score'], `${where}.score`);
  if (o['training'] !== null) asRecord(o['training'], `${where}.training`);
  if (typeof o['wallSeconds'] !== 'number' || o['wallSeconds'] < 0) fail(`${where}.wallSeconds`, 'expected a non-negative number');
  if (typeof o['finishedAt'] !== 'string' || Number.isNaN(Date.parse(o['finishedAt']))) fail(`${where}.finishedAt`, 'expected an ISO date');
  return {
    spec,
    seed: spec.seed,
    backend: expected.backend,
    code: expected.code,
    score: o['score'] as ScoreResult,
    training: o['training'] as RunOutcome['training'],
    wallSeconds: o['wallSeconds'],
    finishedAt: o['finishedAt'],
  };
}
