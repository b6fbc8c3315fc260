/** Names shared by the coordinator, the worker and its sandboxed processor. */

/** The BullMQ queue of the runs unless another name is given. */
export const DEFAULT_QUEUE_NAME = 'avere-runs';

/** Checks a queue name (letters, digits, `.`, `_`, `-`; BullMQ keys are built from it). */
export function checkQueueName(name: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new Error(`queue name "${name}": expected 1–64 letters, digits, ".", "_" or "-"`);
  return name;
}

/** Checks a worker name (it becomes part of a Redis client name: no spaces). */
export function checkWorkerName(name: string): string {
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) throw new Error(`worker name "${name}": expected 1–64 letters, digits, ".", "_", "@" or "-"`);
  return name;
}

/** Environment variables through which a worker tells its sandboxed processor its name and cache (never through a job). */
export const SANDBOX_ENV = { name: 'AVERE_WORKER_NAME', cache: 'AVERE_WORKER_CACHE' } as const;

/** Job retention: finished and failed jobs (and their results) stay a week, for other coordinators of the same sweep. */
export const KEEP_JOBS = { age: 7 * 24 * 3600 } as const;
