/**
 * The dataset manifest (`manifest.json`): format, seed, item counts and the sha256 of every
 * file of a dataset directory. Written last into the temporary directory of `writeDatasets`,
 * checked first by `loadDatasets`.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { readJson } from './jsonl';
import { asObject, fail, num, type Ctx } from './validate';

export const MANIFEST_FORMAT = 'avere-datasets-v1';

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  seed: number;
  counts: Record<string, number>;
  /** sha256 of every file, by path relative to the directory. */
  files: Record<string, string>;
}

const CLIP_SET_FILES = ['clips.jsonl', 'features.bin', 'features.json'];

/** The clip-set directories of a dataset directory, relative to it. */
export const CLIP_SET_DIRS = ['sft', 'preference', 'benchmark', 'recognition/in_domain', 'recognition/shifted', 'description'] as const;

/** Every file `writeDatasets` writes (manifest.json aside), relative to DIR. */
export function datasetFiles(): string[] {
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
    ...CLIP_SET_DIRS.flatMap((d) => CLIP_SET_FILES.map((f) => `${d}/${f}`)),
  ].sort();
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** sha256 of each file (relative paths under `dir`; default: the dataset files). */
export function hashFiles(dir: string, files: readonly string[] = datasetFiles()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of files) out[rel] = sha256(path.join(dir, rel));
  return out;
}

type Sized = { readonly length: number };

/** What the manifest counts, for generated and for loaded datasets alike. */
export interface CountedDatasets {
  text: Sized;
  sft: { examples: Sized; clips: Sized };
  preference: { samples: Sized; clips: Sized };
  benchmark: { items: Sized; clips: Sized };
  recognitionInDomain: { items: Sized };
  recognitionShifted: { items: Sized };
  description: { items: Sized };
}

export function countsOf(d: CountedDatasets): Record<string, number> {
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

const COUNT_KEYS = Object.keys(countsOf({ text: [], sft: { examples: [], clips: [] }, preference: { samples: [], clips: [] }, benchmark: { items: [], clips: [] }, recognitionInDomain: { items: [] }, recognitionShifted: { items: [] }, description: { items: [] } }));

/**
 * Reads `dir/manifest.json`, checks its fields, and checks that every dataset file exists with
 * the recorded sha256: a directory that mixes files of two writes, or holds a changed file,
 * fails here, naming the file.
 */
export function verifyManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  const ctx: Ctx = { file, item: '(manifest)' };
  const o = asObject(readJson(file), ctx);
  if (o.format !== MANIFEST_FORMAT) fail(ctx, 'format', `expected "${MANIFEST_FORMAT}", got ${JSON.stringify(o.format) ?? 'nothing'}`);
  const seed = num(o, 'seed', ctx, { int: true });
  const countsRaw = asObject(o.counts, ctx, 'counts');
  const counts: Record<string, number> = {};
  for (const k of COUNT_KEYS) counts[k] = num(countsRaw, k, ctx, { int: true, min: 0 }, 'counts.');
  const filesRaw = asObject(o.files, ctx, 'files');
  const expected = datasetFiles();
  const extra = Object.keys(filesRaw).find((f) => !expected.includes(f));
  if (extra !== undefined) fail(ctx, 'files', `unexpected entry ${extra}`);
  const files: Record<string, string> = {};
  for (const rel of expected) {
    const h = filesRaw[rel];
    if (h === undefined) fail(ctx, 'files', `no entry for ${rel}`);
    if (typeof h !== 'string' || !/^[0-9a-f]{64}$/.test(h)) fail(ctx, `files.${rel}`, `expected a sha256 (64 hex digits), got ${JSON.stringify(h)}`);
    files[rel] = h;
  }
  for (const rel of expected) {
    const f = path.join(dir, rel);
    const fctx: Ctx = { file: f, item: '(file)' };
    if (!fs.existsSync(f)) fail(fctx, '(file)', 'file not found (listed in manifest.json)');
    const actual = sha256(f);
    if (actual !== files[rel]) {
      fail(fctx, '(sha256)', `sha256 ${actual.slice(0, 12)}… does not match the manifest's ${(files[rel] as string).slice(0, 12)}…: the directory mixes files of different writes, or the file was changed`);
    }
  }
  return { format: MANIFEST_FORMAT, seed, counts, files };
}
