/**
 * Showing results in a tslab notebook (and in a terminal): figures are saved under
 * `figures/` as HTML (+ PNG and SVG when chromium is available) and displayed interactively;
 * tables become danfojs DataFrames, shown as HTML in a notebook and as text elsewhere.
 */
/// <reference path="../eval/danfojs.d.ts" />
import * as fs from 'fs';
import * as path from 'path';
import type { DataFrame } from 'danfojs';
import type { Figure } from './figure';
import { notebookFigureHtml } from './notebookFigure';
import { renderImages, writeFigureHtml, type FigureImages, type RenderSize } from './render';

interface TslabDisplay {
  html(s: string): void;
}

/** Inside the tslab kernel process (`tslab kernel …`); elsewhere tslab loads but cannot display. */
const IN_TSLAB_KERNEL = process.argv.some((a) => /[\\/]tslab([\\/]|$)/.test(a)) && process.argv.includes('kernel');

function tslabDisplay(): TslabDisplay | undefined {
  if (!IN_TSLAB_KERNEL || process.env.TSLAB_DISABLE_DISPLAY === '1') return undefined;
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
 * Saves `figures/<name>.html` (self-contained, interactive), `.png` and `.svg` (when chromium is
 * available), and displays the figure in a notebook: interactive plotly in a trusted Jupyter
 * notebook, the PNG elsewhere (`notebookFigureHtml`). Returns the file paths written.
 */
export async function show(fig: Figure, name: string, size?: RenderSize): Promise<{ html: string; png?: string; svg?: string }> {
  const html = path.join(FIGURES_DIR, `${name}.html`);
  writeFigureHtml(fig, html, size);
  let images: FigureImages | undefined;
  try {
    images = await renderImages(fig, size);
  } catch (e) {
    process.stderr.write(`show(${name}): PNG/SVG not rendered (${(e as Error).message}); HTML at ${html}\n`);
  }
  tslabDisplay()?.html(notebookFigureHtml(fig, name, images?.png, size));
  if (images === undefined) return { html };
  const png = path.join(FIGURES_DIR, `${name}.png`);
  const svg = path.join(FIGURES_DIR, `${name}.svg`);
  fs.writeFileSync(png, images.png);
  fs.writeFileSync(svg, images.svg);
  return { html, png, svg };
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Formats a table cell: numbers to `digits` decimals, missing values as "–". */
function cell(v: unknown, digits: number): string {
  if (v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v))) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(digits);
  return String(v);
}

type Danfo = typeof import('danfojs');
let danfo: Danfo | undefined;
/** danfojs takes ~2 s to load: on first use only. */
const dfd = (): Danfo => (danfo ??= require('danfojs') as Danfo);

/** Rows (objects; a key missing from a row is null) as a danfojs DataFrame, values unrounded. */
export function tableFrame(rows: Record<string, unknown>[]): DataFrame {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return new (dfd().DataFrame)(
    rows.map((r) => cols.map((c) => r[c] ?? null)),
    { columns: cols },
  );
}

type TableOptions = { title?: string; digits?: number };

/** A frame's columns and row values as an HTML table in a notebook, as text elsewhere. */
function showColumns(cols: readonly string[], values: readonly unknown[][], opts: TableOptions): void {
  const digits = opts.digits ?? 1;
  const display = tslabDisplay();
  if (display !== undefined) {
    const head = cols.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
    const body = values.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(cell(v, digits))}</td>`).join('')}</tr>`).join('');
    const title = opts.title === undefined ? '' : `<caption>${escapeHtml(opts.title)}</caption>`;
    display.html(`<table class="avere-table">${title}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`);
    return;
  }
  if (opts.title !== undefined) console.log(opts.title);
  console.table(values.map((r) => Object.fromEntries(cols.map((c, j) => [c, cell(r[j], digits)]))));
}

/** Shows rows as their danfojs DataFrame (`tableFrame`), numbers to `digits` decimals. */
export function showTable(rows: Record<string, unknown>[], opts: TableOptions = {}): void {
  const frame = tableFrame(rows);
  showColumns(frame.columns.map(String), frame.values as unknown[][], opts);
}

/** A danfojs DataFrame (structurally: its columns and row values), shown like `showTable`; an empty one as "none". */
export function showFrame(df: { columns: string[]; values: unknown[] }, opts: TableOptions = {}): void {
  if (df.values.length === 0) {
    console.log(`${opts.title ?? 'table'}: none`);
    return;
  }
  showColumns(df.columns, df.values as unknown[][], opts);
}
