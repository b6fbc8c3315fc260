import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildTable,
  COMPONENT_ROWS,
  EXPERIMENTS,
  experimentRunSpecs,
  fidelityOf,
  missingRuns,
  outcomeLookup,
  ourCell,
  questionSource,
  runAll,
  type TableRow,
} from '../../src/experiments';
import { microBuild } from '../fixtures/microBuild';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'components-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const row = (label: string, paper: Record<string, number | null>, perSeed: Record<string, number[]>): TableRow => ({
  label,
  paper,
  ours: Object.fromEntries(Object.entries(perSeed).map(([c, xs]) => [c, ourCell(xs)])),
});

describe('fidelity', () => {
  it('counts the pairs the paper orders by ≥ 1 point, same order, and paired-CI separation (hand-computed)', () => {
    const rows = [
      row('A', { x: 50, y: 10 }, { x: [40, 42, 44], y: [1, 2, 3] }),
      row('B', { x: 60, y: 10.5 }, { x: [41, 45, 47], y: [5, 5, 5] }),
      row('C', { x: 30, y: null }, { x: [50, 52, 51], y: [0, 0, 0] }),
    ];
    const f = fidelityOf(rows, ['x', 'y']);
    // x: B > A (Δ 10), A > C (Δ 20), B > C (Δ 30); y: A vs B differ by 0.5 < 1, C has no paper value
    expect(f.pairs).toBe(3);
    const v = (h: string, l: string) => f.verdicts.find((p) => p.higher === h && p.lower === l)!;
    // B − A per seed: 1, 3, 3 → mean 2.333, sd 1.155, t(0.975, 2) = 4.303 → half-width 2.869: lower −0.54 → not separated
    expect(v('B', 'A').oursDelta).toBeCloseTo(7 / 3, 9);
    expect(v('B', 'A').sameOrder).toBe(true);
    expect(v('B', 'A').separated).toBe(false);
    // A − C per seed: −10, −10, −7 → wrong order
    expect(v('A', 'C').sameOrder).toBe(false);
    expect(v('B', 'C').sameOrder).toBe(false);
    expect(f.fidelity).toBeCloseTo(1 / 3, 9);
    expect(f.strict).toBe(0);
    expect(fidelityOf([rows[0]!], ['x']).fidelity).toBeNull();
  });
  it('ourCell is the mean with a t-interval, null when a seed is missing', () => {
    const c = ourCell([1, 2, 3])!;
    expect(c.mean).toBe(2);
    expect(c.hi! - c.mean).toBeCloseTo(4.302652729911275 / Math.sqrt(3), 9); // sd 1
    expect(ourCell([1, null])).toBeNull();
  });
});

describe('components (Table 5) on a micro build', () => {
  it('runs every row × seed once, caches the result files, and builds both views', async () => {
    const build = microBuild();
    const root = path.join(tmp, 'runs');
    const seeds = [1, 2];
    const ctx = { set: ['checkpointEvery=0', 'lr=0.005'] };
    const specs = experimentRunSpecs(EXPERIMENTS.components, seeds, ctx);
    expect(specs).toHaveLength(COMPONENT_ROWS.length * seeds.length);
    expect(missingRuns(specs, build, root)).toHaveLength(specs.length);
    const outcomes = await runAll(specs, build, { root, jobs: 1, progress: false });
    expect(missingRuns(specs, build, root)).toHaveLength(0);
    for (const o of outcomes) expect(o.score.table5.full.basic).not.toBeNull();
    const trained = outcomes.filter((o) => o.training !== null);
    expect(trained).toHaveLength(4 * seeds.length);
    // seed s is the reference's SFT seed and the preference seed
    for (const o of trained) expect(o.training!.config.seed).toBe(o.seed);
    const [table] = EXPERIMENTS.components.tables(ctx);
    const lookup = outcomeLookup(specs, outcomes);
    const full = buildTable(table!, lookup, seeds, 'full', [], ctx);
    expect(full.rows.map((r) => r.label)).toEqual(['Our base', '+ AVEm-DPO', 'w/o PMP', 'w/o ERP', 'w/o TPD', '+ Contr. Dec.']);
    expect(full.rows[0]!.paper['basic']).toBe(77.3);
    expect(full.rows[1]!.ours['basic']!.perSeed).toHaveLength(2);
    expect(full.fidelity.pairs).toBeGreaterThan(0);
    const tu = buildTable(table!, lookup, seeds, 'text_unsolvable', [], ctx);
    expect(tu.view).toBe('text_unsolvable');
    // the paired bootstrap over questions finds every run's predictions in its score run (reference, contrastive and preference rows)
    const questions = questionSource(build, lookup, root);
    for (const view of ['full', 'text_unsolvable'] as const) {
      const withBootstrap = buildTable(table!, lookup, seeds, view, [], ctx, questions);
      expect(withBootstrap.rows).toEqual((view === 'full' ? full : tu).rows);
      for (const v of withBootstrap.fidelity.verdicts) expect(v.bootstrap === null, `${view} ${v.column} ${v.higher} > ${v.lower}`).toBe(v.oursDelta === null);
    }
    for (const s of specs) expect(questions.outcomes(s, 'text_unsolvable')!.length).toBe(outcomes[0]!.score.textUnsolvableSource.questions);
    // a rerun reads every result file
    const again = await runAll(specs, build, { root, jobs: 1, progress: false });
    expect(again.map((o) => o.finishedAt)).toEqual(outcomes.map((o) => o.finishedAt));
  }, 300_000);
});
