/**
 * The runner: `runAll` executes the missing runs of a list through one executor, then reads
 * every run's outcome from its result file. Executors (`EXECUTORS`):
 *
 * - `local` (default): worker processes on this machine, one per core by default. A progress
 *   line shows runs done / total and the ETA.
 * - `queue`: a BullMQ queue on Redis (`src/queue`, docs/queue.md) served by workers on any
 *   number of machines; the coordinator (this process) writes every result file itself.
 *
 * Each run computes in one process in one thread (the trainer's fixed layout), so a result
 * never depends on the executor or on how many runs share the machine. Finished runs are read
 * from their result files; a killed sweep resumes where it stopped (each run's own checkpoints
 * resume it mid-training).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configHash, stableStringify } from '../runs';
import { defaultRunsRoot, type ReferenceBuildConfig } from '../train';
import { executeRun, isRunFinished, runKey, type RunOutcome, type RunSpec } from './runSpec';

/** Where the missing runs execute (see the module comment). */
export const EXECUTOR_NAMES = ['local', 'queue'] as const;
export type ExecutorName = (typeof EXECUTOR_NAMES)[number];

export interface RunnerOptions {
  root?: string;
  /** Where the missing runs execute. Default `local`. */
  executor?: ExecutorName;
  /** `local`: worker processes. Default: one per core. 1 runs in this process. */
  jobs?: number;
  /** `queue`: the queue's Redis URL, `redis://[user[:password]@]host[:port][/db]` or `rediss://…` (required). */
  queue?: string;
  /** `queue`: the BullMQ queue name (the workers' `--queue-name`). Default `avere-runs`. */
  queueName?: string;
  /** `queue`: tries per run before it is reported failed. Default 3. */
  attempts?: number;
  /** Print the progress line to stderr. Default true. */
  progress?: boolean;
}

/** What an executor is given besides the missing runs and the build. */
interface ExecutorContext {
  root: string;
  progress: boolean;
  /** Distinct runs of the whole list (finished ones included). */
  total: number;
  opts: RunnerOptions;
}

/** Executes the missing runs (writing their result files under `ctx.root`); rejects listing the runs that failed. */
type Executor = (todo: RunSpec[], build: ReferenceBuildConfig, ctx: ExecutorContext) => Promise<void>;

/** The distinct runs of a list, in first-seen order. */
export function uniqueRuns(specs: readonly RunSpec[], build: ReferenceBuildConfig): RunSpec[] {
  const seen = new Set<string>();
  return specs.filter((s) => {
    const k = configHash(runKey(s, build));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The runs of `specs` without a result file yet. */
export function missingRuns(specs: readonly RunSpec[], build: ReferenceBuildConfig, root: string = defaultRunsRoot()): RunSpec[] {
  return uniqueRuns(specs, build).filter((s) => !isRunFinished(s, build, root));
}

const RUN_ONE = path.resolve(__dirname, '..', 'cli', 'runOne.ts');

function runChild(spec: RunSpec, buildFile: string, root: string): Promise<void> {
  const args = ['--import', 'tsx', RUN_ONE, '--spec', JSON.stringify(spec), '--build', buildFile, '--runs', root];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`run ${stableStringify(spec)} failed (exit ${code}):\n${err.trim()}`))));
  });
}

function fmtMinutes(s: number): string {
  return s < 90 ? `${Math.round(s)} s` : `${(s / 60).toFixed(1)} min`;
}

