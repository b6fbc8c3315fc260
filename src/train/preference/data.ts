/**
 * The preference data as the trainer sees it: each sample tokenised, with its chosen input
 * (a_w, v_w) and, when the objective has an input term, its rejected input (a_l, v_l) of the
 * configured kind (Table 17); the held-out split; the per-sample rejected-response picks.
 */
import { createHash } from 'crypto';
import { rejectedInput, type Datasets, type DiffusionKnobs, type GenerateConfig, type PreferenceSample, type Tokenizer } from '../../data';
import type { RejectedInputKind, RejectedResponseSource } from '../../losses';
import { Rng } from '../../random';
import { stableStringify } from '../../runs';
import type { ClipFeatures, ClipSpec, WorldConfig } from '../../world';
import { FeatureCache } from '../references';

/** The preference source's samples and what their features are rendered from. */
export interface PreferenceData {
  samples: readonly PreferenceSample[];
  clips: readonly ClipSpec[];
  world: WorldConfig;
  /** The diffused rejected input's noise (Table 17 "Diffuse"). */
  diffusion: DiffusionKnobs;
}

/** A concrete response of a sample. */
export type ResponseName = 'yW' | 'yVr' | 'yEr' | 'yIrr';
export const RESPONSE_NAMES: readonly ResponseName[] = ['yW', 'yVr', 'yEr', 'yIrr'];

export interface PreferenceItem {
  id: string;
  prompt: number[];
  responses: Record<ResponseName, number[]>;
  /** (a_w, v_w), frames flattened `[frames · featDim]`. */
  chosen: ClipFeatures;
  /** (a_l, v_l) of the run's rejected-input kind; undefined without an input term. */
  rejected?: ClipFeatures;
}

/** SHA-256 of everything the items are made of (samples, clips, world, diffusion). */
export function preferenceDataDigest(d: PreferenceData): string {
  return createHash('sha256')
    .update(stableStringify({ samples: d.samples, clips: d.clips, world: d.world, diffusion: d.diffusion }))
    .digest('hex');
}

/** Tokenised items, in sample order, with rendered features (and rejected inputs of `kind`). */
export function encodePreferenceItems(d: PreferenceData, tok: Tokenizer, kind: RejectedInputKind | undefined): PreferenceItem[] {
  const features = new FeatureCache(d.world).add(d.clips);
  return d.samples.map((s) => ({
    id: s.id,
    prompt: tok.encodePrompt(s.prompt),
    responses: { yW: tok.encodeResponse(s.yW), yVr: tok.encodeResponse(s.yVr), yEr: tok.encodeResponse(s.yEr), yIrr: tok.encodeResponse(s.yIrr) },
    chosen: features.get(s.clipId),
    rejected: kind === undefined ? undefined : rejectedInput(s, kind, features, d.diffusion),
  }));
}

/** True when sample `id` is in the held-out split: a fixed hash of the id, the same for every run and seed. */
export function isHeldOut(id: string, fraction: number): boolean {
  const h = createHash('sha256').update(`held-out:${id}`).digest();
  return h.readUInt32BE(0) / 2 ** 32 < fraction;
}

/** Indices of the training and held-out samples. */
export function splitHeldOut(items: readonly { id: string }[], fraction: number): { train: number[]; heldOut: number[] } {
  const train: number[] = [];
  const heldOut: number[] = [];
  items.forEach((it, i) => (isHeldOut(it.id, fraction) ? heldOut : train).push(i));
  return { train, heldOut };
}

/**
 * The concrete rejected responses of every sample, in weight order. `random-of-yVr-yEr`
 * (Naive-DPO, w/o ERP; paper D.3) is one of y_vr / y_er per sample, drawn uniformly from
 * `Rng(seed).fork('random-of-yVr-yEr')` in sample order: reproducible from the seed.
 */
export function rejectedPicks(n: number, sources: readonly RejectedResponseSource[], seed: number): ResponseName[][] {
  const rng = new Rng(seed).fork('random-of-yVr-yEr');
  return Array.from({ length: n }, () =>
    sources.map((s): ResponseName => {
      switch (s) {
        case 'random-of-yVr-yEr':
          return rng.bernoulli(0.5) ? 'yVr' : 'yEr';
        case 'yVr':
        case 'yEr':
        case 'yIrr':
          return s;
      }
    }),
  );
}

/** The concrete responses any sample may need on (a_w, v_w): y_w and every possible pick. */
export function responsesNeeded(sources: readonly RejectedResponseSource[]): ResponseName[] {
  const names = new Set<ResponseName>(['yW']);
  for (const s of sources) for (const n of s === 'random-of-yVr-yEr' ? (['yVr', 'yEr'] as const) : [s]) names.add(n);
  return RESPONSE_NAMES.filter((n) => names.has(n));
}

/** The preference data of generated datasets. */
export function preferenceDataOf(d: Datasets, cfg: GenerateConfig): PreferenceData {
  return { samples: d.preference.samples, clips: d.preference.clips, world: cfg.world, diffusion: cfg.corpus.diffusion };
}
