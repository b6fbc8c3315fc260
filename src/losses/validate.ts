/**
 * Input checks for the losses. Every error names the function and the offending field,
 * e.g. `avemDpoLoss: refRejected[1] has shape [3], expected [4] (B from policyChosen)`.
 */
import type { Tensor } from '@tensorflow/tfjs';
import type { AvemDpoOptions, DpoLogps, PreferenceLogps } from './types';

function fail(fn: string, msg: string): never {
  throw new Error(`${fn}: ${msg}`);
}

/** Checks that `t` is a live float32 tensor of shape [B] (B taken from `policyChosen` when undefined). */
function checkVector(fn: string, field: string, t: unknown, batch: number | undefined): number {
  if (t === undefined || t === null) fail(fn, `${field} is missing`);
  const x = t as Tensor;
  if (typeof x !== 'object' || !Array.isArray(x.shape) || typeof x.dtype !== 'string') {
    fail(fn, `${field} is not a tensor`);
  }
  if (x.isDisposed) fail(fn, `${field} is disposed`);
  if (x.dtype !== 'float32') fail(fn, `${field} has dtype ${x.dtype}, expected float32`);
  const where = batch === undefined ? '' : ` (B from policyChosen)`;
  const expected = batch === undefined ? '[B]' : `[${batch}]`;
  if (x.rank !== 1) fail(fn, `${field} has shape [${x.shape.join(', ')}], expected ${expected}${where}`);
  const b = x.shape[0] as number;
  if (b < 1) fail(fn, `${field} is empty (shape [0])`);
  if (batch !== undefined && b !== batch) fail(fn, `${field} has shape [${b}], expected [${batch}]${where}`);
  return b;
}

function checkVectorList(fn: string, field: string, ts: unknown, batch: number, count: number): void {
  if (!Array.isArray(ts)) fail(fn, `${field} must be an array of [B] tensors`);
  if (ts.length !== count) fail(fn, `${field} has ${ts.length} entries, expected ${count} (one per rejected response)`);
  ts.forEach((t, i) => checkVector(fn, `${field}[${i}]`, t, batch));
}

function checkNumber(fn: string, field: string, v: unknown, min: number, strict: boolean): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(fn, `${field} must be a finite number, got ${String(v)}`);
  if (strict ? v <= min : v < min) fail(fn, `${field} must be ${strict ? '>' : '≥'} ${min}, got ${v}`);
}

/** Validates the options and log-probs of `avemDpoLoss`; returns B. */
export function checkAvemDpoInputs(fn: string, lp: PreferenceLogps, opts: AvemDpoOptions): number {
  checkNumber(fn, 'opts.beta', opts.beta, 0, true);
  checkNumber(fn, 'opts.gammaTpd', opts.gammaTpd, 0, false);
  checkNumber(fn, 'opts.lambdaAv', opts.lambdaAv, 0, false);
  if (!Array.isArray(opts.rejectedWeights) || opts.rejectedWeights.length === 0) {
    fail(fn, 'opts.rejectedWeights must be a non-empty array (one weight per rejected response)');
  }
  opts.rejectedWeights.forEach((w, i) => checkNumber(fn, `opts.rejectedWeights[${i}]`, w, 0, false));

  const batch = checkVector(fn, 'policyChosen', lp.policyChosen, undefined);
  const k = opts.rejectedWeights.length;
  if (!Array.isArray(lp.policyRejected)) fail(fn, 'policyRejected must be an array of [B] tensors');
  if (lp.policyRejected.length !== k) {
    fail(fn, `opts.rejectedWeights has ${k} entries but policyRejected has ${lp.policyRejected.length}`);
  }
  checkVectorList(fn, 'policyRejected', lp.policyRejected, batch, k);
  checkVector(fn, 'refChosen', lp.refChosen, batch);
  checkVectorList(fn, 'refRejected', lp.refRejected, batch, k);

  const needText = opts.gammaTpd > 0;
  const because = (knob: string, v: number): string => ` (required because ${knob} = ${v} > 0)`;
  if (needText || lp.textChosen !== undefined) {
    if (lp.textChosen === undefined) fail(fn, `textChosen is missing${because('opts.gammaTpd', opts.gammaTpd)}`);
    checkVector(fn, 'textChosen', lp.textChosen, batch);
  }
  if (needText || lp.textRejected !== undefined) {
    if (lp.textRejected === undefined) fail(fn, `textRejected is missing${because('opts.gammaTpd', opts.gammaTpd)}`);
    checkVectorList(fn, 'textRejected', lp.textRejected, batch, k);
  }

  const needInput = opts.lambdaAv > 0;
  for (const field of ['policyChosenRejectedInput', 'refChosenRejectedInput'] as const) {
    const t = lp[field];
    if (t === undefined) {
      if (needInput) fail(fn, `${field} is missing${because('opts.lambdaAv', opts.lambdaAv)}`);
      continue;
    }
    checkVector(fn, field, t, batch);
  }
  return batch;
}

/** Validates the options and log-probs of `dpoLoss`; returns B. */
export function checkDpoInputs(fn: string, lp: DpoLogps, beta: number): number {
  checkNumber(fn, 'opts.beta', beta, 0, true);
  const batch = checkVector(fn, 'policyChosen', lp.policyChosen, undefined);
  checkVector(fn, 'policyRejected', lp.policyRejected, batch);
  checkVector(fn, 'refChosen', lp.refChosen, batch);
  checkVector(fn, 'refRejected', lp.refRejected, batch);
  return batch;
}
