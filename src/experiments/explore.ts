/**
 * The failure explorer on our runs (notebook 09): two rows of an experiment at one seed (by
 * default `components`' "Our base" and "+ AVEm-DPO", seed 1) through the same runner and cache
 * as the CLI (finished runs are read; missing ones are counted, estimated and refused above the
 * notebook's limit), their per-question predictions with option scores read from their score
 * runs, the benchmark and its clips from the data library, scored by the EmoReAlM scorer, then
 * `exploreFlips`. With `files`, the same on any EmoReAlM JSON and two prediction files
 * (`exploreFiles`): a real model's predictions against the released benchmark.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  checkPredictionIds,
  exploreFiles,
  exploreFlips,
  readPredictions,
  scoreEmoRealm,
  validateBenchmark,
  type ClipCues,
  type EmoRealmReport,
  type FlipExploration,
  type FlipSelection,
  type ScoringMode,
} from '../eval';
import { inputError } from '../formats';
import { datasetsFor, defaultRunsRoot, type ReferenceBuildConfig } from '../train';
import { cueById, cuesOf, type ClipSpec } from '../world';
import { CANONICAL_CONTEXT, type ExperimentRow } from './experiment';
import { checkLabWork, labBuild, tableCommand, type LabLimits } from './lab';
import { EXPERIMENTS, type ExperimentName } from './registry';
import { variantLabels } from './reproduce';
import { runAll } from './runner';
import { scoreRunDir, type RunSpec } from './runSpec';
import { PREDICTIONS_FILE } from './scoreRun';

/** A real model's predictions: any EmoReAlM JSON and two prediction sources (a directory of `<id>.txt` files or JSONL), A then B. */
export interface ExplorerFiles {
  benchmark: string;
  /** Two sources, A then B. */
  predictions: readonly string[];
  /** Two names, A then B. Default: the two paths. */
  names?: readonly string[];
}

export interface ExplorerOptions extends LabLimits, FlipSelection {
  /** Seed s = SFT seed s of the reference, then preference seed s. Default 1. */
  seed?: number;
  /** The experiment whose rows are compared. Default `components`. */
  experiment?: ExperimentName;
  /** Labels of two of its rows, A ("before") then B ("after"). Default ["Our base", "+ AVEm-DPO"]. */
  rows?: readonly string[];
  /** Default `strict`. */
  mode?: ScoringMode;
  /** Explore these files instead of our runs (null or absent: our runs). */
  files?: ExplorerFiles | null;
  /** The reference build. Default the notebook's (`labBuild(quick)`); tests pass a micro build. */
  build?: ReferenceBuildConfig;
  /** The run cache. Default `runs/` (`AVERE_RUNS_DIR`). */
  root?: string;
  /** Worker processes for missing runs (1: in this process). Default one per core. */
  jobs?: number;
}

export interface Exploration extends FlipExploration {
  /** Visible labels of a non-canonical invocation (quick). */
  labels: string[];
  /** Our runs behind A and B (null for files), and how many of them were computed in this call. */
  runs: { specs: [RunSpec, RunSpec]; computed: number } | null;
}

export const DEFAULT_EXPLORER_ROWS: [string, string] = ['Our base', '+ AVEm-DPO'];

/** `xs` as a pair; throws naming `what` unless there are exactly two. */
function pair(xs: readonly string[], what: string): [string, string] {
  if (xs.length !== 2) throw new Error(`${what}: expected two (A, then B), got ${xs.length}: ${JSON.stringify(xs)}`);
  return [xs[0] as string, xs[1] as string];
}

/** The row of `experiment` labelled `label`; throws listing the labels. */
function rowOf(experiment: ExperimentName, label: string): ExperimentRow {
  const def = EXPERIMENTS[experiment];
  if (def === undefined) throw new Error(`unknown experiment "${experiment}" (known: ${Object.keys(EXPERIMENTS).join(', ')})`);
  const rows = def.tables(CANONICAL_CONTEXT).flatMap((t) => t.rows);
  const row = rows.find((r) => r.label === label);
  if (row === undefined) throw new Error(`${experiment} has no row "${label}" (rows: ${[...new Set(rows.map((r) => r.label))].join(', ')})`);
  return row;
}

/** The cues present in each benchmark clip (by its video key), relevant or not. */
export function clipCueLookup(clips: readonly ClipSpec[]): (video: string) => ClipCues | undefined {
  const byId = new Map(clips.map((c) => [c.id, c]));
  const list = (c: ClipSpec, m: 'audio' | 'visual') => cuesOf(c, m).map((p) => ({ cue: p.cue, relevant: cueById(p.cue).kind === 'relevant' }));
  return (video) => {
    const c = byId.get(video);
    return c === undefined ? undefined : { audio: list(c, 'audio'), visual: list(c, 'visual') };
  };
}

/** The explorer on two rows of our runs (see the module comment). */
export async function exploreRuns(o: ExplorerOptions): Promise<Exploration> {
  const experiment = o.experiment ?? 'components';
  const seed = o.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 1) throw new Error(`seed: expected a positive integer, got ${seed}`);
  const labels = pair(o.rows ?? DEFAULT_EXPLORER_ROWS, 'rows');
  const specs = labels.map((l) => rowOf(experiment, l).spec(seed)) as [RunSpec, RunSpec];
  const build = o.build ?? labBuild(o.quick);
  const root = o.root ?? defaultRunsRoot();
  const plan = checkLabWork(`${experiment}: "${labels[0]}" vs "${labels[1]}", seed ${seed}`, specs, build, o, tableCommand(experiment, seed, o.quick), root);
  const outcomes = await runAll(specs, build, { root, jobs: o.jobs, progress: false });

  const bench = datasetsFor(build.data).benchmark;
  const source = `the generated benchmark (world seed ${build.data.seed}${o.quick ? ', quick' : ''})`;
  const items = validateBenchmark(bench.items, source);
  const mode = o.mode ?? 'strict';
  const warnings: string[] = [];
  const reports: EmoRealmReport[] = [];
  for (const [k, outcome] of outcomes.entries()) {
    const file = path.join(scoreRunDir(specs[k] as RunSpec, outcome, build, root), PREDICTIONS_FILE);
    if (!fs.existsSync(file)) throw inputError(file, `the score run of "${labels[k]}" (seed ${seed}) has no predictions file`);
    const predictions = readPredictions(file);
    warnings.push(...checkPredictionIds(predictions, items, file));
    reports.push(scoreEmoRealm(items, predictions, { mode }));
  }
  const [a, b] = reports as [EmoRealmReport, EmoRealmReport];
  const x = exploreFlips(items, a, b, { subtask: o.subtask, modality: o.modality, names: labels, source, clipCues: clipCueLookup(bench.clips), warnings });
  return { ...x, labels: variantLabels({ quick: o.quick, set: [] }), runs: { specs, computed: plan.missing.length } };
}

/** The notebook's one call: our runs, or `files` when given. */
export async function failureExplorer(o: ExplorerOptions): Promise<Exploration> {
  if (o.files === undefined || o.files === null) return exploreRuns(o);
  const f = o.files;
  const names = f.names === undefined ? undefined : pair(f.names, 'files.names');
  const x = exploreFiles({
    benchmark: f.benchmark,
    predictions: pair(f.predictions, 'files.predictions'),
    names,
    mode: o.mode,
    subtask: o.subtask,
    modality: o.modality,
  });
  return { ...x, labels: [], runs: null };
}
