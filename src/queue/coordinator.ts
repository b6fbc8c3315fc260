/**
 * The coordinator of the queue executor: `queueExecute(todo, build, opts)` puts every missing
 * run of a sweep on the queue and waits until each one is finished or has failed.
 *
 * - Job id = `run-<hash of the run>` (its result directory's name): a second coordinator, or a
 *   rerun, adds no duplicate; a run that failed in an earlier sweep is put back fresh; a run
 *   that finished on the queue earlier (its result not yet stored here) is read, not rerun.
 * - Each finished job's return value is checked (`validateOutcome`) and written by the
 *   coordinator itself into its run cache, atomically, exactly where `executeRun` would
 *   (`storeOutcome`). Workers never write there.
 * - A run that throws is retried `attempts` times (on any worker), then reported with the
 *   worker's error; the rest of the sweep goes on and `queueExecute` rejects at the end
 *   listing the failed runs (like the local executor).
 * - Redis unreachable at the start: a `QueueConnectionError` naming the redacted URL, at once.
 *   Connection lost later: the coordinator says so, waits, reconnects and goes on.
 */
import * as tf from '@tensorflow/tfjs';
import { Queue, type JobsOptions } from 'bullmq';
import { runKey, type RunOutcome, type RunSpec } from '../experiments/runSpec';
import { SCORE_VERSION } from '../experiments/scoreRun';
import { configHash } from '../runs';
import { PREFERENCE_CODE_VERSION, TRAIN_CODE_VERSION, type ReferenceBuildConfig } from '../train';
import { probeRedis, redisOptions } from './connection';
import { describeRun } from './describe';
import { validateOutcome, type OutcomeExpectation } from './outcome';
import { jobIdOf, RUN_JOB_NAME, validateBuildConfig, validateRunSpec, type RunJobData } from './payload';
import { SweepProgress } from './progress';
import { checkQueueName, DEFAULT_QUEUE_NAME, KEEP_JOBS } from './settings';
import { storeOutcome } from './store';
import { parseRedisUrl, type RedisTarget } from './url';

export interface QueueExecuteOptions {
  /** The coordinator's run cache (result files are written here). */
  root: string;
  /** The queue's Redis URL: `redis://[user[:password]@]host[:port][/db]` or `rediss://…`. */
  queue: string;
  /** Progress lines on stderr. */
  progress: boolean;
  /** Tries per run: a thrown error counts one (a worker that died does not). Default 3. */
  attempts?: number;
  /** BullMQ queue name (the workers' `--queue-name`). Default `avere-runs`. */
  queueName?: string;
  /** How often the jobs' states are read. Default 500 ms. */
  pollMs?: number;
}

type RunQueue = Queue<RunJobData, RunOutcome, typeof RUN_JOB_NAME>;

interface QueuedRun {
  spec: RunSpec;
  id: string;
}

const WORKER_LIST_MS = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function jobOptions(id: string, attempts: number): JobsOptions {
  return { jobId: id, attempts, backoff: { type: 'fixed', delay: 1_000 }, removeOnComplete: KEEP_JOBS, removeOnFail: KEEP_JOBS };
}

/** Puts the runs on the queue: no duplicate of a waiting, running or finished job; a failed one again, fresh. */
async function enqueue(queue: RunQueue, runs: readonly QueuedRun[], build: ReferenceBuildConfig, attempts: number): Promise<void> {
  for (const r of runs) {
    if ((await queue.getJobState(r.id)) === 'failed') await (await queue.getJob(r.id))?.remove();
  }
  await queue.addBulk(runs.map((r) => ({ name: RUN_JOB_NAME, data: { v: 1, spec: r.spec, build }, opts: jobOptions(r.id, attempts) })));
}

/** The names of the workers connected to the queue now (empty where Redis hides its client list). */
async function connectedWorkers(queue: RunQueue): Promise<string[]> {
  try {
    const clients = await queue.getWorkers();
    return clients.map((c) => (c['rawname'] ?? '').split(':w:')[1] ?? '').filter((n) => n !== '');
  } catch {
    return [];
  }
}

type Settled = { state: 'pending' } | { state: 'done' } | { state: 'failed'; message: string };

