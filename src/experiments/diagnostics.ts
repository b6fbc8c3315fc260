/**
 * Base-model diagnostics (the calibration check of SPEC §3): each reference model answers
 * the EmoReAlM-style benchmark by option log-likelihood, with both modalities, with one
 * modality masked (the paper's audio-only / video-only rows of Table 13) and text-only
 * (π_text, which also drives the text-only filter); recognition UAR/WAR in and out of
 * domain; audio vs video attention shares (Fig. 5 left). Results are cached by config hash
 * under `runs/diagnostics-<hash>/` with the predictions of every view.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildTokenizer, filterTextSolvable, RECOGNITION_OPTIONS, scoringView, type Tokenizer } from '../data';
import {
  officialResults,
  recognitionMetrics,
  scoreEmoRealm,
  summarize,
  validateBenchmark,
  predictionsToJsonl,
  type AblationMetrics,
  type BenchmarkItem,
  type EmoRealmReport,
  type Prediction,
  type RecognitionMetrics,
  type ScoringMode,
  type SubtaskScore,
  type TaskScore,
} from '../eval';
import { EMOREALM_TASKS, type EmoRealmItem, type EmoRealmTask, type Emotion } from '../formats';
import { scoreChoices, type Avlm, type ChoiceQuestion, type ChoiceResult, type OptionScoring } from '../model';
import {
  buildReferences,
  configHash,
  datasetsFor,
  defaultReferenceBuildConfig,
  defaultRunsRoot,
  FeatureCache,
  REFERENCE_NAMES,
  TRAIN_CODE_VERSION,
  type ReferenceBuildConfig,
  type ReferenceName,
} from '../train';
import { cachedRun, isFinished, runDir, writeFileAtomic } from '../runs';
import { checkCalibration, type CalibrationCheck } from './calibration';
import { attentionEvidence, type AttentionEvidence } from './modalityEvidence';

/** What the model sees of a clip. */
export const EVAL_VIEWS = ['audiovisual', 'audio_only', 'video_only', 'text_only'] as const;
export type EvalView = (typeof EVAL_VIEWS)[number];

function viewInputs(view: EvalView): { audio: boolean; video: boolean } {
  switch (view) {
    case 'audiovisual':
      return { audio: true, video: true };
    case 'audio_only':
      return { audio: true, video: false };
    case 'video_only':
      return { audio: false, video: true };
    case 'text_only':
      return { audio: false, video: false };
  }
}

export interface ChoiceSettings {
  /** Option score: summed log-likelihood (default) or per-token mean. */
  scoring: OptionScoring;
  /** Append EOS to each option's tokens. Default false: "Yes" scores as the word, not as a finished answer. */
  optionEos: boolean;
  /** Sequences per forward pass. Default 128. */
  batchSize: number;
}

export interface DiagnosticsConfig {
  build: ReferenceBuildConfig;
  references: ReferenceName[];
  choice: ChoiceSettings;
  /** Scoring mode of the evaluation library. Default "strict" (predictions are single letters, so both modes agree). */
  mode: ScoringMode;
  /** Basic-reasoning questions per modality for the attention shares (0 skips them). Default 128. */
  attentionSample: number;
}

/** Bump when the diagnostics computation changes, so cached results are recomputed. 2: the calibration rule of issue 11. */
export const DIAGNOSTICS_VERSION = 2;

export function defaultDiagnosticsConfig(build: ReferenceBuildConfig = defaultReferenceBuildConfig()): DiagnosticsConfig {
  return {
    build,
    references: [...REFERENCE_NAMES],
    choice: { scoring: 'sum', optionEos: false, batchSize: 128 },
    mode: 'strict',
    attentionSample: 128,
  };
}

/** The parts of an evaluation report worth keeping (no per-item outcomes). */
export interface ViewResult {
  /** The released scorer's keys (`<task>_overall_accuracy`, `_precision`, …, `average_accuracy`). */
  official: Record<string, number | null>;
  tasks: TaskScore[];
  subtasks: SubtaskScore[];
  ablation: AblationMetrics;
  averageAccuracy: number | null;
}

