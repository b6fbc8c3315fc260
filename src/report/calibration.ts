/**
 * The references' calibration status as a list of criteria, read tolerantly from whatever JSON
 * summary the caller has: `{ status?, criteria?: [{ name, holds, detail? }] }`, where a
 * criterion's `pass` stands in for `holds` and its `target` for `detail` (the shape of
 * `summarizeCalibration`), an object's `pass` for its `status`, a bare array for the criteria and
 * a bare string for the status. Anything else is shown as its JSON.
 */

export interface CalibrationItem {
  name: string;
  /** null: the summary does not say. */
  holds: boolean | null;
  detail?: string;
}

export interface CalibrationView {
  /** null: the summary gives no status. */
  status: string | null;
  criteria: CalibrationItem[];
  /** The summary as JSON when neither a status nor criteria could be read from it. */
  verbatim?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function item(v: unknown, i: number): CalibrationItem {
  if (!isObject(v)) return { name: typeof v === 'string' ? v : `criterion ${i + 1}`, holds: null };
  const holds = typeof v.holds === 'boolean' ? v.holds : typeof v.pass === 'boolean' ? v.pass : null;
  const detail = typeof v.detail === 'string' ? v.detail : typeof v.target === 'string' ? v.target : undefined;
  return { name: typeof v.name === 'string' ? v.name : `criterion ${i + 1}`, holds, ...(detail === undefined ? {} : { detail }) };
}

function statusOf(v: Json): string | null {
  if (typeof v.status === 'string') return v.status;
  if (typeof v.pass === 'boolean') return v.pass ? 'pass' : 'fail';
  return null;
}

/** Reads a calibration summary for display. */
export function calibrationView(summary: unknown): CalibrationView {
  if (summary === null || summary === undefined) return { status: 'not given', criteria: [] };
  if (typeof summary === 'string') return { status: summary, criteria: [] };
  if (Array.isArray(summary)) return { status: null, criteria: summary.map(item) };
  if (isObject(summary)) {
    const status = statusOf(summary);
    const criteria = Array.isArray(summary.criteria) ? summary.criteria.map(item) : [];
    if (status !== null || criteria.length > 0) return { status, criteria };
  }
  return { status: null, criteria: [], verbatim: JSON.stringify(summary) ?? String(summary) };
}

/** "holds", "fails" or "unknown". */
export function holdsText(holds: boolean | null): string {
  return holds === null ? 'unknown' : holds ? 'holds' : 'fails';
}
