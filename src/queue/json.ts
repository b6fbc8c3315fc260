/**
 * Shape checks of untrusted JSON (a job's payload, a worker's result): plain JSON values only,
 * finite numbers, bounded depth, no prototype keys, and conformance to a template object
 * (the defaults of a config: same keys, same kinds). Every error names the path.
 */

/** Raised for a payload or result of the wrong shape; the message names the path and the problem. */
export class PayloadError extends Error {
  override name = 'PayloadError';
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 24;

export type JsonKind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

/** The JSON kind of `v`, or undefined for a value JSON cannot hold (a function, undefined, a class instance…). */
export function jsonKind(v: unknown): JsonKind | undefined {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'boolean':
    case 'number':
    case 'string':
      return typeof v as JsonKind;
    case 'object': {
      const proto = Object.getPrototypeOf(v) as unknown;
      return proto === Object.prototype || proto === null ? 'object' : undefined;
    }
    default:
      return undefined;
  }
}

/** Throws a {@link PayloadError} naming `where`. */
export function fail(where: string, problem: string): never {
  throw new PayloadError(`${where}: ${problem}`);
}

/** `v` as a plain object (or a {@link PayloadError}). */
export function asRecord(v: unknown, where: string): Record<string, unknown> {
  if (jsonKind(v) !== 'object') fail(where, `expected an object, got ${jsonKind(v) ?? typeof v}`);
  return v as Record<string, unknown>;
}

/** Checks that `o` has exactly the keys `keys`. */
export function exactKeys(o: Record<string, unknown>, keys: readonly string[], where: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) fail(where, `unexpected key "${k}" (expected ${keys.join(', ')})`);
  for (const k of keys) if (!Object.prototype.hasOwnProperty.call(o, k)) fail(where, `missing key "${k}"`);
}

/** Checks that `v` is plain JSON: finite numbers, no prototype keys, depth ≤ 24. */
export function checkJson(v: unknown, where: string, depth = 0): void {
  if (depth > MAX_DEPTH) fail(where, `nested deeper than ${MAX_DEPTH} levels`);
  const k = jsonKind(v);
  if (k === undefined) fail(where, `not a JSON value (${typeof v})`);
  if (k === 'number' && !Number.isFinite(v)) fail(where, 'not a finite number');
  if (k === 'array') (v as unknown[]).forEach((x, i) => checkJson(x, `${where}[${i}]`, depth + 1));
  if (k === 'object') {
    for (const [key, x] of Object.entries(v as Record<string, unknown>)) {
      if (FORBIDDEN_KEYS.has(key)) fail(where, `forbidden key "${key}"`);
      checkJson(x, `${where}.${key}`, depth + 1);
    }
  }
}

/**
 * Checks that `v` has the shape of `template`: the same JSON kind at every path; objects with
 * the template's keys (all of them, or a subset when `partial`); array elements shaped like the
 * template's first element. A `null` in the template accepts any JSON value (such a field is
 * checked by its consumer).
 */
export function conform(v: unknown, template: unknown, where: string, partial = false, depth = 0): void {
  const tk = jsonKind(template);
  if (tk === 'null' || tk === undefined) {
    checkJson(v, where, depth);
    return;
  }
  if (depth > MAX_DEPTH) fail(where, `nested deeper than ${MAX_DEPTH} levels`);
  const vk = jsonKind(v);
  if (vk !== tk) fail(where, `expected ${tk}, got ${vk ?? typeof v}`);
  if (tk === 'number' && !Number.isFinite(v)) fail(where, 'not a finite number');
  if (tk === 'array') {
    const first = (template as unknown[])[0];
    (v as unknown[]).forEach((x, i) =>
      first === undefined ? checkJson(x, `${where}[${i}]`, depth + 1) : conform(x, first, `${where}[${i}]`, false, depth + 1),
    );
  }
  if (tk === 'object') {
    const t = template as Record<string, unknown>;
    const o = v as Record<string, unknown>;
    for (const [key, x] of Object.entries(o)) {
      if (FORBIDDEN_KEYS.has(key)) fail(where, `forbidden key "${key}"`);
      if (!Object.prototype.hasOwnProperty.call(t, key)) fail(where, `unknown key "${key}"`);
      conform(x, t[key], `${where}.${key}`, partial, depth + 1);
    }
    if (!partial) for (const key of Object.keys(t)) if (!Object.prototype.hasOwnProperty.call(o, key)) fail(where, `missing key "${key}"`);
  }
}