/** The run's state on the queue; a finished one is stored. Redis errors propagate (the caller waits them out). */
async function settle(
  queue: RunQueue,
  r: QueuedRun,
  ctx: { root: string; build: ReferenceBuildConfig; attempts: number; expected: OutcomeExpectation; progress: SweepProgress },
): Promise<Settled> {
  const state = await queue.getJobState(r.id);
  if (state === 'unknown') {
    // removed from the queue under us (a cleaned queue): put it back
    await queue.add(RUN_JOB_NAME, { v: 1, spec: r.spec, build: ctx.build }, jobOptions(r.id, ctx.attempts));
    return { state: 'pending' };
  }
  if (state !== 'completed' && state !== 'failed') return { state: 'pending' };
  const job = await queue.getJob(r.id);
  if (job === undefined) return { state: 'pending' };
  ctx.progress.saw(job.processedBy);
  const where = `${describeRun(r.spec)} (${r.id})`;
  if (state === 'failed') {
    const tries = `${job.attemptsMade} attempt${job.attemptsMade === 1 ? '' : 's'}, last on worker ${job.processedBy ?? 'unknown'}`;
    return { state: 'failed', message: `${where}: ${job.failedReason} (${tries})` };
  }
  try {
    const outcome = validateOutcome(job.returnvalue as unknown, r.spec, ctx.expected);
    storeOutcome(ctx.root, r.spec, ctx.build, outcome);
    return { state: 'done' };
  } catch (e) {
    return { state: 'failed', message: `${where}: the result of worker ${job.processedBy ?? 'unknown'} was not stored: ${(e as Error).message}` };
  }
}

/** Waits until every run is stored or failed; returns the failures' messages. */
async function follow(
  queue: RunQueue,
  runs: readonly QueuedRun[],
  target: RedisTarget,
  ctx: { root: string; build: ReferenceBuildConfig; attempts: number; pollMs: number; expected: OutcomeExpectation; progress: SweepProgress },
): Promise<string[]> {
  const pending = new Map(runs.map((r) => [r.id, r]));
  const failures: string[] = [];
  let lost = false;
  const onError = (e: Error) => {
    if (!lost) ctx.progress.note(`lost Redis at ${target.redacted} (${e.message}); waiting for it to come back…`);
    lost = true;
  };
  queue.on('error', onError); // ioredis reconnects by itself; commands wait meanwhile
  let workersAt = 0;
  while (pending.size > 0) {
    try {
      for (const r of [...pending.values()]) {
        const s = await settle(queue, r, ctx);
        if (s.state === 'pending') continue;
        pending.delete(r.id);
        if (s.state === 'done') ctx.progress.done++;
        else {
          ctx.progress.failed++;
          failures.push(s.message);
          ctx.progress.note(`failed: ${s.message}`);
        }
      }
      if (Date.now() - workersAt > WORKER_LIST_MS) {
        workersAt = Date.now();
        for (const w of await connectedWorkers(queue)) ctx.progress.saw(w);
      }
      if (lost) ctx.progress.note(`reconnected to Redis at ${target.redacted}`);
      lost = false;
    } catch (e) {
      onError(e as Error);
    }
    ctx.progress.line();
    if (pending.size > 0) await sleep(ctx.pollMs);
  }
  return failures;
}

/**
 * Executes `todo` (runs without a result file under `opts.root`) on the queue's workers and
 * stores every result under `opts.root`. Rejects when Redis cannot be reached (at once), and
 * at the end when some runs failed (the others are stored).
 */
export async function queueExecute(todo: RunSpec[], build: ReferenceBuildConfig, opts: QueueExecuteOptions): Promise<void> {
  if (todo.length === 0) return;
  const target = parseRedisUrl(opts.queue);
  const queueName = checkQueueName(opts.queueName ?? DEFAULT_QUEUE_NAME);
  const attempts = opts.attempts ?? 3;
  if (!Number.isInteger(attempts) || attempts < 1) throw new Error(`queue: attempts must be a positive integer, got ${attempts}`);
  // what the workers will check, checked here first: a sweep never sends a payload they refuse
  todo.forEach((s, i) => validateRunSpec(s, `run ${i}`));
  validateBuildConfig(build);
  await probeRedis(target);
  const expected: OutcomeExpectation = {
    backend: tf.getBackend(),
    code: { train: TRAIN_CODE_VERSION, preference: PREFERENCE_CODE_VERSION, score: SCORE_VERSION },
  };
  const runs = todo.map((spec) => ({ spec, id: jobIdOf(configHash(runKey(spec, build))) }));
  const progress = new SweepProgress(runs.length, opts.progress);
  const queue: RunQueue = new Queue(queueName, { connection: redisOptions(target) });
  queue.on('error', () => undefined); // until `follow` reports outages: ioredis reconnects by itself
  let failures: string[];
  try {
    await enqueue(queue, runs, build, attempts);
    progress.note(`${runs.length} runs on queue ${queueName} at ${target.redacted}`);
    failures = await follow(queue, runs, target, { root: opts.root, build, attempts, pollMs: opts.pollMs ?? 500, expected, progress });
  } finally {
    await queue.close();
  }
  if (failures.length > 0) throw new Error(`${failures.length} of ${runs.length} runs failed on the queue; the others are stored.\n${failures.join('\n')}`);
}
