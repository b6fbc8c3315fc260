/** Config overrides: `path=value` validated against a typed config's existing keys and types. */
export { applyOverrides, parseOverride, parseOverrideValue, configPaths } from './overrides';
export { parseGridAxis, expandGrid, gridPointValues } from './grid';
export type { GridAxis } from './grid';
