/**
 * Atomic, durable file writes: write a uniquely named temporary sibling, fsync it, rename it
 * over the target, fsync the directory. A reader (or a process killed at any point) sees the
 * old file or the new one, never a mix; after the call returns the new file survives a crash.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { threadId } from 'worker_threads';

/** A temporary name next to `file`, unique across processes and threads. */
export function tempSibling(file: string): string {
  return `${file}.tmp-${process.pid}-${threadId}-${randomBytes(4).toString('hex')}`;
}

/** fsync of a directory (makes a rename or a new entry in it durable). */
export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `data` to `file` atomically and durably (temp file, fsync, rename, fsync of the directory). */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = tempSibling(file);
  const fd = fs.openSync(tmp, 'wx');
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/** `value` as indented JSON, written with {@link writeFileAtomic}. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value, null, 1)}\n`);
}

/** Parses a JSON file; errors name the file. */
export function readJsonFile<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new Error(`${file}: cannot read JSON (${(e as Error).message})`);
  }
}
