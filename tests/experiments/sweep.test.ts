import { describe, expect, it } from 'vitest';
import { parseGridAxis } from '../../src/config';
import { EXPERIMENTS, experimentRunSpecs, gridPoints, knobPath, SENSITIVITY_AXES, sweepExperiment, variantLabels } from '../../src/experiments';

describe('sweeps', () => {
  it('objective knobs by symbol resolve to their config path; other paths stay', () => {
    expect(knobPath('gammaTpd')).toBe('objective.gammaTpd');
    expect(knobPath('lr')).toBe('lr');
    expect(knobPath('objective.lambdaAv')).toBe('objective.lambdaAv');
  });

  it('a two-axis grid is every combination, last axis fastest, as overrides of the objective', () => {
    const points = gridPoints([parseGridAxis('gammaTpd=0,0.1'), parseGridAxis('lambdaAv=0,1')]);
    expect(points.map((p) => p.set)).toEqual([
      ['objective.gammaTpd=0', 'objective.lambdaAv=0'],
      ['objective.gammaTpd=0', 'objective.lambdaAv=1'],
      ['objective.gammaTpd=0.1', 'objective.lambdaAv=0'],
      ['objective.gammaTpd=0.1', 'objective.lambdaAv=1'],
    ]);
    const def = sweepExperiment('avem-dpo', [parseGridAxis('gammaTpd=0,0.1'), parseGridAxis('lambdaAv=0,1')]);
    const specs = experimentRunSpecs(def, [1, 2]);
    expect(specs).toHaveLength(8);
    expect(specs.every((s) => s.kind === 'preference' && s.objective === 'avem-dpo')).toBe(true);
    expect(() => sweepExperiment('avem-dpo', [])).toThrow(/--grid/);
  });

  it("Fig. 11's grids are the paper's, and each default point is AVEm-DPO itself (one run shared with Table 5)", () => {
    expect(SENSITIVITY_AXES.map((a) => a.points.length)).toEqual([5, 6, 6]);
    const beta = SENSITIVITY_AXES[0]!.points;
    expect(beta.map((p) => p.set)).toContainEqual(['objective.betaVr=0.25', 'objective.betaEr=0.75']);
    const defaults = SENSITIVITY_AXES.flatMap((a) => a.points.filter((p) => p.set.length === 0));
    expect(defaults).toHaveLength(3);
    const avem = experimentRunSpecs(EXPERIMENTS.components, [1]).find((s) => s.kind === 'preference' && s.objective === 'avem-dpo');
    const sens = experimentRunSpecs(EXPERIMENTS.sensitivity, [1]);
    expect(sens.filter((s) => JSON.stringify(s) === JSON.stringify(avem))).toHaveLength(3);
  });

  it('labels every non-canonical invocation, and none for the canonical one', () => {
    expect(variantLabels({ quick: false, set: [] })).toEqual([]);
    const l = variantLabels({ quick: true, set: ['lr=1e-3'], worldSeed: 7, scale: 0.5 });
    expect(l).toHaveLength(4);
    expect(l.join(' ')).toMatch(/QUICK SMOKE RUN.*--set lr=1e-3.*world seed 7.*0.5/);
  });
});
