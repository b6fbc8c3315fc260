/** A hand-made report input: one two-row table (three seeds), one figure, a calibration summary. */
import { fidelityOf, ourCell, type ReproducedTable, type TableRow } from '../../src/experiments';
import type { ReportFigure, ReportInput } from '../../src/report';

const row = (label: string, paper: Record<string, number | null>, perSeed: Record<string, number[]>): TableRow => ({
  label,
  paper,
  ours: Object.fromEntries(Object.entries(perSeed).map(([c, xs]) => [c, ourCell(xs)])),
});

/** basic: paper orders B above A by 10 points, ours agrees on every seed, with a bootstrap interval over questions of [1.5, 8.5]; agree: A's paper value is missing. */
export function tinyTable(labels: string[] = ['<b>frozen</b> references: calibration fails']): ReproducedTable {
  const columns = ['basic', 'agree'];
  const rows = [
    row('Our base', { basic: 50, agree: null }, { basic: [40, 42, 44], agree: [10, 20, 30] }),
    row('+ AVEm-DPO', { basic: 60, agree: 34.6 }, { basic: [45, 46, 50], agree: [11, 12, 13] }),
  ];
  return {
    name: 'Table 5: components',
    view: 'full',
    columns,
    rows,
    labels,
    fidelity: fidelityOf(rows, columns, undefined, (column) => (column === 'basic' ? { lo: 1.5, hi: 8.5 } : null)),
  };
}

export function tinyFigure(): ReportFigure {
  return {
    name: 'Fig. 5: reward margin density',
    kind: 'density',
    xLabel: 'margin',
    yLabel: 'density',
    series: [{ name: 'AVEm-DPO', x: [-1, 0, 1], y: [0.1, 0.5, 0.25], lo: [0.05, 0.4, 0.2], hi: [0.15, 0.6, 0.3] }],
    labels: ['figure <label> & more'],
  };
}

export function tinyInput(quick: boolean): ReportInput {
  return {
    title: 'AVERE ablations',
    provenance: { commit: 'abc1234', config: 'reference build 9f3e', command: 'npm run -s report', generatedAt: '2025-01-02T03:04:05Z', quick },
    tables: [tinyTable()],
    figures: [tinyFigure()],
    calibration: {
      status: 'fails',
      criteria: [
        { name: 'basic accuracy ≥ 45', holds: true, detail: 'mean 49.9' },
        { name: 'hallucination accuracy in [10, 70]', holds: false },
      ],
    },
    timings: [{ experiment: 'components', runs: 18, computed: 6, seconds: 870, computeSeconds: 1650 }],
  };
}
