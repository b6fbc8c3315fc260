/**
 * The two reference models of the paper (π_ref): "Our base" (per-frame MLP projectors) and
 * "EmotionLLaMA*" (attention-pooling projectors), built in two cached stages:
 *
 * 1. `pretrain` — the LM alone on the world's text corpus (shared by both references):
 *    every text token after BOS is a target, so the LM learns the text prior. Trains `lm`.
 * 2. `sft-<reference>` — projectors and LM together on the SFT instruction data (prompt
 *    masked, response tokens are the targets). Trains `projectors+lm`: the tiny LM must learn
 *    the instruction formats, and the projectors start from scratch (the paper pretrains its
 *    projectors on captioning; here SFT teaches perception and formats at once).
 *
 * LoRA adapters exist in every model (B = 0) but are trained only by preference optimisation.
 */
import { createHash } from 'crypto';
import {
  buildTokenizer,
  defaultGenerateConfig,
  generateDatasets,
  mergeConfig,
  reducedGenerateConfig,
  type Datasets,
  type GenerateConfig,
  type GenerateConfigOverrides,
  type Tokenizer,
} from '../data';
import { avlmConfig, Avlm, type AvlmConfig, type AvlmConfigOverrides, type ProjectorOptions } from '../model';
import { renderClip, type ClipFeatures, type ClipSpec, type WorldConfig } from '../world';
import { configHash, defaultRunsRoot, stableStringify } from '../runs';
import type { TokenExample } from './examples';
import { runStage, type StageOptions, type StageResult } from './stage';

export const REFERENCE_NAMES = ['base', 'emotionllama'] as const;
/** `base` = the paper's "Our base"; `emotionllama` = its "EmotionLLaMA*" row. */
export type ReferenceName = (typeof REFERENCE_NAMES)[number];

/**
 * Part of every stage's hashed config: bump it when a change to the model or training code
 * changes what a stage produces, so cached runs are not reused. 2: the wasm kernels of issue 7
 * (SIMD products, fused LayerNorm/GELU) round differently, and retrained references differ.
 */
export const TRAIN_CODE_VERSION = 2;

/** Which text tokens the pretraining loss covers: every token after BOS, or only the response. */
export type PretrainTarget = 'all' | 'response';

export interface ReferenceBuildConfig {
  /** World and corpora. */
  data: GenerateConfig;
  /** Model sizes and LoRA, shared by both references (the projector comes from `projectors`). */
  model: AvlmConfigOverrides;
  /** Projector of each reference. */
  projectors: Record<ReferenceName, ProjectorOptions>;
  pretrain: StageOptions & { target: PretrainTarget };
  sft: StageOptions;
}

/**
 * Stage defaults, sized for the ≤ 20-minute budget of the default build on 2 cores (wasm):
 * batch 32, AdamW, warm-up then cosine decay to 10 %.
 */
export const DEFAULT_PRETRAIN: ReferenceBuildConfig['pretrain'] = {
  target: 'all',
  trainable: 'lm',
  epochs: 1.5,
  batchSize: 32,
  lr: 3e-3,
  warmupSteps: 50,
  minLrRatio: 0.1,
  weightDecay: 0.01,
  clipNorm: 1,
  checkpointEvery: 200,
  bucketByLength: true,
  seed: 11,
};

export const DEFAULT_SFT: StageOptions = {
  trainable: 'projectors+lm',
  epochs: 1.5,
  batchSize: 32,
  lr: 1e-3,
  warmupSteps: 50,
  minLrRatio: 0.1,
  weightDecay: 0.01,
  clipNorm: 1,
  checkpointEvery: 200,
  bucketByLength: true,
  seed: 1,
};

/**
 * Defaults: the world's default config (its bias knobs as calibrated against these references'
 * diagnostics, SPEC §3) with `dataOverrides`, the model defaults, MLP vs attention-pooling projectors.
 */
export function defaultReferenceBuildConfig(dataOverrides: GenerateConfigOverrides = {}): ReferenceBuildConfig {
  return {
    data: mergeConfig(defaultGenerateConfig(), dataOverrides),
    model: {},
    projectors: {
      base: { kind: 'mlp', hidden: 128, depth: 2 },
      emotionllama: { kind: 'attnpool', nQueries: 4, nHeads: 4 },
    },
    pretrain: { ...DEFAULT_PRETRAIN },
    sft: { ...DEFAULT_SFT },
  };
}

