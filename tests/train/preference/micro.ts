/** A micro preference problem: the reduced world's preference data and a tiny random reference model. */
import { buildTokenizer, reducedGenerateConfig } from '../../../src/data';
import { Avlm } from '../../../src/model';
import {
  datasetsFor,
  defaultPreferenceTrainConfig,
  preferenceDataOf,
  type PreferenceData,
  type PreferenceTrainConfig,
  type ReferenceModel,
} from '../../../src/train';

export function microData(): PreferenceData {
  const g = reducedGenerateConfig(0.01, 5);
  return preferenceDataOf(datasetsFor(g), g);
}

export function microReference(seed = 4): ReferenceModel {
  const g = reducedGenerateConfig(0.01, 5);
  const r = g.world.renderer;
  const model = new Avlm({
    vocab: buildTokenizer().size,
    dModel: 16,
    nLayers: 1,
    nHeads: 2,
    ffMult: 2,
    featDim: r.f,
    nAudioFrames: r.nA,
    nVideoFrames: r.nV,
    projector: { kind: 'mlp', hidden: 8, depth: 2 },
    seed,
  });
  return { model, hash: `micro-reference-${seed}` };
}

/** The run the SIGKILL test trains: 40 epochs of the micro data, a checkpoint every 5 steps. */
export function killConfig(): PreferenceTrainConfig {
  return { ...defaultPreferenceTrainConfig('avem-dpo'), batchSize: 8, lr: 5e-3, epochs: 40, checkpointEvery: 5 };
}
