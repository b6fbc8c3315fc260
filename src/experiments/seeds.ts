/**
 * Reference diagnostics across SFT seeds (issue 11). Seed s reseeds the whole SFT stage of a
 * reference (projector and LoRA initialisation, batch order) on the shared pretrained LM;
 * the experiments use the same seeds (seed s = SFT seed s, then preference seed s).
 *
 * The text-unsolvable view of the benchmark keeps the questions that one fixed text-only
 * model gets wrong, as the paper filtered with text-only LLMs (§3.3). The fixed model is
 * π_text of "Our base" at SFT seed 1 (the reference's LM without AV tokens: it knows the
 * instruction formats, as the paper's instruction-tuned text-only LLMs do). Its question ids
 * are computed once from that run's text-only predictions and stored with that run
 * (`text-unsolvable.json`), so every model is scored on the same subset.
 */
import * as fs from 'fs';
import * as path from 'path';
import { summarize, validateBenchmark, scoreEmoRealm, readPredictions, type BenchmarkItem } from '../eval';
import { EMOREALM_TASKS, type EmoRealmTask } from '../formats';
import { writeJsonAtomic } from '../runs';
import { datasetsFor, defaultRunsRoot, type ReferenceName } from '../train';
import { summarizeCalibration, type CalibrationSummary } from './calibration';
import {
  diagnosticsRunDir,
  hasDiagnostics,
  keepView,
  runDiagnostics,
  type DiagnosticsConfig,
  type DiagnosticsOptions,
  type DiagnosticsResult,
  type ViewResult,
} from './diagnostics';

/** The reference seeds of the experiments by default: 1, 2, 3. */
export function referenceSeeds(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`seeds: expected a positive integer, got ${n}`);
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** The diagnostics config of one SFT seed. */
export function withSftSeed(cfg: DiagnosticsConfig, seed: number): DiagnosticsConfig {
  const out = structuredClone(cfg);
  out.build.sft.seed = seed;
  return out;
}

export interface TextUnsolvableSet {
  /** Which model decided. */
  source: string;
  /** The diagnostics run the ids were computed from (and are stored with). */
  run: string;
  /** Ids of the questions the fixed text-only model answers wrong. */
  ids: string[];
  /** Questions kept per task. */
  kept: Record<EmoRealmTask, number>;
}

export const TEXT_UNSOLVABLE_FILE = 'text-unsolvable.json';
const TEXT_UNSOLVABLE_SEED = 1;

/** The text-unsolvable question ids: computed once from "Our base" seed 1's π_text predictions, stored with that run. */
export async function textUnsolvableSet(cfg: DiagnosticsConfig, opts: DiagnosticsOptions = {}): Promise<TextUnsolvableSet> {
  const root = opts.root ?? defaultRunsRoot();
  const fixed = { ...withSftSeed(cfg, TEXT_UNSOLVABLE_SEED), references: ['base' as ReferenceName] };
  const dir = diagnosticsRunDir(fixed, 'base', root);
  const file = path.join(dir, TEXT_UNSOLVABLE_FILE);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as TextUnsolvableSet;
  if (!hasDiagnostics(fixed, 'base', root)) await runDiagnostics(fixed, opts);
  const items = datasetsFor(cfg.build.data).benchmark.items;
  const preds = readPredictions(path.join(dir, 'predictions', 'base-text_only.jsonl'));
  const outcomes = scoreEmoRealm(validateBenchmark(items, 'generated benchmark'), preds, { mode: 'strict' }).outcomes;
  const wrong = new Set(outcomes.filter((o) => !o.correct).map((o) => o.id));
  const keptItems = items.filter((i) => wrong.has(String(i.id)));
  const kept = Object.fromEntries(EMOREALM_TASKS.map((t) => [t, keptItems.filter((i) => i.task === t).length])) as Record<EmoRealmTask, number>;
  const set: TextUnsolvableSet = {
    source: `π_text of Our base, SFT seed ${TEXT_UNSOLVABLE_SEED} (the reference's LM without AV tokens)`,
    run: path.basename(dir),
    ids: keptItems.map((i) => String(i.id)),
    kept,
  };
  writeJsonAtomic(file, set);
  return set;
}

