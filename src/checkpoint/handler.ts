/**
 * A `tf.io.IOHandler` that stores weights in a directory: `weights.bin` (the raw buffer of
 * all tensors, concatenated) plus `manifest.json` (see `manifest.ts`). tfjs's own file handler
 * lives in tfjs-node, which cannot install here. A save writes both files into a temporary
 * sibling directory and renames it into place (`replaceDir`), so the pair is replaced as one:
 * a failed or killed save leaves the previous checkpoint, never weights of one save beside the
 * manifest of another.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { firstForeignEntry, recoverDir, replaceDir } from './atomic';
import { CHECKPOINT_FORMAT, CheckpointError, MANIFEST_FILE, parseManifest, WEIGHTS_FILE, type CheckpointManifest } from './manifest';

function concatWeightData(data: tf.io.WeightData): Uint8Array {
  if (!Array.isArray(data)) return new Uint8Array(data);
  return new Uint8Array(tf.io.concatenateArrayBuffers(data));
}

/** Settles the leftovers of a killed save of `dir` (see `recoverDir`), reporting each as a process warning. */
export function recoverCheckpoint(dir: string): void {
  for (const note of recoverDir(path.resolve(dir))) process.emitWarning(note, 'CheckpointRecovery');
}

/** Reads and checks a manifest; every problem names the file, the item and the field. */
export function readManifest(dir: string): CheckpointManifest {
  recoverCheckpoint(dir);
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new Error(`checkpoint ${dir}: ${MANIFEST_FILE} not found`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CheckpointError(file, undefined, undefined, `not valid JSON (${(e as Error).message})`);
  }
  return parseManifest(parsed, file);
}

/** Files a checkpoint directory may hold: the pair, and the temporary files of the writer before this one. */
const OWN_FILE = new RegExp(`^(${MANIFEST_FILE}|${WEIGHTS_FILE})(\\.tmp-\\d+)?$`);

/** Why `dir` must not be replaced by a checkpoint, if it must not. */
function foreignFile(dir: string): string | undefined {
  const other = firstForeignEntry(dir, (f) => OWN_FILE.test(f), new Set());
  return other === undefined ? undefined : `it holds ${other}, which is not part of a checkpoint`;
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
      const bytes = concatWeightData(artifacts.weightData);
      const manifest: CheckpointManifest = {
        format: CHECKPOINT_FORMAT,
        weightsFile: WEIGHTS_FILE,
        byteLength: bytes.byteLength,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        weightSpecs: artifacts.weightSpecs,
        meta,
      };
      parseManifest(manifest, path.join(dir, MANIFEST_FILE)); // what a load would refuse is refused now
      const manifestText = JSON.stringify(manifest, null, 1);
      replaceDir(
        dir,
        (tmp) => {
          fs.writeFileSync(path.join(tmp, WEIGHTS_FILE), bytes);
          fs.writeFileSync(path.join(tmp, MANIFEST_FILE), manifestText);
        },
        foreignFile,
      );
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
      let buf: Buffer;
      try {
        buf = fs.readFileSync(file);
      } catch (e) {
        throw new Error(`checkpoint ${file}: cannot read the weights file: ${(e as Error).message}`);
      }
      if (buf.byteLength !== manifest.byteLength) {
        throw new Error(`checkpoint ${file}: ${buf.byteLength} bytes, manifest says ${manifest.byteLength} (truncated or replaced)`);
      }
      const digest = createHash('sha256').update(buf).digest('hex');
      if (digest !== manifest.sha256) throw new Error(`checkpoint ${file}: SHA-256 does not match the manifest (corrupted)`);
      const weightData = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
      return { weightSpecs: manifest.weightSpecs, weightData };
    },
  };
}
