import { describe, expect, it } from 'vitest';
import { parseRedisUrl, redactUrl } from '../../src/queue';

describe('queue URL', () => {
  it('parses host, port, database and the default port', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6380')).toEqual({ host: '127.0.0.1', port: 6380, db: 0, redacted: 'redis://127.0.0.1:6380' });
    expect(parseRedisUrl('redis://queue.lab/2')).toMatchObject({ host: 'queue.lab', port: 6379, db: 2 });
    expect(parseRedisUrl('redis://[::1]:7000')).toMatchObject({ host: '::1', port: 7000 });
  });
  it('reads user and password (percent-decoded) and never prints the password', () => {
    const t = parseRedisUrl('redis://sweep:p%40ss%3Aword@10.1.2.3:6379');
    expect(t).toMatchObject({ username: 'sweep', password: 'p@ss:word', host: '10.1.2.3' });
    expect(t.redacted).toBe('redis://sweep:***@10.1.2.3:6379');
    expect(parseRedisUrl('redis://:secret@h:1').redacted).toBe('redis://:***@h:1');
    expect(redactUrl('rediss://u:secret@h:6380/1')).toBe('rediss://u:***@h:6380/1');
  });
  it('rediss:// asks for TLS with the host as server name', () => {
    expect(parseRedisUrl('rediss://u:pw@redis.example.org:6380').tls).toEqual({ servername: 'redis.example.org' });
    expect(parseRedisUrl('rediss://10.0.0.5:6380').tls).toEqual({}); // no SNI for an IP address; the certificate is still checked
    expect(parseRedisUrl('redis://redis.example.org').tls).toBeUndefined();
  });
  it('rejects other schemes, bad ports and databases, query strings, with the password redacted', () => {
    const msg = (u: string) => {
      try {
        parseRedisUrl(u);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(msg('http://h:6379')).toMatch(/scheme http: is not redis: or rediss:/);
    expect(msg('redis://h:0')).toMatch(/port/);
    expect(msg('redis://h/db1')).toMatch(/database "db1"/);
    expect(msg('redis://u:secret@h?tls=1')).toMatch(/query strings/);
    expect(msg('redis://u:secret@h?tls=1')).not.toContain('secret');
    expect(msg('localhost:6379')).toMatch(/scheme localhost: is not/);
    expect(msg('not a url')).toMatch(/not a URL/);
  });
});
