/** Reads a benchmark file and a predictions directory/JSONL, checks ids, and scores. */
import { readBenchmark, type BenchmarkItem } from '../formats';
import { scoreEmoRealm, type EmoRealmReport, type ScoringMode } from './emorealm';
import { checkPredictionIds, readPredictions } from './predictions';

export interface ScoreFilesOptions {
  benchmark: string;
  /** A directory of `<id>.txt` files or a `.jsonl` file. */
  predictions: string;
  /** Default "strict". */
  mode?: ScoringMode;
}

export function scoreFiles(options: ScoreFilesOptions): { items: BenchmarkItem[]; report: EmoRealmReport } {
  const items = readBenchmark(options.benchmark);
  const predictions = readPredictions(options.predictions);
  checkPredictionIds(predictions, items, options.predictions);
  return { items, report: scoreEmoRealm(items, predictions, { mode: options.mode ?? 'strict' }) };
}
