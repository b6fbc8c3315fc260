/**
 * `recognition` — the paper's Tables 2 and 15 on "Our base" vs + AVEm-DPO: 7-class recognition
 * in domain (the DFEW columns) and under shift (RAVDESS), class-wise in-domain recall, and the
 * description judge (the EMER columns). Recognition has no text-unsolvable subset: `full` only.
 */
import type { ExperimentDef, ExperimentRow } from '../experiment';
import { TABLE15_COLUMNS, table15Measure, TABLE2_COLUMNS, table2Measure, table2MinDelta } from '../measures';
import { PAPER_TABLE15, PAPER_TABLE2_BASE } from '../paperTables';
import { MODALITY_ROWS } from './modality';

/** The same two rows as Fig. 5: the reference and AVEm-DPO (one run each per seed). */
export const RECOGNITION_ROWS: readonly ExperimentRow[] = MODALITY_ROWS;

export const recognition: ExperimentDef = {
  title: 'Recognition and description (Tables 2 and 15)',
  tables: () => [
    {
      name: 'Table 2: recognition and description judge',
      columns: TABLE2_COLUMNS,
      rows: RECOGNITION_ROWS,
      views: ['full'],
      paper: (l) => PAPER_TABLE2_BASE[l],
      measure: table2Measure,
      minDelta: table2MinDelta,
    },
    {
      name: 'Table 15: class-wise in-domain recall',
      columns: TABLE15_COLUMNS,
      rows: RECOGNITION_ROWS,
      views: ['full'],
      paper: (l) => PAPER_TABLE15[l],
      measure: table15Measure,
    },
  ],
};
