/**
 * Consistency of a loaded dataset directory, beyond each file's own schema: the config has
 * the generator's shape and the manifest's seed, the manifest's counts match what was read,
 * every clip set was rendered with the config's renderer dimensions, and every clip id a
 * question, example or sample refers to is in its clip set. (Hashes are checked before
 * reading, in `verifyManifest`; non-finite features when a clip set opens, in `FeatureStore`.)
 */
import * as path from 'path';
import { defaultGenerateConfig, type GenerateConfig } from './config';
import type { ClipSet } from './clips';
import { countsOf, type Manifest } from './manifest';
import { fail, type Ctx } from './validate';

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/**
 * `value` has the keys of `ref`, recursively, with values of the same kind (a number where
 * the default has a number, …). `null` and an object may stand for each other (an optional
 * sub-config such as a source's `shift`); arrays are checked to be arrays.
 */
function checkShape(value: unknown, ref: unknown, ctx: Ctx, at: string): void {
  const kv = kindOf(value);
  const kr = kindOf(ref);
  if ((kv === 'null' && kr === 'object') || (kv === 'object' && kr === 'null')) return;
  if (kv !== kr || (kv === 'number' && !Number.isFinite(value))) fail(ctx, at, `expected ${kr === 'object' ? 'an object' : `a ${kr}`}, got ${JSON.stringify(value) ?? 'nothing'}`);
  if (kv !== 'object') return;
  const v = value as Record<string, unknown>;
  const r = ref as Record<string, unknown>;
  const prefix = at === '' ? '' : `${at}.`;
  for (const k of Object.keys(v)) if (!(k in r)) fail(ctx, `${prefix}${k}`, 'unknown key (not in the generator\'s config)');
  for (const k of Object.keys(r)) checkShape(v[k], r[k], ctx, `${prefix}${k}`);
}

/** The config's shape and seed (`config.json` against the generator's defaults and the manifest). */
export function verifyConfig(config: GenerateConfig, manifest: Manifest, file: string): void {
  const ctx: Ctx = { file, item: '(config)' };
  checkShape(config, defaultGenerateConfig(), ctx, '');
  if (config.seed !== manifest.seed) fail(ctx, 'seed', `${config.seed}, but the manifest says ${manifest.seed}`);
}

/** One clip set with the references into it: `refs(item)` lists `[field, clip id]` pairs. */
export interface ClipRefs<T> {
  /** The clip set's directory, relative to the dataset directory. */
  dir: string;
  clips: ClipSet;
  /** The file holding the items, relative to the dataset directory, and the items. */
  file: string;
  items: readonly T[];
  /** How an item is named in errors (its index and id). */
  name: (item: T, index: number) => string;
  refs: (item: T) => Array<[string, string]>;
}

/** Renderer dimensions of the clip set and every clip id its items refer to. */
export function verifyClipSet<T>(root: string, config: GenerateConfig, set: ClipRefs<T>): void {
  const index = set.clips.features.index;
  const indexFile = path.join(root, set.dir, 'features.json');
  for (const dim of ['nA', 'nV', 'f'] as const) {
    const want = config.world.renderer[dim];
    if (index[dim] !== want) fail({ file: indexFile, item: '(index)' }, dim, `${index[dim]}, but config.json's world.renderer.${dim} is ${want}`);
  }
  const file = path.join(root, set.file);
  const clipsFile = path.join(root, set.dir, 'clips.jsonl');
  set.items.forEach((item, i) => {
    for (const [field, id] of set.refs(item)) {
      if (!set.clips.byId.has(id)) fail({ file, item: set.name(item, i) }, field, `clip "${id}" is not in ${clipsFile}`);
    }
  });
}

/** The manifest's counts against what was read. */
export function verifyCounts(loaded: Parameters<typeof countsOf>[0], manifest: Manifest, manifestFile: string): void {
  const read = countsOf(loaded);
  for (const [k, n] of Object.entries(read)) {
    if (manifest.counts[k] !== n) fail({ file: manifestFile, item: '(manifest)' }, `counts.${k}`, `${manifest.counts[k]} in the manifest, ${n} read`);
  }
}
