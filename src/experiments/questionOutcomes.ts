/**
 * Per-question outcomes of finished runs, read from the run cache for the paired bootstrap over
 * questions. A run's score run (`runs/score-<hash>/`, `scoreRunDir`) keeps every prediction
 * (`predictions.jsonl`). They are judged again on the benchmark (`itemOutcomes`, as when the run
 * was scored; the result must equal the run's stored scores). The text-unsolvable view keeps the
 * stored question-id subset the score run used (`text-unsolvable.json` of the diagnostics run
 * that `textUnsolvableSource` names). A run whose predictions are not in the cache has no
 * outcomes (null): e.g. a run a queue worker computed, since the coordinator stores only result
 * files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { itemOutcomes, readPredictions, summarize, validateBenchmark, type BenchmarkItem, type ItemOutcome } from '../eval';
import { stableStringify } from '../runs';
import { datasetsFor, defaultRunsRoot, type ReferenceBuildConfig } from '../train';
import { defaultDiagnosticsConfig, keepView } from './diagnostics';
import type { OutcomeLookup, QuestionSource } from './experiment';
import { scoreRunDir, type RunOutcome, type RunSpec } from './runSpec';
import { PREDICTIONS_FILE } from './scoreRun';
import { TEXT_UNSOLVABLE_FILE, type TextUnsolvableSet } from './seeds';
import type { TableView } from './table';

type ViewOutcomes = Record<TableView, ItemOutcome[]>;

/** Throws unless `outcomes` summarize to the run's stored released-scorer keys of that view. */
function checkStored(outcomes: readonly ItemOutcome[], stored: Record<string, number | null>, mode: QuestionSource['mode'], what: string): void {
  const again = keepView(summarize(outcomes, mode)).official;
  if (stableStringify(again) !== stableStringify(stored)) throw new Error(`${what}: the stored predictions do not give the run's stored scores`);
}

/** The per-question outcomes of the runs of `lookup` (each read once, when first asked for). */
export function questionSource(build: ReferenceBuildConfig, lookup: OutcomeLookup, root: string = defaultRunsRoot()): QuestionSource {
  const mode = defaultDiagnosticsConfig(build).mode;
  let items: BenchmarkItem[] | undefined;
  const subsets = new Map<string, ReadonlySet<string>>();
  const memo = new Map<string, ViewOutcomes | null>();

  const subset = (o: RunOutcome): ReadonlySet<string> => {
    const src = o.score.textUnsolvableSource;
    let ids = subsets.get(src.run);
    if (ids === undefined) {
      const set = JSON.parse(fs.readFileSync(path.join(root, src.run, TEXT_UNSOLVABLE_FILE), 'utf8')) as TextUnsolvableSet;
      if (set.ids.length !== src.questions) throw new Error(`${src.run}: ${set.ids.length} text-unsolvable questions, the score run used ${src.questions}`);
      subsets.set(src.run, (ids = new Set(set.ids)));
    }
    return ids;
  };

  const load = (spec: RunSpec): ViewOutcomes | null => {
    const o = lookup(spec);
    const file = path.join(scoreRunDir(spec, o, build, root), PREDICTIONS_FILE);
    if (!fs.existsSync(file)) return null;
    items ??= validateBenchmark(datasetsFor(build.data).benchmark.items, 'generated benchmark');
    const full = itemOutcomes(items, readPredictions(file), mode);
    const keep = subset(o);
    const textUnsolvable = full.filter((x) => keep.has(x.id));
    checkStored(full, o.score.official.full, mode, file);
    checkStored(textUnsolvable, o.score.official.textUnsolvable, mode, `${file} (text-unsolvable view)`);
    return { full, text_unsolvable: textUnsolvable };
  };

  return {
    mode,
    outcomes: (spec, view) => {
      const key = stableStringify(spec);
      if (!memo.has(key)) memo.set(key, load(spec));
      return memo.get(key)?.[view] ?? null;
    },
  };
}
