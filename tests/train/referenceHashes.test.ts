import { describe, expect, it } from 'vitest';
import { configHash, defaultReferenceBuildConfig, referenceStageConfigs } from '../../src/train';

/**
 * The reference models of the multi-hour calibration are cached under these run hashes.
 * Computed with the code of commit 45569dd (before the run cache moved to src/runs), by
 * rebuilding each stage's config as `buildReferences` did then; the pretrain hash matches the
 * live `runs/pretrain-196cf0efceec`. A refactor must never change them (bump
 * TRAIN_CODE_VERSION only when what a stage produces changes).
 */
const GOLDEN = {
  pretrain: '196cf0efceec',
  sft: {
    1: { base: 'bc52e62241a2', emotionllama: 'ddfc538ec5f7' },
    2: { base: 'db01c4568a5c', emotionllama: 'e6b16769d715' },
    3: { base: '944ad6f6c584', emotionllama: 'c7ee27d8894c' },
  },
};

describe('reference stage hashes (golden)', () => {
  it('are unchanged for defaultReferenceBuildConfig() at SFT seeds 1, 2, 3', () => {
    for (const seed of [1, 2, 3] as const) {
      const cfg = defaultReferenceBuildConfig();
      cfg.sft.seed = seed;
      const stages = referenceStageConfigs(cfg);
      expect(configHash(stages.pretrain)).toBe(GOLDEN.pretrain);
      expect({ base: configHash(stages.sft.base), emotionllama: configHash(stages.sft.emotionllama) }).toEqual(GOLDEN.sft[seed]);
    }
  });
});
