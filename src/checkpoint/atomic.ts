/**
 * Atomic directory writes, for checkpoints and dataset directories.
 *
 * `replaceDir(dir, fill)` lets `fill` write the new content into a temporary sibling
 * `<dir>.tmp-<pid>-<n>`, fsyncs every file and directory in it, and swaps it in by rename:
 *
 *   1. `<dir>` → `<dir>.old-<pid>-<n>` (only when `<dir>` exists);
 *   2. `<dir>.tmp-<pid>-<n>` → `<dir>`, then fsync of the parent;
 *   3. remove `<dir>.old-<pid>-<n>`.
 *
 * A process killed at any point leaves either the old directory or the new one complete at
 * `<dir>`, except between 1 and 2, when the old one waits at `<dir>.old-…`. `recoverDir`,
 * which every write and load runs first, settles the leftovers of writers that are no longer
 * alive: it restores an old copy when `<dir>` is absent, and removes temporary and old copies
 * otherwise. Leftovers of a live writer (same host, pid still running) are left alone.
 */
import * as fs from 'fs';
import * as path from 'path';

let counter = 0;

/** fsync of a file or directory by path. */
function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** fsync of every file and directory under `dir` (children first), then `dir` itself. */
function fsyncTree(dir: string): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) fsyncTree(p);
    else fsyncPath(p);
  }
  fsyncPath(dir);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Leftover {
  path: string;
  kind: 'tmp' | 'old';
  pid: number;
}

function leftovers(dir: string): Leftover[] {
  const parent = path.dirname(dir);
  if (!fs.existsSync(parent)) return [];
  const re = new RegExp(`^${path.basename(dir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(tmp|old)-(\\d+)-\\d+$`);
  return fs.readdirSync(parent).flatMap((name) => {
    const m = re.exec(name);
    return m === null ? [] : [{ path: path.join(parent, name), kind: m[1] as 'tmp' | 'old', pid: Number(m[2]) }];
  });
}

/**
 * Settles what writers that died left beside `dir`, and returns a note per action. Throws
 * when `dir` is absent because a live process is between its two renames.
 */
export function recoverDir(dir: string): string[] {
  const notes: string[] = [];
  const found = leftovers(dir);
  const dead = found.filter((l) => !isAlive(l.pid));
  for (const l of dead.filter((x) => x.kind === 'old')) {
    if (!fs.existsSync(dir)) {
      fs.renameSync(l.path, dir);
      notes.push(`${dir}: restored ${l.path}, left by process ${l.pid}, which died while replacing it`);
    } else {
      fs.rmSync(l.path, { recursive: true, force: true });
      notes.push(`${dir}: removed ${l.path}, the previous copy, left by process ${l.pid}`);
    }
  }
  for (const l of dead.filter((x) => x.kind === 'tmp')) {
    fs.rmSync(l.path, { recursive: true, force: true });
    notes.push(`${dir}: removed ${l.path}, an unfinished write of process ${l.pid}`);
  }
  const live = found.find((l) => l.kind === 'old' && isAlive(l.pid));
  if (!fs.existsSync(dir) && live !== undefined) {
    throw new Error(`${dir}: not found: it is being replaced by process ${live.pid} (its previous copy is at ${live.path}); retry when it is done`);
  }
  return notes;
}

/**
 * Replaces `dir` by what `fill(tmp)` writes into an empty temporary directory (see the module
 * comment). `refuse(dir)` is asked first when `dir` exists and returns why it must not be
 * replaced (e.g. it holds files the caller did not write), or undefined. On any error the
 * temporary directory is removed and `dir` is left as it was.
 */
export function replaceDir(dir: string, fill: (tmp: string) => void, refuse: (existing: string) => string | undefined): void {
  const target = path.resolve(dir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  recoverDir(target);
  if (fs.existsSync(target)) {
    if (!fs.statSync(target).isDirectory()) throw new Error(`${target}: exists and is not a directory`);
    const why = refuse(target);
    if (why !== undefined) throw new Error(`refusing to replace ${target}: ${why}`);
  }
  const suffix = `${process.pid}-${counter++}`;
  const tmp = `${target}.tmp-${suffix}`;
  const old = `${target}.old-${suffix}`;
  fs.mkdirSync(tmp);
  try {
    fill(tmp);
    fsyncTree(tmp);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  let movedAside = false;
  try {
    if (fs.existsSync(target)) {
      fs.renameSync(target, old);
      movedAside = true;
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    // e.g. another writer swapped first: put back what was moved, drop this write
    if (movedAside && !fs.existsSync(target)) fs.renameSync(old, target);
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  fsyncPath(path.dirname(target));
  if (movedAside) fs.rmSync(old, { recursive: true, force: true });
}

/**
 * The first entry under `dir`, as a "/"-separated relative path, that is neither a file
 * `allowed` accepts nor a directory in `allowedDirs` (which are walked); undefined when there
 * is none. The walk stops at the first such entry, so it is cheap on any directory (even "/").
 */
export function firstForeignEntry(dir: string, allowed: (rel: string) => boolean, allowedDirs: ReadonlySet<string>): string | undefined {
  const walk = (rel: string): string | undefined => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory() && allowedDirs.has(r)) {
        const inner = walk(r);
        if (inner !== undefined) return inner;
      } else if (e.isDirectory() || !allowed(r)) return r;
    }
    return undefined;
  };
  return walk('');
}
