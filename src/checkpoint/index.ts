/** Files: checkpoints of named tensors, and the atomic directory writes they (and datasets) use. */
export { directoryHandler, readManifest } from './handler';
export type { DirectoryHandler } from './handler';
export { CheckpointError, MANIFEST_FILE, WEIGHTS_FILE, parseManifest, specBytes } from './manifest';
export type { CheckpointManifest } from './manifest';
export { saveTensors, loadTensors, loadIntoVariables, hasCheckpoint } from './tensors';
export { firstForeignEntry, recoverDir, replaceDir } from './atomic';
