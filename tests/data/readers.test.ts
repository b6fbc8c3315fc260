import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DataError,
  FeatureStore,
  openClipSet,
  parseEmoRealmJson,
  readClipSpecs,
  readDescriptionItems,
  readEmoRealmJson,
  readPreferenceSamples,
  readRecognitionItems,
  readSftExamples,
  readTextCorpus,
} from '../../src/data';
import { InputError } from '../../src/formats';
import { makeFixture, removeFixture } from './fixture';

const fx = makeFixture(0.02, 3);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avere-bad-'));
afterAll(() => {
  removeFixture(fx);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Writes `lines` (JSON values, or raw strings) to a JSONL file in tmp. */
function jsonl(name: string, lines: unknown[]): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return f;
}

function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError');
}

describe('readers report file, item and field', () => {
  const sft = fx.data.sft.examples.slice(0, 3);

  it('SFT examples: bad JSON, bad enum, over-budget and unknown words', () => {
    let f = jsonl('sft1.jsonl', [sft[0], '{not json', sft[2]]);
    let e = errorOf(() => readSftExamples(f));
    expect([e.file, e.item, e.field]).toEqual([f, 'line 2', '(line)']);
    f = jsonl('sft2.jsonl', [sft[0], sft[1], { ...sft[2], task: 'dance' }]);
    e = errorOf(() => readSftExamples(f));
    expect(e.item).toBe(`line 3 (id ${sft[2]!.id})`);
    expect(e.field).toBe('task');
    expect(e.message).toContain(f);
    expect(e.message).toMatch(/expected one of basic, cue/);
    f = jsonl('sft3.jsonl', [{ ...sft[0], response: new Array(30).fill('yes').join(' ') }]);
    e = errorOf(() => readSftExamples(f));
    expect([e.item, e.field]).toEqual([`line 1 (id ${sft[0]!.id})`, 'response']);
    expect(e.problem).toMatch(/31 tokens > 24/);
    f = jsonl('sft4.jsonl', [{ ...sft[0], prompt: 'Does the zebra dance?' }]);
    e = errorOf(() => readSftExamples(f));
    expect(e.field).toBe('prompt');
    expect(e.problem).toMatch(/not in the vocabulary/);
    f = jsonl('sft5.jsonl', [{ ...sft[0], clipId: 7 }]);
    expect(errorOf(() => readSftExamples(f)).field).toBe('clipId');
  });

  it('clip specs: unknown cue, cue of the wrong modality, bad numbers', () => {
    const clip = fx.data.sft.clips[0]!;
    let f = jsonl('clips1.jsonl', [{ ...clip, visual: [{ cue: 'unicorn', onset: 0, intensity: 1 }] }]);
    let e = errorOf(() => readClipSpecs(f));
    expect([e.item, e.field]).toEqual([`line 1 (id ${clip.id})`, 'visual[0].cue']);
    f = jsonl('clips2.jsonl', [{ ...clip, audio: [{ cue: 'tears', onset: 0, intensity: 1 }] }]);
    expect(errorOf(() => readClipSpecs(f)).problem).toMatch(/cue "tears" is visual, listed under audio/);
    f = jsonl('clips3.jsonl', [clip, { ...clip, visual: [{ cue: 'tears', onset: 1.5, intensity: 1 }] }]);
    e = errorOf(() => readClipSpecs(f));
    expect([e.item, e.field]).toEqual([`line 2 (id ${clip.id})`, 'visual[0].onset']);
    f = jsonl('clips4.jsonl', [{ ...clip, speaker: { id: 's', noun: 'robot' } }]);
    expect(errorOf(() => readClipSpecs(f)).field).toBe('speaker.noun');
  });

  it('preference samples, text corpus, recognition and description items', () => {
    const s = fx.data.preference.samples[0]!;
    let f = jsonl('pref.jsonl', [{ ...s, rejected: { ...s.rejected, seed: -1 } }]);
    let e = errorOf(() => readPreferenceSamples(f));
    expect([e.item, e.field]).toEqual([`line 1 (id ${s.id})`, 'rejected.seed']);
    f = jsonl('pref2.jsonl', [{ ...s, yEr: undefined }]);
    expect(errorOf(() => readPreferenceSamples(f)).field).toBe('yEr');
    f = jsonl('text.jsonl', [{ ...fx.data.text[0], kind: 'poem' }]);
    expect(errorOf(() => readTextCorpus(f)).field).toBe('kind');
    const r = fx.data.recognitionInDomain.items[0]!;
    f = jsonl('rec.jsonl', [{ ...r, prompts: { audio: r.prompts.audio, visual: r.prompts.visual } }]);
    expect(errorOf(() => readRecognitionItems(f)).field).toBe('prompts.audiovisual');
    const d = fx.data.description.items[0]!;
    f = jsonl('desc.jsonl', [{ ...d, relevantCues: ['tears', 'nope'] }]);
    expect(errorOf(() => readDescriptionItems(f)).field).toBe('relevantCues[1]');
    expect(errorOf(() => readTextCorpus(path.join(tmp, 'missing.jsonl'))).problem).toBe('file not found');
  });

  it('official EmoReAlM JSON goes through the shared validator (src/formats): file, item and field named', () => {
    // The validator's own cases are tested in tests/eval/benchmark.test.ts; here: the data
    // reader uses it and reports through it.
    const good = fx.data.benchmark.items.slice(0, 3);
    const file = 'bench.json';
    const bad = (i: number, patch: Record<string, unknown>) => JSON.stringify(good.map((it, k) => (k === i ? { ...it, ...patch } : it)));
    const inputErrorOf = (f: () => unknown): InputError => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return e as InputError;
      }
      throw new Error('expected an InputError');
    };
    let e = inputErrorOf(() => parseEmoRealmJson(bad(1, { choices: ['(A) Yes', '(C) No'] }), file));
    expect([e.file, e.item, e.field]).toEqual([file, `item #1 (id "${good[1]!.id}")`, 'choices']);
    e = inputErrorOf(() => parseEmoRealmJson(bad(2, { id: good[0]!.id }), file));
    expect(e.field).toBe('id');
    const f = path.join(tmp, 'b.json');
    fs.writeFileSync(f, bad(0, { question: 3 }));
    e = inputErrorOf(() => readEmoRealmJson(f));
    expect([e.file, e.field]).toEqual([f, 'question']);
    expect(inputErrorOf(() => readEmoRealmJson(path.join(tmp, 'none.json'))).message).toMatch(/file not found/);
    expect(parseEmoRealmJson(JSON.stringify(good), file)).toEqual(good);
  });

  it('feature files: truncated binary, bad index, specs without features', () => {
    const dir = path.join(tmp, 'clipset');
    fs.cpSync(path.join(fx.dir, 'benchmark'), dir, { recursive: true });
    expect(openClipSet(dir).clips.length).toBe(fx.data.benchmark.clips.length);
    const bin = path.join(dir, 'features.bin');
    fs.writeFileSync(bin, fs.readFileSync(bin).subarray(0, 100));
    let e = errorOf(() => FeatureStore.open(dir));
    expect([e.file, e.field]).toEqual([bin, '(size)']);
    const idx = path.join(dir, 'features.json');
    fs.writeFileSync(idx, JSON.stringify({ format: 'avere-features-v1', nA: 8, nV: 8, f: 64, ids: 'x' }));
    e = errorOf(() => FeatureStore.open(dir));
    expect([e.file, e.field]).toEqual([idx, 'ids']);
    fs.writeFileSync(idx, JSON.stringify({ format: 'avere-features-v1', nA: 8, nV: 8, f: 64, ids: [] }));
    fs.writeFileSync(bin, Buffer.alloc(0));
    e = errorOf(() => openClipSet(dir));
    expect(e.file).toBe(idx);
    expect(e.problem).toMatch(/no features for clip on line 1/);
  });
});
