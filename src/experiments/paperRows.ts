/**
 * The paper's published numbers for its two reference models: their rows of Tables 13, 14
 * ("Our base" only; the paper gives no EmotionLLaMA* row) and 2 (recognition columns), taken
 * from the experiments' tables in `paperTables.ts`; and the paper's Table 5, copied from
 * `data/paper-tables/table5_ablation_components.csv`. Percentages.
 * `tests/experiments/paperTables.test.ts` checks them against the CSV files.
 */
import type { ReferenceName } from '../train';
import { PAPER_MAIN_BASE, PAPER_MAIN_EMOTIONLLAMA, PAPER_SUBTASKS_BASE, PAPER_TABLE2_BASE, PAPER_TABLE2_EMOTIONLLAMA, type PaperRow } from './paperTables';

export interface PaperEmoRealmRow {
  basic_audio_acc: number;
  basic_visual_acc: number;
  agree_acc: number;
  agree_precision: number;
  agree_recall: number;
  agree_f1: number;
  stress_audio_acc: number;
  stress_audio_precision: number;
  stress_audio_recall: number;
  stress_audio_f1: number;
  stress_visual_acc: number;
  stress_visual_precision: number;
  stress_visual_recall: number;
  stress_visual_f1: number;
  avg_acc: number;
}

export interface PaperSubtaskRow {
  audio_spurious_acc: number;
  audio_hallucination_acc: number;
  visual_spurious_acc: number;
  visual_hallucination_acc: number;
}

export interface PaperRecognitionRow {
  dfew_uar: number;
  dfew_war: number;
  ravdess_uar: number;
  ravdess_war: number;
}

/** The row names in the paper's tables. */
export const PAPER_ROW_NAMES: Record<ReferenceName, { table13: string; table14: string | null; table2: string }> = {
  base: { table13: 'Our base', table14: 'Our base', table2: 'Our base' },
  emotionllama: { table13: 'Emot.-LLaMA*', table14: null, table2: 'EmotionLLaMA*' },
};

/** A table's row by its label (the tables are constants: a missing row is a bug). */
function rowOf<T>(table: Record<string, T>, label: string): T {
  const row = table[label];
  if (row === undefined) throw new Error(`paper tables: no row "${label}"`);
  return row;
}

/** The recognition columns of a Table 2 row. */
function recognition(r: PaperRow): PaperRecognitionRow {
  return {
    dfew_uar: r['dfew_uar'] as number,
    dfew_war: r['dfew_war'] as number,
    ravdess_uar: r['ravdess_uar'] as number,
    ravdess_war: r['ravdess_war'] as number,
  };
}

/** Table 13 (EmoReAlM, expanded). */
export const PAPER_TABLE13: Record<ReferenceName, PaperEmoRealmRow> = {
  base: rowOf(PAPER_MAIN_BASE, 'Our base'),
  emotionllama: rowOf(PAPER_MAIN_EMOTIONLLAMA, 'EmotionLLaMA*'),
};

/** Table 14 (stress-test subtasks with answer No); only "Our base" is reported. */
export const PAPER_TABLE14: Partial<Record<ReferenceName, PaperSubtaskRow>> = {
  base: rowOf(PAPER_SUBTASKS_BASE, 'Our base'),
};

/** Table 2 (recognition: DFEW in-domain, RAVDESS out-of-domain). */
export const PAPER_TABLE2: Record<ReferenceName, PaperRecognitionRow> = {
  base: recognition(rowOf(PAPER_TABLE2_BASE, 'Our base')),
  emotionllama: recognition(rowOf(PAPER_TABLE2_EMOTIONLLAMA, 'EmotionLLaMA*')),
};

/** The columns of the paper's Table 5 (App. D.5): Basic, Agree, Stress, Spur., Hall. */
export const TABLE5_COLUMNS = ['basic', 'agree', 'stress', 'spurious', 'hallucination'] as const;
export type Table5Column = (typeof TABLE5_COLUMNS)[number];

/** The paper's Table 5 (component ablation on "Our base"), from `data/paper-tables/table5_ablation_components.csv`, by its row label. */
export const PAPER_TABLE5: Record<string, Record<Table5Column, number>> = {
  'Our base': { basic: 77.3, agree: 34.6, stress: 55.1, spurious: 47.3, hallucination: 39.2 },
  '+ AVEm-DPO': { basic: 85.2, agree: 60.1, stress: 87.8, spurious: 92.7, hallucination: 97.6 },
  'w/o PMP': { basic: 81.0, agree: 54.9, stress: 79.6, spurious: 86.2, hallucination: 88.1 },
  'w/o ERP': { basic: 81.8, agree: 56.2, stress: 79.4, spurious: 84.9, hallucination: 88.4 },
  'w/o TPD': { basic: 83.8, agree: 58.9, stress: 78.8, spurious: 87.1, hallucination: 77.8 },
  '+ Contr. Dec.': { basic: 79.1, agree: 51.3, stress: 61.7, spurious: 50.9, hallucination: 54.8 },
};
