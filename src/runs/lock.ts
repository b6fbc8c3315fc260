/**
 * An exclusive lock file, safe across processes and across threads of one process.
 *
 * Taking it is one atomic `open(path, 'wx')`; the file holds the owner's token: pid, thread
 * id, process start time and random bytes. A thread never mistakes another thread's lock (or
 * an earlier lock of its own process) for its own: release compares the whole token. A lock
 * whose owner process is dead (or whose pid now belongs to a process started later) is stale
 * and is broken, under a second `wx` lock (`<lock>.break`) so that two processes breaking it
 * at once cannot remove each other's fresh lock.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import { threadId } from 'worker_threads';

export interface LockOwner {
  pid: number;
  threadId: number;
  /** Start time of the owner process (Linux clock ticks since boot; `null` where unknown). */
  started: number | null;
  token: string;
}

/** A held lock. */
export interface Lock {
  file: string;
  owner: LockOwner;
  /** Removes the lock file if it still holds this owner's token. */
  release(): void;
}

/** A lock file written less than this long ago may still be empty (its owner is writing it). */
const WRITE_GRACE_MS = 10_000;
/** A break lock older than this was left by a process killed while breaking. */
const BREAK_STALE_MS = 60_000;

/** Start time of process `pid` from /proc (field 22 of `stat`), or null off Linux. */
function processStart(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const v = Number(fields[19]);
    return Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

const SELF_START = processStart(process.pid);

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerAlive(o: LockOwner): boolean {
  if (!pidAlive(o.pid)) return false;
  const started = processStart(o.pid);
  return o.started === null || started === null || started === o.started;
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as LockOwner;
    return Number.isInteger(o.pid) && typeof o.token === 'string' ? o : undefined;
  } catch {
    return undefined;
  }
}

/** The owner recorded in a lock file; undefined when there is none or it is being written. */
export function readLockOwner(file: string): LockOwner | undefined {
  try {
    return parseOwner(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function isStale(file: string): { stale: boolean; seen: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // gone: retry the open
  }
  const owner = parseOwner(text);
  if (owner === undefined) return { stale: ageMs(file) > WRITE_GRACE_MS, seen: text };
  return { stale: !ownerAlive(owner), seen: text };
}

/** Removes a stale lock whose content is still `seen`, holding `<file>.break`. */
function breakStale(file: string, seen: string): void {
  const brk = `${file}.break`;
  let fd: number;
  try {
    fd = fs.openSync(brk, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if (ageMs(brk) > BREAK_STALE_MS) fs.rmSync(brk, { force: true });
    return; // someone else is breaking it; the caller retries
  }
  try {
    let now: string | undefined;
    try {
      now = fs.readFileSync(file, 'utf8');
    } catch {
      now = undefined;
    }
    if (now === seen) fs.rmSync(file, { force: true });
  } finally {
    fs.closeSync(fd);
    fs.rmSync(brk, { force: true });
  }
}

/**
 * Takes the lock at `file`, or returns undefined when a live owner holds it. A stale lock is
 * broken and taken over.
 */
export function tryLock(file: string): Lock | undefined {
  const owner: LockOwner = { pid: process.pid, threadId, started: SELF_START, token: randomBytes(8).toString('hex') };
  const text = JSON.stringify(owner);
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(file, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const s = isStale(file);
      if (s === undefined) continue;
      if (!s.stale) return undefined;
      breakStale(file, s.seen);
      continue;
    }
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return {
      file,
      owner,
      release: () => {
        if (readLockOwner(file)?.token === owner.token) fs.rmSync(file, { force: true });
      },
    };
  }
  return undefined;
}
