export * from './emorealm';
export { InputError, inputError } from './errors';
export { readBenchmark, parseBenchmark, validateBenchmark, normText, yesNoOf, TASK_MODALITY } from './emorealmReader';
export type { BenchmarkItem, YesNo } from './emorealmReader';
export { letter, letterIndex, parseChoice, formatChoice, choiceText, normalizeAnswer, MAX_CHOICES } from './choices';
export { decodeUtf8, stripBom, visible } from './text';
