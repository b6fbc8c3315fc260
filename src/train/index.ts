/**
 * Training: AdamW with clipping and a warm-up + cosine schedule, a resumable loop with
 * checkpoints, runs cached by config hash, and the stages that build the reference models.
 */
export { AdamW, DEFAULT_ADAMW } from './optimizer';
export type { AdamWOptions } from './optimizer';
export { learningRate } from './schedule';
export type { ScheduleOptions } from './schedule';
export { stableStringify, configHash } from './hash';
export { batchPlan, toBatch } from './examples';
export type { BatchPlan, TokenExample } from './examples';
export { trainLoop, nllLoss } from './loop';
export type { LoopOptions, LoopSummary } from './loop';
export { runStage } from './stage';
export type { StageOptions, StageResult, StageRun, StageSpec } from './stage';
export { defaultRunsRoot, runDir, isFinished } from './runs';
export type { RunDir } from './runs';
export {
  REFERENCE_NAMES,
  TRAIN_CODE_VERSION,
  DEFAULT_PRETRAIN,
  DEFAULT_SFT,
  defaultReferenceBuildConfig,
  referenceModelConfig,
  buildReferences,
  referenceStageConfigs,
  datasetsFor,
  FeatureCache,
  pretrainExamples,
  sftExamples,
} from './references';
export type { ReferenceName, ReferenceBuildConfig, PretrainTarget, BuildOptions, ReferenceBuild, ReferenceStageConfigs } from './references';
