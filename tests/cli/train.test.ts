import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGridAxis } from '../../src/config';
import { trainRun } from '../../src/experiments';
import { tuneRun } from '../../src/cli/tuneRun';
import { microBuild } from '../fixtures/microBuild';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'train-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('trainRun (npm run train)', () => {
  it('builds the reference at the SFT seed, trains, caches by the full config and calls the evaluation hook', async () => {
    const root = path.join(tmp, 'train');
    const seen: string[] = [];
    const opts = {
      objective: 'avem-dpo' as const,
      reference: 'base' as const,
      seed: 2,
      set: ['checkpointEvery=0', 'objective.gammaTpd=0.3'],
      root,
      progress: false,
      build: microBuild(),
      evaluate: async (_policy: unknown, ctx: { run: { hash: string } }) => {
        seen.push(ctx.run.hash);
        return { basic: 50 };
      },
    };
    const a = await trainRun(opts);
    expect(a.reference).toMatchObject({ name: 'base', sftSeed: 2 });
    expect(a.config).toMatchObject({ seed: 2, objective: { name: 'avem-dpo', gammaTpd: 0.3 } });
    expect(a.run.cached).toBe(false);
    expect(a.evaluation).toEqual({ basic: 50 });
    expect(Object.keys(a.training.final)).toEqual(
      expect.arrayContaining(['rewards/accuracies', 'rewards/margins', 'logps/chosen', 'grad_norm', 'learning_rate']),
    );
    expect(a.heldOut.samples).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    const b = await trainRun(opts);
    expect([b.run.cached, b.run.hash, seen]).toEqual([true, a.run.hash, [a.run.hash, a.run.hash]]);
    expect(
      fs
        .readdirSync(root)
        .map((d) => d.replace(/-[0-9a-f]{12}$/, ''))
        .sort(),
    ).toEqual(['frozen-logps', 'pref-avem-dpo', 'pretrain', 'sft-base']);
  });

  it('fails before any training on an unknown --set key, naming the closest keys', () => {
    const r = spawnSync(
      path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx'),
      ['src/cli/train.ts', '--objective', 'avem-dpo', '--set', 'bachSize=16', '--runs', path.join(tmp, 'none')],
      {
        cwd: path.join(__dirname, '..', '..'),
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unknown key "bachSize"; closest keys: batchSize/);
    expect(fs.existsSync(path.join(tmp, 'none'))).toBe(false);
  });
});

describe('tuneRun (npm run tune)', () => {
  it('trains AVEm-DPO per grid point and reports the held-out loss and reward accuracy, best first', async () => {
    const points = await tuneRun({
      grid: [parseGridAxis('lr=1e-3,1e-2')],
      reference: 'base',
      seed: 1,
      set: ['checkpointEvery=0'],
      root: path.join(tmp, 'tune'),
      progress: false,
      build: microBuild(),
    });
    expect(points.map((p) => p.point.lr).sort()).toEqual([1e-3, 1e-2]);
    expect(points[0]!.heldOutLoss).toBeLessThanOrEqual(points[1]!.heldOutLoss);
    for (const p of points) {
      expect(p.heldOutAccuracy).toBeGreaterThanOrEqual(0);
      expect(p.heldOutAccuracy).toBeLessThanOrEqual(1);
      expect(p.heldOutSamples).toBeGreaterThan(0);
    }
    expect(new Set(points.map((p) => p.run)).size).toBe(2);
  });
});
