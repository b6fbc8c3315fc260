/**
 * Backend selection. This is the only place in `src/` that imports a backend package.
 *
 * Order: tensorflow (tfjs-node-gpu, then tfjs-node) → wasm → cpu.
 * `AVERE_BACKEND=tensorflow|wasm|cpu` forces one choice (and fails loudly if it cannot load).
 * The wasm binaries are read from `node_modules`, never fetched from a network.
 */
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { installZeroCopyIdentity } from './wasmIdentity';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendInfo {
  /** The tfjs backend in use. */
  name: BackendName;
  /** Which package provided it, e.g. `@tensorflow/tfjs-node-gpu`. */
  provider: string;
  /** Why this one was chosen (env override or fallback order). */
  reason: string;
}

let current: BackendInfo | undefined;

function requestedBackend(): BackendName | undefined {
  const raw = process.env.AVERE_BACKEND;
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'tensorflow' || raw === 'wasm' || raw === 'cpu') return raw;
  throw new Error(`AVERE_BACKEND=${raw} is not one of tensorflow, wasm, cpu`);
}

/** Loads tfjs-node-gpu or tfjs-node; returns the package name, or undefined if neither loads. */
function loadTensorflow(): string | undefined {
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      require(pkg);
      return pkg;
    } catch {
      // not installed here (its install downloads libtensorflow); try the next one
    }
  }
  return undefined;
}

async function loadWasm(): Promise<boolean> {
  try {
    const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
    const wasmFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm');
    wasm.setWasmPaths(path.dirname(wasmFile) + path.sep);
    if (!(await tf.setBackend('wasm'))) return false;
    installZeroCopyIdentity();
    return true;
  } catch {
    return false;
  }
}

async function activate(name: BackendName): Promise<string | undefined> {
  switch (name) {
    case 'tensorflow': {
      const pkg = loadTensorflow();
      if (pkg === undefined || !(await tf.setBackend('tensorflow'))) return undefined;
      return pkg;
    }
    case 'wasm':
      return (await loadWasm()) ? '@tensorflow/tfjs-backend-wasm' : undefined;
    case 'cpu':
      return (await tf.setBackend('cpu')) ? '@tensorflow/tfjs (cpu)' : undefined;
  }
}

/**
 * Picks and activates a backend once per process; later calls return the same info.
 * Set `quiet` to suppress the one-line report on stderr.
 */
export async function initBackend(opts: { quiet?: boolean } = {}): Promise<BackendInfo> {
  if (current !== undefined) return current;
  const forced = requestedBackend();
  const order: BackendName[] = forced !== undefined ? [forced] : ['tensorflow', 'wasm', 'cpu'];
  for (const name of order) {
    const provider = await activate(name);
    if (provider === undefined) continue;
    await tf.ready();
    current = {
      name,
      provider,
      reason: forced !== undefined ? `AVERE_BACKEND=${forced}` : 'first available of tensorflow → wasm → cpu',
    };
    if (opts.quiet !== true) process.stderr.write(`[avere] backend: ${name} (${provider}; ${current.reason})\n`);
    return current;
  }
  throw new Error(forced !== undefined ? `AVERE_BACKEND=${forced} was requested but could not be loaded` : 'no tfjs backend could be loaded');
}

/** The active backend, or an error if `initBackend()` has not run. */
export function backendInfo(): BackendInfo {
  if (current === undefined) throw new Error('initBackend() has not been called');
  return current;
}
