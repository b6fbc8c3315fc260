/**
 * Experiments: runners that combine models, training and evaluation: the reference
 * diagnostics (calibration, probes), scoring, the run specs and their runner, and the
 * experiment registry of the paper's analysis with its tables and figures.
 */
export {
  runDiagnostics,
  diagnosticsRunDir,
  hasDiagnostics,
  keepView,
  diagnoseModel,
  defaultDiagnosticsConfig,
  benchmarkQuestions,
  predictBenchmark,
  EVAL_VIEWS,
  DIAGNOSTICS_VERSION,
} from './diagnostics';
export type { DiagnosticsConfig, DiagnosticsOptions, DiagnosticsResult, ReferenceDiagnostics, ViewResult, EvalView, ChoiceSettings } from './diagnostics';
export { checkCalibration, summarizeCalibration, CALIBRATION_THRESHOLDS } from './calibration';
export type { CalibrationCheck, CalibrationCriterion, CalibrationThresholds, CalibrationSummary, CalibrationCriterionSummary } from './calibration';
export { referenceSeeds, withSftSeed, diagnosticsPlan, textUnsolvableSet, textUnsolvableView, runSeedDiagnostics, TEXT_UNSOLVABLE_FILE } from './seeds';
export type { TextUnsolvableSet, SeedDiagnostics } from './seeds';
export { PAPER_TABLE13, PAPER_TABLE14, PAPER_TABLE2, PAPER_TABLE5, TABLE5_COLUMNS, PAPER_ROW_NAMES } from './paperRows';
export type { Table5Column } from './paperRows';
export type { PaperEmoRealmRow, PaperSubtaskRow, PaperRecognitionRow } from './paperRows';
export {
  emorealmRows,
  viewRows,
  subtaskRows,
  recognitionRows,
  filterRows,
  calibrationRows,
  attentionRows,
  buildRows,
  diagnosticsJson,
  table13Columns,
  lossSeries,
} from './diagnosticsTables';
export type { Row } from './diagnosticsTables';
export { REFERENCE_LABEL } from './diagnosticsTables';
export { keyNumbers, seedRows, calibrationSummaryRows, seedDiagnosticsJson, subtaskSeedSeries } from './seedTables';
export { contrastiveBenchmarkQuestions } from './contrastive';
export { stressCueProbes, agreementProbes, runProbes, AGREEMENT_READOUTS } from './probe';
export type { ProbeData, ProbeResult, StressProbeRow, CueProbeRow, AgreementProbeRow, AgreementReadout } from './probe';
export { fitLogisticProbes, fitLogisticProbe, evaluateProbe } from './probeFit';
export { poolFrames, renderedEncoder, projectedEncoder, PROBE_POOLINGS } from './probeFeatures';
export type { ClipEncoder, FeatureModality, ProbePooling } from './probeFeatures';
export { runProbeDiagnostics, probeStressRows, probeAgreementRows, PROBE_DIAGNOSTICS_VERSION } from './probeDiagnostics';
export { evaluateModel, describeAndJudge, CUE_INVENTORY, DEFAULT_CONTRASTIVE, OPTION_SCORER_KINDS } from './evaluate';
export type { EvaluationContext, ModelEvaluation, DescriptionScores, OptionScorer } from './evaluate';
export { scoreModel, scoreRunConfig, exportPredictions, SCORE_VERSION, SCORE_STAGE, PREDICTIONS_FILE } from './scoreRun';
export type { ScoreResult, ScoreSpec } from './scoreRun';
export { trainRun, trainConfigFor } from './trainRun';
export type { TrainRunOptions, TrainRunSummary, PolicyEvaluator } from './trainRun';
export { executeRun, isRunFinished, runKey, scoreRunDir, RESULT_STAGE } from './runSpec';
export type { RunSpec, RunOutcome } from './runSpec';
export { runAll, missingRuns, uniqueRuns, experimentPlan, EXECUTOR_NAMES } from './runner';
export type { RunnerOptions, ExecutorName } from './runner';
export { ourCell, fidelityOf, displayRows, tableBars, fidelityRows } from './table';
export type { ReproducedTable, TableRow, OurCell, Fidelity, PairVerdict, PairBootstrap, TableView } from './table';
export { buildTable, experimentTables, experimentRunSpecs, outcomeLookup, withContext, CANONICAL_CONTEXT } from './experiment';
export type { ExperimentDef, ExperimentRow, ExperimentContext, TableDef, OutcomeLookup, QuestionSource } from './experiment';
export { QuestionResampler, pairedInterval, questionPairBootstrap, QUESTION_BOOTSTRAP } from './questionBootstrap';
export type { ViewColumns, Replicates, QuestionBootstrapOptions } from './questionBootstrap';
export { questionSource } from './questionOutcomes';
export type { FigureData, FigureSeries } from './figure';
export { referenceRow, preferenceRow } from './rows';
export {
  benchmarkMeasure,
  table5Columns,
  table13ViewColumns,
  subtaskColumns,
  table5Measure,
  subtaskMeasure,
  table2Measure,
  table15Measure,
  TABLE2_COLUMNS,
  TABLE15_COLUMNS,
} from './measures';
export * from './paperTables';
export {
  EXPERIMENTS,
  EXPERIMENT_NAMES,
  experimentByName,
  COMPONENT_ROWS,
  mainRows,
  MODALITY_ROWS,
  MODALITY_COLUMNS,
  modalityMeasure,
  RECOGNITION_ROWS,
  REJECTED_INPUT_ROWS,
  REJECTED_RESPONSE_ROWS,
  SENSITIVITY_AXES,
} from './registry';
export type { ExperimentName } from './registry';
export { sweepExperiment, sweepTable, sweepFigures, gridPoints, knobPath, SWEEP_COLUMNS } from './sweep';
export type { SweepPoint } from './sweep';
export { distributionShift, ksStatistic, densityOnGrid, sharedGrid } from './shift';
export type { DistributionShift, ShiftOptions } from './shift';
export { modalityEvidence, attentionEvidence, audioSwapEvidence, DEFAULT_MODALITY_EVIDENCE } from './modalityEvidence';
export type { ModalityEvidence, AttentionEvidence, AudioSwapEvidence, ModalityEvidenceSettings } from './modalityEvidence';
export { runExperiment, variantLabels, calibrationLabel, referenceCalibration } from './reproduce';
export type { ExperimentResult, ExperimentRunOptions, InvocationVariant } from './reproduce';
export { labExperiment, labBuild, checkLabWork, tableCommand, QUICK_SCALE, QUICK_SEEDS } from './lab';
export type { LabOptions, LabLimits } from './lab';
export { exploreRuns, failureExplorer, clipCueLookup, DEFAULT_EXPLORER_ROWS } from './explore';
export type { ExplorerOptions, ExplorerFiles, Exploration } from './explore';
