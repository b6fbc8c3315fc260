import { isIP } from 'net';

/**
 * The queue's address: a Redis URL, `redis://[user[:password]@]host[:port][/db]` or `rediss://…`
 * (TLS, the server's name checked against its certificate). Nothing else is read: no
 * environment variable, no default host. The password never appears in a message: every
 * error and progress line names the URL through {@link redactUrl}.
 */

/** Where the queue lives, as ioredis options plus the URL to print. */
export interface RedisTarget {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  /** TLS (`rediss://`): the certificate is checked against the host (SNI `servername` for a host name, not an IP address). */
  tls?: { servername?: string };
  /** The URL with its password replaced by `***` (for messages). */
  redacted: string;
}

const DEFAULT_PORT = 6379;

/** `url` with its password replaced by `***`; an unparsable string is shown only by its scheme. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? '';
    return `${scheme}<unparsable URL>`;
  }
}

/** Parses a `redis://` or `rediss://` URL; errors name the redacted URL and what is wrong. */
export function parseRedisUrl(url: string): RedisTarget {
  const redacted = redactUrl(url);
  const bad = (why: string): never => {
    throw new Error(`queue URL ${redacted}: ${why} (expected redis://[user[:password]@]host[:port][/db] or rediss://…)`);
  };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return bad('not a URL');
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') bad(`scheme ${u.protocol} is not redis: or rediss:`);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') bad('no host');
  const port = u.port === '' ? DEFAULT_PORT : Number(u.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) bad(`port ${u.port} is not in 1…65535`);
  const dbText = u.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d{1,5}$/.test(dbText)) bad(`database "${dbText}" is not a number`);
  if (u.search !== '' || u.hash !== '') bad('query strings and fragments are not read');
  const target: RedisTarget = { host, port, db: dbText === '' ? 0 : Number(dbText), redacted };
  if (u.username !== '') target.username = decodeURIComponent(u.username);
  if (u.password !== '') target.password = decodeURIComponent(u.password);
  if (u.protocol === 'rediss:') target.tls = isIP(host) === 0 ? { servername: host } : {};
  return target;
}
