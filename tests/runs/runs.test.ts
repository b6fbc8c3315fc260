import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cachedRun,
  configHash,
  isFinished,
  LOCK_FILE,
  readLockOwner,
  RESULT_FILE,
  runDir,
  tryCachedRun,
  tryLock,
  writeFileAtomic,
  writeJsonAtomic,
} from '../../src/runs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runs-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const d = path.join(tmp, `t${n++}`);
  fs.mkdirSync(d);
  return d;
};
const CHILD = path.join(__dirname, 'fixtures', 'child.ts');
const TSX = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('atomic writes', () => {
  it('replace the file whole and leave no temporary file', () => {
    const d = fresh();
    const f = path.join(d, 'a.json');
    writeJsonAtomic(f, { x: 1 });
    writeFileAtomic(f, 'second');
    expect(fs.readFileSync(f, 'utf8')).toBe('second');
    expect(fs.readdirSync(d)).toEqual(['a.json']);
  });
});

describe('tryLock', () => {
  it('is exclusive, records its owner, and is released only by that owner', () => {
    const f = path.join(fresh(), 'lock');
    const a = tryLock(f)!;
    expect(a).toBeDefined();
    expect(readLockOwner(f)).toMatchObject({ pid: process.pid, token: a.owner.token });
    expect(tryLock(f)).toBeUndefined(); // the same thread, a second acquisition: not its own lock
    a.release();
    const b = tryLock(f)!;
    a.release(); // a stale handle does not remove b's lock
    expect(readLockOwner(f)?.token).toBe(b.owner.token);
    b.release();
    expect(fs.existsSync(f)).toBe(false);
  });

  it('takes over a lock whose owner process is dead, never one held by a live process or another thread', async () => {
    const d = fresh();
    const f = path.join(d, 'lock');
    fs.writeFileSync(f, JSON.stringify({ pid: deadPid(), threadId: 0, started: null, token: 'dead' }));
    const l = tryLock(f)!;
    expect(l).toBeDefined();
    l.release();
    // another thread of this process (same pid, another token): live, so not taken
    fs.writeFileSync(f, JSON.stringify({ pid: process.pid, threadId: 7, started: null, token: 'other-thread' }));
    expect(tryLock(f)).toBeUndefined();
    fs.rmSync(f);
    // a real worker thread takes the lock with open(wx); the main thread cannot take it
    const w = new Worker(
      `const fs = require('fs'); const { threadId, parentPort } = require('worker_threads');
       const fd = fs.openSync(${JSON.stringify(f)}, 'wx');
       fs.writeFileSync(fd, JSON.stringify({ pid: process.pid, threadId, started: null, token: 'worker' })); fs.closeSync(fd);
       parentPort.postMessage('locked'); parentPort.once('message', () => process.exit(0));`,
      { eval: true },
    );
    await new Promise((resolve) => w.once('message', resolve));
    expect(tryLock(f)).toBeUndefined();
    w.postMessage('done');
    await new Promise((resolve) => w.once('exit', resolve));
  });

  it('leaves a fresh, still-empty lock alone (its owner is writing it) and breaks an old empty one', () => {
    const f = path.join(fresh(), 'lock');
    fs.writeFileSync(f, '');
    expect(tryLock(f)).toBeUndefined();
    const old = (Date.now() - 60_000) / 1000;
    fs.utimesSync(f, old, old);
    const l = tryLock(f)!;
    expect(l).toBeDefined();
    l.release();
  });
});

