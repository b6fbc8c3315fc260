/**
 * The audiovisual LM (SPEC §4): projectors ("Our base" per-frame MLP, "EmotionLLaMA*"
 * attention pooling), a causal transformer with LoRA adapters, a text-only mode (π_text),
 * per-token and per-sequence log-probs, attention shares, multiple-choice scoring (plain and
 * by visual contrastive decoding) and greedy generation.
 */
export { Avlm } from './avlm';
export type { TokenLayout, TokenLogProbs } from './avlm';
export { avlmConfig, validateAvlmConfig, tokensPerModality, DEFAULT_AVLM_CONFIG, LORA_TARGETS, PROJECTOR_DEFAULTS } from './config';
export type {
  AvlmConfig,
  AvlmConfigOverrides,
  AttnPoolProjectorOptions,
  LoraOptions,
  LoraTarget,
  MlpProjectorOptions,
  ProjectorKind,
  ProjectorOptions,
} from './config';
export type { SequenceBatch, PreparedText } from './batch';
export { expandGroups, prepareGroups } from './grouped';
export type { GroupedBatch, PreparedGroups } from './grouped';
export { TRAINABLE_SETS } from './trainable';
export type { TrainableSet } from './trainable';
export type { ParamGroup } from './params';
export { saveAvlm, loadAvlm, loadAvlmWeights, readAvlmConfig } from './io';
export type { LoadWeightsOptions } from './io';
export { scoreChoices, stackFeatures, OPTION_SCORINGS, DEFAULT_CHOICE_OPTIONS } from './choices';
export type { ChoiceQuestion, ChoiceOptions, ChoiceResult, OptionScoring } from './choices';
export { scoreChoicesContrastive, DEFAULT_CONTRASTIVE_OPTIONS } from './contrastive';
export type { ContrastiveQuestion, ContrastiveOptions, ContrastiveResult } from './contrastive';
export {
  contrastiveTokenLogProb,
  contrastiveOptionScore,
  chooseContrastive,
  validateContrastiveKnobs,
  CONTRASTIVE_NORMALISERS,
  DEFAULT_CONTRASTIVE_KNOBS,
} from './contrastiveScore';
export type { ContrastiveKnobs, ContrastiveNormaliser } from './contrastiveScore';
export { generateGreedy } from './generate';
export type { GenerateInput, GenerateOptions } from './generate';
export { attentionShares } from './attention';
export type { AttentionQueries, AttentionShares } from './attention';
