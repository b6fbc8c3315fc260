/**
 * A dataset directory is verified on load (issue 15): mixed, copied-in and corrupted files,
 * and consistent-looking files that disagree with each other, all fail with the file, item
 * and field named.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, hashFiles, loadDatasets, type Manifest } from '../../src/data';
import { makeFixture, removeFixture } from './fixture';

const a = makeFixture(0.02, 1);
const b = makeFixture(0.02, 3);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avere-verify-'));
afterAll(() => {
  [a, b].forEach(removeFixture);
  fs.rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
/** A fresh copy of fixture `a`. */
function copyOfA(): string {
  const dir = path.join(tmp, `copy-${n++}`);
  fs.cpSync(a.dir, dir, { recursive: true });
  return dir;
}

/** Rewrites the manifest's hashes to match the files: what a consistent but wrong directory looks like. */
function rehash(dir: string, patch: Partial<Manifest> = {}): void {
  const file = path.join(dir, 'manifest.json');
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  fs.writeFileSync(file, JSON.stringify({ ...m, files: hashFiles(dir), ...patch }));
}

function dataErrorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError');
}

describe('loadDatasets verifies the directory', () => {
  it('a half-overwritten directory (config of seed 3, manifest of seed 1) fails', () => {
    const dir = copyOfA();
    fs.copyFileSync(path.join(b.dir, 'config.json'), path.join(dir, 'config.json'));
    const e = dataErrorOf(() => loadDatasets(dir));
    expect([e.file, e.field]).toEqual([path.join(dir, 'config.json'), '(sha256)']);
    expect(e.problem).toMatch(/does not match the manifest/);
  });

  it('files copied in from another seed fail', () => {
    const dir = copyOfA();
    for (const f of ['sft/clips.jsonl', 'sft/features.bin']) fs.copyFileSync(path.join(b.dir, f), path.join(dir, f));
    const e = dataErrorOf(() => loadDatasets(dir));
    expect(e.file).toBe(path.join(dir, 'sft', 'clips.jsonl'));
    expect(e.field).toBe('(sha256)');
  });

  it('same-size corruption (features.bin of 0xFF bytes) fails its hash', () => {
    const dir = copyOfA();
    const bin = path.join(dir, 'benchmark', 'features.bin');
    fs.writeFileSync(bin, Buffer.alloc(fs.statSync(bin).size, 0xff));
    expect(dataErrorOf(() => loadDatasets(dir)).file).toBe(bin);
  });

  it('NaN and infinite features fail even with matching hashes, naming clip, frame and dimension', () => {
    const dir = copyOfA();
    const bin = path.join(dir, 'benchmark', 'features.bin');
    const buf = fs.readFileSync(bin);
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'benchmark', 'features.json'), 'utf8')) as { ids: string[]; nA: number; nV: number; f: number };
    const stride = (index.nA + index.nV) * index.f * 4;
    // clip 2, video frame 1, dimension 5
    buf.writeFloatLE(Number.NaN, 2 * stride + (index.nA * index.f + index.f + 5) * 4);
    fs.writeFileSync(bin, buf);
    rehash(dir);
    const e = dataErrorOf(() => loadDatasets(dir));
    expect([e.file, e.item, e.field]).toEqual([bin, `clip ${index.ids[2]}`, 'video[1][5]']);
    expect(e.problem).toMatch(/NaN/);
    buf.writeFloatLE(0, 2 * stride + (index.nA * index.f + index.f + 5) * 4);
    buf.writeFloatLE(Number.NEGATIVE_INFINITY, 0);
    fs.writeFileSync(bin, buf);
    rehash(dir);
    expect(dataErrorOf(() => loadDatasets(dir)).problem).toMatch(/-Infinity/);
  });

  it('a missing or foreign manifest fails', () => {
    let dir = copyOfA();
    fs.rmSync(path.join(dir, 'manifest.json'));
    expect(dataErrorOf(() => loadDatasets(dir)).problem).toMatch(/file not found/);
    dir = copyOfA();
    fs.copyFileSync(path.join(b.dir, 'manifest.json'), path.join(dir, 'manifest.json'));
    expect(dataErrorOf(() => loadDatasets(dir)).field).toBe('(sha256)');
    dir = copyOfA();
    rehash(dir, { format: 'avere-datasets-v0' as Manifest['format'] });
    expect(dataErrorOf(() => loadDatasets(dir)).field).toBe('format');
    dir = copyOfA();
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    delete m.files['vocab.json'];
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
    const e = dataErrorOf(() => loadDatasets(dir));
    expect([e.field, e.problem]).toEqual(['files', 'no entry for vocab.json']);
  });

  it('the config must have the generator\'s shape and the manifest\'s seed', () => {
    const dir = copyOfA();
    const cfgFile = path.join(dir, 'config.json');
    const cfg = JSON.parse(fs.readFileSync(cfgFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(cfgFile, JSON.stringify({ ...cfg, seed: 3 }));
    rehash(dir);
    let e = dataErrorOf(() => loadDatasets(dir));
    expect([e.file, e.field]).toEqual([cfgFile, 'seed']);
    expect(e.problem).toMatch(/3, but the manifest says 1/);
    fs.writeFileSync(cfgFile, JSON.stringify({ ...cfg, world: { ...(cfg.world as object), renderer: 'frozen' } }));
    rehash(dir);
    e = dataErrorOf(() => loadDatasets(dir));
    expect([e.file, e.field]).toEqual([cfgFile, 'world.renderer']);
    fs.writeFileSync(cfgFile, JSON.stringify({ ...cfg, extra: 1 }));
    rehash(dir);
    expect(dataErrorOf(() => loadDatasets(dir)).problem).toMatch(/unknown key/);
  });

  it('renderer dimensions must match every features.json', () => {
    const dir = copyOfA();
    const idx = path.join(dir, 'sft', 'features.json');
    const index = JSON.parse(fs.readFileSync(idx, 'utf8')) as { nA: number; nV: number };
    fs.writeFileSync(idx, JSON.stringify({ ...index, nA: index.nA / 2, nV: index.nV + index.nA / 2 })); // same byte size
    rehash(dir);
    const e = dataErrorOf(() => loadDatasets(dir));
    expect([e.file, e.field]).toEqual([idx, 'nA']);
    expect(e.problem).toMatch(/config\.json's world\.renderer\.nA is 8/);
  });

  it('every clip a question or example refers to must exist', () => {
    const dir = copyOfA();
    const file = path.join(dir, 'preference', 'samples.jsonl');
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    const s = JSON.parse(lines[1]!) as { id: string; rejected: Record<string, unknown> };
    lines[1] = JSON.stringify({ ...s, rejected: { ...s.rejected, randomClip: 'clip-nowhere' } });
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    rehash(dir);
    let e = dataErrorOf(() => loadDatasets(dir));
    expect([e.file, e.item, e.field]).toEqual([file, `line 2 (id ${s.id})`, 'rejected.randomClip']);
    expect(e.problem).toMatch(/clip "clip-nowhere" is not in .*preference\/clips\.jsonl/);

    const dir2 = copyOfA();
    const bench = path.join(dir2, 'benchmark', 'emorealm.json');
    const items = JSON.parse(fs.readFileSync(bench, 'utf8')) as Array<{ id: string; video: string }>;
    items[4]!.video = 'no-such-video';
    fs.writeFileSync(bench, JSON.stringify(items));
    rehash(dir2);
    e = dataErrorOf(() => loadDatasets(dir2));
    expect([e.file, e.item, e.field]).toEqual([bench, `item #4 (id "${items[4]!.id}")`, 'video']);
  });

  it('the manifest counts must match what was read', () => {
    const dir = copyOfA();
    const file = path.join(dir, 'text', 'corpus.jsonl');
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    fs.writeFileSync(file, `${lines.slice(1).join('\n')}\n`);
    rehash(dir);
    const e = dataErrorOf(() => loadDatasets(dir));
    expect([e.file, e.field]).toEqual([path.join(dir, 'manifest.json'), 'counts.textItems']);
    expect(e.problem).toMatch(new RegExp(`${lines.length} in the manifest, ${lines.length - 1} read`));
  });
});
