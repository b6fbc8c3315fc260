/**
 * `sensitivity` — the paper's Fig. 11: AVEm-DPO on "Our base" across β_vr (β_er = 1 − β_vr),
 * γ_TPD and λ_av, each point with the Table 5 columns and the subtask accuracies. The paper
 * publishes no numbers for it, so it has no fidelity (n/a).
 */
import { PAPER_KNOBS } from '../../losses';
import type { ExperimentDef } from '../experiment';
import { sweepFigures, sweepTable, type SweepPoint } from '../sweep';

/** The paper's Fig. 11 axes, each a one-axis sweep of AVEm-DPO; the point at the paper's default is AVEm-DPO itself (no override). */
export const SENSITIVITY_AXES: ReadonlyArray<{ axis: string; points: SweepPoint[] }> = [
  {
    axis: 'objective.betaVr',
    points: [0, 0.25, 0.5, 0.75, 1].map((b) => ({
      label: `β_vr = ${b} (β_er = ${1 - b})`,
      set: b === PAPER_KNOBS.betaVr ? [] : [`objective.betaVr=${b}`, `objective.betaEr=${1 - b}`],
      values: { 'objective.betaVr': b },
    })),
  },
  {
    axis: 'objective.gammaTpd',
    points: [0, 0.05, 0.1, 0.2, 0.3, 0.5].map((g) => ({
      label: `γ_TPD = ${g}`,
      set: g === PAPER_KNOBS.gammaTpd ? [] : [`objective.gammaTpd=${g}`],
      values: { 'objective.gammaTpd': g },
    })),
  },
  {
    axis: 'objective.lambdaAv',
    points: [0, 0.25, 0.5, 1, 1.5, 2].map((l) => ({
      label: `λ_av = ${l}`,
      set: l === PAPER_KNOBS.lambdaAv ? [] : [`objective.lambdaAv=${l}`],
      values: { 'objective.lambdaAv': l },
    })),
  },
];

const SYMBOL: Record<string, string> = { 'objective.betaVr': 'β_vr', 'objective.gammaTpd': 'γ_TPD', 'objective.lambdaAv': 'λ_av' };

const axisTable = (a: { axis: string; points: SweepPoint[] }) => sweepTable(`Fig. 11: sensitivity to ${SYMBOL[a.axis] ?? a.axis}`, 'avem-dpo', a.points);

/** `sensitivity` — the paper's Fig. 11: AVEm-DPO on "Our base" across β_vr (β_er = 1 − β_vr), γ_TPD and λ_av. */
export const sensitivity: ExperimentDef = {
  title: 'Hyperparameter sensitivity (Fig. 11)',
  tables: () => SENSITIVITY_AXES.map(axisTable),
  figures: (ctx, lookup, seeds, labels) => SENSITIVITY_AXES.flatMap((a) => sweepFigures(axisTable(a), a.points, a.axis, lookup, seeds, labels, ctx)),
};