/** The local executor: worker processes on this machine (`jobs`; 1 runs in this process). */
async function localExecute(todo: RunSpec[], build: ReferenceBuildConfig, ctx: ExecutorContext): Promise<void> {
  const { root, progress, total } = ctx;
  const jobs = Math.max(1, ctx.opts.jobs ?? os.availableParallelism());
  let done = total - todo.length;
  const t0 = performance.now();
  let finishedHere = 0;
  const line = () => {
    if (!progress) return;
    const elapsed = (performance.now() - t0) / 1000;
    const left = todo.length - finishedHere;
    const eta = finishedHere > 0 ? fmtMinutes((elapsed / finishedHere) * left) : '…'; // throughput so far, all workers together
    process.stderr.write(`[runs] ${done}/${total} done, ${left} to go, ETA ${eta}\n`);
  };
  line();
  if (todo.length === 0) return;
  if (jobs === 1) {
    for (const s of todo) {
      await executeRun(s, build, { root, progress });
      done++;
      finishedHere++;
      line();
    }
    return;
  }
  fs.mkdirSync(root, { recursive: true });
  const buildFile = path.join(root, `.build-${configHash(build)}.json`);
  fs.writeFileSync(buildFile, JSON.stringify(build));
  const queue = [...todo];
  const failures: Error[] = [];
  const worker = async () => {
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      try {
        await runChild(s, buildFile, root);
        done++;
      } catch (e) {
        failures.push(e as Error);
      }
      finishedHere++;
      line();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, todo.length) }, worker));
  if (failures.length > 0)
    throw new Error(`${failures.length} of ${todo.length} runs failed; the others are stored.\n${failures.map((f) => f.message).join('\n')}`);
}

/** The queue executor: the coordinator of `src/queue` (loaded only when used). */
async function queueExecutor(todo: RunSpec[], build: ReferenceBuildConfig, ctx: ExecutorContext): Promise<void> {
  const url = ctx.opts.queue;
  if (url === undefined || url === '') throw new Error("runAll: the 'queue' executor needs the queue's Redis URL (options.queue)");
  if (ctx.progress) process.stderr.write(`[runs] ${ctx.total - todo.length}/${ctx.total} done, ${todo.length} to go on the queue\n`);
  const { queueExecute } = await import('../queue/coordinator');
  await queueExecute(todo, build, { root: ctx.root, queue: url, progress: ctx.progress, attempts: ctx.opts.attempts, queueName: ctx.opts.queueName });
}

/** Every executor by name. */
const EXECUTORS: Record<ExecutorName, Executor> = { local: localExecute, queue: queueExecutor };

/** Runs what is missing of `specs` (in order) through `opts.executor`, then returns every run's outcome, in the order of `specs`. */
export async function runAll(specs: readonly RunSpec[], build: ReferenceBuildConfig, opts: RunnerOptions = {}): Promise<RunOutcome[]> {
  const root = opts.root ?? defaultRunsRoot();
  const name = opts.executor ?? 'local';
  const execute = EXECUTORS[name];
  if (execute === undefined) throw new Error(`runAll: unknown executor "${String(name)}" (known: ${EXECUTOR_NAMES.join(', ')})`);
  const progress = opts.progress ?? true;
  const todo = missingRuns(specs, build, root);
  const total = uniqueRuns(specs, build).length;
  await execute(todo, build, { root, progress, total, opts });
  const out: RunOutcome[] = [];
  for (const s of specs) out.push(await executeRun(s, build, { root, progress: false }));
  return out;
}

/** Measured on this 2-core machine (wasm, one process per run): seconds per preference step per sample, and per scored item. */
const SECONDS_PER_PREFERENCE_SAMPLE = 0.02;
const SECONDS_PER_SCORED_ITEM = 0.008;

/** The runs of `specs` that would compute, and an estimate of their time in one process. */
export function experimentPlan(
  specs: readonly RunSpec[],
  build: ReferenceBuildConfig,
  root: string = defaultRunsRoot(),
): { runs: number; missing: RunSpec[]; estimatedSeconds: number } {
  const missing = missingRuns(specs, build, root);
  const c = build.data.corpus;
  const scored =
    Object.values(c.benchmark.counts).reduce((a, t) => a + t.questions, 0) +
    c.sizes.recognitionClips +
    c.sizes.shiftedRecognitionClips +
    c.sizes.descriptionClips;
  const perRun = (s: RunSpec): number => {
    switch (s.kind) {
      case 'reference':
        return scored * SECONDS_PER_SCORED_ITEM * (s.scorer.kind === 'contrastive' ? 2 : 1);
      case 'preference':
        return c.sizes.preferenceSamples * SECONDS_PER_PREFERENCE_SAMPLE + scored * SECONDS_PER_SCORED_ITEM;
    }
  };
  return { runs: uniqueRuns(specs, build).length, missing, estimatedSeconds: missing.reduce((a, s) => a + perRun(s), 0) };
}
