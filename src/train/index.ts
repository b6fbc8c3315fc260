/**
 * Training: AdamW with clipping and a warm-up + cosine schedule, a generic resumable loop
 * (batch + step function) with checkpoints, and the stages that build the reference models.
 * The run cache lives in `src/runs` (re-exported here for the stages' callers).
 */
export { AdamW, DEFAULT_ADAMW } from './optimizer';
export type { AdamWOptions } from './optimizer';
export { learningRate } from './schedule';
export type { ScheduleOptions } from './schedule';
export { stableStringify, configHash, defaultRunsRoot, runDir, isFinished, cachedRun, tryCachedRun } from '../runs';
export type { RunDir, CachedRun, CachedRunOptions } from '../runs';
export { batchPlan, toBatch, stackFrames } from './examples';
export type { BatchPlan, TokenExample } from './examples';
export { trainLoop, trainTokenModel, nllLoss, nllStep, disposeSequenceBatch } from './loop';
export type { LoopOptions, LoopSummary, StepFn, StepOutput, TokenLoopOptions, TrainTask } from './loop';
export { saveLoopCheckpoint, loadLoopCheckpoint } from './checkpointing';
export type { LoopCheckpoint } from './checkpointing';
export { runStage, MODEL_DIR } from './stage';
export type { StageConfig, StageOptions, StageResult, StageRun, StageSpec } from './stage';
export {
  REFERENCE_NAMES,
  TRAIN_CODE_VERSION,
  DEFAULT_PRETRAIN,
  DEFAULT_SFT,
  defaultReferenceBuildConfig,
  quickReferenceBuildConfig,
  referenceModelConfig,
  buildReferences,
  referenceStageConfigs,
  datasetsFor,
  FeatureCache,
  pretrainExamples,
  sftExamples,
} from './references';
export type { ReferenceName, ReferenceBuildConfig, PretrainTarget, BuildOptions, ReferenceBuild, ReferenceStageConfigs } from './references';
export { WORLD_VERSIONS, DEFAULT_WORLD_VERSION, WORLD_VERSION_SUMMARY, worldBuildConfig, parseWorldVersion } from './worlds';
export type { WorldVersion, WorldBuildOptions } from './worlds';
export * from './preference';
