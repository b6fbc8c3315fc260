/**
 * Frozen log-probs: π_ref and π_text never change during preference optimisation, so their
 * log-probs of every sample are computed once and cached on disk (`src/runs`), keyed by the
 * reference run's hash, the data digest, the needs and the backend.
 *
 * π_text is the reference's LM run without AV tokens (paper §4: "the language model backbone
 * in π_ref"); nothing here is differentiated, so its gradient is stopped by construction (and
 * again by the loss, which wraps reference and text log-probs in a zero-gradient identity).
 */
import * as tf from '@tensorflow/tfjs';
import type { RejectedInputKind } from '../../losses';
import type { Avlm, GroupedBatch } from '../../model';
import { cachedRun } from '../../runs';
import { stackFrames } from '../examples';
import type { PreferenceItem, ResponseName } from './data';

/** Which frozen log-probs a run needs. */
export interface FrozenNeeds {
  /** Responses scored on (a_w, v_w, x) by π_ref (and by π_text when `textPrior`). */
  responses: ResponseName[];
  /** y_w scored on (a_l, v_l, x) by π_ref, for this rejected-input kind. */
  rejectedInput: RejectedInputKind | undefined;
  textPrior: boolean;
}

/** Per item (in item order) log-probs: Σ over response tokens of log p. */
export interface FrozenLogps {
  /** log π_ref(y | a_w, v_w, x). */
  ref: Partial<Record<ResponseName, Float32Array>>;
  /** log π_ref(y_w | a_l, v_l, x). */
  refRejectedInput?: Float32Array;
  /** log π_text(y | x). */
  text?: Partial<Record<ResponseName, Float32Array>>;
}

/** The reference model and the hash of the run that produced it. */
export interface ReferenceModel {
  model: Avlm;
  hash: string;
}

const CHUNK = 32;

/** `[B]` log-probs of one response per item, on the given features (both, or none: π_text). */
function score(model: Avlm, items: PreferenceItem[], names: ResponseName[], features: 'chosen' | 'rejected' | 'none'): Float32Array[] {
  const c = model.config;
  const b = items.length;
  return tf.tidy(() => {
    const frames = (pick: (it: PreferenceItem) => Float32Array, n: number) => stackFrames(items.map(pick), n, c.featDim);
    const clip = (it: PreferenceItem) => (features === 'rejected' ? it.rejected! : it.chosen);
    const batch: GroupedBatch = {
      audio: features === 'none' ? undefined : frames((it) => clip(it).audio, c.nAudioFrames), // [B, nA, f]
      video: features === 'none' ? undefined : frames((it) => clip(it).video, c.nVideoFrames), // [B, nV, f]
      prompts: items.map((it) => it.prompt),
      responses: names.flatMap((n) => items.map((it) => it.responses[n])),
      groupOf: names.flatMap(() => items.map((_, i) => i)),
    };
    const all = model.groupedSequenceLogProbs(batch).dataSync() as Float32Array; // [names · B]
    return names.map((_, k) => all.slice(k * b, (k + 1) * b));
  });
}

/** Computes the frozen log-probs of `items` (forward only, in chunks). */
export function computeFrozenLogps(reference: Avlm, items: PreferenceItem[], needs: FrozenNeeds): FrozenLogps {
  const n = items.length;
  const names = needs.responses;
  const alloc = () => Object.fromEntries(names.map((k) => [k, new Float32Array(n)])) as Record<ResponseName, Float32Array>;
  const out: FrozenLogps = { ref: alloc() };
  if (needs.rejectedInput !== undefined) out.refRejectedInput = new Float32Array(n);
  if (needs.textPrior) out.text = alloc();
  for (let lo = 0; lo < n; lo += CHUNK) {
    const chunk = items.slice(lo, lo + CHUNK);
    score(reference, chunk, names, 'chosen').forEach((v, k) => out.ref[names[k]!]!.set(v, lo));
    if (out.refRejectedInput !== undefined) out.refRejectedInput.set(score(reference, chunk, ['yW'], 'rejected')[0]!, lo);
    if (out.text !== undefined) score(reference, chunk, names, 'none').forEach((v, k) => out.text![names[k]!]!.set(v, lo));
  }
  return out;
}

type FrozenJson = { ref: Record<string, number[]>; refRejectedInput?: number[]; text?: Record<string, number[]> };

const toJson = (f: FrozenLogps): FrozenJson => ({
  ref: Object.fromEntries(Object.entries(f.ref).map(([k, v]) => [k, Array.from(v!)])),
  refRejectedInput: f.refRejectedInput === undefined ? undefined : Array.from(f.refRejectedInput),
  text: f.text === undefined ? undefined : Object.fromEntries(Object.entries(f.text).map(([k, v]) => [k, Array.from(v!)])),
});

const fromJson = (j: FrozenJson): FrozenLogps => ({
  ref: Object.fromEntries(Object.entries(j.ref).map(([k, v]) => [k, Float32Array.from(v)])),
  refRejectedInput: j.refRejectedInput === undefined ? undefined : Float32Array.from(j.refRejectedInput),
  text: j.text === undefined ? undefined : Object.fromEntries(Object.entries(j.text).map(([k, v]) => [k, Float32Array.from(v)])),
});

/**
 * The frozen log-probs from the run cache (`<root>/frozen-logps-<hash>/`), computed on first
 * use. Float32 values survive the JSON round trip exactly.
 */
export async function cachedFrozenLogps(
  root: string,
  reference: ReferenceModel,
  items: PreferenceItem[],
  dataDigest: string,
  needs: FrozenNeeds,
): Promise<FrozenLogps> {
  const key = { kind: 'frozen-logps', reference: reference.hash, data: dataDigest, needs, backend: tf.getBackend() };
  const out = await cachedRun<FrozenJson>(root, 'frozen-logps', key, async () => toJson(computeFrozenLogps(reference.model, items, needs)));
  return fromJson(out.result);
}
