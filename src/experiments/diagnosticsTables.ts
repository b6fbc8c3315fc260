/**
 * Diagnostics as table rows (plain records), ours beside the paper's, for the CLI and the
 * notebook. The paper's rows are labelled "(paper)".
 */
import { EMOREALM_TASKS, STRESS_SUBTASKS } from '../formats';
import type { ReferenceName } from '../train';
import type { DiagnosticsResult, EvalView, ViewResult } from './diagnostics';
import { PAPER_ROW_NAMES, PAPER_TABLE13, PAPER_TABLE14, PAPER_TABLE2, type PaperEmoRealmRow } from './paperRows';

export type Row = Record<string, string | number | null>;

/** How the paper names each reference. */
export const REFERENCE_LABEL: Record<ReferenceName, string> = { base: 'Our base', emotionllama: 'EmotionLLaMA*' };
const VIEW_LABEL: Record<EvalView, string> = {
  audiovisual: 'audio + video',
  audio_only: 'audio only (video masked)',
  video_only: 'video only (audio masked)',
  text_only: 'text only (π_text)',
};

/** `x` rounded to `d` decimals; null for a missing or non-finite value. */
export const round = (x: number | null | undefined, d = 1): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d;

/** A view's scores in the columns of the paper's Table 13. */
export function table13Columns(v: ViewResult): PaperEmoRealmRow {
  const t = (name: string) => {
    const s = v.tasks.find((x) => x.task === name);
    if (s === undefined) throw new Error(`table13Columns: task ${name} missing`);
    return s;
  };
  const ag = t('modality_agreement');
  const sa = t('reasoning_stress_audio');
  const sv = t('reasoning_stress_video');
  return {
    basic_audio_acc: t('reasoning_basic_audio').accuracy as number,
    basic_visual_acc: t('reasoning_basic_video').accuracy as number,
    agree_acc: ag.accuracy as number,
    agree_precision: ag.precision as number,
    agree_recall: ag.recall as number,
    agree_f1: ag.f1 as number,
    stress_audio_acc: sa.accuracy as number,
    stress_audio_precision: sa.precision as number,
    stress_audio_recall: sa.recall as number,
    stress_audio_f1: sa.f1 as number,
    stress_visual_acc: sv.accuracy as number,
    stress_visual_precision: sv.precision as number,
    stress_visual_recall: sv.recall as number,
    stress_visual_f1: sv.f1 as number,
    avg_acc: v.averageAccuracy as number,
  };
}

function rounded(r: PaperEmoRealmRow): Row {
  return Object.fromEntries(Object.entries(r).map(([k, x]) => [k, round(x)]));
}

/** Table 13 columns: each reference (audio + video) beside the paper's row. */
export function emorealmRows(result: DiagnosticsResult): Row[] {
  return result.references.flatMap((r) => [
    { model: `${REFERENCE_LABEL[r.reference]} (ours)`, ...rounded(table13Columns(r.views.audiovisual)) },
    { model: `${PAPER_ROW_NAMES[r.reference].table13} (paper, Table 13)`, ...rounded(PAPER_TABLE13[r.reference]) },
  ]);
}

/** Table 13 columns per input view: masking one modality (the paper's audio-only / video-only rows) and text only. */
export function viewRows(result: DiagnosticsResult): Row[] {
  return result.references.flatMap((r) =>
    (Object.keys(VIEW_LABEL) as EvalView[]).map((v) => ({ model: REFERENCE_LABEL[r.reference], input: VIEW_LABEL[v], ...rounded(table13Columns(r.views[v])) })),
  );
}

/** Stress-test subtask accuracies and the yes-rate (audio + video), beside Table 14. */
export function subtaskRows(result: DiagnosticsResult): Row[] {
  const rows: Row[] = [];
  for (const r of result.references) {
    const v = r.views.audiovisual;
    const row: Row = { model: `${REFERENCE_LABEL[r.reference]} (ours)` };
    for (const m of ['audio', 'visual'] as const) {
      for (const s of STRESS_SUBTASKS) row[`${m}_${s}_acc`] = round(v.subtasks.find((x) => x.modality === m && x.subtask === s)?.accuracy);
      const task = m === 'audio' ? 'reasoning_stress_audio' : 'reasoning_stress_video';
      row[`${m}_yes_rate`] = round(v.tasks.find((x) => x.task === task)?.yesPercentage);
    }
    rows.push(row);
    const p = PAPER_TABLE14[r.reference];
    if (p !== undefined) {
      rows.push({
        model: `${PAPER_ROW_NAMES[r.reference].table14} (paper, Table 14)`,
        audio_no_hallucination_acc: null,
        audio_spurious_acc: p.audio_spurious_acc,
        audio_hallucination_acc: p.audio_hallucination_acc,
        audio_yes_rate: null,
        visual_no_hallucination_acc: null,
        visual_spurious_acc: p.visual_spurious_acc,
        visual_hallucination_acc: p.visual_hallucination_acc,
        visual_yes_rate: null,
      });
    }
  }
  return rows;
}

