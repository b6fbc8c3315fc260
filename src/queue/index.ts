/**
 * The queue executor (BullMQ on Redis; docs/queue.md): a coordinator puts the missing runs of
 * a sweep on a queue, workers on any number of machines execute them in sandboxed child
 * processes, and the coordinator stores each result in its own run cache. `runAll` uses it
 * with `executor: 'queue'`.
 */
export { queueExecute } from './coordinator';
export type { QueueExecuteOptions } from './coordinator';
export { startQueueWorker } from './worker';
export type { QueueWorker, QueueWorkerOptions } from './worker';
export { parseRedisUrl, redactUrl } from './url';
export type { RedisTarget } from './url';
export { probeRedis, QueueConnectionError } from './connection';
export { validateJobData, validateRunSpec, validateBuildConfig, jobIdOf, RUN_JOB_NAME, MAX_PAYLOAD_BYTES } from './payload';
export type { RunJobData } from './payload';
export { validateOutcome } from './outcome';
export { PayloadError } from './json';
export { storeOutcome } from './store';
export { DEFAULT_QUEUE_NAME } from './settings';
