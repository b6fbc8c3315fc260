/**
 * `components` — the paper's Table 5: "Our base", + AVEm-DPO, w/o PMP, w/o ERP, w/o TPD and
 * + contrastive decoding (training-free, on the reference itself), on "Our base", with the
 * App. D.5 columns in both views of the benchmark.
 */
import { DEFAULT_CONTRASTIVE } from '../evaluate';
import type { ExperimentDef, ExperimentRow } from '../experiment';
import { benchmarkMeasure, table5Columns } from '../measures';
import { PAPER_TABLE5, TABLE5_COLUMNS } from '../paperRows';
import { preferenceRow, referenceRow } from '../rows';

export const COMPONENT_ROWS: readonly ExperimentRow[] = [
  referenceRow('Our base', 'base'),
  preferenceRow('+ AVEm-DPO', 'base', 'avem-dpo'),
  preferenceRow('w/o PMP', 'base', 'avem-dpo-no-pmp'),
  preferenceRow('w/o ERP', 'base', 'avem-dpo-no-erp'),
  preferenceRow('w/o TPD', 'base', 'avem-dpo-no-tpd'),
  referenceRow('+ Contr. Dec.', 'base', DEFAULT_CONTRASTIVE),
];

export const components: ExperimentDef = {
  title: 'Components of AVEm-DPO (Table 5)',
  tables: () => [
    {
      name: 'Table 5: components of AVEm-DPO',
      columns: TABLE5_COLUMNS,
      rows: COMPONENT_ROWS,
      views: ['full', 'text_unsolvable'],
      paper: (label) => PAPER_TABLE5[label],
      ...benchmarkMeasure(table5Columns),
    },
  ],
};
