/** Queue worker processes for the queue tests (`src/cli/worker.ts` under `node --import tsx`). */
import type { ChildProcess } from 'child_process';
import { startTsx } from '../helpers/children';

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  /** Every stdout/stderr line so far. */
  lines: () => string[];
}

/** Starts `src/cli/worker.ts` with short lock and stalled-check intervals (a dead worker's job is retried within seconds). */
export function startWorkerProcess(name: string, opts: { url: string; queueName: string; cache: string; lockMs?: number; stalledMs?: number }): WorkerProcess {
  const child = startTsx('src/cli/worker.ts', [
    '--queue',
    opts.url,
    '--queue-name',
    opts.queueName,
    '--cache',
    opts.cache,
    '--name',
    name,
    '--lock-ms',
    String(opts.lockMs ?? 4_000),
    '--stalled-ms',
    String(opts.stalledMs ?? 1_000),
  ]);
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  return { name, child, lines: () => text.split('\n').filter((l) => l !== '') };
}
