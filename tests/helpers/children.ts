/**
 * Child processes for the kill tests: start a TypeScript script and SIGKILL it once it reaches a
 * point. The script runs in one Node process with tsx's loader (`node --import tsx`): the `tsx`
 * binary would run it in a grandchild that a SIGKILL of the binary leaves running.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..');

/** Starts `node --import tsx script args…` in the project root. */
export function startTsx(script: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls every millisecond until `ready()` holds or the child exits; true when it held. */
export async function waitFor(child: ChildProcess, ready: () => boolean, timeoutMs = 60_000): Promise<boolean> {
  const t0 = Date.now();
  while (child.exitCode === null && child.signalCode === null) {
    if (ready()) return true;
    if (Date.now() - t0 > timeoutMs) throw new Error('waitFor: timed out');
    await sleep(1);
  }
  return false;
}

/** SIGKILLs `child` after `delayMs` unless it exits first, and resolves when it is gone. */
export async function killAfter(child: ChildProcess, delayMs: number): Promise<{ killed: boolean }> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  if (delayMs > 0) await Promise.race([sleep(delayMs), exited]);
  const killed = child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
  await exited;
  return { killed };
}

/** A test that turns true once the mtime of any of `paths` differs from now (a writer has started). */
export function modifiedSince(paths: readonly string[]): () => boolean {
  const mtime = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.mtimeMs;
  const before = paths.map(mtime);
  return () => paths.some((p, i) => mtime(p) !== before[i]);
}

/** Collects a child's stdout and stderr text. */
export function output(child: ChildProcess): { text: () => string } {
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  return { text: () => text };
}