/**
 * A smoke-test build (notebooks in CI, `--quick`): every dataset at `factor` of its default size
 * (`reducedGenerateConfig`), the same model and stage options. Its numbers are a smoke run, not
 * the calibrated references.
 */
export function quickReferenceBuildConfig(factor = 0.1): ReferenceBuildConfig {
  return { ...defaultReferenceBuildConfig(), data: reducedGenerateConfig(factor) };
}

/** The full model config of a reference (vocabulary size from the tokenizer). */
export function referenceModelConfig(cfg: ReferenceBuildConfig, name: ReferenceName): AvlmConfig {
  const tok = buildTokenizer();
  const r = cfg.data.world.renderer;
  return avlmConfig({
    ...cfg.model,
    vocab: cfg.model.vocab ?? tok.size,
    featDim: r.f,
    nAudioFrames: r.nA,
    nVideoFrames: r.nV,
    projector: cfg.projectors[name],
  });
}

const datasetCache = new Map<string, Datasets>();

/** Every dataset of a generation config (memoised per process by config hash). */
export function datasetsFor(data: GenerateConfig): Datasets {
  const key = configHash(data);
  let d = datasetCache.get(key);
  if (d === undefined) {
    d = generateDatasets(data);
    datasetCache.clear();
    datasetCache.set(key, d);
  }
  return d;
}

/** Rendered features of clips, by clip id (memoised per clip list). */
export class FeatureCache {
  private readonly byId = new Map<string, ClipFeatures>();
  constructor(private readonly world: WorldConfig) {}
  add(clips: readonly ClipSpec[]): this {
    for (const c of clips) if (!this.byId.has(c.id)) this.byId.set(c.id, renderClip(c, this.world));
    return this;
  }
  get(id: string): ClipFeatures {
    const f = this.byId.get(id);
    if (f === undefined) throw new Error(`no rendered features for clip "${id}"`);
    return f;
  }
}

function digest(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex');
}

/** Pretraining examples: prompt = [BOS]; response = the rest of the text (`all`), or prompt/response split (`response`). */
export function pretrainExamples(d: Datasets, tok: Tokenizer, target: PretrainTarget): TokenExample[] {
  return d.text.map((t) => {
    const prompt = tok.encodePrompt(t.prompt);
    const response = tok.encodeResponse(t.response);
    switch (target) {
      case 'all':
        return { prompt: prompt.slice(0, 1), response: [...prompt.slice(1), ...response] };
      case 'response':
        return { prompt, response };
    }
  });
}

/** SFT examples with both modalities' features. */
export function sftExamples(d: Datasets, tok: Tokenizer, features: FeatureCache): TokenExample[] {
  features.add(d.sft.clips);
  return d.sft.examples.map((e) => {
    const f = features.get(e.clipId);
    return { prompt: tok.encodePrompt(e.prompt), response: tok.encodeResponse(e.response), audio: f.audio, video: f.video };
  });
}

/** The LM part of a model config (what pretraining depends on). */
function lmPart(m: AvlmConfig): Omit<AvlmConfig, 'projector'> {
  const rest: Partial<AvlmConfig> = { ...m };
  delete rest.projector;
  return rest as Omit<AvlmConfig, 'projector'>;
}

export interface BuildOptions {
  /** Root of the run directories. Default `runs/` (or `AVERE_RUNS_DIR`). */
  root?: string;
  progress?: boolean;
  /** Which references to build. Default both. */
  only?: ReferenceName[];
}

export interface ReferenceBuild {
  /** The SFT'd reference models (owned by the caller: dispose them). */
  models: Partial<Record<ReferenceName, Avlm>>;
  pretrain: StageResult;
  sft: Partial<Record<ReferenceName, StageResult>>;
  /** Seconds per stage spent in this call (0 when loaded from the cache). */
  seconds: Record<string, number>;
  /** True when every stage came from the cache. */
  cached: boolean;
}

