/**
 * A failure exploration (`failureExplorer`, notebook 09) shown in a notebook: what was compared
 * and how it is grouped, the fixed and broken questions (danfojs tables), McNemar's test on
 * the flips, both models' errors per group, and a figure of them (written under the figures
 * directory as `<name>.png` / `.html`).
 */
import { flipRowsFrame, groupErrorsFrame, type FlipExploration } from '../eval';
import { groupedBars, show, showFrame, type Figure } from '../viz';
import { chartTitle } from './notebook';

type Shown = FlipExploration & { labels?: readonly string[] };

const pct = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)} %`);
const pValue = (p: number) => (p < 1e-3 ? p.toExponential(1) : p.toFixed(3));

/** What was compared, the selection, how it is grouped and why, coverage warnings, labels. */
export function explorerSummary(x: Shown): string {
  const [a, b] = x.names;
  return [
    ...(x.labels ?? []),
    `A = ${a}, B = ${b}, on ${x.source} (${x.mode} scoring).`,
    `Selection: ${x.selection.label} — ${x.selection.items} questions; grouped by ${x.groupedBy}.`,
    ...(x.note === null ? [] : [`Note: ${x.note}.`]),
    ...x.warnings.map((w) => `Warning: ${w}`),
  ].join('\n');
}

/** The fixed (A wrong → B right) or broken (A right → B wrong) questions, the first `limit` of them. */
export function showFlips(x: Shown, kind: 'fixed' | 'broken', limit = 15): void {
  const rows = x[kind];
  const [a, b] = x.names;
  const what = kind === 'fixed' ? `wrong in ${a}, right in ${b}` : `right in ${a}, wrong in ${b}`;
  const shown = rows.length > limit ? `, the first ${limit}` : '';
  showFrame(flipRowsFrame(rows.slice(0, limit), x.names), {
    title: `${kind === 'fixed' ? 'Fixed' : 'Broken'}: ${what} — ${x.selection.label} (${rows.length} questions${shown})`,
    digits: 2,
  });
}

/** McNemar's exact test on the flips and the paired bootstrap of the accuracy difference. */
export function mcnemarLine(x: Shown): string {
  const [a, b] = x.names;
  const m = x.mcnemar;
  const d = x.difference;
  const sign = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}`;
  return (
    `McNemar (exact, two-sided) on ${x.selection.label}: ${x.selection.items} questions; fixed ${m.fixed}, broken ${m.broken}, ` +
    `both right ${m.bothRight}, both wrong ${m.bothWrong}; p = ${pValue(m.pValue)}.\n` +
    `Accuracy ${a} ${pct(x.selection.accuracy[0])} → ${b} ${pct(x.selection.accuracy[1])}: ` +
    `B − A ${sign(d.estimate)} points, ${Math.round(100 * d.level)} % paired bootstrap interval [${sign(d.lower)}, ${sign(d.upper)}].`
  );
}

/** Both models' errors per stress subtask × modality (or per task), with the fixed / broken counts and McNemar's p of each group. */
export function showGroupErrors(x: Shown): void {
  const title = x.groupedBy === 'subtask' ? 'Errors and flips per stress subtask × modality' : 'Errors and flips per task (the benchmark has no subtask field)';
  showFrame(groupErrorsFrame(x), { title });
}

/** Grouped bars: each model's error rate per group. */
export function explorerFigure(x: Shown): Figure {
  const categories = x.errors.map((e) => (x.groupedBy === 'subtask' ? `${e.group}<br>${e.modality}` : e.group));
  const series = x.names.map((name, k) => ({ name, values: x.errors.map((e) => e.errorRate[k] ?? Number.NaN) }));
  const title = x.groupedBy === 'subtask' ? 'Errors per stress subtask × modality' : 'Errors per task';
  const labels = x.labels ?? [];
  const fig = groupedBars(categories, series, { yTitle: 'error rate (% of questions)' });
  return { ...fig, layout: { ...fig.layout, title: chartTitle(`${title}: ${x.names.join(' vs ')}`, labels), margin: { t: 70 + 18 * labels.length } } };
}

/** Shows `explorerFigure` and writes it as `<name>.png` / `.html` under the figures directory. */
export async function showExplorerFigure(x: Shown, name: string): Promise<void> {
  await show(explorerFigure(x), name);
}
