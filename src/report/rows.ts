/** Display rows (column → value) for the report's tables: their columns, and the timings. */
import type { DisplayRow, Timing } from './types';

/** The columns of `rows`, in order of first appearance. */
export function columnsOf(rows: readonly DisplayRow[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r)))];
}

/** Timings as display rows (seconds rounded, minutes to one decimal). */
export function timingRows(timings: readonly Timing[]): DisplayRow[] {
  return timings.map((t) => ({ experiment: t.experiment, runs: t.runs, seconds: Math.round(t.seconds), minutes: Math.round(t.seconds / 6) / 10 }));
}
