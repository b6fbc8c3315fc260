import { describe, expect, it } from 'vitest';
import { reportResults, tableKey } from '../../src/report';
import { tinyFigure, tinyInput, tinyTable } from './fixture';

// t(0.975, 2) = 4.3027; basic of "Our base": 40, 42, 44 → mean 42, sd 2, half-width 4.968
const HW_A = (4.302653 * 2) / Math.sqrt(3);
// basic of "+ AVEm-DPO": 45, 46, 50 → mean 47, sd √7
const HW_B = (4.302653 * Math.sqrt(7)) / Math.sqrt(3);
// agree: 10, 20, 30 → mean 20, sd 10; 11, 12, 13 → mean 12, sd 1
const HW_AGREE_A = (4.302653 * 10) / Math.sqrt(3);
const HW_AGREE_B = 4.302653 / Math.sqrt(3);

const near = (x: number) => expect.closeTo(x, 4);

describe('results.json content', () => {
  it('has exactly the documented shape and survives a JSON round trip', () => {
    const input = tinyInput(true);
    const r = JSON.parse(JSON.stringify(reportResults(input))) as unknown;
    const table = tinyTable();
    expect(r).toEqual({
      tables: [
        {
          name: 'Table 5: components',
          view: 'full',
          columns: ['basic', 'agree'],
          rows: [
            {
              label: 'Our base',
              paper: { basic: 50, agree: null },
              ours: {
                basic: { mean: 42, lo: near(42 - HW_A), hi: near(42 + HW_A), n: 3, perSeed: [40, 42, 44] },
                agree: { mean: 20, lo: near(20 - HW_AGREE_A), hi: near(20 + HW_AGREE_A), n: 3, perSeed: [10, 20, 30] },
              },
            },
            {
              label: '+ AVEm-DPO',
              paper: { basic: 60, agree: 34.6 },
              ours: {
                basic: { mean: 47, lo: near(47 - HW_B), hi: near(47 + HW_B), n: 3, perSeed: [45, 46, 50] },
                agree: { mean: 12, lo: near(12 - HW_AGREE_B), hi: near(12 + HW_AGREE_B), n: 3, perSeed: [11, 12, 13] },
              },
            },
          ],
          labels: ['<b>frozen</b> references: calibration fails'],
          fidelity: JSON.parse(JSON.stringify(table.fidelity)),
        },
      ],
      figures: [
        {
          ...tinyFigure(),
          numbers: [
            { series: 'AVEm-DPO', margin: -1, density: 0.1, 'density lo': 0.05, 'density hi': 0.15 },
            { series: 'AVEm-DPO', margin: 0, density: 0.5, 'density lo': 0.4, 'density hi': 0.6 },
            { series: 'AVEm-DPO', margin: 1, density: 0.25, 'density lo': 0.2, 'density hi': 0.3 },
          ],
          fidelity: 'n/a',
        },
      ],
      // B − A per seed 5, 4, 6: same order, paired interval [2.5, 7.5] excludes 0, and so does the fixture's bootstrap [1.5, 8.5]; agree has no pair (A's paper value missing)
      fidelity: { 'Table 5: components [full]': { pairs: 1, fidelity: 1, strict: 1, bootstrapStrict: 1 } },
      calibration: input.calibration,
      provenance: input.provenance,
      timings: [{ experiment: 'components', runs: 18, computed: 6, seconds: 870, computeSeconds: 1650 }],
    });
  });

  it('fills every column in paper and ours (null when missing) and drops extra fields of a cell', () => {
    const t = tinyTable([]);
    const first = t.rows[0]!;
    t.rows[0] = { label: first.label, paper: { basic: 50 }, ours: { basic: { ...first.ours.basic!, extra: 1 } as typeof first.ours.basic } };
    const r = reportResults({ ...tinyInput(false), tables: [t] });
    expect(r.tables[0]!.rows[0]!.paper).toEqual({ basic: 50, agree: null });
    expect(r.tables[0]!.rows[0]!.ours.agree).toBeNull();
    expect(Object.keys(r.tables[0]!.rows[0]!.ours.basic!)).toEqual(['mean', 'lo', 'hi', 'n', 'perSeed']);
  });

  it('keys the fidelity summary by name and view, and refuses two tables with the same key', () => {
    const full = tinyTable();
    const tu = { ...tinyTable(), view: 'text_unsolvable' as const };
    const r = reportResults({ ...tinyInput(false), tables: [full, tu] });
    expect(Object.keys(r.fidelity)).toEqual([tableKey(full), 'Table 5: components [text_unsolvable]']);
    expect(() => reportResults({ ...tinyInput(false), tables: [full, tinyTable()] })).toThrow(/two tables "Table 5: components \[full\]"/);
  });

  it("a figure's fidelity is n/a; its own numbers are kept; a series with mismatched lengths is refused", () => {
    const numbers = [{ step: 1, margin: null }];
    const r = reportResults({ ...tinyInput(false), figures: [{ ...tinyFigure(), numbers }] });
    expect(r.figures[0]!.fidelity).toBe('n/a');
    expect(r.figures[0]!.numbers).toEqual(numbers);
    expect(Object.keys(r.fidelity)).not.toContain(tinyFigure().name);
    const bad = tinyFigure();
    bad.series[0]!.hi = [1];
    expect(() => reportResults({ ...tinyInput(false), figures: [bad] })).toThrow(/has 3 x and 1 hi/);
  });

  it('no timings is an empty list', () => {
    const { timings: _, ...input } = tinyInput(false);
    expect(reportResults(input).timings).toEqual([]);
  });
});