export interface ReferenceDiagnostics {
  reference: ReferenceName;
  views: Record<EvalView, ViewResult>;
  /** The text-only filter (paper §3.3) with this reference's π_text, and the audiovisual scores on what it keeps. */
  textFilter: {
    removed: Record<EmoRealmTask, number>;
    kept: Record<EmoRealmTask, number>;
    filtered: ViewResult;
  };
  recognition: { inDomain: RecognitionMetrics; shifted: RecognitionMetrics };
  /** Mean share of AV attention on audio tokens, for audio and for visual basic-reasoning questions (Fig. 5 left). */
  attention: AttentionEvidence | null;
  calibration: CalibrationCheck;
}

export interface DiagnosticsResult {
  hash: string;
  version: number;
  /** The full config the result came from. */
  config: DiagnosticsConfig;
  build: {
    /** Training seconds per stage as recorded when each stage ran (0 for none). */
    trainSeconds: Record<string, number>;
    runs: Record<string, string>;
    lossCurves: Record<string, number[]>;
  };
  references: ReferenceDiagnostics[];
  /** Seconds spent evaluating. */
  evalSeconds: number;
  finishedAt: string;
}

/** The parts of a report a view keeps. */
export function keepView(report: EmoRealmReport): ViewResult {
  return {
    official: officialResults(report),
    tasks: report.tasks,
    subtasks: report.subtasks,
    ablation: report.ablation,
    averageAccuracy: report.averageAccuracy,
  };
}

function encodeOption(tok: Tokenizer, text: string, eos: boolean): number[] {
  const ids = tok.encode(text);
  return eos ? tok.encodeResponse(text) : ids;
}

/** Token questions for benchmark items under a view. */
export function benchmarkQuestions(
  items: readonly EmoRealmItem[],
  tok: Tokenizer,
  features: FeatureCache,
  view: EvalView,
  optionEos: boolean,
): ChoiceQuestion[] {
  const inputs = viewInputs(view);
  return items.map((item) => {
    const v = scoringView(item);
    const f = inputs.audio || inputs.video ? features.get(item.video) : undefined;
    return {
      prompt: tok.encodePrompt(v.prompt),
      options: v.options.map((o) => encodeOption(tok, o, optionEos)),
      audio: inputs.audio ? f?.audio : undefined,
      video: inputs.video ? f?.video : undefined,
    };
  });
}

/** Letter predictions with every option's score, from choice results in item order. */
export function letterPredictions(items: readonly EmoRealmItem[], res: readonly ChoiceResult[]): Prediction[] {
  return items.map((item, i) => {
    const r = res[i] as ChoiceResult;
    const scores: Record<string, number> = {};
    r.scores.forEach((s, k) => (scores[String.fromCharCode(65 + k)] = s));
    return { id: String(item.id), prediction: String.fromCharCode(65 + r.chosen), scores };
  });
}

/** Letter predictions with per-option scores (option likelihood). */
export function predictBenchmark(model: Avlm, items: readonly EmoRealmItem[], questions: ChoiceQuestion[], choice: ChoiceSettings): Prediction[] {
  return letterPredictions(items, scoreChoices(model, questions, { scoring: choice.scoring, batchSize: choice.batchSize }));
}

type RecognitionItems = ReadonlyArray<{ clipId: string; emotion: Emotion; prompts: { audiovisual: string } }>;

/** 7-class recognition as multiple choice over the emotion words (audio + video). */
export function recognitionQuestions(items: RecognitionItems, tok: Tokenizer, features: FeatureCache, optionEos: boolean): ChoiceQuestion[] {
  const options = RECOGNITION_OPTIONS.map((o) => encodeOption(tok, o, optionEos));
  return items.map((it) => {
    const f = features.get(it.clipId);
    return { prompt: tok.encodePrompt(it.prompts.audiovisual), options, audio: f.audio, video: f.video };
  });
}

