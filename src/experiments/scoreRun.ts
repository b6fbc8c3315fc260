/**
 * Scoring a model after training, as a cached run of its own (`runs/score-<hash>/`): the
 * benchmark in both views with the Table 5 columns, recognition and the description judge
 * (`evaluateModel`), the released scorer's keys, and every prediction with its option scores
 * as one JSONL file (`predictions.jsonl`, the same file the real-data scorer reads; export the
 * official `<id>.txt` layout on demand with `exportPredictions`).
 */
import * as path from 'path';
import { predictionsToJsonl, readPredictions, writePredictionDir } from '../eval';
import type { Avlm } from '../model';
import { cachedRun, writeFileAtomic } from '../runs';
import { datasetsFor, defaultRunsRoot, FeatureCache, type ReferenceBuildConfig } from '../train';
import { defaultDiagnosticsConfig, type DiagnosticsOptions } from './diagnostics';
import { evaluateModel, type ModelEvaluation, type OptionScorer } from './evaluate';
import { textUnsolvableSet } from './seeds';

/** Bump when the scoring changes. 2: strict precision / recall / F1 unmeasured (null) on a view without Yes or No items. 3: the Fig. 5 modality evidence. */
export const SCORE_VERSION = 3;
export const PREDICTIONS_FILE = 'predictions.jsonl';
/** The run-cache stage of score runs: `runs/score-<hash>/`. */
export const SCORE_STAGE = 'score';

/** What a score run stores (everything but the predictions, which live in `predictions.jsonl`). */
export type ScoreResult = Omit<ModelEvaluation, 'predictions'> & {
  /** The released scorer's keys on the full benchmark and on the text-unsolvable view. */
  official: { full: Record<string, number | null>; textUnsolvable: Record<string, number | null> };
  /** Which text-unsolvable set the view used. */
  textUnsolvableSource: { run: string; questions: number };
  seconds: number;
};

export interface ScoreSpec {
  /** What is scored: a preference run's hash, or a reference run's hash for its own scores. */
  model: string;
  scorer: OptionScorer;
  /** The reference build the data and the text-unsolvable set come from. */
  build: ReferenceBuildConfig;
}

/** What a score run is named after: what is scored, the scorer, the data and the text-unsolvable set (`textUnsolvableRun`: the run that stores it), at a scoring version. */
export function scoreRunConfig(spec: ScoreSpec, textUnsolvableRun: string, version: number = SCORE_VERSION): unknown {
  const diag = defaultDiagnosticsConfig(spec.build);
  return { version, model: spec.model, scorer: spec.scorer, data: spec.build.data, choice: diag.choice, mode: diag.mode, textUnsolvable: textUnsolvableRun };
}

/** Scores `model` (cached by what is scored, the scorer and the data). */
export async function scoreModel(model: Avlm, spec: ScoreSpec, opts: DiagnosticsOptions = {}): Promise<{ result: ScoreResult; dir: string; cached: boolean }> {
  const root = opts.root ?? defaultRunsRoot();
  const diag = defaultDiagnosticsConfig(spec.build);
  const set = await textUnsolvableSet(diag, opts);
  const config = scoreRunConfig(spec, set.run);
  const out = await cachedRun(root, SCORE_STAGE, config, async (run) => {
    const t0 = performance.now();
    const d = datasetsFor(spec.build.data);
    const features = new FeatureCache(spec.build.data.world)
      .add(d.benchmark.clips)
      .add(d.recognitionInDomain.clips)
      .add(d.recognitionShifted.clips)
      .add(d.description.clips);
    const e = evaluateModel(
      model,
      { data: d, features, textUnsolvable: new Set(set.ids), choice: diag.choice, mode: diag.mode, diffusion: spec.build.data.corpus.diffusion },
      spec.scorer,
    );
    const { predictions, ...rest } = e;
    writeFileAtomic(path.join(run.dir, PREDICTIONS_FILE), predictionsToJsonl(predictions));
    const result: ScoreResult = {
      ...rest,
      official: { full: e.full.official, textUnsolvable: e.textUnsolvable.official },
      textUnsolvableSource: { run: set.run, questions: set.ids.length },
      seconds: (performance.now() - t0) / 1000,
    };
    return result;
  });
  return { result: out.result, dir: out.run.dir, cached: out.cached };
}

/** Writes a score run's predictions in the official layout (`<id>.txt` per item) under `dir`. */
export function exportPredictions(scoreDir: string, dir: string): number {
  const preds = readPredictions(path.join(scoreDir, PREDICTIONS_FILE));
  writePredictionDir(dir, preds.values());
  return preds.size;
}
