/**
 * A `tf.io.IOHandler` that stores weights in a directory: `weights.bin` (the raw buffer of
 * all tensors, concatenated) plus `manifest.json` (the weight specs, byte length, SHA-256
 * and free-form metadata). tfjs's own file handler lives in tfjs-node, which cannot install
 * here. Files are written to temporary names and renamed, so a killed process never leaves
 * a half-written checkpoint behind.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';

export const MANIFEST_FILE = 'manifest.json';
export const WEIGHTS_FILE = 'weights.bin';
const FORMAT = 'avere-checkpoint/1';

export interface CheckpointManifest {
  format: typeof FORMAT;
  weightsFile: string;
  byteLength: number;
  sha256: string;
  weightSpecs: tf.io.WeightsManifestEntry[];
  /** Caller metadata, e.g. the config and training step. */
  meta: Record<string, unknown>;
}

function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

function concatWeightData(data: tf.io.WeightData): Uint8Array {
  if (!Array.isArray(data)) return new Uint8Array(data);
  return new Uint8Array(tf.io.concatenateArrayBuffers(data));
}

/** Reads and checks a manifest; every problem names the file. */
export function readManifest(dir: string): CheckpointManifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new Error(`checkpoint ${dir}: ${MANIFEST_FILE} not found`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`checkpoint ${file}: not valid JSON (${(e as Error).message})`);
  }
  const m = parsed as Partial<CheckpointManifest>;
  if (m.format !== FORMAT) throw new Error(`checkpoint ${file}: field "format" is ${String(m.format)}, expected ${FORMAT}`);
  if (!Array.isArray(m.weightSpecs)) throw new Error(`checkpoint ${file}: field "weightSpecs" is missing`);
  if (typeof m.byteLength !== 'number') throw new Error(`checkpoint ${file}: field "byteLength" is missing`);
  if (typeof m.sha256 !== 'string') throw new Error(`checkpoint ${file}: field "sha256" is missing`);
  return m as CheckpointManifest;
}

/** The directory handler. `meta` is stored with a save and returned by `readManifest`. */
export interface DirectoryHandler extends tf.io.IOHandler {
  save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult>;
  load(): Promise<tf.io.ModelArtifacts>;
}

export function directoryHandler(dir: string, meta: Record<string, unknown> = {}): DirectoryHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.weightData === undefined || artifacts.weightSpecs === undefined) {
        throw new Error(`checkpoint ${dir}: nothing to save (no weight data)`);
      }
      fs.mkdirSync(dir, { recursive: true });
      const bytes = concatWeightData(artifacts.weightData);
      const manifest: CheckpointManifest = {
        format: FORMAT,
        weightsFile: WEIGHTS_FILE,
        byteLength: bytes.byteLength,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        weightSpecs: artifacts.weightSpecs,
        meta,
      };
      writeAtomic(path.join(dir, WEIGHTS_FILE), bytes);
      writeAtomic(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 1));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: bytes.byteLength,
        },
      };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const manifest = readManifest(dir);
      const file = path.join(dir, manifest.weightsFile);
      if (!fs.existsSync(file)) throw new Error(`checkpoint ${file}: weights file not found`);
      const buf = fs.readFileSync(file);
      if (buf.byteLength !== manifest.byteLength) {
        throw new Error(
          `checkpoint ${file}: ${buf.byteLength} bytes, manifest says ${manifest.byteLength} (truncated or replaced)`,
        );
      }
      const digest = createHash('sha256').update(buf).digest('hex');
      if (digest !== manifest.sha256) throw new Error(`checkpoint ${file}: SHA-256 does not match the manifest (corrupted)`);
      const weightData = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
      return { weightSpecs: manifest.weightSpecs, weightData };
    },
  };
}
