import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { officialResults } from '../../src/eval';
import { checkLabWork, clipCueLookup, COMPONENT_ROWS, exploreRuns, failureExplorer, missingRuns, runAll } from '../../src/experiments';
import { datasetsFor } from '../../src/train';
import { cuesOf } from '../../src/world';
import { microBuild } from '../fixtures/microBuild';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'explore-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const RELEASED = path.join(__dirname, '..', 'fixtures', 'released');

describe('checkLabWork', () => {
  it('prints the missing runs and refuses work above the limit, naming the command', () => {
    const build = microBuild();
    const specs = [COMPONENT_ROWS[0]!.spec(1), COMPONENT_ROWS[1]!.spec(1)];
    const root = path.join(tmp, 'empty');
    expect(() => checkLabWork('t', specs, build, { quick: false, limitMinutes: 0 }, 'npm run -s table -- components --seeds 1', root)).toThrow(
      /about 1 min of runs: run `npm run -s table -- components --seeds 1` \(one worker per core\), or pass allowLongRuns: true/,
    );
    expect(checkLabWork('t', specs, build, { quick: false, limitMinutes: 0, allowLongRuns: true }, 'cmd', root).missing).toHaveLength(2);
  });
});

describe('exploreRuns on a micro build', () => {
  const build = microBuild();
  const root = path.join(tmp, 'runs');
  const o = { quick: false, build, root, jobs: 1, seed: 1, subtask: 'no_hallucination' as const, modality: 'visual' as const };

  it('refuses before computing when the estimate is above the limit', async () => {
    await expect(exploreRuns({ ...o, limitMinutes: 0 })).rejects.toThrow(/npm run -s table -- components --seeds 1`/);
    expect(missingRuns([COMPONENT_ROWS[0]!.spec(1), COMPONENT_ROWS[1]!.spec(1)], build, root)).toHaveLength(2);
  });

  it('computes base and AVEm-DPO once and scores the predictions their score runs stored', async () => {
    const x = await exploreRuns(o);
    expect(x.runs?.computed).toBe(2);
    expect(x.names).toEqual(['Our base', '+ AVEm-DPO']);
    expect(x.groupedBy).toBe('subtask');
    expect(x.labels).toEqual([]);
    // the explorer's reports are the runs' own scores: it read each run's predictions (not the other's)
    const outcomes = await runAll(x.runs!.specs, build, { root, jobs: 1, progress: false });
    expect(officialResults(x.reports[0])).toEqual(outcomes[0]!.score.official.full);
    expect(officialResults(x.reports[1])).toEqual(outcomes[1]!.score.official.full);
    // with option scores, which preference training changed
    const [a, b] = x.reports.map((r) => r.outcomes);
    expect(a!.every((q) => q.scores !== undefined)).toBe(true);
    expect(a!.some((q, i) => q.scores!['A'] !== b![i]!.scores!['A'])).toBe(true);
    // the flips are the selection's changes of correctness (the micro models answer the stress questions alike: none)
    const selected = a!.filter((q) => q.subtask === 'no_hallucination' && q.modality === 'visual');
    expect(x.selection.items).toBe(selected.length);
    expect(x.fixed.length + x.broken.length).toBe(selected.filter((q) => q.correct !== b!.find((r) => r.id === q.id)!.correct).length);
    expect([x.mcnemar.fixed, x.mcnemar.broken]).toEqual([x.fixed.length, x.broken.length]);
    expect(x.errors.map((e) => `${e.group}·${e.modality}`)).toContain('no_hallucination·visual');
  }, 300_000);

  it("looks up each clip's cues from the data library", () => {
    const bench = datasetsFor(build.data).benchmark;
    const cues = clipCueLookup(bench.clips);
    const stressItems = bench.items.filter((i) => i.subtask !== undefined);
    expect(stressItems.length).toBeGreaterThan(0);
    for (const i of stressItems) {
      const c = cues(i.video)!;
      const clip = bench.clips.find((k) => k.id === i.video)!;
      expect(c.audio.map((p) => p.cue)).toEqual(cuesOf(clip, 'audio').map((p) => p.cue));
      const own = i.modality === 'audio' ? c.audio : c.visual;
      // no hallucination: a present relevant cue; spurious: a present irrelevant one; hallucination: absent
      const asked = own.find((p) => p.cue === i.cue);
      if (i.subtask === 'no_hallucination') expect(asked?.relevant).toBe(true);
      if (i.subtask === 'spurious') expect(asked?.relevant).toBe(false);
      if (i.subtask === 'hallucination') expect(asked).toBeUndefined();
    }
    expect(cues('no-such-clip')).toBeUndefined();
  });

  it('a second call reads the finished runs, computes nothing and leaves no tensors', async () => {
    const before = tf.memory().numTensors;
    const x = await exploreRuns({ ...o, subtask: 'spurious', modality: 'audio', rows: ['Our base', 'w/o TPD'], limitMinutes: 0, allowLongRuns: true });
    expect(tf.memory().numTensors).toBe(before);
    // w/o TPD is a new run; Our base is read
    expect(x.runs?.computed).toBe(1);
    const again = await exploreRuns({ ...o, limitMinutes: 0 });
    expect(again.runs?.computed).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it('names unknown rows', async () => {
    await expect(exploreRuns({ ...o, rows: ['Our base', '+ AVEm'] })).rejects.toThrow(
      /components has no row "\+ AVEm" \(rows: Our base, \+ AVEm-DPO, w\/o PMP/,
    );
  });
});

describe('failureExplorer', () => {
  it('explores files when given them, grouped by task on the released format', async () => {
    const x = await failureExplorer({
      quick: false,
      files: {
        benchmark: path.join(RELEASED, 'emorealm-released.json'),
        predictions: [path.join(RELEASED, 'model-a.jsonl'), path.join(RELEASED, 'model-b.jsonl')],
        names: ['a', 'b'],
      },
    });
    expect(x.runs).toBeNull();
    expect(x.groupedBy).toBe('task');
    expect(x.note).toMatch(/groups by task/);
    expect(x.fixed).toHaveLength(4);
  });
});
