/**
 * Schema checks for readers. Every failure throws a `DataError` naming the file, the item
 * (line and/or id) and the field.
 */

export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly item: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${item}: field "${field}": ${problem}`);
    this.name = 'DataError';
  }
}

/** Where a value came from: the file and the item within it. */
export interface Ctx {
  file: string;
  item: string;
}

/** A context naming the item by its id too, once known. */
export function withId(ctx: Ctx, id: unknown): Ctx {
  return typeof id === 'string' || typeof id === 'number' ? { file: ctx.file, item: `${ctx.item} (id ${id})` } : ctx;
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function fail(ctx: Ctx, field: string, problem: string): never {
  throw new DataError(ctx.file, ctx.item, field, problem);
}

export function asObject(v: unknown, ctx: Ctx, field = '(item)'): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(ctx, field, `expected an object, got ${describe(v)}`);
  return v as Record<string, unknown>;
}

export function str(o: Record<string, unknown>, key: string, ctx: Ctx, prefix = ''): string {
  const v = o[key];
  if (typeof v !== 'string') fail(ctx, prefix + key, `expected a string, got ${describe(v)}`);
  return v;
}

export function num(
  o: Record<string, unknown>,
  key: string,
  ctx: Ctx,
  opts: { int?: boolean; min?: number; max?: number } = {},
  prefix = '',
): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(ctx, prefix + key, `expected a finite number, got ${describe(v)}`);
  if (opts.int === true && !Number.isInteger(v)) fail(ctx, prefix + key, `expected an integer, got ${v}`);
  if (opts.min !== undefined && v < opts.min) fail(ctx, prefix + key, `expected ≥ ${opts.min}, got ${v}`);
  if (opts.max !== undefined && v > opts.max) fail(ctx, prefix + key, `expected ≤ ${opts.max}, got ${v}`);
  return v;
}

export function oneOf<T extends string>(o: Record<string, unknown>, key: string, values: readonly T[], ctx: Ctx, prefix = ''): T {
  const v = o[key];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    fail(ctx, prefix + key, `expected one of ${values.join(', ')}, got ${describe(v)}`);
  }
  return v as T;
}

export function optOneOf<T extends string>(o: Record<string, unknown>, key: string, values: readonly T[], ctx: Ctx, prefix = ''): T | undefined {
  return o[key] === undefined ? undefined : oneOf(o, key, values, ctx, prefix);
}

export function arr(o: Record<string, unknown>, key: string, ctx: Ctx, prefix = ''): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(ctx, prefix + key, `expected an array, got ${describe(v)}`);
  return v;
}

export function strArr(o: Record<string, unknown>, key: string, ctx: Ctx, check?: (s: string) => boolean, prefix = ''): string[] {
  return arr(o, key, ctx, prefix).map((v, i) => {
    if (typeof v !== 'string') fail(ctx, `${prefix}${key}[${i}]`, `expected a string, got ${describe(v)}`);
    if (check !== undefined && !check(v)) fail(ctx, `${prefix}${key}[${i}]`, `unexpected value ${describe(v)}`);
    return v;
  });
}

export function sub(o: Record<string, unknown>, key: string, ctx: Ctx, prefix = ''): Record<string, unknown> {
  return asObject(o[key], ctx, prefix + key);
}
