import * as fs from 'fs';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildTokenizer,
  datasetFiles,
  datasetPaths,
  encodeExample,
  hashFiles,
  loadDatasets,
  mergeConfig,
  readEmoRealmJson,
  reducedGenerateConfig,
  UNK_ID,
  generateDatasets,
  BIAS_KNOB_PATHS,
  defaultGenerateConfig,
} from '../../src/data';
import { renderClip } from '../../src/world';
import { makeFixture, removeFixture } from './fixture';

const a = makeFixture(0.05, 11);
const b = makeFixture(0.05, 11);
const c = makeFixture(0.05, 12);
afterAll(() => [a, b, c].forEach(removeFixture));

describe('generation', () => {
  it('is byte-for-byte deterministic for a seed, and changes with the seed', () => {
    expect(Object.keys(a.manifest.files).length).toBeGreaterThan(20);
    expect(a.manifest.files).toEqual(b.manifest.files);
    expect(fs.readFileSync(path.join(a.dir, 'manifest.json'))).toEqual(fs.readFileSync(path.join(b.dir, 'manifest.json')));
    for (const f of Object.keys(a.manifest.files)) {
      if (f === 'vocab.json' || f.endsWith('features.json')) continue; // vocabulary and id lists do not depend on the seed
      expect(c.manifest.files[f], f).not.toBe(a.manifest.files[f]);
    }
  });

  it('records the hash of every file it writes, and writes nothing else', () => {
    expect(hashFiles(a.dir)).toEqual(a.manifest.files);
    const listed = (dir: string, base = dir): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listed(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))]));
    expect(listed(a.dir).sort()).toEqual([...datasetFiles(), 'manifest.json'].sort());
  });

  it('writes the benchmark in the official format at benchmark/emorealm.json, and it round-trips', () => {
    const items = readEmoRealmJson(datasetPaths(a.dir).benchmark);
    expect(items).toEqual(a.data.benchmark.items);
    const raw = JSON.parse(fs.readFileSync(datasetPaths(a.dir).benchmark, 'utf8')) as Array<Record<string, unknown>>;
    expect(Object.keys(raw[0]!).slice(0, 6)).toEqual(['id', 'video', 'task', 'question', 'choices', 'answer']);
  });

  it('loads every dataset back (validated) equal to what was generated, with features by key', () => {
    const loaded = loadDatasets(a.dir);
    expect(loaded.config).toEqual(a.cfg);
    expect(loaded.text).toEqual(a.data.text);
    expect(loaded.sft.examples).toEqual(a.data.sft.examples);
    expect(loaded.preference.samples).toEqual(a.data.preference.samples);
    expect(loaded.recognitionInDomain.items).toEqual(a.data.recognitionInDomain.items);
    expect(loaded.recognitionShifted.items).toEqual(a.data.recognitionShifted.items);
    expect(loaded.description.items).toEqual(a.data.description.items);
    expect(loaded.sft.clips.clips).toEqual(a.data.sft.clips);
    for (const set of [loaded.sft.clips, loaded.benchmark.clips, loaded.recognitionShifted.clips]) {
      const clip = set.clips[3]!;
      const stored = set.features.get(clip.id);
      const fresh = renderClip(clip, a.cfg.world);
      expect(stored.audio).toEqual(fresh.audio);
      expect(stored.video).toEqual(fresh.video);
    }
    for (const item of loaded.benchmark.items) expect(loaded.benchmark.clips.features.has(item.video)).toBe(true);
    for (const ex of loaded.sft.examples) expect(loaded.sft.clips.byId.has(ex.clipId)).toBe(true);
  });

  it('keeps every text within the token budget without unknown words', () => {
    const tok = buildTokenizer();
    const pairs: Array<[string, string]> = [
      ...a.data.text.map((x): [string, string] => [x.prompt, x.response]),
      ...a.data.sft.examples.map((x): [string, string] => [x.prompt, x.response]),
      ...a.data.preference.samples.flatMap((x) => [x.yW, x.yVr, x.yEr, x.yIrr].map((y): [string, string] => [x.prompt, y])),
      ...a.data.benchmark.items.flatMap((x) => x.choices.map((ch): [string, string] => [x.question, ch.slice(4)])),
      ...a.data.description.items.map((x): [string, string] => [x.prompt, x.reference]),
      ...a.data.recognitionShifted.items.map((x): [string, string] => [x.prompts.audiovisual, x.emotion]),
    ];
    for (const [p, r] of pairs) {
      const pi = tok.encodePrompt(p);
      const ri = tok.encodeResponse(r);
      expect(pi).not.toContain(UNK_ID);
      expect(ri).not.toContain(UNK_ID);
    }
  });

  it('encodes a model example: features [nA, f], [nV, f] and token ids', () => {
    const loaded = loadDatasets(a.dir);
    const ex = encodeExample(loaded.sft.examples[0]!, loaded.sft.clips.features);
    expect(ex.audio.length).toBe(8 * 64);
    expect(ex.video.length).toBe(8 * 64);
    expect(ex.promptIds[0]).toBe(1);
    expect(ex.responseIds[ex.responseIds.length - 1]).toBe(2);
  });
});

describe('config', () => {
  it('merges overrides and rejects unknown keys', () => {
    const base = reducedGenerateConfig(0.01, 1);
    const cfg = mergeConfig(base, { corpus: { biases: { cueYesRate: 0.5 } }, world: { sources: { shifted: { shift: null } } } });
    expect(cfg.corpus.biases.cueYesRate).toBe(0.5);
    expect(cfg.corpus.biases.hardNegativeRate).toBe(base.corpus.biases.hardNegativeRate);
    expect(cfg.world.sources.shifted.shift).toBeNull();
    expect(base.corpus.biases.cueYesRate).toBe(0.8);
    expect(() => mergeConfig(base, { corpus: { biases: { nope: 1 } } } as never)).toThrow(/unknown config key "corpus.biases.nope"/);
  });

  it('lists the bias knobs by path, each resolving to a number', () => {
    const cfg = defaultGenerateConfig() as unknown as Record<string, unknown>;
    for (const p of BIAS_KNOB_PATHS) {
      const v = p.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], cfg);
      expect(typeof v, p).toBe('number');
    }
    expect(BIAS_KNOB_PATHS).toContain('world.sources.sft.irrelevantCorrelation');
  });

  it('generates with the seed alone deciding the data (same config → same objects)', () => {
    const cfg = reducedGenerateConfig(0.01, 5);
    expect(JSON.stringify(generateDatasets(cfg).sft)).toBe(JSON.stringify(generateDatasets(cfg).sft));
  });
});
