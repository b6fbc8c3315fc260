import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { defaultDiagnosticsConfig, diagnosticsRunDir, runKey, scoreRunConfig, trainConfigFor, withSftSeed, type RunSpec } from '../../src/experiments';
import { configHash, datasetsFor, worldBuildConfig, preferenceDataDigest, preferenceDataOf, preferenceRunConfig, referenceStageConfigs } from '../../src/train';

/**
 * The hashes every cached run of the default (v1) build depends on, beyond the reference stages
 * (`tests/train/referenceHashes.test.ts`): the preference data, one preference run, one result,
 * one score run and one diagnostics run. A move or a reformat must leave every one unchanged;
 * only a deliberate change of what a run computes (a code-version bump, a new world version) may
 * move them. First pinned at commit 4dcc908, on the wasm backend (result, preference and score
 * hashes name the backend).
 */
const PINNED = {
  preferenceData: 'f5da37beba517d952b14b408dc76389bfadbcc6b70368cdf94c5d3947e491b0b',
  preferenceRun: 'd1ac7b4ad9be',
  result: '01b4dfe68379',
  score: 'cce613a2ebbb',
  diagnostics: '2775851873fd',
};

describe('pinned run hashes of the default build (v1)', () => {
  const build = worldBuildConfig('v1');
  const data = datasetsFor(build.data);
  const sftBase1 = configHash(referenceStageConfigs(build, data).sft.base);

  it('the preference-data digest', () => {
    expect(preferenceDataDigest(preferenceDataOf(data, build.data))).toBe(PINNED.preferenceData);
  });

  it('the diagnostics run of "Our base", SFT seed 1', () => {
    const diag = withSftSeed(defaultDiagnosticsConfig(build), 1);
    expect(path.basename(diagnosticsRunDir(diag, 'base', '/runs'))).toBe(`diagnostics-${PINNED.diagnostics}`);
  });

  it('one preference run, one result and one score run (wasm)', (ctx) => {
    if (tf.getBackend() !== 'wasm') ctx.skip();
    const digest = preferenceDataDigest(preferenceDataOf(data, build.data));
    const train = trainConfigFor('avem-dpo', 1, []);
    expect(configHash(preferenceRunConfig(sftBase1, digest, train))).toBe(PINNED.preferenceRun);
    const spec: RunSpec = { kind: 'preference', reference: 'base', seed: 1, objective: 'avem-dpo', set: [] };
    expect(configHash(runKey(spec, build))).toBe(PINNED.result);
    const textUnsolvableRun = path.basename(diagnosticsRunDir({ ...withSftSeed(defaultDiagnosticsConfig(build), 1), references: ['base'] }, 'base', '/runs'));
    expect(configHash(scoreRunConfig({ model: PINNED.preferenceRun, scorer: { kind: 'likelihood' }, build }, textUnsolvableRun))).toBe(PINNED.score);
  });
});
