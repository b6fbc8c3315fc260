/** A reproduced table as aligned text for the terminal: paper and ours side by side, labels and fidelity. */
import { displayRows, type ReproducedTable } from '../experiments';
import { fidelityLine, fidelitySummary, viewTitle } from '../report';

export function formatTable(t: ReproducedTable): string {
  const rows = displayRows(t);
  const cols = Object.keys(rows[0] ?? {});
  const cell = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i] as number)).join('  ');
  const out = [`\n${t.name} — ${viewTitle(t.view)}`];
  for (const l of t.labels) out.push(`[${l}]`);
  out.push(line(cols), line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) out.push(line(cols.map((c) => cell(r[c]))));
  out.push(fidelityLine(fidelitySummary(t)));
  return `${out.join('\n')}\n`;
}
