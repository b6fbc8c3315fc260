/** Messages between a pool and its workers, and the handler shape both sides agree on. */

/**
 * What a worker serves: named methods taking at most one structured-cloneable argument.
 * Written as a mapped constraint so that interfaces (which have no index signature) qualify.
 */
export type Handlers<H> = { [K in keyof H]: (arg: never) => unknown };

/** An error as it crosses the thread boundary. */
export interface WireError {
  message: string;
  stack?: string;
}

export interface Request {
  id: number;
  method: string;
  arg: unknown;
}

export type Reply =
  | { type: 'ready' }
  | { type: 'init-failed'; error: WireError }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: WireError };

export function toWire(e: unknown): WireError {
  return e instanceof Error ? { message: e.message, stack: e.stack } : { message: String(e) };
}
