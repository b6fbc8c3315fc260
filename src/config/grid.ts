/**
 * Parameter grids for sweeps: `--grid lr=1e-4,3e-4 --grid batchSize=8,16` → every combination,
 * each a list of `path=value` overrides for `applyOverrides`.
 */
import { parseOverrideValue } from './overrides';

export interface GridAxis {
  path: string;
  /** Each value as given (`path=value` text), parsed by `applyOverrides`. */
  values: string[];
}

/** `path=v1,v2,…` → an axis; values are split on commas outside brackets and braces. */
export function parseGridAxis(arg: string): GridAxis {
  const at = arg.indexOf('=');
  if (at <= 0) throw new Error(`grid "${arg}": expected path=value,value,…`);
  const values: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of arg.slice(at + 1)) {
    if (ch === '[' || ch === '{') depth++;
    if (ch === ']' || ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      values.push(cur);
      cur = '';
    } else cur += ch;
  }
  values.push(cur);
  const path = arg.slice(0, at).trim();
  if (values.some((v) => v.trim() === '')) throw new Error(`grid "${arg}": empty value`);
  return { path, values: values.map((v) => v.trim()) };
}

/** Every point of the grid (the last axis varies fastest), as override lists. */
export function expandGrid(axes: readonly GridAxis[]): string[][] {
  return axes.reduce<string[][]>((points, axis) => points.flatMap((p) => axis.values.map((v) => [...p, `${axis.path}=${v}`])), [[]]);
}

/** A grid point's overrides as a record of parsed values (for reports). */
export function gridPointValues(point: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(point.map((o) => [o.slice(0, o.indexOf('=')), parseOverrideValue(o.slice(o.indexOf('=') + 1))]));
}
