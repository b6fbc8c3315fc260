/** Display rows (column → value) for the report's tables: their columns, and the timings. */
import type { DisplayRow, Timing } from './types';

/** The columns of `rows`, in order of first appearance. */
export function columnsOf(rows: readonly DisplayRow[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r)))];
}

const minutes = (seconds: number): number => Math.round(seconds / 6) / 10;

/** Timings as display rows (minutes to one decimal). */
export function timingRows(timings: readonly Timing[]): DisplayRow[] {
  return timings.map((t) => ({
    experiment: t.experiment,
    runs: t.runs,
    'computed now': t.computed,
    'this invocation (min)': minutes(t.seconds),
    'its runs, one process each (min)': minutes(t.computeSeconds),
  }));
}
