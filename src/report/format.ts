/** The wording shared by the Markdown and HTML reports: numbers, views, fidelity, keys. */
import type { ReproducedTable, TableView } from '../experiments';
import type { FidelitySummary } from './types';

/** What a figure without paper numbers has instead of a fidelity. */
export const NO_FIDELITY = 'n/a';

/** The banner of a quick (smoke) run. */
export const QUICK_BANNER = 'QUICK SMOKE RUN — numbers are a smoke run, not the reproduction';

/** A number to four significant digits (integers whole); missing or non-finite as "—". */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

/** A display cell as text. */
export function cellText(v: string | number | null | undefined): string {
  return typeof v === 'string' ? v : formatNumber(v);
}

/** "full benchmark" or "text-unsolvable view". */
export function viewTitle(view: TableView): string {
  return view === 'full' ? 'full benchmark' : 'text-unsolvable view';
}

/** The key of a table in `results.json`'s fidelity summary: "<name> [<view>]". */
export function tableKey(t: Pick<ReproducedTable, 'name' | 'view'>): string {
  return `${t.name} [${t.view}]`;
}

const percent = (x: number | null): string => (x === null ? NO_FIDELITY : `${(100 * x).toFixed(0)} %`);

/**
 * "fidelity X % (strict Y %, bootstrap Z %) over N pairs the paper orders by ≥ 1 point": strict by
 * the paired t-interval over seeds, bootstrap by the paired bootstrap over questions (n/a without
 * pairs, or without a bootstrap).
 */
export function fidelityLine(f: FidelitySummary): string {
  return `fidelity ${percent(f.fidelity)} (strict ${percent(f.strict)}, bootstrap ${percent(f.bootstrapStrict)}) over ${f.pairs} pairs the paper orders by ≥ 1 point`;
}

/** The line a figure carries in place of a fidelity. */
export const FIGURE_FIDELITY_LINE = `fidelity ${NO_FIDELITY} (the paper gives no numbers for this figure)`;
