import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPERIMENT_NAMES, EXPERIMENTS, runExperiment, type ExperimentResult } from '../../src/experiments';
import { microBuild } from '../fixtures/microBuild';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const ctx = { set: ['checkpointEvery=0'] };
const results = new Map<string, ExperimentResult>();

async function run(name: (typeof EXPERIMENT_NAMES)[number]): Promise<ExperimentResult> {
  const r = await runExperiment(name, EXPERIMENTS[name], {
    seeds: [1],
    build: microBuild(),
    ctx,
    labels: ['micro'],
    root: path.join(tmp, 'runs'),
    jobs: 1,
    progress: false,
  });
  results.set(name, r);
  return r;
}

describe('every registry entry on a micro build (one seed, one shared run cache)', () => {
  it.each(EXPERIMENT_NAMES.map((n) => [n]))(
    '%s: runs, then builds each table in each of its views with the paper beside ours',
    async (name) => {
      const r = await run(name);
      const defs = EXPERIMENTS[name].tables(ctx);
      expect(r.tables).toHaveLength(defs.reduce((a, t) => a + t.views.length, 0));
      for (const t of r.tables) {
        expect(t.labels).toEqual(['micro']);
        const def = defs.find((d) => d.name === t.name)!;
        expect(t.rows.map((x) => x.label)).toEqual(def.rows.map((x) => x.label));
        // every row measured something for its one seed
        for (const row of t.rows) expect(Object.values(row.ours).some((c) => c !== null && c.perSeed.length === 1)).toBe(true);
        // paper numbers only where the paper has the row; never as ours
        for (const row of t.rows) for (const c of t.columns) expect(row.paper[c] ?? null).toBe(def.paper(row.label)?.[c] ?? null);
        // the paired bootstrap over questions for every measured pair of a benchmark table, none for the others
        for (const v of t.fidelity.verdicts)
          expect(v.bootstrap !== null, `${t.name} [${t.view}] ${v.column}`).toBe(def.viewColumns !== undefined && v.oursDelta !== null);
      }
    },
    600_000,
  );

  it('rows shared between experiments are one run: later experiments compute only their new rows', () => {
    expect(results.get('recognition')?.computed).toBe(0); // base and AVEm-DPO ran in `components`
    expect(results.get('modality')?.computed).toBe(0);
    expect(results.get('rejected-inputs')?.computed).toBe(7); // "Diff. emotion / Prompt-based" is AVEm-DPO
    expect(results.get('rejected-responses')?.computed).toBe(5);
    expect(results.get('sensitivity')?.computed).toBe(14);
  });

  it('figures: Fig. 5 (attention bars, log-likelihood densities with the shift numbers) and Fig. 11 (one plot per knob)', () => {
    const m = results.get('modality')!;
    expect(m.figures.map((f) => f.kind)).toEqual(['bars', 'density']);
    expect(m.figures[1]!.numbers).toHaveLength(2);
    const bars = m.figures[0]!;
    // audio + video shares of each model sum to 100 %
    expect(bars.series[0]!.y[0]! + bars.series[1]!.y[0]!).toBeCloseTo(100, 6);
    const s = results.get('sensitivity')!;
    expect(s.figures.map((f) => f.xLabel)).toEqual([
      'objective.betaVr',
      'objective.betaVr',
      'objective.gammaTpd',
      'objective.gammaTpd',
      'objective.lambdaAv',
      'objective.lambdaAv',
    ]);
    expect(s.figures[0]!.series.map((x) => x.name)).toEqual(['basic', 'agree', 'stress', 'spurious', 'hallucination']);
    expect(s.figures[3]!.series).toHaveLength(4);
    expect(s.figures[2]!.series[0]!.x).toEqual([0, 0.05, 0.1, 0.2, 0.3, 0.5]);
    for (const t of s.tables) expect(t.fidelity.fidelity).toBeNull(); // no paper numbers: n/a
  });
});
