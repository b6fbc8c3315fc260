/**
 * Preference optimisation (paper §4): every objective of the loss registry trained from a
 * reference model, with Table 17 / 18 variants as config overrides, frozen log-probs cached,
 * TRL metrics per step, resumable runs, and the held-out training signal.
 */
export { defaultPreferenceTrainConfig, resolvePreference } from './config';
export type { PreferenceTrainConfig, PreferenceTrainable, RejectedResponse, ResolvedPreference } from './config';
export { encodePreferenceItems, isHeldOut, preferenceDataDigest, preferenceDataOf, rejectedPicks, responsesNeeded, splitHeldOut, RESPONSE_NAMES } from './data';
export type { PreferenceData, PreferenceItem, ResponseName } from './data';
export { cachedFrozenLogps, computeFrozenLogps } from './frozen';
export type { FrozenLogps, FrozenNeeds, ReferenceModel } from './frozen';
export { preferenceBatch, disposePreferenceBatch } from './batch';
export type { BatchSpec, FrozenBatch, PreferenceBatch } from './batch';
export { preferenceLoss, preferenceStep } from './step';
export type { PreferenceLossOutput } from './step';
export { evaluatePreference } from './evaluate';
export type { PreferenceEvaluation } from './evaluate';
export { METRICS_FILE, readMetricsLog } from './log';
export {
  ADAPTERS_DIR,
  PREFERENCE_CODE_VERSION,
  evaluateHeldOut,
  initialPolicy,
  loadPreferencePolicy,
  preferenceRunConfig,
  preparePreference,
  trainPreference,
} from './train';
export type { PreferenceResult, PreferenceRun, PreferenceRunConfig, PreferenceSetup, PreferenceTrainOptions } from './train';
