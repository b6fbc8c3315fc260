/**
 * Datasets of the workbench: tokenizer, grammar, corpora (text, SFT, preference),
 * the EmoReAlM-style benchmark, recognition and description test sets, their readers and
 * writers, and measurements of the biases they carry.
 */
export * from './config';
export * from './validate';
export * from './jsonl';
export * from './tokenizer';
export { GRAMMAR, fill, type GrammarKey, type Slots } from './grammar';
export * from './features';
export * from './clips';
export * from './textCorpus';
export * from './sft';
export * from './preference';
export * from './rejected';
export * from './benchmark';
export * from './emorealm';
export * from './testSets';
export * from './rate';
export * from './sftBiases';
export * from './preferenceNoise';
export * from './benchmarkAnswers';
export * from './benchmarkTables';
export * from './irrelevantAssociation';
export * from './manifest';
export * from './datasets';
export { encodeExample, type EncodedExample } from './encode';
export * from './report';
