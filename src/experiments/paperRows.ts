/**
 * The paper's published numbers for its two reference models, copied from
 * `data/paper-tables/table13_emorealm_expanded.csv` ("Our base", "Emot.-LLaMA*"),
 * `table14_stress_subtasks.csv` ("Our base"; the paper gives no EmotionLLaMA* row) and
 * `table2_recognition_and_emer.csv` ("Our base", "EmotionLLaMA*"). Percentages.
 * `tests/experiments/paperTables.test.ts` checks them against the CSV files.
 */
import type { ReferenceName } from '../train';

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

/** Table 13 (EmoReAlM, expanded). */
export const PAPER_TABLE13: Record<ReferenceName, PaperEmoRealmRow> = {
  base: {
    basic_audio_acc: 69.2, basic_visual_acc: 85.3,
    agree_acc: 51.4, agree_precision: 86.3, agree_recall: 21.6, agree_f1: 34.6,
    stress_audio_acc: 53.1, stress_audio_precision: 65.4, stress_audio_recall: 40.8, stress_audio_f1: 50.3,
    stress_visual_acc: 66.4, stress_visual_precision: 87.2, stress_visual_recall: 45.6, stress_visual_f1: 59.9,
    avg_acc: 65.1,
  },
  emotionllama: {
    basic_audio_acc: 64.8, basic_visual_acc: 84.9,
    agree_acc: 51.2, agree_precision: 82.9, agree_recall: 20.7, agree_f1: 33.1,
    stress_audio_acc: 48.9, stress_audio_precision: 59.2, stress_audio_recall: 38.5, stress_audio_f1: 46.7,
    stress_visual_acc: 69.1, stress_visual_precision: 89.3, stress_visual_recall: 48.9, stress_visual_f1: 63.2,
    avg_acc: 63.8,
  },
};

/** Table 14 (stress-test subtasks with answer No); only "Our base" is reported. */
export const PAPER_TABLE14: Partial<Record<ReferenceName, PaperSubtaskRow>> = {
  base: { audio_spurious_acc: 45.2, audio_hallucination_acc: 36.4, visual_spurious_acc: 49.3, visual_hallucination_acc: 41.9 },
};

/** Table 2 (recognition: DFEW in-domain, RAVDESS out-of-domain). */
export const PAPER_TABLE2: Record<ReferenceName, PaperRecognitionRow> = {
  base: { dfew_uar: 56.78, dfew_war: 60.14, ravdess_uar: 53.59, ravdess_war: 53.01 },
  emotionllama: { dfew_uar: 54.89, dfew_war: 58.26, ravdess_uar: 52.59, ravdess_war: 48.12 },
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
