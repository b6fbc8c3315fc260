/**
 * `npm run worker -- --queue redis://HOST:PORT [--concurrency N] [--cache DIR] [--name NAME] [--queue-name NAME]`
 *
 * A queue worker (docs/queue.md): executes the runs a coordinator (`runAll` with the `queue`
 * executor) puts on the queue, each in a sandboxed child process, in its own run cache
 * (default `runs-worker/`; never the coordinator's runs/). Prints one line per job event.
 * SIGINT / SIGTERM: stop taking jobs and finish the running ones (a second signal abandons
 * them to another worker).
 */
import * as path from 'path';
import { Command } from 'commander';
import { startQueueWorker } from '../queue/worker';

const positiveInt = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: expected a positive integer, got "${v}"`);
  return n;
};

async function main(): Promise<void> {
  const o = new Command()
    .name('worker')
    .description('Execute the runs of a sweep from the queue')
    .requiredOption('--queue <url>', 'the queue: redis://[user[:password]@]host[:port][/db] or rediss://… (TLS)')
    .option('--concurrency <n>', 'runs at once (one process each)', positiveInt('--concurrency'), 1)
    .option('--cache <dir>', "this worker's run cache (references, adapters)", path.resolve(__dirname, '..', '..', 'runs-worker'))
    .option('--name <name>', 'worker name in progress and error lines (default <host>-<pid>)')
    .option('--queue-name <name>', "BullMQ queue name (the coordinator's)")
    .option('--lock-ms <ms>', "job lock duration; a dead worker's job is retried after it", positiveInt('--lock-ms'), 30_000)
    .option('--stalled-ms <ms>', 'interval of the check for jobs of dead workers', positiveInt('--stalled-ms'), 30_000)
    .option('--max-stalled <n>', 'a job whose worker died more often than this fails', positiveInt('--max-stalled'), 2)
    .parse()
    .opts<{ queue: string; concurrency: number; cache: string; name?: string; queueName?: string; lockMs: number; stalledMs: number; maxStalled: number }>();
  const worker = await startQueueWorker({
    url: o.queue,
    cacheDir: o.cache,
    concurrency: o.concurrency,
    name: o.name,
    queueName: o.queueName,
    lockDurationMs: o.lockMs,
    stalledIntervalMs: o.stalledMs,
    maxStalledCount: o.maxStalled,
  });
  let stopping = false;
  const stop = (signal: string) => {
    const force = stopping;
    stopping = true;
    process.stdout.write(`[worker ${worker.name}] ${signal}: ${force ? 'abandoning the running jobs' : 'finishing the running jobs, then stopping'}\n`);
    worker.close(force).then(
      () => process.exit(0),
      (e: Error) => {
        process.stderr.write(`worker: ${e.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: Error) => {
  process.stderr.write(`worker: ${e.message}\n`);
  process.exit(1);
});
