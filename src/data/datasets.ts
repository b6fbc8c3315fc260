/**
 * Every dataset the experiments need, generated in memory from one `GenerateConfig`, written
 * to a directory atomically, and loaded back (verified; see docs/reliability.md).
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
import * as path from 'path';
import { firstForeignEntry, recoverDir, replaceDir } from '../checkpoint';
import type { EmoRealmItem } from '../formats';
import { Rng } from '../random';
import { ClipSampler, type ClipSpec } from '../world';
import { generateBenchmark } from './benchmark';
import { openClipSet, writeClipSet, type ClipSet } from './clips';
import type { GenerateConfig } from './config';
import { readEmoRealmJson, writeEmoRealmJson } from './emorealm';
import { readJson, writeJson, writeJsonl } from './jsonl';
import { countsOf, datasetFiles, hashFiles, MANIFEST_FORMAT, verifyManifest, type Manifest } from './manifest';
import { generatePreference, readPreferenceSamples, type PreferenceSample } from './preference';
import { generateSft, readSftExamples, type SftExample } from './sft';
import { generateDescriptionSet, generateRecognition, readDescriptionItems, readRecognitionItems, type DescriptionItem, type RecognitionItem } from './testSets';
import { generateTextCorpus, readTextCorpus, type TextItem } from './textCorpus';
import { buildTokenizer } from './tokenizer';
import { verifyClipSet, verifyConfig, verifyCounts } from './verify';

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

/** Why an existing `dir` must not be replaced by a dataset directory: it holds an entry a dataset does not have. */
function foreignFile(dir: string): string | undefined {
  const own = new Set([...datasetFiles(), 'manifest.json']);
  const dirs = new Set(datasetFiles().flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const other = firstForeignEntry(dir, (f) => own.has(f), dirs);
  return other === undefined ? undefined : `it holds ${other}, which is not part of a dataset directory`;
}

/**
 * Writes every dataset under `dir` and returns the manifest. The directory is replaced as a
 * whole (`replaceDir`: a temporary sibling, fsync, rename): until the swap the old directory
 * stays intact, and a failed or killed write never leaves a mix. An existing `dir` must be
 * empty or a dataset directory; one holding other files is refused.
 */
export function writeDatasets(dir: string, d: Datasets, cfg: GenerateConfig): Manifest {
  let manifest: Manifest | undefined;
  replaceDir(
    dir,
    (tmp) => {
      const p = datasetPaths(tmp);
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
      manifest = { format: MANIFEST_FORMAT, seed: cfg.seed, counts: countsOf(d), files: hashFiles(tmp) };
      writeJson(p.manifest, manifest);
    },
    foreignFile,
  );
  return manifest as Manifest;
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

/** How a JSONL item is named in errors: its line and id. */
const lineName = (x: { id: string }, i: number) => `line ${i + 1} (id ${x.id})`;

/**
 * Loads and verifies a dataset directory (see docs/reliability.md): leftovers of a killed
 * `writeDatasets` are settled first (a process warning says what was done); then the
 * manifest and every file's sha256, each file's schema, non-finite features, the config's
 * shape and seed, the counts, the renderer dimensions and every clip reference. Any failure
 * is a `DataError` naming the file, the item and the field.
 */
export function loadDatasets(dir: string): LoadedDatasets {
  for (const note of recoverDir(path.resolve(dir))) process.emitWarning(note, 'DatasetRecovery');
  const manifest = verifyManifest(dir);
  const p = datasetPaths(dir);
  const loaded: LoadedDatasets = {
    config: readJson(p.config) as GenerateConfig,
    text: readTextCorpus(p.text),
    sft: { examples: readSftExamples(p.sft), clips: openClipSet(p.sftDir) },
    preference: { samples: readPreferenceSamples(p.preference), clips: openClipSet(p.preferenceDir) },
    benchmark: { items: readEmoRealmJson(p.benchmark), clips: openClipSet(p.benchmarkDir) },
    recognitionInDomain: { items: readRecognitionItems(p.recognitionInDomain), clips: openClipSet(p.recognitionInDomainDir) },
    recognitionShifted: { items: readRecognitionItems(p.recognitionShifted), clips: openClipSet(p.recognitionShiftedDir) },
    description: { items: readDescriptionItems(p.description), clips: openClipSet(p.descriptionDir) },
  };
  const { config } = loaded;
  verifyConfig(config, manifest, p.config);
  const clipCount = <S extends { clips: ClipSet }>(s: S) => ({ ...s, clips: s.clips.clips });
  verifyCounts({ ...loaded, sft: clipCount(loaded.sft), preference: clipCount(loaded.preference), benchmark: clipCount(loaded.benchmark) }, manifest, p.manifest);
  const clipId = (x: { clipId: string }): Array<[string, string]> => [['clipId', x.clipId]];
  verifyClipSet<SftExample>(dir, config, { dir: 'sft', clips: loaded.sft.clips, file: 'sft/examples.jsonl', items: loaded.sft.examples, name: lineName, refs: clipId });
  verifyClipSet<PreferenceSample>(dir, config, {
    dir: 'preference',
    clips: loaded.preference.clips,
    file: 'preference/samples.jsonl',
    items: loaded.preference.samples,
    name: lineName,
    refs: (s) => [
      ['clipId', s.clipId],
      ['rejected.randomClip', s.rejected.randomClip],
      ['rejected.differentEmotionClip', s.rejected.differentEmotionClip],
    ],
  });
  verifyClipSet<EmoRealmItem>(dir, config, {
    dir: 'benchmark',
    clips: loaded.benchmark.clips,
    file: 'benchmark/emorealm.json',
    items: loaded.benchmark.items,
    name: (x, i) => `item #${i} (id "${x.id}")`,
    refs: (x) => [['video', x.video]],
  });
  verifyClipSet<RecognitionItem>(dir, config, { dir: 'recognition/in_domain', clips: loaded.recognitionInDomain.clips, file: 'recognition/in_domain/items.jsonl', items: loaded.recognitionInDomain.items, name: lineName, refs: clipId });
  verifyClipSet<RecognitionItem>(dir, config, { dir: 'recognition/shifted', clips: loaded.recognitionShifted.clips, file: 'recognition/shifted/items.jsonl', items: loaded.recognitionShifted.items, name: lineName, refs: clipId });
  verifyClipSet<DescriptionItem>(dir, config, { dir: 'description', clips: loaded.description.clips, file: 'description/items.jsonl', items: loaded.description.items, name: lineName, refs: clipId });
  return loaded;
}
