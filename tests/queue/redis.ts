/**
 * The Redis of the queue tests: `AVERE_TEST_REDIS` (`.ci/run` starts a redis-server on the
 * loopback and sets it). Those tests are skipped only when it is unset outside CI; in CI
 * (`CI=true`) they run, and fail when it is missing.
 */
import { describe } from 'vitest';

const TEST_REDIS = process.env.AVERE_TEST_REDIS;

/** `describe` for tests that need Redis. */
export const describeRedis = TEST_REDIS === undefined && process.env.CI !== 'true' ? describe.skip : describe;

/** The test Redis URL (an error naming the variable when unset). */
export function redisUrl(): string {
  if (TEST_REDIS === undefined || TEST_REDIS === '') throw new Error('AVERE_TEST_REDIS is not set: the queue tests need a Redis (in CI, .ci/run starts one)');
  return TEST_REDIS;
}

/** A queue name of its own for each test run. */
export function testQueueName(label: string): string {
  return `test-${label}-${process.pid}-${Date.now().toString(36)}`;
}
