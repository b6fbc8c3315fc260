/**
 * The parent side: N worker_threads running one TypeScript entry module (loaded through tsx,
 * so it works under tsx and under vitest alike), called by method name with request ids.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { Handlers, Reply, WireError } from './protocol';

/** An error raised in (or by the death of) one worker, re-thrown in the parent. */
export class WorkerError extends Error {
  override name = 'WorkerError';

  constructor(
    readonly worker: number,
    what: string,
    error: WireError,
  ) {
    super(`${what} ${worker}: ${error.message}`);
    // Keep the worker's own frames: they say where it failed.
    const frames = error.stack?.split('\n').filter((l) => /^\s+at /.test(l)) ?? [];
    this.stack = [`${this.name}: ${this.message}`, ...frames].join('\n');
  }
}

export interface PoolOptions<D> {
  /** Absolute path of the entry module; it must call `serve()`. */
  entry: string;
  size: number;
  /** workerData for worker `index` (structured-cloned; SharedArrayBuffers are shared). */
  data: (index: number) => D;
  /** How errors name a worker, e.g. "bench replica" → "bench replica 1: …". */
  what?: string;
}

type Result<H, K extends keyof H> = H[K] extends (...args: never[]) => infer R ? Awaited<R> : never;
type Arg<H, K extends keyof H> = H[K] extends (...args: infer A) => unknown ? A : never;

export interface WorkerPool<H extends Handlers<H>> {
  size: number;
  /** Calls `method` on worker `index`; rejects with a WorkerError naming the worker. */
  call<K extends keyof H & string>(index: number, method: K, ...arg: Arg<H, K>): Promise<Result<H, K>>;
  /** Calls `method` on every worker at once; results in worker order. */
  all<K extends keyof H & string>(method: K, ...arg: Arg<H, K>): Promise<Array<Result<H, K>>>;
  /** Workers that have not exited. */
  running(): number;
  /** Terminates every worker; pending calls reject. Safe to call twice. */
  close(): Promise<void>;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Slot {
  index: number;
  worker: Worker;
  exited: boolean;
  pending: Map<number, Pending>;
  /** Set once the worker can no longer answer. */
  dead?: WireError;
}

/** Starts `size` workers and resolves once all of them have initialised. */
export async function startPool<H extends Handlers<H>, D = unknown>(opts: PoolOptions<D>): Promise<WorkerPool<H>> {
  const { entry, size } = opts;
  const what = opts.what ?? 'worker';
  if (!Number.isInteger(size) || size < 1) throw new Error(`startPool: size must be a positive integer, got ${size}`);
  if (!path.isAbsolute(entry)) throw new Error(`startPool: entry must be an absolute path, got ${entry}`);
  const source = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`;
  let nextId = 0;
  let closed = false;

  const fail = (slot: Slot, error: WireError) => {
    slot.dead ??= error;
    for (const p of slot.pending.values()) p.reject(new WorkerError(slot.index, what, error));
    slot.pending.clear();
  };

  const slots: Slot[] = [];
  const spawn = (index: number) => {
    const worker = new Worker(source, { eval: true, workerData: opts.data(index) });
    const slot: Slot = { index, worker, exited: false, pending: new Map() };
    slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      const failStart = (error: WireError) => {
        fail(slot, error);
        reject(new WorkerError(index, what, error));
      };
      worker.on('message', (r: Reply) => {
        if (r.type === 'ready') return resolve();
        if (r.type === 'init-failed') return failStart(r.error);
        const p = slot.pending.get(r.id);
        if (p === undefined) return;
        slot.pending.delete(r.id);
        if (r.type === 'result') p.resolve(r.value);
        else p.reject(new WorkerError(index, what, r.error));
      });
      worker.on('error', (e) => failStart({ message: `uncaught: ${e.message}`, stack: e.stack }));
      worker.on('messageerror', (e) => failStart({ message: `message could not be deserialised: ${e.message}` }));
      worker.on('exit', (code) => {
        slot.exited = true;
        failStart({ message: closed ? 'pool closed' : `exited with code ${code}` });
      });
    });
  };

  const close = async () => {
    closed = true;
    for (const s of slots) fail(s, { message: 'pool closed' });
    await Promise.all(slots.map((s) => s.worker.terminate()));
  };

  const ready: Array<Promise<void>> = [];
  try {
    for (let i = 0; i < size; i++) ready.push(spawn(i)); // may throw (e.g. uncloneable data): earlier workers are closed below
    await Promise.all(ready);
  } catch (e) {
    void Promise.allSettled(ready); // the start promises still pending reject when close() ends their workers
    await close();
    throw e;
  }

  const call = <K extends keyof H & string>(index: number, method: K, ...arg: Arg<H, K>): Promise<Result<H, K>> => {
    const slot = slots[index];
    if (slot === undefined) return Promise.reject(new Error(`${what} ${index}: no such worker (pool of ${size})`));
    if (slot.dead !== undefined) return Promise.reject(new WorkerError(index, what, slot.dead));
    const id = nextId++;
    return new Promise<Result<H, K>>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      slot.worker.postMessage({ id, method, arg: arg[0] });
    });
  };

  return {
    size,
    call,
    all: (method, ...arg) => Promise.all(slots.map((_, i) => call(i, method, ...arg))),
    running: () => slots.filter((s) => !s.exited).length,
    close,
  };
}