/** The hashed config of every stage of a reference build (what each stage's run directory is named after). */
export interface ReferenceStageConfigs {
  pretrain: {
    kind: 'pretrain';
    code: number;
    lm: Omit<AvlmConfig, 'projector'>;
    /** SHA-256 of the text corpus. */
    textCorpus: string;
    options: ReferenceBuildConfig['pretrain'];
  };
  /** The SFT stage of each reference. */
  sft: Record<
    ReferenceName,
    {
      kind: 'sft';
      code: number;
      reference: ReferenceName;
      /** The model the stage builds (its seed is the SFT seed). */
      model: AvlmConfig;
      /** The pretrain run's hash. */
      pretrain: string;
      sftData: { examples: string; clips: string; world: WorldConfig };
      options: StageOptions;
    }
  >;
}

/**
 * The stage configs of `cfg` (pinned by a golden test: the cached reference models live under
 * their hashes). SFT seed s reseeds the whole stage: projector and LoRA initialisation (the
 * model seed) and the batch order.
 */
export function referenceStageConfigs(cfg: ReferenceBuildConfig, d: Datasets = datasetsFor(cfg.data)): ReferenceStageConfigs {
  const pretrain: ReferenceStageConfigs['pretrain'] = {
    kind: 'pretrain',
    code: TRAIN_CODE_VERSION,
    lm: lmPart(referenceModelConfig(cfg, 'base')),
    textCorpus: digest(d.text),
    options: cfg.pretrain,
  };
  const pretrainHash = configHash(pretrain);
  const sftData = { examples: digest(d.sft.examples), clips: digest(d.sft.clips), world: cfg.data.world };
  const sft = (name: ReferenceName): ReferenceStageConfigs['sft'][ReferenceName] => ({
    kind: 'sft',
    code: TRAIN_CODE_VERSION,
    reference: name,
    model: { ...referenceModelConfig(cfg, name), seed: cfg.sft.seed },
    pretrain: pretrainHash,
    sftData,
    options: cfg.sft,
  });
  return { pretrain, sft: { base: sft('base'), emotionllama: sft('emotionllama') } };
}

/** Builds (or loads from the run cache) the pretrained LM and the SFT'd references. */
export async function buildReferences(cfg: ReferenceBuildConfig, opts: BuildOptions = {}): Promise<ReferenceBuild> {
  const root = opts.root ?? defaultRunsRoot();
  const progress = opts.progress ?? true;
  const names = opts.only ?? [...REFERENCE_NAMES];
  const tok = buildTokenizer();
  const d = datasetsFor(cfg.data);
  const seconds: Record<string, number> = {};
  const baseModel = referenceModelConfig(cfg, 'base');

  const stages = referenceStageConfigs(cfg, d);
  let t0 = performance.now();
  const pre = await runStage({
    stage: 'pretrain',
    config: stages.pretrain,
    provenance: { data: cfg.data },
    root,
    // the projector of the base model is built but never used by text pretraining (only `lm` is hashed and kept)
    init: async () => new Avlm(baseModel),
    examples: () => pretrainExamples(d, tok, stages.pretrain.options.target),
    progress,
  });
  seconds['pretrain'] = pre.cached ? 0 : (performance.now() - t0) / 1000;
  const models: Partial<Record<ReferenceName, Avlm>> = {};
  const sft: Partial<Record<ReferenceName, StageResult>> = {};
  let allCached = pre.cached;
  try {
    const features = new FeatureCache(cfg.data.world);
    for (const name of names) {
      t0 = performance.now();
      const stage = stages.sft[name];
      const run = await runStage({
        stage: `sft-${name}`,
        config: stage,
        provenance: { data: cfg.data, pretrain: pre.result.config },
        root,
        init: async () => {
          const m = new Avlm(stage.model);
          m.copyWeightsFrom(pre.model, ['lm']);
          return m;
        },
        examples: () => sftExamples(d, tok, features),
        progress,
      });
      seconds[`sft-${name}`] = run.cached ? 0 : (performance.now() - t0) / 1000;
      allCached = allCached && run.cached;
      models[name] = run.model;
      sft[name] = run.result;
    }
  } catch (e) {
    Object.values(models).forEach((m) => m?.dispose());
    throw e;
  } finally {
    pre.model.dispose();
  }
  return { models, pretrain: pre.result, sft, seconds, cached: allCached };
}
