/**
 * The sandboxed processor: BullMQ forks one child process per concurrent slot of a worker
 * (with `--import tsx`) and calls this function there for each job, while the worker's own
 * process renews the job's lock — a long run that keeps this process busy is never taken for
 * stalled. The child:
 *
 * 1. checks the payload (`validateJobData`; an invalid one fails at once, without retries);
 * 2. checks that the job id is the hash of its run here, i.e. that this worker's code versions
 *    and backend are the coordinator's (else the result would be named after another run);
 * 3. runs `executeRun(spec, build, { root: <the worker's cache> })` and returns the outcome.
 *
 * The worker's name and cache come from the environment its parent set (never from the job).
 * Errors carry the worker's name. The child exits when its parent dies (no orphan keeps
 * training after its worker was killed).
 */
import * as path from 'path';
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { initBackend } from '../backend';
import { executeRun, runKey, type RunOutcome } from '../experiments/runSpec';
import { configHash } from '../runs';
import { PayloadError } from './json';
import { jobIdOf, validateJobData } from './payload';
import { SANDBOX_ENV } from './settings';

const parentPid = process.ppid;
process.on('disconnect', () => process.exit(1));
setInterval(() => {
  if (process.ppid !== parentPid) process.exit(1);
}, 1_000).unref();

let backend: Promise<unknown> | undefined;

function setting(name: string): string {
  const v = process.env[name];
  if (v === undefined || v === '') throw new Error(`queue processor: ${name} is not set (the processor runs only under src/queue/worker.ts)`);
  return v;
}

/** Runs one job's run in this process and returns its outcome. */
export default async function processRun(job: SandboxedJob<unknown, RunOutcome>): Promise<RunOutcome> {
  const worker = process.env[SANDBOX_ENV.name] ?? `pid-${process.pid}`;
  try {
    const cache = path.resolve(setting(SANDBOX_ENV.cache));
    const data = validateJobData(job.data);
    backend ??= initBackend({ quiet: true });
    await backend;
    const id = jobIdOf(configHash(runKey(data.spec, data.build)));
    if (id !== job.id)
      throw new PayloadError(
        `job id ${String(job.id)} is not the hash of its run on this worker (${id}): its code versions or backend differ from the coordinator's`,
      );
    return await executeRun(data.spec, data.build, { root: cache, progress: false });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const message = `[worker ${worker}] ${err.message}`;
    if (err instanceof PayloadError) throw new UnrecoverableError(message);
    const out = new Error(message);
    out.stack = `${message}\n${(err.stack ?? '').split('\n').slice(1).join('\n')}`;
    throw out;
  }
}
