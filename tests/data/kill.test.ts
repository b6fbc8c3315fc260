/**
 * A `generate` process killed with SIGKILL while it writes (issue 15): the directory then holds
 * the old dataset or the new one, complete, never a mix. Each run kills the real CLI at a
 * different delay after it starts writing (the parent directory or the old `config.json`
 * changes: true of any writer, in place or not); the last run is left to finish.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFiles, loadDatasets, writeDatasets } from '../../src/data';
import { killAfter, modifiedSince, output, startTsx, waitFor } from '../helpers/children';
import { makeFixture, removeFixture } from './fixture';

const SCALE = 0.02;
const oldData = makeFixture(SCALE, 1);
const newData = makeFixture(SCALE, 3);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avere-kill-data-'));
afterAll(() => {
  [oldData, newData].forEach(removeFixture);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('generate killed midway', () => {
  it('leaves the old dataset intact or the new one complete', async () => {
    const outcomes: string[] = [];
    for (const delay of [0, 5, 20, 60, 150, -1]) {
      const dir = path.join(tmp, `run${delay}`);
      writeDatasets(dir, oldData.data, oldData.cfg);
      const child = startTsx('src/cli/generate.ts', ['--out', dir, '--seed', '3', '--scale', String(SCALE)]);
      const log = output(child);
      const writing = await waitFor(child, modifiedSince([tmp, path.join(dir, 'config.json')]));
      const { killed } = delay < 0 ? await killAfter(child, 60_000) : await killAfter(child, delay);
      if (delay < 0) expect(child.exitCode, log.text()).toBe(0);
      const loaded = loadDatasets(dir); // verifies, after recovering what the kill left
      const files = hashFiles(dir);
      const which = files['config.json'] === oldData.manifest.files['config.json'] ? 'old' : 'new';
      expect(files, `delay ${delay}`).toEqual(which === 'old' ? oldData.manifest.files : newData.manifest.files);
      expect(loaded.config.seed).toBe(which === 'old' ? 1 : 3);
      outcomes.push(`${delay} ms: ${writing ? 'writing' : 'not writing'}, ${killed ? 'killed' : 'finished'} → ${which}`);
    }
    expect(outcomes.filter((o) => o.includes('killed → old')).length, outcomes.join('\n')).toBeGreaterThan(0);
    expect(outcomes[outcomes.length - 1]).toMatch(/finished → new/);
  });
});
