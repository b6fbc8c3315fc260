/**
 * The coordinator's side of a finished job: the result file, written by the coordinator itself
 * into its own run cache, exactly where `executeRun` would have written it (`cachedRun`'s
 * layout: `<root>/result-<hash>/config.json`, then `result.json` last and atomically, under
 * the run's lock). Afterwards `isRunFinished` is true and `executeRun` reads the file.
 */
import * as path from 'path';
import { isFinished, LOCK_FILE, openRun, RESULT_FILE, runDir, tryLock, writeJsonAtomic } from '../runs';
import type { ReferenceBuildConfig } from '../train';
import { RESULT_STAGE, runKey, type RunOutcome, type RunSpec } from '../experiments/runSpec';

/**
 * Writes `outcome` as the result of `spec` under `root`. Returns false (and writes nothing)
 * when the run is already finished there, or when a live process holds its lock (that process
 * writes the same result; `executeRun` waits for it).
 */
export function storeOutcome(root: string, spec: RunSpec, build: ReferenceBuildConfig, outcome: RunOutcome): boolean {
  const key = runKey(spec, build);
  const run = runDir(root, RESULT_STAGE, key);
  if (isFinished(run)) return false;
  openRun(run, key);
  const lock = tryLock(path.join(run.dir, LOCK_FILE));
  if (lock === undefined) return false;
  try {
    if (isFinished(run)) return false;
    writeJsonAtomic(path.join(run.dir, RESULT_FILE), outcome);
    return true;
  } finally {
    lock.release();
  }
}
