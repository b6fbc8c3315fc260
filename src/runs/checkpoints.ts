/**
 * The resume point of a run: `ckpt-<step>/` directories and the pointer `ckpt.json`, replaced
 * atomically once the new checkpoint is complete (older ones are then removed). A checkpoint
 * directory without a pointer to it is an interrupted save and is never read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readJsonFile, writeJsonAtomic } from './atomic';
import type { RunDir } from './dir';

interface CheckpointPointer {
  step: number;
  dir: string;
}

const POINTER = 'ckpt.json';

/** The directory name of the checkpoint at `step`. */
export function checkpointName(step: number): string {
  return `ckpt-${String(step).padStart(6, '0')}`;
}

/** The latest complete checkpoint of the run, if any. */
export function latestCheckpoint(run: RunDir): { step: number; dir: string } | undefined {
  const file = path.join(run.dir, POINTER);
  if (!fs.existsSync(file)) return undefined;
  const p = readJsonFile<CheckpointPointer>(file);
  if (!Number.isInteger(p.step) || typeof p.dir !== 'string' || p.dir.includes('/') || p.dir.includes('\\')) {
    throw new Error(`${file}: expected {step, dir} with dir a directory name inside the run`);
  }
  return { step: p.step, dir: path.join(run.dir, p.dir) };
}

/** Points the run at a newly written checkpoint directory and removes older ones. */
export function commitCheckpoint(run: RunDir, step: number, name: string): void {
  writeJsonAtomic(path.join(run.dir, POINTER), { step, dir: name });
  for (const entry of fs.readdirSync(run.dir)) {
    if (entry.startsWith('ckpt-') && entry !== name) fs.rmSync(path.join(run.dir, entry), { recursive: true, force: true });
  }
}
