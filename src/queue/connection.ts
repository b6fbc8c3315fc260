/**
 * Connections to the queue's Redis. Two kinds:
 *
 * - the probe ({@link probeRedis}): one attempt, a short timeout, then closed — a sweep or a
 *   worker whose Redis cannot be reached fails at once with the (redacted) URL;
 * - the long-lived connections of the coordinator and the workers ({@link redisOptions}):
 *   they reconnect forever with a capped back-off and hold commands while disconnected, so a
 *   lost connection mid-sweep is waited out instead of failing the sweep.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisTarget } from './url';

/** Redis versions before this lack commands BullMQ's scripts use. */
const MIN_REDIS_MAJOR = 5;

function baseOptions(t: RedisTarget): RedisOptions {
  const o: RedisOptions = { host: t.host, port: t.port, db: t.db };
  if (t.username !== undefined) o.username = t.username;
  if (t.password !== undefined) o.password = t.password;
  if (t.tls !== undefined) o.tls = { ...t.tls };
  return o;
}

/** Options of a long-lived connection: reconnect forever (back-off 0.2 s … 5 s), commands wait meanwhile. */
export function redisOptions(t: RedisTarget): RedisOptions {
  return {
    ...baseOptions(t),
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    connectTimeout: 10_000,
    retryStrategy: (times: number) => Math.min(200 * times, 5_000),
  };
}

/** Raised when the queue's Redis cannot be reached or refuses us; the message names the redacted URL. */
export class QueueConnectionError extends Error {
  override name = 'QueueConnectionError';
}

/**
 * Connects once (no retry, `timeoutMs`), checks the server answers and is recent enough,
 * and closes. Resolves to the server's version; rejects with a {@link QueueConnectionError}.
 */
export async function probeRedis(t: RedisTarget, timeoutMs = 5_000): Promise<string> {
  const client = new Redis({
    ...baseOptions(t),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    reconnectOnError: () => false,
  });
  let cause: Error | undefined; // the socket's own error (e.g. ECONNREFUSED) beats ioredis's "Connection is closed."
  client.on('error', (e: Error) => (cause ??= e));
  try {
    await client.connect();
    await client.ping();
    // the version, where the server's ACL lets us read it (managed Redis may refuse INFO)
    const info = await client.info('server').catch(() => '');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    const major = Number(version.split('.')[0]);
    if (Number.isFinite(major) && major < MIN_REDIS_MAJOR) {
      throw new QueueConnectionError(`queue: Redis at ${t.redacted} is version ${version}; the queue needs ${MIN_REDIS_MAJOR} or later`);
    }
    return version;
  } catch (e) {
    if (e instanceof QueueConnectionError) throw e;
    throw new QueueConnectionError(`queue: cannot reach Redis at ${t.redacted}: ${(cause ?? (e as Error)).message}`);
  } finally {
    client.disconnect();
  }
}