/** Recognition metrics of choice results over `recognitionQuestions(items, …)`. */
export function recognitionFromChoices(items: RecognitionItems, res: readonly ChoiceResult[]): RecognitionMetrics {
  return recognitionMetrics(
    items.map((it) => it.emotion),
    res.map((r) => RECOGNITION_OPTIONS[r.chosen] as Emotion),
  );
}

function recognitionEval(model: Avlm, items: RecognitionItems, tok: Tokenizer, features: FeatureCache, choice: ChoiceSettings): RecognitionMetrics {
  const qs = recognitionQuestions(items, tok, features, choice.optionEos);
  return recognitionFromChoices(items, scoreChoices(model, qs, { scoring: choice.scoring, batchSize: choice.batchSize }));
}

function countByTask(items: readonly EmoRealmItem[]): Record<EmoRealmTask, number> {
  const out = Object.fromEntries(EMOREALM_TASKS.map((t) => [t, 0])) as Record<EmoRealmTask, number>;
  for (const i of items) out[i.task] += 1;
  return out;
}

/** Diagnostics of one model on the benchmark and recognition sets; writes the predictions under `predDir` when given. */
export function diagnoseModel(
  reference: ReferenceName,
  model: Avlm,
  cfg: DiagnosticsConfig,
  data: ReturnType<typeof datasetsFor>,
  features: FeatureCache,
  predDir?: string,
): ReferenceDiagnostics {
  const tok = buildTokenizer();
  const items = data.benchmark.items;
  const bench: BenchmarkItem[] = validateBenchmark(items, 'generated benchmark');
  const views = {} as Record<EvalView, ViewResult>;
  const reports = {} as Record<EvalView, EmoRealmReport>;
  const predictions = {} as Record<EvalView, Prediction[]>;
  for (const view of EVAL_VIEWS) {
    const preds = predictBenchmark(model, items, benchmarkQuestions(items, tok, features, view, cfg.choice.optionEos), cfg.choice);
    predictions[view] = preds;
    if (predDir !== undefined) writeFileAtomic(path.join(predDir, `${reference}-${view}.jsonl`), predictionsToJsonl(preds));
    reports[view] = scoreEmoRealm(bench, new Map(preds.map((p) => [p.id, p])), { mode: cfg.mode });
    views[view] = keepView(reports[view]);
  }
  const textLetter = new Map(predictions.text_only.map((p) => [p.id, p.prediction]));
  const filter = filterTextSolvable(items, (item) => textLetter.get(String(item.id)) as string);
  const keptIds = new Set(filter.kept.map((i) => String(i.id)));
  const filtered = summarize(
    reports.audiovisual.outcomes.filter((o) => keptIds.has(o.id)),
    cfg.mode,
  );
  return {
    reference,
    views,
    textFilter: { removed: filter.removed, kept: countByTask(filter.kept), filtered: keepView(filtered) },
    recognition: {
      inDomain: recognitionEval(model, data.recognitionInDomain.items, tok, features, cfg.choice),
      shifted: recognitionEval(model, data.recognitionShifted.items, tok, features, cfg.choice),
    },
    attention: cfg.attentionSample > 0 ? attentionEvidence(model, items, tok, features, cfg.attentionSample) : null,
    calibration: checkCalibration(views.audiovisual),
  };
}

export interface DiagnosticsOptions {
  root?: string;
  progress?: boolean;
  /** Print one line per finished step to stderr. Default: same as `progress`. */
  log?: boolean;
}

/** What one reference's cached diagnostics hold: its diagnostics and its build. */
interface ReferenceRun {
  diagnostics: ReferenceDiagnostics;
  build: DiagnosticsResult['build'];
  evalSeconds: number;
}

/** The hashed identity of one reference's diagnostics: everything but the list of references. */
function referenceKey(cfg: DiagnosticsConfig, reference: ReferenceName): unknown {
  const { references: _all, ...rest } = cfg;
  return { version: DIAGNOSTICS_VERSION, train: TRAIN_CODE_VERSION, cfg: rest, reference };
}

