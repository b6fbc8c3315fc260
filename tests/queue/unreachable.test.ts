import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAll, type RunSpec } from '../../src/experiments';
import { QueueConnectionError, queueExecute, startQueueWorker } from '../../src/queue';
import { microBuild } from '../fixtures/microBuild';
import { ROOT } from '../helpers/children';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-unreachable-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const spec: RunSpec = { kind: 'reference', reference: 'base', seed: 1, scorer: { kind: 'likelihood' } };

describe('queue executor without a reachable Redis', () => {
  it('fails fast, naming the URL with its password redacted', async () => {
    const port = await closedPort();
    const url = `redis://sweep:hunter2@127.0.0.1:${port}`;
    const t0 = Date.now();
    const err = await queueExecute([spec], microBuild(), { root: path.join(tmp, 'runs'), queue: url, progress: false }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(QueueConnectionError);
    expect((err as Error).message).toContain(`cannot reach Redis at redis://sweep:***@127.0.0.1:${port}`);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
    expect((err as Error).message).not.toContain('hunter2');
    expect(Date.now() - t0).toBeLessThan(5_000);
    // nothing was written to the coordinator's runs/
    expect(fs.existsSync(path.join(tmp, 'runs'))).toBe(false);
  });
  it('runAll with the queue executor: the same error; without a URL: asks for one', async () => {
    const port = await closedPort();
    await expect(
      runAll([spec], microBuild(), { root: path.join(tmp, 'runs'), executor: 'queue', queue: `redis://127.0.0.1:${port}`, progress: false }),
    ).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1/);
    await expect(runAll([spec], microBuild(), { root: path.join(tmp, 'runs'), executor: 'queue', progress: false })).rejects.toThrow(
      /needs the queue's Redis URL/,
    );
  });
  it('a worker fails fast too (the API and the CLI, exit 1)', async () => {
    const port = await closedPort();
    await expect(startQueueWorker({ url: `redis://:pw@127.0.0.1:${port}`, cacheDir: path.join(tmp, 'w') })).rejects.toThrow(
      new RegExp(`cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}`),
    );
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/worker.ts', '--queue', `redis://u:topsecret@127.0.0.1:${port}`, '--cache', path.join(tmp, 'w')],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`worker: queue: cannot reach Redis at redis://u:***@127.0.0.1:${port}`);
    expect(r.stderr).not.toContain('topsecret');
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/worker.ts', '--queue', 'http://127.0.0.1:1'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/scheme http: is not redis: or rediss:/);
  }, 120_000);
});
