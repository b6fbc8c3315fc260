/** The worker side of a pool: build the handlers from workerData, then answer requests in order. */
import { parentPort, workerData } from 'worker_threads';
import { toWire, type Handlers, type Reply, type Request } from './protocol';

/**
 * Call once at the top level of a worker entry module. `init` receives the workerData the pool
 * gave this worker; the pool's start resolves once every worker's `init` has returned, and
 * fails with the first worker's error otherwise. Requests are handled one at a time.
 */
export function serve<D, H extends Handlers<H>>(init: (data: D) => H | Promise<H>): void {
  const port = parentPort;
  if (port === null) throw new Error('serve(): not running in a worker thread');
  const send = (r: Reply) => port.postMessage(r);
  let queue: Promise<void> = Promise.resolve();
  const ready = (async () => init(workerData as D))();
  ready.then(
    (handlers) => {
      port.on('message', (req: Request) => {
        queue = queue.then(async () => {
          try {
            const table = handlers as unknown as Record<string, unknown>;
            const fn = Object.hasOwn(table, req.method) ? table[req.method] : undefined;
            if (typeof fn !== 'function') throw new Error(`unknown method "${req.method}"`);
            send({ type: 'result', id: req.id, value: await (fn as (arg: unknown) => unknown)(req.arg) });
          } catch (e) {
            send({ type: 'error', id: req.id, error: toWire(e) });
          }
        });
      });
      send({ type: 'ready' });
    },
    (e: unknown) => send({ type: 'init-failed', error: toWire(e) }),
  );
}