/** The run directory of one reference's diagnostics (`<root>/diagnostics-<hash>/`, with `result.json` and `predictions/`): a `cachedRun`. */
export function diagnosticsRunDir(cfg: DiagnosticsConfig, reference: ReferenceName, root: string = defaultRunsRoot()): string {
  return runDir(root, 'diagnostics', referenceKey(cfg, reference)).dir;
}

/** True when the reference's diagnostics are finished. */
export function hasDiagnostics(cfg: DiagnosticsConfig, reference: ReferenceName, root: string = defaultRunsRoot()): boolean {
  return isFinished(runDir(root, 'diagnostics', referenceKey(cfg, reference)));
}

async function referenceRun(cfg: DiagnosticsConfig, reference: ReferenceName, root: string, opts: DiagnosticsOptions): Promise<ReferenceRun> {
  const out = await cachedRun(root, 'diagnostics', referenceKey(cfg, reference), async (run): Promise<ReferenceRun> => {
    const log = opts.log ?? opts.progress ?? true;
    const build = await buildReferences(cfg.build, { root, progress: opts.progress ?? true, only: [reference] });
    try {
      const t0 = performance.now();
      const data = datasetsFor(cfg.build.data);
      const features = new FeatureCache(cfg.build.data.world).add(data.benchmark.clips).add(data.recognitionInDomain.clips).add(data.recognitionShifted.clips);
      const predDir = path.join(run.dir, 'predictions');
      fs.mkdirSync(predDir, { recursive: true });
      const diagnostics = diagnoseModel(reference, build.models[reference] as Avlm, cfg, data, features, predDir);
      const evalSeconds = (performance.now() - t0) / 1000;
      if (log) process.stderr.write(`[diagnostics] ${reference} (SFT seed ${cfg.build.sft.seed}): evaluated in ${evalSeconds.toFixed(0)} s\n`);
      const sft = build.sft[reference];
      if (sft === undefined) throw new Error(`diagnostics: reference ${reference} was not built`);
      const stage = `sft-${reference}`;
      return {
        diagnostics,
        build: {
          trainSeconds: { pretrain: build.pretrain.summary.seconds, [stage]: sft.summary.seconds },
          runs: { pretrain: build.pretrain.hash, [stage]: sft.hash },
          lossCurves: { pretrain: build.pretrain.summary.lossCurve, [stage]: sft.summary.lossCurve },
        },
        evalSeconds,
      };
    } finally {
      Object.values(build.models).forEach((m) => m?.dispose());
    }
  });
  return out.result;
}

/**
 * Builds or loads the references, then computes (or loads) their diagnostics. Each
 * reference's diagnostics are cached on their own (`diagnosticsRunDir`), so references and
 * seeds can be computed by separate processes.
 */
export async function runDiagnostics(cfg: DiagnosticsConfig = defaultDiagnosticsConfig(), opts: DiagnosticsOptions = {}): Promise<DiagnosticsResult> {
  const root = opts.root ?? defaultRunsRoot();
  const runs: ReferenceRun[] = [];
  for (const reference of cfg.references) runs.push(await referenceRun(cfg, reference, root, opts));
  const merge = (key: keyof DiagnosticsResult['build']) => Object.assign({}, ...runs.map((r) => r.build[key])) as never;
  return {
    hash: configHash({ version: DIAGNOSTICS_VERSION, train: TRAIN_CODE_VERSION, cfg }),
    version: DIAGNOSTICS_VERSION,
    config: cfg,
    build: { trainSeconds: merge('trainSeconds'), runs: merge('runs'), lossCurves: merge('lossCurves') },
    references: runs.map((r) => r.diagnostics),
    evalSeconds: runs.reduce((s, r) => s + r.evalSeconds, 0),
    finishedAt: new Date().toISOString(),
  };
}
