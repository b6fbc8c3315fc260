/**
 * Visual contrastive decoding (VCD; Leng et al., CVPR 2024) as a teacher-forced option
 * score, on plain logits arrays (no tensors). For each response token at position t with
 * original logits o = logits(· | a, v, x, y<t) and contrast logits n = logits(· | a', v', x, y<t)
 * (a', v' the diffused clip):
 *
 *   c_t = (1 + α) · o − α · n                                         (VCD Eq. 3)
 *   V_head(t) = { w : p_o(w) ≥ β · max_w' p_o(w') }                   (VCD Eq. 4, adaptive plausibility)
 *   log p_vcd(y_t) = −∞                         if y_t ∉ V_head(t)
 *                  = c_t[y_t] − logsumexp(c_t)  otherwise
 *
 * and the option's score is Σ_t log p_vcd(y_t). The plausibility test runs in log space,
 * o[y] − max(o) < log β, so it holds for logits of any scale (±1e3 included); β = 0 keeps
 * every token and β = 1 only the argmax. The normaliser of the log-softmax is a registry
 * (`CONTRASTIVE_NORMALISERS`): over the whole vocabulary (default), or over V_head only, as
 * VCD's released code does (implausible logits are set to −∞ before the softmax). With
 * α = 0 and the `vocab` normaliser a plausible token scores exactly its plain log-softmax.
 */

/** Which tokens the log-softmax of the contrasted logits normalises over. */
export const CONTRASTIVE_NORMALISERS = ['vocab', 'plausible'] as const;
export type ContrastiveNormaliser = (typeof CONTRASTIVE_NORMALISERS)[number];

export interface ContrastiveKnobs {
  /** α ≥ 0: weight of the contrast. 0 is plain scoring. Default 1 (VCD). */
  alpha: number;
  /** β ∈ [0, 1]: adaptive plausibility cutoff relative to the most probable token under the original input. Default 0.1 (VCD). */
  beta: number;
  /** `vocab`: log-softmax over the whole vocabulary (default); `plausible`: over V_head only (VCD's code). */
  normaliser: ContrastiveNormaliser;
}

export const DEFAULT_CONTRASTIVE_KNOBS: ContrastiveKnobs = { alpha: 1, beta: 0.1, normaliser: 'vocab' };

/** Throws on an α, β or normaliser outside its domain. */
export function validateContrastiveKnobs(k: ContrastiveKnobs): void {
  if (!(k.alpha >= 0) || !Number.isFinite(k.alpha)) throw new Error(`contrastive decoding: alpha must be a finite number ≥ 0, got ${k.alpha}`);
  if (!(k.beta >= 0 && k.beta <= 1)) throw new Error(`contrastive decoding: beta must lie in [0, 1], got ${k.beta}`);
  if (!CONTRASTIVE_NORMALISERS.includes(k.normaliser)) throw new Error(`contrastive decoding: unknown normaliser "${k.normaliser}"`);
}

function maxOf(x: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if ((x[i] as number) > m) m = x[i] as number;
  return m;
}

/**
 * log p_vcd of `target` at one position, from the original and contrast logits rows
 * (length V each): a finite log-probability, or −∞ when `target` fails the cutoff.
 */
export function contrastiveTokenLogProb(
  original: ArrayLike<number>,
  contrast: ArrayLike<number>,
  target: number,
  knobs: ContrastiveKnobs = DEFAULT_CONTRASTIVE_KNOBS,
): number {
  const v = original.length;
  if (contrast.length !== v) throw new Error(`contrastive decoding: ${v} original logits but ${contrast.length} contrast logits`);
  if (!Number.isInteger(target) || target < 0 || target >= v) throw new Error(`contrastive decoding: target ${target} outside [0, ${v})`);
  const logBeta = Math.log(knobs.beta); // −∞ at β = 0: no cutoff
  const oMax = maxOf(original);
  const plausible = (w: number): boolean => !((original[w] as number) - oMax < logBeta);
  if (!plausible(target)) return -Infinity;
  const c = new Float64Array(v); // c_t = (1 + α) o − α n
  for (let w = 0; w < v; w++) c[w] = (1 + knobs.alpha) * (original[w] as number) - knobs.alpha * (contrast[w] as number);
  const inNormaliser = knobs.normaliser === 'vocab' ? () => true : plausible;
  let cMax = -Infinity;
  for (let w = 0; w < v; w++) if (inNormaliser(w) && (c[w] as number) > cMax) cMax = c[w] as number;
  let sum = 0;
  for (let w = 0; w < v; w++) if (inNormaliser(w)) sum += Math.exp((c[w] as number) - cMax);
  return (c[target] as number) - (cMax + Math.log(sum)); // c[y] − logsumexp(c)
}

/**
 * Σ_t log p_vcd(y_t) over an option's tokens: `original[t]` and `contrast[t]` are the logits
 * rows that predict `targets[t]`. −∞ as soon as one token fails the cutoff.
 */
export function contrastiveOptionScore(
  original: ReadonlyArray<ArrayLike<number>>,
  contrast: ReadonlyArray<ArrayLike<number>>,
  targets: readonly number[],
  knobs: ContrastiveKnobs = DEFAULT_CONTRASTIVE_KNOBS,
): number {
  if (original.length !== targets.length || contrast.length !== targets.length) {
    throw new Error(`contrastive decoding: ${targets.length} targets but ${original.length} original and ${contrast.length} contrast rows`);
  }
  let s = 0;
  for (let t = 0; t < targets.length; t++)
    s += contrastiveTokenLogProb(original[t] as ArrayLike<number>, contrast[t] as ArrayLike<number>, targets[t] as number, knobs);
  return s;
}

/**
 * The chosen option from VCD scores and, when no option is finite (each has a token outside
 * V_head), from the fallback scores (the same contrast without the cutoff). Ties go to the
 * first option in both cases. `fallback` says whether the fallback decided.
 */
export function chooseContrastive(scores: readonly number[], fallbackScores: readonly number[]): { chosen: number; fallback: boolean } {
  const argmax = (s: readonly number[]): number => {
    let best = 0;
    for (let i = 1; i < s.length; i++) if ((s[i] as number) > (s[best] as number)) best = i;
    return best;
  };
  if (scores.some((s) => s > -Infinity)) return { chosen: argmax(scores), fallback: false };
  return { chosen: argmax(fallbackScores), fallback: true };
}
