/**
 * A queue worker: takes runs from the queue and executes them in sandboxed child processes
 * (`processor.ts`, one per concurrent slot), in its own run cache — the references it builds
 * and the adapters it trains stay there; only each run's outcome goes back, as the job's
 * return value. It never writes into a coordinator's runs/.
 *
 * Its process only holds the jobs' locks and renews them every `lockDurationMs / 2`; a run
 * keeps the child busy, never this process, so a healthy long run is not taken for stalled.
 * A worker that dies stops renewing: after `lockDurationMs` the job's lock expires, and the
 * stalled check of any live worker (every `stalledIntervalMs`) puts it back in the queue for
 * another worker (at most `maxStalledCount` times, then it fails).
 */
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Worker } from 'bullmq';
import type { RunOutcome } from '../experiments/runSpec';
import { probeRedis, redisOptions } from './connection';
import { describeRun } from './describe';
import { validateRunSpec } from './payload';
import { checkQueueName, checkWorkerName, DEFAULT_QUEUE_NAME, SANDBOX_ENV } from './settings';
import { parseRedisUrl } from './url';

export interface QueueWorkerOptions {
  /** The queue's Redis URL (`redis://…` or `rediss://…`). */
  url: string;
  /** This worker's run cache (references, adapters, its copy of each result). */
  cacheDir: string;
  queueName?: string;
  /** Runs at once (one child process each). Default 1. */
  concurrency?: number;
  /** Shown in progress and error lines. Default `<host>-<pid>`. */
  name?: string;
  /** How long a job's lock lasts without renewal. Default 30 000 ms. */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose lock expired. Default 30 000 ms. */
  stalledIntervalMs?: number;
  /** A job whose worker died more often than this fails. Default 2. */
  maxStalledCount?: number;
  /** Where the worker's event lines go. Default stdout. */
  log?: (line: string) => void;
}

export interface QueueWorker {
  name: string;
  /** Stops taking jobs and waits for the running ones (`force`: abandons them to the stalled check). */
  close(force?: boolean): Promise<void>;
}

const PROCESSOR_FILE = path.join(__dirname, 'processor.ts');
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

function defaultName(): string {
  return `${os.hostname().replace(/[^A-Za-z0-9._-]/g, '-')}-${process.pid}`;
}

function runLabel(data: unknown): string {
  try {
    return describeRun(validateRunSpec((data as { spec?: unknown } | null)?.spec));
  } catch {
    return '(invalid payload)';
  }
}

/** Connects (failing fast when Redis cannot be reached) and starts taking jobs. */
export async function startQueueWorker(o: QueueWorkerOptions): Promise<QueueWorker> {
  const target = parseRedisUrl(o.url);
  const queueName = checkQueueName(o.queueName ?? DEFAULT_QUEUE_NAME);
  const name = checkWorkerName(o.name ?? defaultName());
  const concurrency = o.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`worker: concurrency must be a positive integer, got ${concurrency}`);
  const log = o.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  await probeRedis(target);
  const cacheDir = path.resolve(o.cacheDir);
  const worker = new Worker<unknown, RunOutcome>(queueName, PROCESSOR_FILE, {
    connection: redisOptions(target),
    name,
    concurrency,
    lockDuration: o.lockDurationMs ?? 30_000,
    stalledInterval: o.stalledIntervalMs ?? 30_000,
    maxStalledCount: o.maxStalledCount ?? 2,
    useWorkerThreads: false,
    workerForkOptions: {
      execArgv: ['--import', TSX_LOADER],
      env: { ...process.env, [SANDBOX_ENV.name]: name, [SANDBOX_ENV.cache]: cacheDir },
    },
  });
  const t0 = new Map<string, number>();
  const say = (msg: string) => log(`${new Date().toISOString()} [worker ${name}] ${msg}`);
  worker.on('active', (job) => {
    t0.set(String(job.id), performance.now());
    const stalls = job.stalledCounter > 0 ? `, after ${job.stalledCounter} lost worker${job.stalledCounter === 1 ? '' : 's'}` : '';
    say(`start ${String(job.id)} ${runLabel(job.data)} (attempt ${job.attemptsMade + 1}${stalls})`);
  });
  worker.on('completed', (job) => {
    const s = (performance.now() - (t0.get(String(job.id)) ?? performance.now())) / 1000;
    say(`done ${String(job.id)} in ${s.toFixed(1)} s`);
  });
  worker.on('failed', (job, err) => say(`failed ${String(job?.id)} (attempt ${job?.attemptsMade ?? '?'} of ${job?.opts.attempts ?? 1}): ${err.message}`));
  worker.on('stalled', (id) => say(`stalled ${id}: its worker stopped renewing the lock; back in the queue`));
  let lastError = 0;
  worker.on('error', (err) => {
    if (Date.now() - lastError < 10_000) return;
    lastError = Date.now();
    say(`Redis at ${target.redacted}: ${err.message} (reconnecting)`);
  });
  await worker.waitUntilReady();
  say(`ready: queue ${queueName} at ${target.redacted}, concurrency ${concurrency}, cache ${cacheDir}`);
  return { name, close: (force = false) => worker.close(force) };
}
