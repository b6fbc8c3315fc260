/**
 * A checkpoint save killed with SIGKILL (issue 15): the directory then holds the previous
 * checkpoint or the new one, complete, never weights of one save with the manifest of another.
 * A child saves in a loop into one directory; each run kills it at another delay.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTensors, readManifest } from '../../src/checkpoint';
import { killAfter, output, startTsx, waitFor } from '../helpers/children';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avere-kill-ckpt-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const N = 1 << 20; // 4 MB of float32 per save
const M = 300_000; // numbers in meta.curve: a manifest of a few MB

describe('checkpoint save killed midway', () => {
  it('leaves the previous checkpoint or the new one, never a mix', async () => {
    const steps: number[] = [];
    for (const delay of [0, 5, 20, 60, 150, 400]) {
      const dir = path.join(tmp, `run${delay}`);
      const child = startTsx(path.join(__dirname, 'saveLoop.child.ts'), [dir, String(N), String(M)]);
      const log = output(child);
      expect(await waitFor(child, () => log.text().includes('saved 1\n')), log.text()).toBe(true);
      const { killed } = await killAfter(child, delay);
      expect(killed).toBe(true);
      const meta = readManifest(dir).meta as { step: number; curve: number[] };
      const step = meta.step;
      expect(meta.curve.every((v) => v === step)).toBe(true);
      const loaded = await loadTensors(dir);
      const values = loaded.w!.dataSync();
      expect(values.length).toBe(N);
      expect(
        values.every((v) => v === step),
        `delay ${delay}: step ${step}`,
      ).toBe(true);
      tf.dispose(loaded);
      steps.push(step);
    }
    expect(Math.max(...steps)).toBeGreaterThan(1); // some kills landed after further saves
  });
});
