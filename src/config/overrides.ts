/**
 * One override mechanism for every typed config (the CLI's `--set`, the experiments, the
 * notebooks): `applyOverrides(base, ['objective.beta=0.2', 'rejectedWeights=[0.5,0.5]'])`.
 *
 * - the dotted path must name a key the base config already has (an unknown key is an error
 *   naming it and listing the closest existing keys); array elements are addressed by index;
 * - the value is parsed as JSON when it parses (numbers, booleans, null, arrays, objects),
 *   otherwise it is the string itself;
 * - its type must be the default's: number, string, boolean, array or object (a `null`
 *   default takes any value: such a field is checked by its config's own validator).
 *
 * The base is not modified; the result is a deep copy.
 */

type Kind = 'number' | 'string' | 'boolean' | 'array' | 'object' | 'null';

function kindOf(v: unknown): Kind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  if (t === 'number' || t === 'string' || t === 'boolean' || t === 'object') return t;
  throw new Error(`applyOverrides: config value of type ${t} cannot be overridden`);
}

/** Levenshtein distance (for "did you mean"). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] as number;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j] as number;
      d[j] = Math.min((d[j] as number) + 1, (d[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length] as number;
}

/** Every dotted path of `value`'s keys (objects only; arrays are leaves). */
export function configPaths(value: unknown, prefix = ''): string[] {
  if (kindOf(value) !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [`${prefix}${k}`, ...configPaths(v, `${prefix}${k}.`)]);
}

function closest(wanted: string, paths: string[]): string[] {
  const leaf = wanted.split('.').pop() as string;
  return paths
    .map((p) => ({ p, d: Math.min(distance(wanted, p), distance(leaf, p.split('.').pop() as string) + 0.5) }))
    .sort((x, y) => x.d - y.d || x.p.localeCompare(y.p))
    .slice(0, 5)
    .map((x) => x.p);
}

/** `text` as JSON when it parses, else the string itself. */
export function parseOverrideValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Splits `path=value` (the first `=`), naming the argument when malformed. */
export function parseOverride(arg: string): { path: string; value: unknown } {
  const at = arg.indexOf('=');
  if (at <= 0) throw new Error(`override "${arg}": expected path=value`);
  return { path: arg.slice(0, at).trim(), value: parseOverrideValue(arg.slice(at + 1)) };
}

function setPath(root: unknown, keys: string[], value: unknown, full: string, allPaths: () => string[]): void {
  let node = root as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const where = keys.slice(0, i + 1).join('.');
    const k = kindOf(node);
    const has =
      k === 'array'
        ? /^\d+$/.test(key) && Number(key) < (node as unknown as unknown[]).length
        : k === 'object' && Object.prototype.hasOwnProperty.call(node, key);
    if (!has) {
      const near = closest(full, allPaths());
      throw new Error(`override "${full}": unknown key "${where}"${near.length > 0 ? `; closest keys: ${near.join(', ')}` : ''}`);
    }
    if (i < keys.length - 1) {
      node = node[key] as Record<string, unknown>;
      continue;
    }
    const old = node[key];
    const want = kindOf(old);
    const got = kindOf(value);
    if (want !== 'null' && want !== got) {
      throw new Error(
        `override "${full}": expected ${want === 'array' || want === 'object' ? 'an' : 'a'} ${want} (the default is ${JSON.stringify(old)}), got ${got} ${JSON.stringify(value)}`,
      );
    }
    if (got === 'number' && !Number.isFinite(value as number)) throw new Error(`override "${full}": not a finite number`);
    node[key] = value;
  }
}

/** A deep copy of `base` with each `path=value` applied in order (see the module comment). */
export function applyOverrides<T>(base: T, overrides: readonly string[]): T {
  const out = structuredClone(base);
  for (const arg of overrides) {
    const { path, value } = parseOverride(arg);
    const keys = path.split('.');
    if (keys.some((k) => k === '')) throw new Error(`override "${arg}": empty key in path "${path}"`);
    setPath(out, keys, value, path, () => configPaths(out));
  }
  return out;
}
