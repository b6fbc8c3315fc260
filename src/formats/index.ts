export * from './emorealm';
export { InputError, inputError } from './errors';
export { readBenchmark, parseBenchmark, validateBenchmark, normText, yesNoOf, TASK_MODALITY } from './emorealmReader';
export type { BenchmarkItem, YesNo } from './emorealmReader';
