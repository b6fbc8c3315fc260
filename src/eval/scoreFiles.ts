/** Reads a benchmark file and a predictions directory/JSONL, checks ids, and scores. */
import { statSync } from 'fs';
import { readBenchmark, type BenchmarkItem } from '../formats';
import { scoreEmoRealm, type EmoRealmReport, type ScoringMode } from './emorealm';
import { checkPredictionIds, ignoredPredictionEntries, readPredictions } from './predictions';

export interface ScoreFilesOptions {
  benchmark: string;
  /** A directory of `<id>.txt` files or a `.jsonl` file. */
  predictions: string;
  /** Default "strict". */
  mode?: ScoringMode;
}

/** For a directory, the entries it skipped, to explain a source that matched nothing. */
function skippedNote(path: string): string {
  if (!statSync(path).isDirectory()) return '';
  const ignored = ignoredPredictionEntries(path);
  if (ignored.length === 0) return '';
  const shown = ignored.slice(0, 5).join(', ') + (ignored.length > 5 ? ', …' : '');
  return `; ignored ${ignored.length} entries not named <id>.txt (${shown})`;
}

/** `warnings`: about the predictions' coverage of the benchmark (see `checkPredictionIds`). */
export function scoreFiles(options: ScoreFilesOptions): { items: BenchmarkItem[]; report: EmoRealmReport; warnings: string[] } {
  const items = readBenchmark(options.benchmark);
  const predictions = readPredictions(options.predictions);
  const note = predictions.size === 0 ? skippedNote(options.predictions) : '';
  const warnings = checkPredictionIds(predictions, items, options.predictions, note);
  return { items, report: scoreEmoRealm(items, predictions, { mode: options.mode ?? 'strict' }), warnings };
}
