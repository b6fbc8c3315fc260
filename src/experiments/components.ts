/**
 * `components` — the paper's Table 5: "Our base", + AVEm-DPO, w/o PMP, w/o ERP, w/o TPD and
 * + contrastive decoding (training-free, on the reference itself), on "Our base" for each seed,
 * with the App. D.5 columns (Basic, Agree, Stress, Spur., Hall.) in both views of the benchmark.
 */
import type { ObjectiveName } from '../losses';
import { DEFAULT_CONTRASTIVE } from './evaluate';
import { PAPER_TABLE5, TABLE5_COLUMNS } from './paperRows';
import type { RunOutcome, RunSpec } from './runSpec';
import { fidelityOf, ourCell, type ReproducedTable, type TableRow, type TableView } from './table';

/** A row of an experiment: its label (the paper's) and the run of each seed. */
export interface ExperimentRow {
  label: string;
  spec(seed: number): RunSpec;
}

const trained = (label: string, objective: ObjectiveName): ExperimentRow => ({
  label,
  spec: (seed) => ({ kind: 'preference', reference: 'base', seed, objective, set: [] }),
});

export const COMPONENT_ROWS: readonly ExperimentRow[] = [
  { label: 'Our base', spec: (seed) => ({ kind: 'reference', reference: 'base', seed, scorer: { kind: 'likelihood' } }) },
  trained('+ AVEm-DPO', 'avem-dpo'),
  trained('w/o PMP', 'avem-dpo-no-pmp'),
  trained('w/o ERP', 'avem-dpo-no-erp'),
  trained('w/o TPD', 'avem-dpo-no-tpd'),
  { label: '+ Contr. Dec.', spec: (seed) => ({ kind: 'reference', reference: 'base', seed, scorer: DEFAULT_CONTRASTIVE }) },
];

/** Every run of the rows × seeds, row-major. */
export function experimentSpecs(rows: readonly ExperimentRow[], seeds: readonly number[]): RunSpec[] {
  return rows.flatMap((r) => seeds.map((s) => r.spec(s)));
}

/** Table 5 in one view from the outcomes of `experimentSpecs(COMPONENT_ROWS, seeds)` (same order). */
export function componentsTable(outcomes: readonly RunOutcome[], seeds: readonly number[], view: TableView, labels: string[] = []): ReproducedTable {
  const columns = [...TABLE5_COLUMNS];
  const rows: TableRow[] = COMPONENT_ROWS.map((r, i) => {
    const per = seeds.map((_, k) => {
      const o = outcomes[i * seeds.length + k];
      if (o === undefined) throw new Error(`componentsTable: no outcome for ${r.label}, seed ${seeds[k]}`);
      return view === 'full' ? o.score.table5.full : o.score.table5.textUnsolvable;
    });
    const paper = PAPER_TABLE5[r.label];
    return {
      label: r.label,
      paper: Object.fromEntries(columns.map((c) => [c, paper?.[c] ?? null])),
      ours: Object.fromEntries(columns.map((c) => [c, ourCell(per.map((m) => m[c]))])),
    };
  });
  return { name: 'Table 5: components of AVEm-DPO', view, columns, rows, labels, fidelity: fidelityOf(rows, columns) };
}
