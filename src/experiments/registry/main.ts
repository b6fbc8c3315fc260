/**
 * `main` — the paper's Tables 3 / 13 (EmoReAlM, expanded), 14 (stress subtasks) and 2
 * (recognition and the description judge): both references × {base, Naive-DPO, Vista-DPO†,
 * AVEm-DPO}. One table per reference, so that fidelity compares methods on one reference.
 */
import type { ReferenceName } from '../../train';
import type { ExperimentDef, ExperimentRow, TableDef } from '../experiment';
import { benchmarkMeasure, subtaskColumns, table13ViewColumns, TABLE2_COLUMNS, table2Measure, table2MinDelta } from '../measures';
import type { PaperEmoRealmRow } from '../paperRows';
import { PAPER_MAIN_BASE, PAPER_MAIN_EMOTIONLLAMA, PAPER_SUBTASKS_BASE, PAPER_TABLE2_BASE, PAPER_TABLE2_EMOTIONLLAMA } from '../paperTables';
import { preferenceRow, referenceRow } from '../rows';

const TABLE13_COLUMNS: ReadonlyArray<keyof PaperEmoRealmRow> = [
  'basic_audio_acc',
  'basic_visual_acc',
  'agree_acc',
  'agree_precision',
  'agree_recall',
  'agree_f1',
  'stress_audio_acc',
  'stress_audio_precision',
  'stress_audio_recall',
  'stress_audio_f1',
  'stress_visual_acc',
  'stress_visual_precision',
  'stress_visual_recall',
  'stress_visual_f1',
  'avg_acc',
];
const SUBTASK_COLUMNS = ['audio_spurious_acc', 'audio_hallucination_acc', 'visual_spurious_acc', 'visual_hallucination_acc'] as const;

const REFERENCE_TITLE: Record<ReferenceName, string> = { base: 'Our base', emotionllama: 'EmotionLLaMA*' };

/** The four rows of a reference's block. */
export function mainRows(reference: ReferenceName): ExperimentRow[] {
  return [
    referenceRow(REFERENCE_TITLE[reference], reference),
    preferenceRow('+ Naive-DPO', reference, 'naive-dpo'),
    preferenceRow('+ Vista-DPO†', reference, 'vista-dpo'),
    preferenceRow('+ AVEm-DPO', reference, 'avem-dpo'),
  ];
}

/** A typed paper row as a column record. */
const paperRow = (r: object | undefined): Record<string, number | null> | undefined =>
  r === undefined ? undefined : { ...(r as Record<string, number | null>) };

function blockTables(reference: ReferenceName): TableDef[] {
  const rows = mainRows(reference);
  const title = REFERENCE_TITLE[reference];
  const t13 = reference === 'base' ? PAPER_MAIN_BASE : PAPER_MAIN_EMOTIONLLAMA;
  const t2 = reference === 'base' ? PAPER_TABLE2_BASE : PAPER_TABLE2_EMOTIONLLAMA;
  return [
    {
      name: `Table 13: EmoReAlM (${title})`,
      columns: TABLE13_COLUMNS,
      rows,
      views: ['full', 'text_unsolvable'],
      paper: (l) => paperRow(t13[l]),
      ...benchmarkMeasure(table13ViewColumns),
    },
    {
      name: `Table 14: stress subtasks (${title})`,
      columns: SUBTASK_COLUMNS,
      rows,
      views: ['full', 'text_unsolvable'],
      paper: (l) => (reference === 'base' ? paperRow(PAPER_SUBTASKS_BASE[l]) : undefined),
      ...benchmarkMeasure(subtaskColumns),
    },
    {
      name: `Table 2: recognition and description judge (${title})`,
      columns: TABLE2_COLUMNS,
      rows,
      views: ['full'],
      paper: (l) => t2[l],
      measure: table2Measure,
      minDelta: table2MinDelta,
    },
  ];
}

export const main: ExperimentDef = {
  title: 'Main results (Tables 3, 13, 14 and 2)',
  tables: () => [...blockTables('base'), ...blockTables('emotionllama')],
};
