/**
 * World versions: a world version is a named preset of the whole reference build (the world,
 * its corpora, the model, the training stages) and of the preference construction. A version,
 * once frozen, is never edited: a change to any of its parts is a new version, with its own
 * calibration rule and freeze, and the old one stays reproducible byte for byte (its golden
 * hashes, `tests/train/referenceHashes.test.ts`). Code whose behaviour differs between versions
 * reads it from the hashed config, never from a constant changed in place.
 */
import { defaultGenerateConfig, reducedGenerateConfig } from '../data';
import { defaultReferenceBuildConfig, type ReferenceBuildConfig } from './references';

export const WORLD_VERSIONS = ['v1'] as const;
export type WorldVersion = (typeof WORLD_VERSIONS)[number];

/** The version every command builds unless told otherwise. */
export const DEFAULT_WORLD_VERSION: WorldVersion = 'v1';

export interface WorldBuildOptions {
  /** Root seed of every dataset (the world seed). Default 1. */
  seed?: number;
  /** Every dataset at this fraction of its size, in (0, 1]. Default: full size. */
  scale?: number;
}

/** What each version is, in one line (for `--help` and the docs). */
export const WORLD_VERSION_SUMMARY: Record<WorldVersion, string> = {
  v1: 'the first world (frozen in 0c73eac): summed cue evidence, a 2-layer d = 128 LM; its reference is cue-blind (docs/results-v1.md)',
};

/** The reference build of `version` at a world seed and scale. */
export function worldBuildConfig(version: WorldVersion, opts: WorldBuildOptions = {}): ReferenceBuildConfig {
  const seed = opts.seed ?? 1;
  switch (version) {
    case 'v1': {
      const build = defaultReferenceBuildConfig();
      if (opts.scale !== undefined) build.data = reducedGenerateConfig(opts.scale, seed);
      else if (seed !== 1) build.data = defaultGenerateConfig(seed);
      return build;
    }
  }
}

/** `name` as a world version, or an error listing the versions. */
export function parseWorldVersion(name: string, where = 'world version'): WorldVersion {
  if ((WORLD_VERSIONS as readonly string[]).includes(name)) return name as WorldVersion;
  throw new Error(`${where}: unknown world version ${JSON.stringify(name)} (expected one of ${WORLD_VERSIONS.join(', ')})`);
}