/** A reference's audiovisual scores on the text-unsolvable questions, from its stored predictions. */
export function textUnsolvableView(cfg: DiagnosticsConfig, reference: ReferenceName, set: TextUnsolvableSet, root: string = defaultRunsRoot()): ViewResult {
  const keep = new Set(set.ids);
  const items: BenchmarkItem[] = validateBenchmark(datasetsFor(cfg.build.data).benchmark.items, 'generated benchmark');
  const preds = readPredictions(path.join(diagnosticsRunDir(cfg, reference, root), 'predictions', `${reference}-audiovisual.jsonl`));
  const outcomes = scoreEmoRealm(items, preds, { mode: cfg.mode }).outcomes.filter((o) => keep.has(o.id));
  return keepView(summarize(outcomes, cfg.mode));
}

/** Measured on this 2-core machine (wasm, one process): seconds per SFT step at batch 32, and per evaluated question. */
const SECONDS_PER_SFT_STEP: Record<ReferenceName, number> = { base: 0.19, emotionllama: 0.155 };
const EVAL_SECONDS_PER_QUESTION = 0.006;

/** What `runSeedDiagnostics` would compute: the missing (seed, reference) builds and an estimate of their time in one process. */
export function diagnosticsPlan(
  cfg: DiagnosticsConfig,
  seeds: readonly number[],
  root: string = defaultRunsRoot(),
): { missing: Array<{ seed: number; reference: ReferenceName }>; estimatedSeconds: number } {
  const missing = seeds
    .flatMap((seed) => cfg.references.map((reference) => ({ seed, reference })))
    .filter((x) => !hasDiagnostics(withSftSeed(cfg, x.seed), x.reference, root));
  const c = cfg.build.data.corpus;
  const steps = Math.round((cfg.build.sft.epochs * c.sizes.sftExamples) / cfg.build.sft.batchSize);
  const questions = Object.values(c.benchmark.counts).reduce((a, t) => a + t.questions, 0) + c.sizes.recognitionClips + c.sizes.shiftedRecognitionClips;
  const estimatedSeconds = missing.reduce((a, x) => a + steps * SECONDS_PER_SFT_STEP[x.reference] + questions * EVAL_SECONDS_PER_QUESTION, 0);
  return { missing, estimatedSeconds };
}

export interface SeedDiagnostics {
  seeds: number[];
  /** One diagnostics result per seed, in seed order. */
  perSeed: DiagnosticsResult[];
  textUnsolvable: TextUnsolvableSet;
  /** Per seed (in order), per reference: the audiovisual view on the text-unsolvable questions. */
  textUnsolvableViews: Array<Partial<Record<ReferenceName, ViewResult>>>;
  /** The calibration rule across seeds, per reference. */
  calibration: Partial<Record<ReferenceName, CalibrationSummary>>;
}

/** Diagnostics of every reference for each SFT seed (cached per seed and reference), the text-unsolvable view and the calibration summary. */
export async function runSeedDiagnostics(cfg: DiagnosticsConfig, seeds: readonly number[], opts: DiagnosticsOptions = {}): Promise<SeedDiagnostics> {
  const root = opts.root ?? defaultRunsRoot();
  const perSeed: DiagnosticsResult[] = [];
  for (const s of seeds) perSeed.push(await runDiagnostics(withSftSeed(cfg, s), opts));
  const set = await textUnsolvableSet(cfg, opts);
  const textUnsolvableViews = perSeed.map((r) =>
    Object.fromEntries(r.references.map((d) => [d.reference, textUnsolvableView(r.config, d.reference, set, root)])),
  );
  const calibration: SeedDiagnostics['calibration'] = {};
  for (const ref of cfg.references) {
    const checks = perSeed.map((r) => {
      const d = r.references.find((x) => x.reference === ref);
      if (d === undefined) throw new Error(`runSeedDiagnostics: reference ${ref} missing`);
      return d.calibration;
    });
    calibration[ref] = summarizeCalibration(seeds, checks);
  }
  return { seeds: [...seeds], perSeed, textUnsolvable: set, textUnsolvableViews, calibration };
}
