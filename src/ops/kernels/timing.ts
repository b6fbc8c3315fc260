/**
 * Timing of the ops that run outside tfjs's kernels (our WebAssembly kernels and host-side
 * row moves), for `npm run bench -- --profile`: `tf.profile` does not see them. Off unless
 * `recordHostOps` is running; then each `timed` call adds its wall time under its name.
 */
export interface HostOpTime {
  name: string;
  calls: number;
  ms: number;
}

let totals: Map<string, HostOpTime> | undefined;

/** Runs `f` and adds its wall time to `name` while recording; otherwise just runs it. */
export function timed<T>(name: string, f: () => T): T {
  if (totals === undefined) return f();
  const t0 = performance.now();
  try {
    return f();
  } finally {
    const e = totals.get(name) ?? { name, calls: 0, ms: 0 };
    e.calls += 1;
    e.ms += performance.now() - t0;
    totals.set(name, e);
  }
}

/** Runs `f` (may be async) with timing on; returns its result and the per-op totals, largest first. */
export async function recordHostOps<T>(f: () => Promise<T>): Promise<{ result: T; ops: HostOpTime[] }> {
  if (totals !== undefined) throw new Error('recordHostOps: already recording');
  totals = new Map();
  try {
    const result = await f();
    return { result, ops: [...totals.values()].sort((a, b) => b.ms - a.ms) };
  } finally {
    totals = undefined;
  }
}
