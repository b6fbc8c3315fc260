import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { hasCheckpoint, loadIntoVariables, loadTensors, readManifest, saveTensors, WEIGHTS_FILE } from '../../src/checkpoint';

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'avere-ckpt-'));

describe('checkpoint', () => {
  it('round-trips named float and int tensors with metadata', async () => {
    const dir = tmpDir();
    const a = tf.tensor2d([
      [1.5, -2],
      [3, 4e-8],
    ]);
    const b = tf.tensor1d([7, -1, 0], 'int32');
    await saveTensors(dir, { 'block0/wq': a, ids: b }, { step: 12, config: { dModel: 4 } });
    expect(hasCheckpoint(dir)).toBe(true);
    expect(readManifest(dir).meta).toEqual({ step: 12, config: { dModel: 4 } });
    const loaded = await loadTensors(dir);
    expect(Object.keys(loaded).sort()).toEqual(['block0/wq', 'ids']);
    expect(loaded['block0/wq']!.arraySync()).toEqual(a.arraySync());
    expect(loaded.ids!.dtype).toBe('int32');
    expect(loaded.ids!.arraySync()).toEqual([7, -1, 0]);
    tf.dispose([a, b, loaded]);
  });

  it('assigns into variables and leaves no tensors behind', async () => {
    const dir = tmpDir();
    const w = tf.variable(
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      true,
      'w',
    );
    await saveTensors(dir, { w });
    const target = tf.variable(tf.zeros([2, 2]), true, 'w2');
    const before = tf.memory().numTensors;
    await loadIntoVariables(dir, { w: target });
    expect(tf.memory().numTensors).toBe(before);
    expect(target.arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    tf.dispose([w, target]);
  });

  it('a truncated weights file gives an error naming the file', async () => {
    const dir = tmpDir();
    await saveTensors(dir, { w: tf.ones([4, 4]) });
    const file = path.join(dir, WEIGHTS_FILE);
    fs.truncateSync(file, 10);
    await expect(loadTensors(dir)).rejects.toThrow(new RegExp(`${WEIGHTS_FILE}: 10 bytes, manifest says 64`));
  });

  it('a corrupted weights file fails its checksum', async () => {
    const dir = tmpDir();
    await saveTensors(dir, { w: tf.ones([2]) });
    const file = path.join(dir, WEIGHTS_FILE);
    const bytes = fs.readFileSync(file);
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    fs.writeFileSync(file, bytes);
    await expect(loadTensors(dir)).rejects.toThrow(/SHA-256 does not match/);
  });

  it('mismatched names and shapes give clear errors', async () => {
    const dir = tmpDir();
    await saveTensors(dir, { w: tf.ones([2, 3]) });
    await expect(loadIntoVariables(dir, { w: tf.variable(tf.zeros([3, 2])) })).rejects.toThrow(
      /variable "w" is float32\[2,3\] in the file but float32\[3,2\] in the model/,
    );
    await expect(loadIntoVariables(dir, { v: tf.variable(tf.zeros([2, 3])) })).rejects.toThrow(/missing variable\(s\) v/);
    await expect(loadTensors(tmpDir())).rejects.toThrow(/manifest.json not found/);
  });
});
