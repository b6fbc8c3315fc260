/**
 * Run directories named by the hash of what executes: `<root>/<stage>-<hash>/` holds
 *
 * - `config.json` — the full config the run executes (written first, checked on reopen);
 * - whatever the run writes while it works (checkpoints, logs, models), each file atomically;
 * - `result.json` — written last: its presence, and only that, marks the run finished;
 * - `lock` — while a process works on it (see `lock.ts`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { readJsonFile, writeJsonAtomic } from './atomic';
import { configHash, stableStringify } from './hash';

export const RESULT_FILE = 'result.json';
export const CONFIG_FILE = 'config.json';
export const LOCK_FILE = 'lock';

/** Default root of run directories: `runs/` at the project root (git-ignored). Override with `AVERE_RUNS_DIR`. */
export function defaultRunsRoot(): string {
  return process.env.AVERE_RUNS_DIR ?? path.resolve(__dirname, '..', '..', 'runs');
}

export interface RunDir {
  stage: string;
  /** `configHash(config)`. */
  hash: string;
  dir: string;
}

/** The directory of the run of `stage` with `config`. */
export function runDir(root: string, stage: string, config: unknown): RunDir {
  if (!/^[a-z0-9-]+$/.test(stage)) throw new Error(`run stage name "${stage}" must be lower-case letters, digits and dashes`);
  const hash = configHash(config);
  return { stage, hash, dir: path.join(root, `${stage}-${hash}`) };
}

/** True when the run's result file exists (it is written last). */
export function isFinished(run: RunDir): boolean {
  return fs.existsSync(path.join(run.dir, RESULT_FILE));
}

/** The finished run's result. */
export function readResult<R>(run: RunDir): R {
  return readJsonFile<R>(path.join(run.dir, RESULT_FILE));
}

/** Creates the run directory and its `config.json`; refuses a directory whose config differs (a hash collision or a hand edit). */
export function openRun(run: RunDir, config: unknown): void {
  fs.mkdirSync(run.dir, { recursive: true });
  const file = path.join(run.dir, CONFIG_FILE);
  if (fs.existsSync(file)) {
    const existing = stableStringify(readJsonFile<unknown>(file));
    if (existing !== stableStringify(config)) throw new Error(`${file}: holds another config than the one hashed to ${run.hash}`);
  } else {
    writeJsonAtomic(file, config);
  }
}
