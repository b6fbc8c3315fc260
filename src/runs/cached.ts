/**
 * One cached-run mechanism for every stage and experiment:
 *
 *   cachedRun(root, stage, config, compute)
 *
 * - the run directory is `<root>/<stage>-<configHash(config)>`: `config` must be everything
 *   that decides what `compute` produces (the caller passes nothing else to it);
 * - a finished run (its `result.json` exists) is read, never recomputed or overwritten;
 * - otherwise the run's lock is taken (`lock.ts`), `compute(run)` works in the directory
 *   (resuming from what an interrupted earlier attempt left, or overwriting it), and its
 *   result is written last, atomically;
 * - when another live process or thread holds the lock, `cachedRun` polls until that run
 *   finishes (`timeoutMs`), and `tryCachedRun` returns `undefined` at once (do other work).
 */
import * as path from 'path';
import { writeJsonAtomic } from './atomic';
import { isFinished, LOCK_FILE, openRun, readResult, RESULT_FILE, runDir, type RunDir } from './dir';
import { tryLock } from './lock';

export interface CachedRunOptions {
  /** Poll interval while another process works on the run. Default 500 ms. */
  pollMs?: number;
  /** Give up waiting after this long (an error naming the run). Default: wait forever. */
  timeoutMs?: number;
}

export interface CachedRun<R> {
  run: RunDir;
  result: R;
  /** True when the finished run was read from the cache. */
  cached: boolean;
}

type Attempt<R> = { state: 'done'; out: CachedRun<R> } | { state: 'busy'; run: RunDir };

async function attempt<R>(root: string, stage: string, config: unknown, compute: (run: RunDir) => Promise<R>): Promise<Attempt<R>> {
  const run = runDir(root, stage, config);
  if (isFinished(run)) return { state: 'done', out: { run, result: readResult<R>(run), cached: true } };
  openRun(run, config);
  const lock = tryLock(path.join(run.dir, LOCK_FILE));
  if (lock === undefined) return { state: 'busy', run };
  try {
    // another process may have finished it between our check and our lock
    if (isFinished(run)) return { state: 'done', out: { run, result: readResult<R>(run), cached: true } };
    const result = await compute(run);
    writeJsonAtomic(path.join(run.dir, RESULT_FILE), result);
    return { state: 'done', out: { run, result, cached: false } };
  } finally {
    lock.release();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The result of the run of `stage` with `config`: read when finished, else computed (and
 * stored) by `compute`, else, when another process is computing it, waited for.
 * `compute` returns the JSON-serialisable result; it may write other files in `run.dir`
 * before (use `writeFileAtomic` / `writeJsonAtomic`).
 */
export async function cachedRun<R>(
  root: string,
  stage: string,
  config: unknown,
  compute: (run: RunDir) => Promise<R>,
  opts: CachedRunOptions = {},
): Promise<CachedRun<R>> {
  const t0 = Date.now();
  const pollMs = opts.pollMs ?? 500;
  for (;;) {
    const a = await attempt(root, stage, config, compute);
    if (a.state === 'done') return a.out;
    if (opts.timeoutMs !== undefined && Date.now() - t0 > opts.timeoutMs) {
      throw new Error(`${a.run.dir}: still being computed by another process after ${opts.timeoutMs} ms`);
    }
    await sleep(pollMs);
  }
}

/** Like {@link cachedRun}, but returns `undefined` at once when another process holds the run. */
export async function tryCachedRun<R>(root: string, stage: string, config: unknown, compute: (run: RunDir) => Promise<R>): Promise<CachedRun<R> | undefined> {
  const a = await attempt(root, stage, config, compute);
  return a.state === 'done' ? a.out : undefined;
}
