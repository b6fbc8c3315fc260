/**
 * Every dataset the experiments need, generated in memory from one `GenerateConfig`, written
 * to a directory, and loaded back (validated).
 *
 * Layout under DIR (each clip set = clips.jsonl + features.bin + features.json):
 *   manifest.json                  counts and sha256 of every file
 *   config.json, vocab.json
 *   text/corpus.jsonl
 *   sft/examples.jsonl             + clip set
 *   preference/samples.jsonl       + clip set
 *   benchmark/emorealm.json        (official format) + clip set keyed by `video`
 *   recognition/in_domain/items.jsonl, recognition/shifted/items.jsonl   + clip sets
 *   description/items.jsonl        + clip set
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { EmoRealmItem } from '../formats';
import { Rng } from '../random';
import { ClipSampler, type ClipSpec } from '../world';
import { generateBenchmark } from './benchmark';
import { openClipSet, writeClipSet, type ClipSet } from './clips';
import type { GenerateConfig } from './config';
import { readEmoRealmJson, writeEmoRealmJson } from './emorealm';
import { readJson, writeJson, writeJsonl } from './jsonl';
import { generatePreference, readPreferenceSamples, type PreferenceSample } from './preference';
import { generateSft, readSftExamples, type SftExample } from './sft';
import { generateDescriptionSet, generateRecognition, readDescriptionItems, readRecognitionItems, type DescriptionItem, type RecognitionItem } from './testSets';
import { generateTextCorpus, readTextCorpus, type TextItem } from './textCorpus';
import { buildTokenizer } from './tokenizer';

export interface Datasets {
  text: TextItem[];
  sft: { examples: SftExample[]; clips: ClipSpec[] };
  preference: { samples: PreferenceSample[]; clips: ClipSpec[] };
  benchmark: { items: EmoRealmItem[]; clips: ClipSpec[] };
  recognitionInDomain: { items: RecognitionItem[]; clips: ClipSpec[] };
  recognitionShifted: { items: RecognitionItem[]; clips: ClipSpec[] };
  description: { items: DescriptionItem[]; clips: ClipSpec[] };
}

/** Generates every dataset. Each uses its own forked stream of `cfg.seed`. */
export function generateDatasets(cfg: GenerateConfig): Datasets {
  const root = new Rng(cfg.seed);
  const { world, corpus } = cfg;
  const s = corpus.sizes;
  const sftClips = new ClipSampler(world, 'sft', root.fork('sft-clips')).sampleMany(s.sftClips);
  const prefClips = new ClipSampler(world, 'preference', root.fork('preference-clips')).sampleMany(s.preferenceClips);
  const recClips = new ClipSampler(world, 'benchmark', root.fork('recognition-clips'), 'recog').sampleMany(s.recognitionClips);
  const oodClips = new ClipSampler(world, 'shifted', root.fork('shifted-clips')).sampleMany(s.shiftedRecognitionClips);
  const descClips = new ClipSampler(world, 'benchmark', root.fork('description-clips'), 'desc').sampleMany(s.descriptionClips);
  const bench = generateBenchmark(world, corpus.benchmark, root.fork('benchmark'));
  return {
    text: generateTextCorpus(corpus, root.fork('text')),
    sft: { examples: generateSft(sftClips, corpus, root.fork('sft')), clips: sftClips },
    preference: { samples: generatePreference(prefClips, corpus, root.fork('preference')), clips: prefClips },
    benchmark: bench,
    recognitionInDomain: { items: generateRecognition(recClips, root.fork('recognition')), clips: recClips },
    recognitionShifted: { items: generateRecognition(oodClips, root.fork('shifted')), clips: oodClips },
    description: { items: generateDescriptionSet(descClips, root.fork('description')), clips: descClips },
  };
}

/** File paths of a dataset directory. */
export function datasetPaths(dir: string) {
  return {
    manifest: path.join(dir, 'manifest.json'),
    config: path.join(dir, 'config.json'),
    vocab: path.join(dir, 'vocab.json'),
    text: path.join(dir, 'text', 'corpus.jsonl'),
    sftDir: path.join(dir, 'sft'),
    sft: path.join(dir, 'sft', 'examples.jsonl'),
    preferenceDir: path.join(dir, 'preference'),
    preference: path.join(dir, 'preference', 'samples.jsonl'),
    benchmarkDir: path.join(dir, 'benchmark'),
    benchmark: path.join(dir, 'benchmark', 'emorealm.json'),
    recognitionInDomainDir: path.join(dir, 'recognition', 'in_domain'),
    recognitionInDomain: path.join(dir, 'recognition', 'in_domain', 'items.jsonl'),
    recognitionShiftedDir: path.join(dir, 'recognition', 'shifted'),
    recognitionShifted: path.join(dir, 'recognition', 'shifted', 'items.jsonl'),
    descriptionDir: path.join(dir, 'description'),
    description: path.join(dir, 'description', 'items.jsonl'),
  };
}

