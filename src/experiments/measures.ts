/**
 * How a table's columns are read off a run's outcome, per view. Percentages (0–100) except the
 * EMER columns, which the paper reports on its judge's 0–10 scale. The benchmark's columns are
 * functions of one view's scores (`ViewColumns`): `benchmarkMeasure` reads them off the stored
 * scores and hands the same function to the paired bootstrap over questions.
 */
import { EMOTIONS } from '../formats';
import { table13Columns } from './diagnosticsTables';
import type { TableDef } from './experiment';
import type { ViewColumns } from './questionBootstrap';
import type { RunOutcome } from './runSpec';

type Measured = Record<string, number | null>;

/** A table's reading of benchmark columns: ours from a run's stored view, the bootstrap from its resampled questions. */
export function benchmarkMeasure(columns: ViewColumns): Pick<TableDef, 'measure' | 'viewColumns'> {
  return { measure: (o, view) => columns(view === 'full' ? o.score.full : o.score.textUnsolvable), viewColumns: columns };
}

/** The App. D.5 columns (Tables 5, 17, 18; Fig. 11): basic, agree, stress, spurious, hallucination. */
export const table5Columns: ViewColumns = (v) => ({ ...v.ablation });

/** Table 13 (EmoReAlM expanded): accuracy, precision, recall and F1 per task, and the average. */
export const table13ViewColumns: ViewColumns = (v) => ({ ...table13Columns(v) });

/** Table 14: accuracy of each stress subtask, audio and visual. */
export const subtaskColumns: ViewColumns = (v) => {
  const out: Measured = {};
  for (const s of v.subtasks) out[`${s.modality}_${s.subtask}_acc`] = s.accuracy;
  return out;
};

export const table5Measure = benchmarkMeasure(table5Columns).measure;
export const subtaskMeasure = benchmarkMeasure(subtaskColumns).measure;

/**
 * Table 2: recognition UAR / WAR in domain (the paper's DFEW columns) and under shift (RAVDESS),
 * and the description judge (EMER). Departure: our judge is exact, not an LLM; its rates are
 * put on the paper's 0–10 scale, spurious and hallucination as 10 × (1 − rate) so that higher is
 * better as in the paper.
 */
export function table2Measure(o: RunOutcome): Measured {
  const r = o.score.recognition;
  const d = o.score.description;
  return {
    dfew_uar: r.inDomain.uar,
    dfew_war: r.inDomain.war,
    ravdess_uar: r.shifted.uar,
    ravdess_war: r.shifted.war,
    emer_clue: d.clueOverlap === null ? null : 10 * d.clueOverlap,
    emer_label: 10 * d.labelOverlap,
    emer_spurious: 10 * (1 - d.spuriousRate),
    emer_hallucination: 10 * (1 - d.hallucinationRate),
  };
}

export const TABLE2_COLUMNS = ['dfew_uar', 'dfew_war', 'ravdess_uar', 'ravdess_war', 'emer_clue', 'emer_label', 'emer_spurious', 'emer_hallucination'] as const;

/** 1 point on the 0–100 columns, 0.1 on the EMER 0–10 columns. */
export function table2MinDelta(column: string): number {
  return column.startsWith('emer_') ? 0.1 : 1;
}

export const TABLE15_COLUMNS = [...EMOTIONS, 'uar', 'war'] as const;

/** Table 15: in-domain recall per class, UAR and WAR. */
export function table15Measure(o: RunOutcome): Measured {
  const r = o.score.recognition.inDomain;
  return { ...Object.fromEntries(EMOTIONS.map((e) => [e, r.classRecall[e]])), uar: r.uar, war: r.war };
}