describe('cachedRun', () => {
  const config = { stage: 'x', lr: 1e-3, list: [1, 2] };

  it('computes once, stores the result last, and then only reads it', async () => {
    const root = fresh();
    let calls = 0;
    const compute = async () => ({ v: ++calls });
    const a = await cachedRun(root, 'exp', config, compute);
    expect([a.cached, a.result]).toEqual([false, { v: 1 }]);
    expect(a.run.hash).toBe(configHash(config));
    const mtime = fs.statSync(path.join(a.run.dir, RESULT_FILE)).mtimeMs;
    const b = await cachedRun(root, 'exp', { list: [1, 2], lr: 1e-3, stage: 'x' }, compute); // key order does not matter
    expect([b.cached, b.result, calls]).toEqual([true, { v: 1 }, 1]);
    expect(fs.statSync(path.join(a.run.dir, RESULT_FILE)).mtimeMs).toBe(mtime);
    expect(fs.existsSync(path.join(a.run.dir, LOCK_FILE))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(a.run.dir, 'config.json'), 'utf8'))).toEqual(config);
  });

  it('leaves a failed run unfinished and unlocked, and redoes it', async () => {
    const root = fresh();
    await expect(cachedRun(root, 'exp', config, async () => Promise.reject(new Error('boom')))).rejects.toThrow(/boom/);
    const run = runDir(root, 'exp', config);
    expect(isFinished(run)).toBe(false);
    expect(fs.existsSync(path.join(run.dir, LOCK_FILE))).toBe(false);
    expect((await cachedRun(root, 'exp', config, async () => 'ok')).result).toBe('ok');
  });

  it('refuses a directory whose config.json holds another config', async () => {
    const root = fresh();
    const run = runDir(root, 'exp', config);
    fs.mkdirSync(run.dir, { recursive: true });
    writeJsonAtomic(path.join(run.dir, 'config.json'), { other: true });
    await expect(cachedRun(root, 'exp', config, async () => 1)).rejects.toThrow(/another config/);
  });

  it('makes a concurrent caller wait (or skip) while the run is being computed, and computes it once', async () => {
    const root = fresh();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = cachedRun(root, 'exp', config, async () => {
      calls++;
      await gate;
      return 'first';
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(await tryCachedRun(root, 'exp', config, async () => 'skipped?')).toBeUndefined();
    await expect(cachedRun(root, 'exp', config, async () => 'x', { pollMs: 10, timeoutMs: 50 })).rejects.toThrow(/still being computed/);
    const second = cachedRun(root, 'exp', config, async () => `second ${++calls}`, { pollMs: 10 });
    release();
    expect(await first).toMatchObject({ result: 'first', cached: false });
    expect(await second).toMatchObject({ result: 'first', cached: true });
    expect(calls).toBe(1);
  });
});

describe('cachedRun across processes', () => {
  it('detects and redoes a run whose process was SIGKILLed midway, never reading it as finished', async () => {
    const root = fresh();
    const child = spawn(TSX, [CHILD, root, 'hang'], { stdio: 'ignore' });
    const started = path.join(root, 'started');
    for (let i = 0; i < 600 && !fs.existsSync(started); i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(started)).toBe(true);
    const pid = Number(fs.readFileSync(started, 'utf8'));
    process.kill(pid, 'SIGKILL'); // the tsx wrapper's node child is the one computing
    child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    const run = runDir(root, 'child', { experiment: 'child', n: 3 });
    expect(isFinished(run)).toBe(false);
    expect(readLockOwner(path.join(run.dir, LOCK_FILE))?.pid).toBe(pid); // a stale lock
    expect(fs.readFileSync(path.join(run.dir, 'partial.txt'), 'utf8')).toMatch(/^half/);
    // the next attempt takes over the stale lock and redoes the run
    const out = await cachedRun(root, 'child', { experiment: 'child', n: 3 }, async () => ({ value: 42, by: process.pid }));
    expect(out.cached).toBe(false);
    expect(isFinished(run)).toBe(true);
  });

  it('two processes starting the same run: one computes, the other waits and reads its result', async () => {
    const root = fresh();
    const runChild = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const c = spawn(TSX, [CHILD, root, 'work'], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        c.stdout.on('data', (b) => (out += b));
        c.on('exit', (code) => resolve({ code, out }));
      });
    const [a, b] = await Promise.all([runChild(), runChild()]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const ra = JSON.parse(a.out);
    const rb = JSON.parse(b.out);
    expect(ra.result).toEqual(rb.result);
    expect([ra.cached, rb.cached].sort()).toEqual([false, true]);
    expect(fs.readFileSync(path.join(root, 'computations.log'), 'utf8').trim().split('\n')).toHaveLength(1);
    const run = runDir(root, 'child', { experiment: 'child', n: 3 });
    expect(fs.readFileSync(path.join(run.dir, 'partial.txt'), 'utf8')).toBe('all of the work');
    expect(fs.readdirSync(run.dir).sort()).toEqual(['config.json', 'partial.txt', 'result.json']);
  });
});