export interface Manifest {
  format: 'avere-datasets-v1';
  seed: number;
  counts: Record<string, number>;
  /** sha256 of every file, by path relative to the directory. */
  files: Record<string, string>;
}

function countsOf(d: Datasets): Record<string, number> {
  return {
    textItems: d.text.length,
    sftExamples: d.sft.examples.length,
    sftClips: d.sft.clips.length,
    preferenceSamples: d.preference.samples.length,
    preferenceClips: d.preference.clips.length,
    benchmarkItems: d.benchmark.items.length,
    benchmarkVideos: d.benchmark.clips.length,
    recognitionInDomain: d.recognitionInDomain.items.length,
    recognitionShifted: d.recognitionShifted.items.length,
    descriptionItems: d.description.items.length,
  };
}

const CLIP_SET_FILES = ['clips.jsonl', 'features.bin', 'features.json'];

/** Every file `writeDatasets` writes (manifest.json aside), relative to DIR. */
export function datasetFiles(): string[] {
  const sets = ['sft', 'preference', 'benchmark', 'recognition/in_domain', 'recognition/shifted', 'description'];
  return [
    'config.json',
    'vocab.json',
    'text/corpus.jsonl',
    'sft/examples.jsonl',
    'preference/samples.jsonl',
    'benchmark/emorealm.json',
    'recognition/in_domain/items.jsonl',
    'recognition/shifted/items.jsonl',
    'description/items.jsonl',
    ...sets.flatMap((d) => CLIP_SET_FILES.map((f) => `${d}/${f}`)),
  ].sort();
}

/** sha256 of each file (relative paths under `dir`; default: the dataset files). */
export function hashFiles(dir: string, files: readonly string[] = datasetFiles()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of files) out[rel] = createHash('sha256').update(fs.readFileSync(path.join(dir, rel))).digest('hex');
  return out;
}

/** Writes every dataset under `dir` (created if needed; other files there are left alone) and returns the manifest. */
export function writeDatasets(dir: string, d: Datasets, cfg: GenerateConfig): Manifest {
  const p = datasetPaths(dir);
  fs.mkdirSync(dir, { recursive: true });
  writeJson(p.config, cfg);
  writeJson(p.vocab, buildTokenizer().toJSON());
  writeJsonl(p.text, d.text);
  writeJsonl(p.sft, d.sft.examples);
  writeClipSet(p.sftDir, d.sft.clips, cfg.world);
  writeJsonl(p.preference, d.preference.samples);
  writeClipSet(p.preferenceDir, d.preference.clips, cfg.world);
  writeEmoRealmJson(p.benchmark, d.benchmark.items);
  writeClipSet(p.benchmarkDir, d.benchmark.clips, cfg.world);
  writeJsonl(p.recognitionInDomain, d.recognitionInDomain.items);
  writeClipSet(p.recognitionInDomainDir, d.recognitionInDomain.clips, cfg.world);
  writeJsonl(p.recognitionShifted, d.recognitionShifted.items);
  writeClipSet(p.recognitionShiftedDir, d.recognitionShifted.clips, cfg.world);
  writeJsonl(p.description, d.description.items);
  writeClipSet(p.descriptionDir, d.description.clips, cfg.world);
  const manifest: Manifest = { format: 'avere-datasets-v1', seed: cfg.seed, counts: countsOf(d), files: hashFiles(dir) };
  writeJson(p.manifest, manifest);
  return manifest;
}

/** Every dataset of a directory, validated, with clip sets for features by key. */
export interface LoadedDatasets {
  config: GenerateConfig;
  text: TextItem[];
  sft: { examples: SftExample[]; clips: ClipSet };
  preference: { samples: PreferenceSample[]; clips: ClipSet };
  benchmark: { items: EmoRealmItem[]; clips: ClipSet };
  recognitionInDomain: { items: RecognitionItem[]; clips: ClipSet };
  recognitionShifted: { items: RecognitionItem[]; clips: ClipSet };
  description: { items: DescriptionItem[]; clips: ClipSet };
}

export function loadDatasets(dir: string): LoadedDatasets {
  const p = datasetPaths(dir);
  return {
    config: readJson(p.config) as GenerateConfig,
    text: readTextCorpus(p.text),
    sft: { examples: readSftExamples(p.sft), clips: openClipSet(p.sftDir) },
    preference: { samples: readPreferenceSamples(p.preference), clips: openClipSet(p.preferenceDir) },
    benchmark: { items: readEmoRealmJson(p.benchmark), clips: openClipSet(p.benchmarkDir) },
    recognitionInDomain: { items: readRecognitionItems(p.recognitionInDomain), clips: openClipSet(p.recognitionInDomainDir) },
    recognitionShifted: { items: readRecognitionItems(p.recognitionShifted), clips: openClipSet(p.recognitionShiftedDir) },
    description: { items: readDescriptionItems(p.description), clips: openClipSet(p.descriptionDir) },
  };
}
