export { directoryHandler, readManifest, MANIFEST_FILE, WEIGHTS_FILE } from './handler';
export type { CheckpointManifest, DirectoryHandler } from './handler';
export { saveTensors, loadTensors, loadIntoVariables, hasCheckpoint } from './tensors';
