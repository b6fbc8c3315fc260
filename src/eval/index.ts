/**
 * Evaluation on predictions (independent of the model): EmoReAlM reading and scoring in the
 * released scorer's `official` mode and a `strict` mode, recognition metrics, the exact
 * description judge, statistics, the failure explorer, predictions I/O, scripted guessers and
 * linear (logistic-regression) probes.
 */
export { InputError, readBenchmark, parseBenchmark, validateBenchmark, normText, yesNoOf, TASK_MODALITY } from '../formats';
export type { BenchmarkItem, YesNo } from '../formats';
export { officialMatch, parseAnswer } from './answers';
export type { ParsedAnswer, ParseStatus } from './answers';
export {
  readPredictions,
  readPredictionDir,
  ignoredPredictionEntries,
  parsePredictionsJsonl,
  checkPredictionIds,
  writePredictionDir,
  writePredictionsJsonl,
  predictionsToJsonl,
  predictionSet,
} from './predictions';
export type { Prediction, PredictionSet } from './predictions';
export { scoreEmoRealm, itemOutcomes, summarize, outcomeClasses, officialResults, f1Score, SCORING_MODES } from './emorealm';
export type { ScoringMode, ScoreOptions, ItemOutcome, OutcomeStatus, TaskScore, SubtaskScore, AblationMetrics, EmoRealmReport } from './emorealm';
export { formatReport } from './format';
export { scoreFiles } from './scoreFiles';
export type { ScoreFilesOptions } from './scoreFiles';
export { recognitionMetrics } from './recognition';
export type { RecognitionMetrics, RecognitionOptions, AbsentClassPolicy } from './recognition';
export { judgeDescription, judgeDescriptions, EMOTION_WORDS } from './judge';
export type { CueEntry, EmotionVocabulary, JudgeCase, JudgeOptions, JudgeResult, JudgeSummary } from './judge';
export { bootstrapCI, bootstrapMultiplicities, meanCI, mcnemarExact, pairedBootstrap } from './stats';
export type { BootstrapOptions, Interval, MeanInterval, McNemarResult, PairedBootstrapResult } from './stats';
export { studentTCdf, studentTQuantile, incompleteBeta } from './studentT';
export { reportMetrics, bootstrapReport, bootstrapMetric, pairOutcomes, compareReports } from './emorealmStats';
export type { ReportComparison } from './emorealmStats';
export { filterOutcomes, outcomesFrame, errorTable, joinOutcomes, flipsFrame, flipCounts, formatScores, scoreMargin } from './explorer';
export type { OutcomeFilter, GroupKey, FlipKind, JoinedOutcome, FlipOptions } from './explorer';
export { errorRows } from './explorer';
export type { ErrorRow } from './explorer';
export { exploreFlips, exploreFiles, flipRowsFrame, groupErrorsFrame, formatCues, STRESS_MODALITIES, STRESS_TASK } from './flips';
export type {
  FlipExploration,
  FlipRow,
  GroupErrors,
  ClipCue,
  ClipCues,
  FlipSelection,
  ExploreFlipsOptions,
  ExploreFilesOptions,
  StressModality,
} from './flips';
export { scriptedGuesser, TYPICAL_CUE_WORDS } from './guesser';
export type { GuesserRule, AnswerStyle, ScriptedGuesserConfig } from './guesser';
export { probeScores, predictProbe, scoreBinary, DEFAULT_PROBE_OPTIONS, PROBE_WEIGHTINGS } from './probe';
export type { LogisticProbe, ProbeOptions, ProbeScore, ProbeWeighting } from './probe';
