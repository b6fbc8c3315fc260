import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runAll, runKey, type RunSpec } from '../../src/experiments';
import { jobIdOf, parseRedisUrl } from '../../src/queue';
import { redisOptions } from '../../src/queue/connection';
import { configHash } from '../../src/runs';
import { microBuild } from '../fixtures/microBuild';
import { describeRedis, redisUrl, testQueueName } from './redis';
import { startWorkerProcess, type WorkerProcess } from './workers';

let tmp = '';
const workers: WorkerProcess[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Children of a process (its sandboxed processors), from /proc. */
function childPids(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter((s) => s !== '')
      .map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const cheap = ['checkpointEvery=0', 'lr=0.005'];
const good: RunSpec[] = [
  { kind: 'reference', reference: 'base', seed: 1, scorer: { kind: 'likelihood' } },
  { kind: 'reference', reference: 'base', seed: 2, scorer: { kind: 'likelihood' } },
  { kind: 'preference', reference: 'base', seed: 1, objective: 'avem-dpo', set: cheap },
  { kind: 'preference', reference: 'base', seed: 2, objective: 'avem-dpo', set: cheap },
  // long enough (many epochs of the micro preference set) to be killed mid-run
  { kind: 'preference', reference: 'base', seed: 1, objective: 'avem-dpo-no-tpd', set: [...cheap, 'epochs=150'] },
];
const long = good[4] as RunSpec;
// passes the payload check, throws in the run (an unknown override): retried, then reported failed
const throwing: RunSpec = { kind: 'preference', reference: 'base', seed: 1, objective: 'avem-dpo', set: ['noSuchKnob=1'] };

describeRedis('queue executor on Redis (AVERE_TEST_REDIS)', () => {
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-sweep-'));
  });
  afterAll(() => {
    // AVERE_QUEUE_TEST_LOG=FILE keeps the workers' lines (time-stamped) for a look at what happened
    const log = process.env.AVERE_QUEUE_TEST_LOG;
    if (log !== undefined)
      fs.writeFileSync(
        log,
        `${workers
          .flatMap((w) => w.lines())
          .sort()
          .join('\n')}\n`,
      );
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  it("runs a micro sweep on two worker processes, survives a SIGKILLed worker and a dropped connection, and stores the local executor's results", async () => {
    const url = redisUrl();
    const build = microBuild();
    const queueName = testQueueName('sweep');
    const idOf = (s: RunSpec) => jobIdOf(configHash(runKey(s, build)));
    const coordRoot = path.join(tmp, 'coordinator');
    for (const name of ['wa', 'wb']) workers.push(startWorkerProcess(name, { url, queueName, cache: path.join(tmp, `cache-${name}`) }));
    await until('both workers ready', () => workers.every((w) => w.lines().some((l) => l.includes('] ready: queue'))), 60_000);

    const sweep = runAll([...good, throwing], build, { root: coordRoot, executor: 'queue', queue: url, queueName, attempts: 2, progress: false }).then(
      () => undefined,
      (e: Error) => e,
    );

    // SIGKILL the worker that runs the long job, mid-run (its sandboxed child must exit by itself)
    const started = (w: WorkerProcess) => w.lines().some((l) => l.includes(`start ${idOf(long)}`));
    await until('the long run to start', () => workers.some(started));
    const victim = workers.find(started) as WorkerProcess;
    const survivor = workers.find((w) => w !== victim) as WorkerProcess;
    await sleep(1_000);
    expect(victim.lines().some((l) => l.includes(`done ${idOf(long)}`))).toBe(false);
    const sandboxes = childPids(victim.child.pid as number);
    expect(sandboxes.length).toBeGreaterThan(0);
    victim.child.kill('SIGKILL');
    await until('the killed worker to exit', () => victim.child.signalCode === 'SIGKILL');
    await until('its sandboxed processor to exit', () => sandboxes.every((p) => !alive(p)), 15_000);

    // drop every client connection (coordinator and survivor): both reconnect and go on
    const admin = new Redis(redisOptions(parseRedisUrl(url)));
    await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');

    const err = await sweep;
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toMatch(/^1 of 6 runs failed on the queue; the others are stored\./);
    expect(msg).toContain(`avem-dpo from base seed 1 [noSuchKnob=1] (${idOf(throwing)}): [worker w`);
    expect(msg).toMatch(/unknown key "noSuchKnob".*\(2 attempts, last on worker w[ab]\)/);

    // the long run: stalled after its worker died, then finished once on the survivor
    const all = () => workers.flatMap((w) => w.lines());
    expect(survivor.lines().some((l) => l.includes(`stalled ${idOf(long)}`))).toBe(true);
    expect(survivor.lines().filter((l) => l.includes(`done ${idOf(long)}`))).toHaveLength(1);
    expect(survivor.lines().some((l) => l.includes(`start ${idOf(long)}`) && l.includes('after 1 lost worker'))).toBe(true);
    // every good run finished exactly once on the workers, and has exactly one result in the coordinator's runs/
    for (const s of good) expect(all().filter((l) => l.includes(`done ${idOf(s)}`))).toHaveLength(1);
    // …and started once (twice for the killed one): a healthy run longer than the lock is never taken for stalled
    for (const s of good) expect(all().filter((l) => l.includes(`start ${idOf(s)}`))).toHaveLength(s === long ? 2 : 1);
    const entries = fs.readdirSync(coordRoot).sort();
    expect(entries).toEqual(good.map((s) => `result-${configHash(runKey(s, build))}`).sort());
    for (const e of entries) expect(fs.readdirSync(path.join(coordRoot, e)).sort()).toEqual(['config.json', 'result.json']);

    // an invalid payload is refused at once (no retry), with the worker's name; so is a job whose id is not its run's hash
    const queue = new Queue(queueName, { connection: redisOptions(parseRedisUrl(url)) });
    await queue.add('run', { v: 1, spec: { ...good[0], script: '/tmp/evil.js' }, build }, { jobId: 'run-invalid', attempts: 3 });
    await queue.add('run', { v: 1, spec: good[0], build }, { jobId: 'run-not-its-hash', attempts: 3 });
    await until(
      'the invalid jobs to fail',
      async () => (await queue.getJobState('run-invalid')) === 'failed' && (await queue.getJobState('run-not-its-hash')) === 'failed',
      60_000,
    );
    const invalid = await queue.getJob('run-invalid');
    expect(invalid?.attemptsMade).toBe(1);
    expect(invalid?.failedReason).toBe(`[worker ${survivor.name}] job.spec: unexpected key "script" (expected kind, reference, seed, scorer)`);
    const misnamed = await queue.getJob('run-not-its-hash');
    expect(misnamed?.attemptsMade).toBe(1);
    expect(misnamed?.failedReason).toMatch(/is not the hash of its run on this worker/);

    // the same specs through the local executor: the same scores (all but the scoring's wall time)
    const local = await runAll(good, build, { root: path.join(tmp, 'local'), jobs: 1, progress: false });
    const queued = await runAll(good, build, { root: coordRoot, executor: 'queue', queue: url, queueName, progress: false });
    const scores = (os: typeof local) => os.map((o) => ({ ...o.score, seconds: 0 }));
    expect(scores(queued)).toEqual(scores(local));
    expect(queued.map((o) => o.training?.heldOut ?? null)).toEqual(local.map((o) => o.training?.heldOut ?? null));

    survivor.child.kill('SIGTERM');
    await until('the survivor to stop', () => survivor.child.exitCode !== null || survivor.child.signalCode !== null, 60_000);
    expect(survivor.child.exitCode).toBe(0);
    await queue.obliterate({ force: true });
    await queue.close();
    await admin.quit();
  }, 300_000);
});
