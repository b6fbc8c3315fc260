/**
 * Benchmark questions for visual contrastive decoding (the paper's Table 5, last row): each
 * question's contrast input is its clip diffused as the `diffused` rejected input of
 * Table 17 (both modalities, "diffused audiovisual inputs"), restricted to the modalities
 * the question shows. Score them with `scoreChoicesContrastive`.
 */
import { diffuseClip, type DiffusionKnobs, type FeatureSource } from '../data';
import type { EmoRealmItem } from '../formats';
import type { ChoiceQuestion, ContrastiveQuestion } from '../model';
import { Rng } from '../random';

/**
 * `questions[i]` (the token question of `items[i]`, e.g. from `benchmarkQuestions`) with the
 * contrast input of `items[i]`: its clip's features diffused with noise from
 * `new Rng(seed).fork(item.id)`. Deterministic in `seed`, independent of the item order.
 */
export function contrastiveBenchmarkQuestions(
  items: readonly EmoRealmItem[],
  questions: readonly ChoiceQuestion[],
  features: FeatureSource,
  diffusion: DiffusionKnobs,
  seed: number,
): ContrastiveQuestion[] {
  if (items.length !== questions.length) throw new Error(`contrastiveBenchmarkQuestions: ${items.length} items but ${questions.length} questions`);
  return questions.map((q, i) => {
    const item = items[i] as EmoRealmItem;
    const noised = diffuseClip(features.get(item.video), diffusion, new Rng(seed).fork(String(item.id)));
    return { ...q, contrast: { audio: q.audio === undefined ? undefined : noised.audio, video: q.video === undefined ? undefined : noised.video } };
  });
}
