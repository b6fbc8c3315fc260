/** Checkpoint manifests checked on load, and the weights + manifest pair written as one (issue 15). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTensors, MANIFEST_FILE, readManifest, saveTensors, WEIGHTS_FILE } from '../../src/checkpoint';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'avere-ckpt-m-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const tmpDir = () => fs.mkdtempSync(path.join(root, 'c-'));

/** Saves `{ w: [1, 2, 3] }` and returns the dir and a function that rewrites its manifest from the saved one. */
async function saved(): Promise<{ dir: string; edit: (f: (m: Record<string, unknown>) => unknown) => void }> {
  const dir = tmpDir();
  const w = tf.tensor1d([1, 2, 3]);
  await saveTensors(dir, { w });
  w.dispose();
  const file = path.join(dir, MANIFEST_FILE);
  const original = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const edit = (f: (m: Record<string, unknown>) => unknown) => fs.writeFileSync(file, JSON.stringify(f(structuredClone(original))));
  return { dir, edit };
}

describe('checkpoint manifest checks', () => {
  it('total spec bytes must equal the weights size', async () => {
    const { dir, edit } = await saved();
    edit((m) => ({ ...m, weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }] }));
    await expect(loadTensors(dir)).rejects.toThrow(/manifest\.json: field "weightSpecs": the specs need 8 bytes, but byteLength is 12/);
  });

  it('weight names must be unique', async () => {
    const { dir, edit } = await saved();
    edit((m) => ({
      ...m,
      weightSpecs: [
        { name: 'w', shape: [1], dtype: 'float32' },
        { name: 'w', shape: [2], dtype: 'float32' },
      ],
    }));
    expect(() => readManifest(dir)).toThrow(/manifest\.json: weightSpecs\[1\] \(name "w"\): field "name": duplicate weight name \(also weightSpecs\[0\]\)/);
  });

  it('weightsFile must stay inside the checkpoint directory', async () => {
    const { dir, edit } = await saved();
    for (const bad of ['../weights.bin', '/etc/passwd', 'sub/weights.bin', '..', '']) {
      edit((m) => ({ ...m, weightsFile: bad }));
      expect(() => readManifest(dir), bad).toThrow(/field "weightsFile": .*a file name inside the checkpoint directory/);
    }
  });

  it('a null or malformed manifest gives a clear error', async () => {
    const { dir, edit } = await saved();
    edit(() => null);
    expect(() => readManifest(dir)).toThrow(/manifest\.json: expected a JSON object, got null/);
    edit(() => [1]);
    expect(() => readManifest(dir)).toThrow(/expected a JSON object, got an array/);
    fs.writeFileSync(path.join(dir, MANIFEST_FILE), '{"format": ');
    expect(() => readManifest(dir)).toThrow(/manifest\.json: not valid JSON/);
    const { dir: d2, edit: e2 } = await saved();
    e2((m) => ({ ...m, weightSpecs: [{ name: 'w', shape: [-3], dtype: 'float32' }] }));
    expect(() => readManifest(d2)).toThrow(/weightSpecs\[0\] \(name "w"\): field "shape"/);
    e2((m) => ({ ...m, weightSpecs: [{ name: 'w', shape: [3], dtype: 'float64' }] }));
    expect(() => readManifest(d2)).toThrow(/weightSpecs\[0\] \(name "w"\): field "dtype": .*float64/);
    e2((m) => ({ ...m, weightSpecs: [null] }));
    expect(() => readManifest(d2)).toThrow(/weightSpecs\[0\]: expected an object, got null/);
    e2((m) => ({ ...m, meta: 'x' }));
    expect(() => readManifest(d2)).toThrow(/field "meta": expected an object/);
  });
});

describe('other bad checkpoints', () => {
  it('weightsFile may not name the manifest', async () => {
    const { dir, edit } = await saved();
    edit((m) => ({ ...m, weightsFile: MANIFEST_FILE }));
    expect(() => readManifest(dir)).toThrow(/field "weightsFile": .*names the manifest itself/);
  });

  it('a weights path that is a directory gives a named error', async () => {
    const { dir } = await saved();
    fs.rmSync(path.join(dir, WEIGHTS_FILE));
    fs.mkdirSync(path.join(dir, WEIGHTS_FILE));
    await expect(loadTensors(dir)).rejects.toThrow(/weights\.bin: cannot read the weights file: EISDIR/);
  });

  it('a tensor that cannot be stored (string dtype) fails at save time, not at load time', async () => {
    const dir = tmpDir();
    const s = tf.tensor(['a', 'b']);
    await expect(saveTensors(dir, { s })).rejects.toThrow(/weightSpecs\[0\] \(name "s"\): field "dtype": .*"string"/);
    expect(fs.readdirSync(dir)).toEqual([]);
    s.dispose();
  });
});

describe('checkpoint overwrite', () => {
  it('a save that fails midway leaves the previous checkpoint loadable', async () => {
    const dir = tmpDir();
    const v1 = tf.tensor1d([1, 2, 3]);
    await saveTensors(dir, { w: v1 }, { step: 1 });
    const v2 = tf.tensor1d([4, 5, 6, 7]);
    // Metadata that JSON cannot serialise: the manifest write fails after the weights are encoded.
    await expect(saveTensors(dir, { w: v2 }, { step: 2n })).rejects.toThrow(/BigInt/);
    const loaded = await loadTensors(dir);
    expect(loaded.w!.arraySync()).toEqual([1, 2, 3]);
    expect(readManifest(dir).meta).toEqual({ step: 1 });
    expect(fs.readdirSync(path.dirname(dir)).filter((n) => n.startsWith(`${path.basename(dir)}.`))).toEqual([]);
    tf.dispose([v1, v2, loaded]);
  });

  it('refuses to replace a directory that holds other files', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const w = tf.ones([2]);
    await expect(saveTensors(dir, { w })).rejects.toThrow(/refusing to replace .*notes\.txt/);
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    w.dispose();
  });
});
