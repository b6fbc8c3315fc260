import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { reducedGenerateConfig } from '../../src/data';
import { writePredictionsJsonl } from '../../src/eval';
import {
  defaultDiagnosticsConfig,
  diagnosticsPlan,
  diagnosticsRunDir,
  referenceSeeds,
  textUnsolvableSet,
  textUnsolvableView,
  TEXT_UNSOLVABLE_FILE,
  withSftSeed,
} from '../../src/experiments';
import { datasetsFor, defaultReferenceBuildConfig } from '../../src/train';

function tinyCfg() {
  const build = defaultReferenceBuildConfig();
  build.data = reducedGenerateConfig(0.01, 5);
  return defaultDiagnosticsConfig(build);
}

/** A cached seed-1 "Our base" diagnostics run, faked on disk: text-only predictions right on even items, wrong on odd ones. */
function fakeSeedOneRun(root: string) {
  const cfg = tinyCfg();
  const fixed = { ...withSftSeed(cfg, 1), references: ['base' as const] };
  const dir = diagnosticsRunDir(fixed, 'base', root);
  fs.mkdirSync(path.join(dir, 'predictions'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'result.json'), '{}');
  const items = datasetsFor(cfg.build.data).benchmark.items;
  const wrong = (a: string) => (a === 'A' ? 'B' : 'A');
  writePredictionsJsonl(
    path.join(dir, 'predictions', 'base-text_only.jsonl'),
    items.map((it, i) => ({ id: String(it.id), prediction: i % 2 === 0 ? it.answer : wrong(it.answer) })),
  );
  // the audiovisual view: right on every item whose index is a multiple of 3
  writePredictionsJsonl(
    path.join(dir, 'predictions', 'base-audiovisual.jsonl'),
    items.map((it, i) => ({ id: String(it.id), prediction: i % 3 === 0 ? it.answer : wrong(it.answer) })),
  );
  return { cfg, dir, items };
}

describe('reference seeds', () => {
  it('are 1 … n, and withSftSeed changes only the SFT seed', () => {
    expect(referenceSeeds(3)).toEqual([1, 2, 3]);
    expect(() => referenceSeeds(0)).toThrow(/positive integer/);
    const cfg = tinyCfg();
    const s2 = withSftSeed(cfg, 2);
    expect(s2.build.sft.seed).toBe(2);
    expect(cfg.build.sft.seed).toBe(1);
    expect({ ...s2.build, sft: undefined }).toEqual({ ...cfg.build, sft: undefined });
  });
  it('the plan lists the uncached (seed, reference) builds with a time estimate', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'avere-plan-'));
    const cfg = tinyCfg();
    const p = diagnosticsPlan(cfg, [1, 2], root);
    expect(p.missing).toEqual([
      { seed: 1, reference: 'base' },
      { seed: 1, reference: 'emotionllama' },
      { seed: 2, reference: 'base' },
      { seed: 2, reference: 'emotionllama' },
    ]);
    expect(p.estimatedSeconds).toBeGreaterThan(0);
    fakeSeedOneRun(root);
    expect(diagnosticsPlan(cfg, [1, 2], root).missing).toHaveLength(3);
  });
});

describe('text-unsolvable view', () => {
  it("keeps exactly the questions seed 1's π_text gets wrong, stores them with that run, and scores any model on them", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'avere-tu-'));
    const { cfg, dir, items } = fakeSeedOneRun(root);
    const set = await textUnsolvableSet(cfg, { root, progress: false, log: false });
    const expected = items.filter((_, i) => i % 2 === 1).map((it) => String(it.id));
    expect(set.ids).toEqual(expected);
    expect(Object.values(set.kept).reduce((a, b) => a + b, 0)).toBe(expected.length);
    expect(set.run).toBe(path.basename(dir));
    expect(fs.existsSync(path.join(dir, TEXT_UNSOLVABLE_FILE))).toBe(true);
    // computed once: a second call reads the stored ids even if the predictions change
    fs.writeFileSync(path.join(dir, 'predictions', 'base-text_only.jsonl'), '');
    expect((await textUnsolvableSet(cfg, { root })).ids).toEqual(expected);

    const view = textUnsolvableView({ ...withSftSeed(cfg, 1), references: ['base'] }, 'base', set, root);
    const counted = view.tasks.reduce((a, t) => a + t.counted, 0);
    expect(counted).toBe(expected.length);
    const correct = view.tasks.reduce((a, t) => a + t.correct, 0);
    expect(correct).toBe(items.filter((_, i) => i % 2 === 1 && i % 3 === 0).length);
  });
});
