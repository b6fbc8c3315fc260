/**
 * Run directories cached by config hash: `<root>/<stage>-<hash>/` holds
 *
 * - `config.json` — the full config the run came from (written first);
 * - `ckpt-<step>/` + `ckpt.json` — the latest in-progress checkpoint (the pointer file is
 *   replaced atomically after the new checkpoint is complete; older ones are then removed);
 * - `model/` — the final weights;
 * - `result.json` — the summary, with the config, written last: its presence marks the run
 *   finished, and a finished run is never trained or written again.
 *
 * A `lock` file holds the pid of the process training the run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { configHash, stableStringify } from './hash';

/** Default root of run directories: `runs/` at the project root (git-ignored). Override with `AVERE_RUNS_DIR`. */
export function defaultRunsRoot(): string {
  return process.env.AVERE_RUNS_DIR ?? path.resolve(__dirname, '..', '..', 'runs');
}

export interface RunDir {
  stage: string;
  hash: string;
  dir: string;
}

export function runDir(root: string, stage: string, config: unknown): RunDir {
  if (!/^[a-z0-9-]+$/.test(stage)) throw new Error(`run stage name "${stage}" must be lower-case letters, digits and dashes`);
  const hash = configHash(config);
  return { stage, hash, dir: path.join(root, `${stage}-${hash}`) };
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

export function writeJsonAtomic(file: string, value: unknown): void {
  writeAtomic(file, `${JSON.stringify(value, null, 1)}\n`);
}

export function readJsonFile<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new Error(`${file}: cannot read JSON (${(e as Error).message})`);
  }
}

export const RESULT_FILE = 'result.json';
export const CONFIG_FILE = 'config.json';
export const MODEL_DIR = 'model';

export function isFinished(run: RunDir): boolean {
  return fs.existsSync(path.join(run.dir, RESULT_FILE));
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

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the run's lock (stale locks of dead processes are taken over); returns a release function. */
export function lockRun(run: RunDir): () => void {
  const file = path.join(run.dir, 'lock');
  if (fs.existsSync(file)) {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && pidAlive(pid)) {
      throw new Error(`${run.dir}: being trained by process ${pid} (remove ${file} if that is wrong)`);
    }
  }
  writeAtomic(file, String(process.pid));
  return () => {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
  };
}

interface CheckpointPointer {
  step: number;
  dir: string;
}

/** The latest complete checkpoint of the run, if any. */
export function latestCheckpoint(run: RunDir): { step: number; dir: string } | undefined {
  const file = path.join(run.dir, 'ckpt.json');
  if (!fs.existsSync(file)) return undefined;
  const p = readJsonFile<CheckpointPointer>(file);
  if (!Number.isInteger(p.step) || typeof p.dir !== 'string') throw new Error(`${file}: expected {step, dir}`);
  return { step: p.step, dir: path.join(run.dir, p.dir) };
}

/** Points the run at a newly written checkpoint directory and removes older ones. */
export function commitCheckpoint(run: RunDir, step: number, name: string): void {
  writeJsonAtomic(path.join(run.dir, 'ckpt.json'), { step, dir: name });
  for (const entry of fs.readdirSync(run.dir)) {
    if (entry.startsWith('ckpt-') && entry !== name) fs.rmSync(path.join(run.dir, entry), { recursive: true, force: true });
  }
}
