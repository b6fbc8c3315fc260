/**
 * What a model consumes per example: features by clip key plus prompt and response ids.
 */
import type { ClipFeatures } from '../world';
import type { FeatureSource } from './rejected';
import { buildTokenizer, type Tokenizer } from './tokenizer';

export interface EncodedExample extends ClipFeatures {
  /** [BOS, …, SEP] */
  promptIds: number[];
  /** […, EOS] */
  responseIds: number[];
}

/** Features of `clipId` with the encoded prompt and response. */
export function encodeExample(
  ex: { clipId: string; prompt: string; response: string },
  features: FeatureSource,
  tokenizer: Tokenizer = buildTokenizer(),
): EncodedExample {
  const { audio, video } = features.get(ex.clipId);
  return { audio, video, promptIds: tokenizer.encodePrompt(ex.prompt), responseIds: tokenizer.encodeResponse(ex.response) };
}
