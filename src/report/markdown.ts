/**
 * `report.md`: title, provenance, the quick-run banner, calibration criteria, then per table its
 * labels in bold, paper beside ours ("mean [lo, hi]"), its fidelity line and its pair verdicts
 * under a fold; per figure its labels, its numbers and fidelity n/a; timings.
 */
import { displayRows, fidelityRows, type ReproducedTable } from '../experiments';
import { calibrationView, holdsText } from './calibration';
import { escapeMarkdown, markdownCode } from './escape';
import { figureNumbers } from './figure';
import { cellText, FIGURE_FIDELITY_LINE, fidelityLine, QUICK_BANNER, viewTitle } from './format';
import { fidelitySummary } from './results';
import { columnsOf, timingRows } from './rows';
import type { DisplayRow, Provenance, ReportFigure, ReportInput } from './types';

/** A Markdown table of display rows ("no rows" when empty). */
export function markdownTable(rows: readonly DisplayRow[]): string {
  if (rows.length === 0) return '_no rows_';
  const cols = columnsOf(rows);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(cols.map(escapeMarkdown)), line(cols.map(() => '---')), ...rows.map((r) => line(cols.map((c) => escapeMarkdown(cellText(r[c])))))].join('\n');
}

const labelsBlock = (labels: readonly string[]): string[] => labels.map((l) => `**${escapeMarkdown(l)}**`);

function provenanceLine(p: Provenance): string {
  return `commit ${markdownCode(p.commit)} · config ${markdownCode(p.config)} · command ${markdownCode(p.command)} · generated ${escapeMarkdown(p.generatedAt)}`;
}

function calibrationSection(summary: unknown): string[] {
  const v = calibrationView(summary);
  const out = ['## Calibration of the references'];
  if (v.status !== null) out.push(`Status: **${escapeMarkdown(v.status)}**`);
  if (v.criteria.length > 0) {
    out.push(
      v.criteria.map((c) => `- ${holdsText(c.holds)} — ${escapeMarkdown(c.name)}${c.detail === undefined ? '' : `: ${escapeMarkdown(c.detail)}`}`).join('\n'),
    );
  }
  if (v.verbatim !== undefined) out.push(markdownCode(v.verbatim));
  return out;
}

/** The pair verdicts under a fold (GitHub renders `<details>`; the table needs the blank lines). */
function verdictsFold(t: ReproducedTable): string[] {
  const verdicts = fidelityRows(t);
  return verdicts.length === 0 ? [] : [`<details><summary>the ${verdicts.length} pairs</summary>\n\n${markdownTable(verdicts)}\n\n</details>`];
}

function tableSection(t: ReproducedTable): string[] {
  return [
    `### ${escapeMarkdown(t.name)} — ${viewTitle(t.view)}`,
    ...labelsBlock(t.labels),
    markdownTable(displayRows(t)),
    fidelityLine(fidelitySummary(t)),
    ...verdictsFold(t),
  ];
}

function figureSection(f: ReportFigure): string[] {
  return [`### ${escapeMarkdown(f.name)}`, ...labelsBlock(f.labels), markdownTable(figureNumbers(f)), FIGURE_FIDELITY_LINE];
}

/** The Markdown report. */
export function reportMarkdown(input: ReportInput): string {
  const blocks: string[] = [`# ${escapeMarkdown(input.title)}`, provenanceLine(input.provenance)];
  if (input.provenance.quick) blocks.push(`> **${QUICK_BANNER}**`);
  blocks.push(...calibrationSection(input.calibration));
  if (input.tables.length > 0) blocks.push('## Tables', ...input.tables.flatMap(tableSection));
  if (input.figures.length > 0) blocks.push('## Figures', ...input.figures.flatMap(figureSection));
  const timings = input.timings ?? [];
  blocks.push('## Timings', timings.length === 0 ? '_no timings recorded_' : markdownTable(timingRows(timings)));
  return `${blocks.join('\n\n')}\n`;
}
