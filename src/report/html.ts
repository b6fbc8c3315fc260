/**
 * `index.html`: one self-contained page (plotly.js inlined, no network references). Title,
 * provenance, the quick-run banner, calibration criteria; per table its labels as a banner, paper
 * beside ours, a grouped bar chart of ours with error bars, its fidelity line and verdicts; per
 * figure its labels, its chart, its numbers and fidelity n/a; timings. All text is escaped.
 */
import { displayRows, fidelityRows, type ReproducedTable } from '../experiments';
import { plotlyJs, type Figure } from '../viz';
import { calibrationView, holdsText } from './calibration';
import { figureChart, tableChart } from './charts';
import { escapeHtml } from './escape';
import { figureNumbers } from './figure';
import { cellText, FIGURE_FIDELITY_LINE, fidelityLine, QUICK_BANNER, viewTitle } from './format';
import { fidelitySummary } from './results';
import { columnsOf, timingRows } from './rows';
import type { DisplayRow, Provenance, ReportFigure, ReportInput } from './types';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left}
th{background:#f3f3f3}.labels p{background:#fff3cd;border-left:5px solid #d39e00;padding:.4em .8em;font-weight:bold;margin:.3em 0}
.quick{background:#f8d7da;border:3px solid #b02a37;color:#58151c;font-size:1.3em;font-weight:bold;padding:.8em;text-align:center}
.provenance code{background:#f3f3f3;padding:0 .2em}.fidelity{font-weight:bold}.holds{color:#146c43}.fails{color:#b02a37}
.chart{width:100%;height:420px}`;

/** An HTML table of display rows. */
export function htmlTable(rows: readonly DisplayRow[]): string {
  if (rows.length === 0) return '<p><em>no rows</em></p>';
  const cols = columnsOf(rows);
  const head = cols.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${cols.map((c) => `<td>${escapeHtml(cellText(r[c]))}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const labelsBanner = (labels: readonly string[]): string =>
  labels.length === 0 ? '' : `<div class="labels">${labels.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>`;

function provenanceHtml(p: Provenance): string {
  const code = (s: string) => `<code>${escapeHtml(s)}</code>`;
  return `<p class="provenance">commit ${code(p.commit)} · config ${code(p.config)} · command ${code(p.command)} · generated ${escapeHtml(p.generatedAt)}</p>`;
}

function calibrationHtml(summary: unknown): string {
  const v = calibrationView(summary);
  const status = v.status === null ? '' : `<p>Status: <strong>${escapeHtml(v.status)}</strong></p>`;
  const items = v.criteria
    .map(
      (c) => `<li class="${holdsText(c.holds)}">${holdsText(c.holds)} — ${escapeHtml(c.name)}${c.detail === undefined ? '' : `: ${escapeHtml(c.detail)}`}</li>`,
    )
    .join('\n');
  const verbatim = v.verbatim === undefined ? '' : `<pre>${escapeHtml(v.verbatim)}</pre>`;
  return `<section id="calibration"><h2>Calibration of the references</h2>${status}${items === '' ? '' : `<ul>\n${items}\n</ul>`}${verbatim}</section>`;
}

function tableHtml(t: ReproducedTable, id: string): string {
  const verdicts = fidelityRows(t);
  return `<section class="table"><h3>${escapeHtml(t.name)} — ${viewTitle(t.view)}</h3>${labelsBanner(t.labels)}
${htmlTable(displayRows(t))}
<div class="chart" id="${id}"></div>
<p class="fidelity">${escapeHtml(fidelityLine(fidelitySummary(t)))}</p>
${verdicts.length === 0 ? '' : `<details><summary>the ${verdicts.length} pairs</summary>${htmlTable(verdicts)}</details>`}</section>`;
}

function figureHtml(f: ReportFigure, id: string): string {
  return `<section class="figure"><h3>${escapeHtml(f.name)}</h3>${labelsBanner(f.labels)}
<div class="chart" id="${id}"></div>
${htmlTable(figureNumbers(f))}
<p class="fidelity">${escapeHtml(FIGURE_FIDELITY_LINE)}</p></section>`;
}

/** JSON safe inside a `<script>` element. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

/** The HTML report. */
export function reportHtml(input: ReportInput): string {
  const charts: Record<string, Figure> = {};
  const tables = input.tables.map((t, i) => {
    charts[`table-chart-${i}`] = tableChart(t);
    return tableHtml(t, `table-chart-${i}`);
  });
  const figures = input.figures.map((f, i) => {
    charts[`figure-chart-${i}`] = figureChart(f);
    return figureHtml(f, `figure-chart-${i}`);
  });
  const timings = input.timings ?? [];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>
<style>${STYLE}</style>
<script>${plotlyJs()}</script>
</head><body>
<h1>${escapeHtml(input.title)}</h1>
${provenanceHtml(input.provenance)}
${input.provenance.quick ? `<div class="quick" role="alert">${escapeHtml(QUICK_BANNER)}</div>` : ''}
${calibrationHtml(input.calibration)}
${tables.length === 0 ? '' : `<h2>Tables</h2>\n${tables.join('\n')}`}
${figures.length === 0 ? '' : `<h2>Figures</h2>\n${figures.join('\n')}`}
<section id="timings"><h2>Timings</h2>${timings.length === 0 ? '<p><em>no timings recorded</em></p>' : htmlTable(timingRows(timings))}</section>
<script>
const CHARTS = ${scriptJson(charts)};
for (const [id, f] of Object.entries(CHARTS)) Plotly.newPlot(id, f.data, f.layout, { displaylogo: false, responsive: true });
</script>
</body></html>
`;
}
