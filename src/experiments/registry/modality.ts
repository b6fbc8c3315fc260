/**
 * `modality` — the paper's Fig. 5 on "Our base" vs + AVEm-DPO:
 * - left: the share of AV attention on audio vs video tokens, for audio and for visual
 *   basic-reasoning questions;
 * - right: the KDE of the correct option's log-likelihood on visual questions with the clip's own
 *   audio vs another clip's audio, and the shift as numbers (mean shift, overlap coefficient, KS
 *   statistic) with 95 % t-intervals over seeds.
 * The paper publishes no numbers for Fig. 5: no fidelity (n/a).
 */
import { withContext, type ExperimentDef, type ExperimentRow, type OutcomeLookup } from '../experiment';
import type { FigureData } from '../figure';
import { preferenceRow, referenceRow } from '../rows';
import type { RunOutcome } from '../runSpec';
import { densityOnGrid, distributionShift, sharedGrid } from '../shift';
import { ourCell } from '../table';

export const MODALITY_ROWS: readonly ExperimentRow[] = [referenceRow('Our base', 'base'), preferenceRow('+ AVEm-DPO', 'base', 'avem-dpo')];

export const MODALITY_COLUMNS = ['audio_share_audio_tasks', 'audio_share_visual_tasks', 'll_mean_shift', 'll_overlap', 'll_ks'] as const;

/** One run's Fig. 5 numbers (shares in %). */
export function modalityMeasure(o: RunOutcome): Record<string, number | null> {
  const m = o.score.modality;
  const s = m.audioSwap.own.length >= 2 ? distributionShift(m.audioSwap.own, m.audioSwap.swapped) : null;
  const pct = (x: number) => (Number.isFinite(x) ? 100 * x : null);
  return {
    audio_share_audio_tasks: pct(m.attention.audioShareOnAudioTasks),
    audio_share_visual_tasks: pct(m.attention.audioShareOnVisualTasks),
    ll_mean_shift: s?.meanShift ?? null,
    ll_overlap: s?.overlap ?? null,
    ll_ks: s?.ks ?? null,
  };
}

function attentionFigure(rows: readonly ExperimentRow[], lookup: OutcomeLookup, seeds: readonly number[], labels: readonly string[]): FigureData {
  const x = ['audio questions', 'visual questions'];
  const series = rows.flatMap((r) =>
    (['audio', 'video'] as const).map((tokens) => {
      const cells = (['audio_share_audio_tasks', 'audio_share_visual_tasks'] as const).map((c) =>
        ourCell(
          seeds.map((s) => {
            const v = modalityMeasure(lookup(r.spec(s)))[c] ?? null;
            return v === null ? null : tokens === 'audio' ? v : 100 - v;
          }),
        ),
      );
      return {
        name: `${r.label}: ${tokens} tokens`,
        x,
        y: cells.map((c) => c?.mean ?? NaN),
        lo: cells.map((c) => c?.lo ?? NaN),
        hi: cells.map((c) => c?.hi ?? NaN),
      };
    }),
  );
  return {
    name: 'Fig. 5 (left): share of AV attention on audio vs video tokens',
    kind: 'bars',
    xLabel: 'question modality',
    yLabel: 'share of AV attention (%)',
    series,
    labels: [...labels],
  };
}

function densityFigure(rows: readonly ExperimentRow[], lookup: OutcomeLookup, seeds: readonly number[], labels: readonly string[]): FigureData {
  const samples = rows.map((r) => {
    const runs = seeds.map((s) => lookup(r.spec(s)).score.modality.audioSwap);
    return { label: r.label, own: runs.flatMap((a) => a.own), swapped: runs.flatMap((a) => a.swapped) };
  });
  const all = samples.flatMap((s) => [...s.own, ...s.swapped]);
  const grid = all.length >= 2 ? sharedGrid(all, all, 200, 0.5) : [];
  const series = samples.flatMap((s) =>
    s.own.length >= 2
      ? [
          { name: `${s.label}: own audio (a_ori)`, x: grid, y: densityOnGrid(s.own, grid) },
          { name: `${s.label}: another clip's audio (a_adv)`, x: grid, y: densityOnGrid(s.swapped, grid) },
        ]
      : [],
  );
  const numbers = rows.map((r) => {
    const per = seeds.map((s) => modalityMeasure(lookup(r.spec(s))));
    const cell = (c: string) => ourCell(per.map((m) => m[c] ?? null));
    const fmt = (c: string, d: number) => {
      const x = cell(c);
      return x === null ? null : x.lo === null ? x.mean.toFixed(d) : `${x.mean.toFixed(d)} [${x.lo.toFixed(d)}, ${(x.hi as number).toFixed(d)}]`;
    };
    return { model: r.label, 'mean shift': fmt('ll_mean_shift', 2), overlap: fmt('ll_overlap', 3), KS: fmt('ll_ks', 3) };
  });
  return {
    name: "Fig. 5 (right): correct option's log-likelihood on visual questions, own vs another clip's audio (KDE, seeds pooled)",
    kind: 'density',
    xLabel: 'log-likelihood of the correct option',
    yLabel: 'density',
    series,
    labels: [...labels],
    numbers,
  };
}

export const modality: ExperimentDef = {
  title: 'Modality reliance (Fig. 5)',
  tables: () => [
    {
      name: 'Fig. 5: attention shares and the log-likelihood shift',
      columns: MODALITY_COLUMNS,
      rows: MODALITY_ROWS,
      views: ['full'],
      paper: () => undefined,
      measure: modalityMeasure,
    },
  ],
  figures: (ctx, lookup, seeds, labels) => {
    const rows = MODALITY_ROWS.map((r) => withContext(r, ctx));
    return [attentionFigure(rows, lookup, seeds, labels), densityFigure(rows, lookup, seeds, labels)];
  },
};
