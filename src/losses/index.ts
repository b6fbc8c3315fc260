/**
 * Loss library: DPO (Eq. 3), AVEm-DPO (Eqs. 4–12) and the named objectives of the
 * experiments. Pure functions of per-sequence log-probs (`Tensor1D` of shape [B]).
 */
export { avemDpoLoss } from './avemDpo';
export { dpoLoss } from './dpo';
export type { DpoOptions } from './dpo';
export { stopGradient, negLogSigmoid } from './ops';
export { METRIC_NAMES } from './types';
export type { AvemDpoOptions, DpoLogps, LossMetrics, LossResult, MetricName, PreferenceLogps } from './types';
export { OBJECTIVES, OBJECTIVE_NAMES, PAPER_KNOBS, buildObjective } from './objectives';
export type {
  KnobsByObjective,
  LogpNeeds,
  Objective,
  ObjectiveConfig,
  ObjectiveInfo,
  ObjectiveKnobs,
  ObjectiveName,
  RejectedResponseSource,
} from './objectives';
export { REJECTED_INPUT_SOURCES, REJECTED_INPUT_FORMS, REJECTED_INPUT_KINDS, parseRejectedInputKind } from './rejectedInput';
export type { RejectedInputForm, RejectedInputKind, RejectedInputSource } from './rejectedInput';
