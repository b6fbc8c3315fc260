/**
 * An experiment's result shown in a notebook: every table (paper beside ours, labels, fidelity
 * line), a bar chart of each full-view table, and every figure with its numbers. Figures are
 * also written under the figures directory as `<name>-<k>.png` / `.html`.
 */
import { displayRows, type ExperimentResult } from '../experiments';
import { show, showTable } from '../viz';
import { figureChart, tableChart } from './charts';
import { fidelitySummary } from './results';
import { fidelityLine, FIGURE_FIDELITY_LINE, viewTitle } from './format';

const withLabels = (title: string, labels: readonly string[]) => (labels.length === 0 ? title : `${title} [${labels.join('; ')}]`);

/** A chart title wrapped at word boundaries (plotly does not wrap), labels on smaller lines below. */
export function chartTitle(title: string, labels: readonly string[]): { text: string; font: { size: number } } {
  const wrap = (text: string, width: number) =>
    text.split(' ').reduce<string[]>((lines, w) => {
      const last = lines[lines.length - 1];
      if (last !== undefined && (last + ' ' + w).length <= width) lines[lines.length - 1] = `${last} ${w}`;
      else lines.push(w);
      return lines;
    }, []);
  const sub = labels.flatMap((l) => wrap(l, 110)).map((l) => `<sub>${l}</sub>`);
  return { text: [...wrap(title, 80), ...sub].join('<br>'), font: { size: 14 } };
}

export async function showExperiment(r: ExperimentResult, name: string): Promise<void> {
  let k = 0;
  for (const t of r.tables) {
    showTable(displayRows(t), { title: withLabels(`${t.name} — ${viewTitle(t.view)}`, t.labels) });
    console.log(fidelityLine(fidelitySummary(t)));
    if (t.view === 'full') {
      const chart = tableChart(t);
      await show(
        { ...chart, layout: { ...chart.layout, title: chartTitle(`${t.name}: ours`, t.labels), margin: { t: 60 + 18 * t.labels.length } } },
        `${name}-${++k}`,
      );
    }
  }
  for (const f of r.figures) {
    const chart = figureChart(f);
    await show({ ...chart, layout: { ...chart.layout, title: chartTitle(f.name, f.labels), margin: { t: 80 + 18 * f.labels.length } } }, `${name}-${++k}`);
    if (f.numbers !== undefined) showTable(f.numbers, { title: `${f.name}: numbers`, digits: 3 });
    console.log(FIGURE_FIDELITY_LINE);
  }
}
