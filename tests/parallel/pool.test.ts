import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { createGradientExchange, gradientSlot, startPool, sumGradients, WorkerError } from '../../src/parallel';
import type { EchoData, EchoHandlers } from './fixtures/echoWorker';

const entry = path.join(__dirname, 'fixtures', 'echoWorker.ts');
const start = (size: number, failInit?: (i: number) => string | undefined) =>
  startPool<EchoHandlers, EchoData>({ entry, size, data: (index) => ({ index, failInit: failInit?.(index) }), what: 'echo' });

describe('worker pool', () => {
  it('routes calls to the right worker and returns results in worker order', async () => {
    const pool = await start(2);
    try {
      expect(await pool.all('whoami')).toEqual([0, 1]);
      expect(await pool.call(1, 'double', 21)).toBe(42);
    } finally {
      await pool.close();
    }
  });

  it('re-throws a worker error naming the worker, with the worker stack', async () => {
    const pool = await start(2);
    try {
      const err = await pool.call(1, 'fail', 'bad input').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkerError);
      expect((err as WorkerError).worker).toBe(1);
      expect((err as Error).message).toBe('echo 1: bad input');
      expect((err as Error).stack).toMatch(/echoWorker\.ts/);
      expect(await pool.call(1, 'double', 1)).toBe(2); // the worker survives a failed call
      await expect(pool.call(0, 'nope' as 'whoami')).rejects.toThrow('echo 0: unknown method "nope"');
      await expect(pool.call(2, 'whoami')).rejects.toThrow('echo 2: no such worker (pool of 2)');
    } finally {
      await pool.close();
    }
  });

  it('fails the start when a worker fails to initialise, naming it', async () => {
    await expect(start(2, (i) => (i === 1 ? 'no model' : undefined))).rejects.toThrow('echo 1: no model');
  });

  it('closes the workers already started when a later one cannot be spawned', async () => {
    const data = (index: number): EchoData => {
      if (index === 1) throw new Error('no data for worker 1');
      return { index };
    };
    // Worker 0's start promise rejects as it is closed: vitest fails the run on an unhandled rejection.
    await expect(startPool<EchoHandlers, EchoData>({ entry, size: 2, data })).rejects.toThrow('no data for worker 1');
  });

  it('rejects pending and later calls of a worker that exits', async () => {
    const pool = await start(2);
    try {
      await expect(pool.call(0, 'exit')).rejects.toThrow('echo 0: exited with code 3');
      await expect(pool.call(0, 'whoami')).rejects.toThrow('echo 0: exited with code 3');
      expect(await pool.call(1, 'whoami')).toBe(1);
      expect(pool.running()).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('close() terminates every worker and rejects calls still pending', async () => {
    const pool = await start(2);
    expect(pool.running()).toBe(2);
    const pending = pool.call(0, 'wait', 60_000).catch((e: unknown) => e); // handled before close() rejects it
    await pool.close();
    expect(((await pending) as Error).message).toBe('echo 0: pool closed');
    expect(pool.running()).toBe(0);
    await expect(pool.call(1, 'whoami')).rejects.toThrow('echo 1: pool closed');
    await pool.close();
  });
});

describe('gradient exchange', () => {
  it('shares each replica slot with the parent', async () => {
    const ex = createGradientExchange(2, 3);
    const pool = await start(2);
    try {
      await pool.all('fill', ex);
    } finally {
      await pool.close();
    }
    expect([...gradientSlot(ex, 0)]).toEqual([1, 1, 1]);
    expect([...gradientSlot(ex, 1)]).toEqual([2, 2, 2]);
    expect([...sumGradients(ex, new Float32Array(3))]).toEqual([3, 3, 3]);
  });

  it('sums in replica order with float32 rounding: (1e8 + 1) − 1e8 = 0, not 1', () => {
    const ex = createGradientExchange(3, 2);
    gradientSlot(ex, 0).set([1e8, 0.5]);
    gradientSlot(ex, 1).set([1, 0.25]);
    gradientSlot(ex, 2).set([-1e8, 0.25]);
    // float32 spacing at 1e8 is 8, so 1e8 + 1 rounds back to 1e8.
    expect([...sumGradients(ex, new Float32Array(2))]).toEqual([0, 1]);
  });

  it('rejects bad sizes and indices, naming them', () => {
    expect(() => createGradientExchange(0, 4)).toThrow('replicas must be a positive integer, got 0');
    expect(() => gradientSlot(createGradientExchange(2, 4), 2)).toThrow('replica 2 out of range [0, 2)');
    expect(() => sumGradients(createGradientExchange(2, 4), new Float32Array(3))).toThrow('output of 3 values, slots hold 4');
  });
});
