/**
 * The checkpoint manifest (`manifest.json`): weight specs, the weights file's name, byte
 * length and SHA-256, and caller metadata. `parseManifest` checks everything a load relies
 * on, and every error names the file, the item (a weight spec) and the field.
 */
import * as path from 'path';
import type * as tf from '@tensorflow/tfjs';

export const MANIFEST_FILE = 'manifest.json';
export const WEIGHTS_FILE = 'weights.bin';
export const CHECKPOINT_FORMAT = 'avere-checkpoint/1';

export interface CheckpointManifest {
  format: typeof CHECKPOINT_FORMAT;
  /** A plain file name inside the checkpoint directory. */
  weightsFile: string;
  byteLength: number;
  sha256: string;
  weightSpecs: tf.io.WeightsManifestEntry[];
  /** Caller metadata, e.g. the config and training step. */
  meta: Record<string, unknown>;
}

/** Bytes per element of each dtype a checkpoint may hold (strings have no fixed size and are not stored). */
const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

export class CheckpointError extends Error {
  constructor(
    readonly file: string,
    readonly item: string | undefined,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super(`checkpoint ${[file, item, field === undefined ? undefined : `field "${field}"`].filter((s) => s !== undefined).join(': ')}: ${problem}`);
    this.name = 'CheckpointError';
  }
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bytes the specs describe: Σ ∏shape · bytes(dtype). */
export function specBytes(specs: readonly tf.io.WeightsManifestEntry[]): number {
  return specs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1) * (DTYPE_BYTES[s.dtype] as number), 0);
}

function parseSpec(raw: unknown, k: number, file: string, seen: Map<string, number>): tf.io.WeightsManifestEntry {
  const at = `weightSpecs[${k}]`;
  if (!isObject(raw)) throw new CheckpointError(file, at, undefined, `expected an object, got ${typeName(raw)}`);
  const { name, shape, dtype } = raw;
  if (typeof name !== 'string' || name === '')
    throw new CheckpointError(file, at, 'name', `expected a non-empty string, got ${JSON.stringify(name) ?? 'nothing'}`);
  const item = `${at} (name "${name}")`;
  const earlier = seen.get(name);
  if (earlier !== undefined) throw new CheckpointError(file, item, 'name', `duplicate weight name (also weightSpecs[${earlier}])`);
  seen.set(name, k);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new CheckpointError(file, item, 'shape', `expected an array of non-negative integers, got ${JSON.stringify(shape) ?? 'nothing'}`);
  }
  if (typeof dtype !== 'string' || !(dtype in DTYPE_BYTES)) {
    throw new CheckpointError(file, item, 'dtype', `expected one of ${Object.keys(DTYPE_BYTES).join(', ')}, got ${JSON.stringify(dtype) ?? 'nothing'}`);
  }
  if (raw['quantization'] !== undefined) throw new CheckpointError(file, item, 'quantization', 'quantized weights are not supported');
  return { name, shape: shape as number[], dtype: dtype as tf.io.WeightsManifestEntry['dtype'] };
}

/** Validates parsed manifest JSON from `file`. */
export function parseManifest(raw: unknown, file: string): CheckpointManifest {
  if (!isObject(raw)) throw new CheckpointError(file, undefined, undefined, `expected a JSON object, got ${typeName(raw)}`);
  const fail = (field: string, problem: string): never => {
    throw new CheckpointError(file, undefined, field, problem);
  };
  if (raw['format'] !== CHECKPOINT_FORMAT) fail('format', `is ${JSON.stringify(raw['format']) ?? 'missing'}, expected "${CHECKPOINT_FORMAT}"`);
  const weightsFile = raw['weightsFile'];
  if (
    typeof weightsFile !== 'string' ||
    weightsFile === '' ||
    weightsFile === '.' ||
    weightsFile === '..' ||
    path.basename(weightsFile) !== weightsFile ||
    /[/\\]/.test(weightsFile)
  ) {
    fail('weightsFile', `is ${JSON.stringify(weightsFile) ?? 'missing'}; expected a file name inside the checkpoint directory (no directories, no "..")`);
  }
  if (weightsFile === MANIFEST_FILE) fail('weightsFile', `names the manifest itself`);
  const byteLength = raw['byteLength'];
  if (typeof byteLength !== 'number' || !Number.isInteger(byteLength) || byteLength < 0)
    fail('byteLength', `expected a non-negative integer, got ${JSON.stringify(byteLength) ?? 'nothing'}`);
  const sha256 = raw['sha256'];
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) fail('sha256', `expected 64 hex digits, got ${JSON.stringify(sha256) ?? 'nothing'}`);
  const specsRaw = raw['weightSpecs'];
  if (!Array.isArray(specsRaw)) fail('weightSpecs', `expected an array, got ${typeName(specsRaw)}`);
  const seen = new Map<string, number>();
  const weightSpecs = (specsRaw as unknown[]).map((s, k) => parseSpec(s, k, file, seen));
  const needed = specBytes(weightSpecs);
  if (needed !== byteLength) fail('weightSpecs', `the specs need ${needed} bytes, but byteLength is ${byteLength as number}`);
  const meta = raw['meta'];
  if (!isObject(meta)) fail('meta', `expected an object, got ${typeName(meta)}`);
  return {
    format: CHECKPOINT_FORMAT,
    weightsFile: weightsFile as string,
    byteLength: byteLength as number,
    sha256: sha256 as string,
    weightSpecs,
    meta: meta as Record<string, unknown>,
  };
}
