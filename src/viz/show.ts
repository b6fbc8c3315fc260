/**
 * Showing results in a tslab notebook (and in a terminal): figures are saved under
 * `figures/` as HTML (+ PNG when chromium is available) and displayed as PNG; tables are
 * shown as HTML in a notebook and as text elsewhere.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Figure } from './figure';
import { renderPng, writeFigureHtml, type RenderSize } from './render';

interface TslabDisplay {
  html(s: string): void;
  png(b: Uint8Array): void;
}

function tslabDisplay(): TslabDisplay | undefined {
  if (process.env.TSLAB_DISABLE_DISPLAY === '1') return undefined;
  try {
    const mod = require('tslab') as { display?: TslabDisplay };
    return mod.display;
  } catch {
    return undefined;
  }
}

/** Where `show` writes figures. Default `figures/` under the current project root. */
export const FIGURES_DIR = process.env.AVERE_FIGURES ?? path.resolve(__dirname, '..', '..', 'figures');

/**
 * Saves `figures/<name>.html` and `figures/<name>.png`, and displays the PNG in a notebook.
 * Returns the file paths written.
 */
export async function show(fig: Figure, name: string, size?: RenderSize): Promise<{ html: string; png?: string }> {
  const html = path.join(FIGURES_DIR, `${name}.html`);
  writeFigureHtml(fig, html, size);
  let png: string | undefined;
  try {
    const bytes = await renderPng(fig, size);
    png = path.join(FIGURES_DIR, `${name}.png`);
    fs.writeFileSync(png, bytes);
    tslabDisplay()?.png(bytes);
  } catch (e) {
    process.stderr.write(`show(${name}): PNG not rendered (${(e as Error).message}); HTML at ${html}\n`);
  }
  return { html, png };
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Formats a table cell: numbers to `digits` decimals, missing values as "–". */
function cell(v: unknown, digits: number): string {
  if (v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v))) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(digits);
  return String(v);
}

/** Shows rows (objects with the same keys) as an HTML table in a notebook, or as text. */
export function showTable(rows: Record<string, unknown>[], opts: { title?: string; digits?: number } = {}): void {
  const digits = opts.digits ?? 1;
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const display = tslabDisplay();
  if (display !== undefined) {
    const head = cols.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
    const body = rows
      .map((r) => `<tr>${cols.map((c) => `<td>${escapeHtml(cell(r[c], digits))}</td>`).join('')}</tr>`)
      .join('');
    const title = opts.title === undefined ? '' : `<caption>${escapeHtml(opts.title)}</caption>`;
    display.html(`<table>${title}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`);
    return;
  }
  if (opts.title !== undefined) console.log(opts.title);
  console.table(rows.map((r) => Object.fromEntries(cols.map((c) => [c, cell(r[c], digits)]))));
}

/** A danfojs DataFrame (structurally: its columns and row values), shown like `showTable`; an empty one as "none". */
export function showFrame(df: { columns: string[]; values: unknown[] }, opts: { title?: string; digits?: number } = {}): void {
  if (df.values.length === 0) {
    console.log(`${opts.title ?? 'table'}: none`);
    return;
  }
  showTable(
    df.values.map((row) => Object.fromEntries(df.columns.map((c, i) => [c, (row as unknown[])[i]]))),
    opts,
  );
}
