/** Plain-text tables of an EmoReAlM report, for the CLI and notebooks. */
import type { EmoRealmReport } from './emorealm';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((s, c) => (c === 0 ? s.padEnd(widths[c] as number) : s.padStart(widths[c] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const num = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : v.toFixed(1));

/** The per-task table, then subtasks and the App. D.5 ablation metrics. */
export function formatReport(report: EmoRealmReport): string {
  const parts: string[] = [`EmoReAlM scores (${report.mode} mode; percentages)`, ''];
  parts.push(
    table(
      ['task', 'items', 'scored', 'missing', 'unparseable', 'acc', 'prec(Yes)', 'rec(No)', 'F1', 'Yes%'],
      report.tasks.map((t) => [
        t.task,
        String(t.items),
        String(t.counted),
        String(t.missing),
        String(t.unparseable),
        num(t.accuracy),
        num(t.precision),
        num(t.recall),
        num(t.f1),
        num(t.yesPercentage),
      ]),
    ),
  );
  parts.push('', `average_accuracy  ${num(report.averageAccuracy)}`);
  for (const w of report.warnings) parts.push(`warning: ${w}`);
  if (report.subtasks.length > 0) {
    parts.push(
      '',
      table(
        ['stress subtask', 'modality', 'items', 'scored', 'acc'],
        report.subtasks.map((s) => [s.subtask, s.modality, String(s.items), String(s.counted), num(s.accuracy)]),
      ),
    );
  }
  const a = report.ablation;
  parts.push('', table(['Basic', 'Stress', 'Agree', 'Spur.', 'Hall.'], [[num(a.basic), num(a.stress), num(a.agree), num(a.spurious), num(a.hallucination)]]));
  if (report.mode === 'official')
    parts.push('', 'official mode: missing predictions are skipped; a prediction is correct when it contains the right letter as a token.');
  else parts.push('', 'strict mode: missing and unparseable predictions count as wrong.');
  return parts.join('\n');
}