/** Recognition UAR/WAR: in-domain (DFEW-like) and shifted (RAVDESS-like), beside Table 2. */
export function recognitionRows(result: DiagnosticsResult): Row[] {
  return result.references.flatMap((r) => [
    {
      model: `${REFERENCE_LABEL[r.reference]} (ours)`,
      in_domain_uar: round(r.recognition.inDomain.uar, 2),
      in_domain_war: round(r.recognition.inDomain.war, 2),
      shifted_uar: round(r.recognition.shifted.uar, 2),
      shifted_war: round(r.recognition.shifted.war, 2),
    },
    {
      model: `${PAPER_ROW_NAMES[r.reference].table2} (paper, Table 2: DFEW / RAVDESS)`,
      in_domain_uar: PAPER_TABLE2[r.reference].dfew_uar,
      in_domain_war: PAPER_TABLE2[r.reference].dfew_war,
      shifted_uar: PAPER_TABLE2[r.reference].ravdess_uar,
      shifted_war: PAPER_TABLE2[r.reference].ravdess_war,
    },
  ]);
}

/** The text-only filter: questions removed and kept per task, and the audiovisual average accuracy on the kept ones. */
export function filterRows(result: DiagnosticsResult): Row[] {
  return result.references.flatMap((r) =>
    EMOREALM_TASKS.map((task) => ({
      model: REFERENCE_LABEL[r.reference],
      task,
      removed: r.textFilter.removed[task],
      kept: r.textFilter.kept[task],
      accuracy_full: round(r.views.audiovisual.tasks.find((t) => t.task === task)?.accuracy),
      accuracy_kept: round(r.textFilter.filtered.tasks.find((t) => t.task === task)?.accuracy),
    })),
  );
}

/** The calibration rule's criteria per reference. */
export function calibrationRows(result: DiagnosticsResult): Row[] {
  return result.references.flatMap((r) =>
    r.calibration.criteria.map((c) => ({
      model: REFERENCE_LABEL[r.reference],
      criterion: c.name,
      value: round(c.value),
      target: c.target,
      pass: c.pass ? 'yes' : 'NO',
    })),
  );
}

/** Attention share on audio tokens (of all AV attention) for audio vs visual basic questions (Fig. 5 left). */
export function attentionRows(result: DiagnosticsResult): Row[] {
  return result.references.map((r) => ({
    model: REFERENCE_LABEL[r.reference],
    audio_share_audio_questions: r.attention === null ? null : round(100 * r.attention.audioShareOnAudioTasks),
    audio_share_visual_questions: r.attention === null ? null : round(100 * r.attention.audioShareOnVisualTasks),
  }));
}

/** Training time and final loss of each stage. */
export function buildRows(result: DiagnosticsResult): Row[] {
  return Object.keys(result.build.runs).map((stage) => {
    const curve = result.build.lossCurves[stage] ?? [];
    return {
      stage,
      run: `${stage}-${result.build.runs[stage]}`,
      train_seconds: round(result.build.trainSeconds[stage], 0),
      first_loss: round(curve[0], 3),
      final_loss: round(curve[curve.length - 1], 3),
    };
  });
}

/**
 * One flat object per reference: the released scorer's keys for the audio + video view, the
 * stress subtask accuracies (`<task>_<subtask>_accuracy`), recognition UAR/WAR and the
 * text-only filter's removed counts.
 */
export function diagnosticsJson(result: DiagnosticsResult): Record<string, Record<string, number | null>> {
  const out: Record<string, Record<string, number | null>> = {};
  for (const r of result.references) {
    const v = r.views.audiovisual;
    const o: Record<string, number | null> = { ...v.official };
    for (const s of v.subtasks) {
      const task = s.modality === 'audio' ? 'reasoning_stress_audio' : 'reasoning_stress_video';
      if (s.accuracy !== null) o[`${task}_${s.subtask}_accuracy`] = s.accuracy;
    }
    o['recognition_in_domain_uar'] = r.recognition.inDomain.uar;
    o['recognition_in_domain_war'] = r.recognition.inDomain.war;
    o['recognition_shifted_uar'] = r.recognition.shifted.uar;
    o['recognition_shifted_war'] = r.recognition.shifted.war;
    for (const [task, n] of Object.entries(r.textFilter.removed)) o[`${task}_text_only_removed`] = n;
    out[r.reference] = o;
  }
  return out;
}

/** Loss curves of the build stages as line series (x = training step at the end of each 25-step block). */
export function lossSeries(result: DiagnosticsResult): Array<{ name: string; x: number[]; y: number[] }> {
  return Object.entries(result.build.lossCurves).map(([stage, curve]) => ({
    name: stage,
    x: curve.map((_, i) => (i + 1) * 25),
    y: curve,
  }));
}
