/**
 * Runs cached by the hash of what they execute: one directory per (stage, config), an atomic
 * lock safe across threads and processes, atomic durable writes, the result written last, and
 * the checkpoint pointer a killed run resumes from.
 */
export { stableStringify, configHash } from './hash';
export { writeFileAtomic, writeJsonAtomic, readJsonFile, fsyncDir, tempSibling } from './atomic';
export { tryLock, readLockOwner } from './lock';
export type { Lock, LockOwner } from './lock';
export { defaultRunsRoot, runDir, isFinished, readResult, openRun, RESULT_FILE, CONFIG_FILE, LOCK_FILE } from './dir';
export type { RunDir } from './dir';
export { cachedRun, tryCachedRun } from './cached';
export type { CachedRun, CachedRunOptions } from './cached';
export { latestCheckpoint, commitCheckpoint, checkpointName } from './checkpoints';
