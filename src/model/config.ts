/**
 * Configuration of the audiovisual LM (SPEC §4): projector registry, transformer sizes and
 * LoRA adapters. Defaults follow the issue and the paper (LoRA rank 8, scale 4 = α/r, α 32).
 */

/** Per-frame MLP projector ("Our base"): every feature frame becomes one LM token. */
export interface MlpProjectorOptions {
  kind: 'mlp';
  /** Hidden width of the MLP. Default 128. */
  hidden: number;
  /** Linear layers: 1 = a single affine map (the peer benchmark's projector), 2 = Linear–GELU–Linear. Default 2. */
  depth: 1 | 2;
}

/** Attention pooling to a few learned queries (the "EmotionLLaMA*" reference). */
export interface AttnPoolProjectorOptions {
  kind: 'attnpool';
  /** Learned query tokens per modality: the number of LM tokens the modality becomes. Default 4. */
  nQueries: number;
  /** Attention heads of the pooling. Default 4. */
  nHeads: number;
}

export type ProjectorOptions = MlpProjectorOptions | AttnPoolProjectorOptions;
export type ProjectorKind = ProjectorOptions['kind'];

/** Default options of each projector kind. */
export const PROJECTOR_DEFAULTS: { [K in ProjectorKind]: Extract<ProjectorOptions, { kind: K }> } = {
  mlp: { kind: 'mlp', hidden: 128, depth: 2 },
  attnpool: { kind: 'attnpool', nQueries: 4, nHeads: 4 },
};

/** Matrices of a transformer block that can carry a LoRA adapter. */
export const LORA_TARGETS = ['wq', 'wk', 'wv', 'wo', 'wff1', 'wff2'] as const;
export type LoraTarget = (typeof LORA_TARGETS)[number];

export interface LoraOptions {
  /** Rank r. Paper: 8. */
  rank: number;
  /** α; the update is scaled by α / r. Paper: scale 4, i.e. α = 32 at r = 8. */
  alpha: number;
  /** Matrices that carry an adapter. Default ["wq", "wv"]; [] disables LoRA. */
  targets: LoraTarget[];
}

export interface AvlmConfig {
  /** Vocabulary size (from the tokenizer). Default 512. */
  vocab: number;
  /** Model width. Default 128. */
  dModel: number;
  /** Transformer blocks. Default 2. */
  nLayers: number;
  /** Attention heads. Default 4. */
  nHeads: number;
  /** MLP width multiplier. Default 4. */
  ffMult: number;
  /** Feature size of one audio or video frame. Default 64. */
  featDim: number;
  /** Audio feature frames per clip. Default 8. */
  nAudioFrames: number;
  /** Video feature frames per clip. Default 8. */
  nVideoFrames: number;
  /** Longest text (prompt + response) in tokens: the size of the learned text position table. Default 64 (the tokenizer's 24-token prompt + 24-token response budget fits). */
  maxTextLen: number;
  /** Audio and video projector (one of each, same kind). Default per-frame MLP. */
  projector: ProjectorOptions;
  lora: LoraOptions;
  /** Standard deviation of the normal weight initialisation. Default 0.02 (GPT-2). */
  initStd: number;
  /** Seed of every initial weight. Default 0. */
  seed: number;
}

export const DEFAULT_AVLM_CONFIG: AvlmConfig = {
  vocab: 512,
  dModel: 128,
  nLayers: 2,
  nHeads: 4,
  ffMult: 4,
  featDim: 64,
  nAudioFrames: 8,
  nVideoFrames: 8,
  maxTextLen: 64,
  projector: PROJECTOR_DEFAULTS.mlp,
  lora: { rank: 8, alpha: 32, targets: ['wq', 'wv'] },
  initStd: 0.02,
  seed: 0,
};

/** Overrides, one level deep for `projector` and `lora`. */
export type AvlmConfigOverrides = Partial<Omit<AvlmConfig, 'projector' | 'lora'>> & {
  projector?: Partial<ProjectorOptions> & { kind?: ProjectorKind };
  lora?: Partial<LoraOptions>;
};

/** Defaults merged with overrides; a projector `kind` change starts from that kind's defaults. */
export function avlmConfig(overrides: AvlmConfigOverrides = {}): AvlmConfig {
  const kind = overrides.projector?.kind ?? DEFAULT_AVLM_CONFIG.projector.kind;
  const projector = { ...PROJECTOR_DEFAULTS[kind], ...overrides.projector, kind } as ProjectorOptions;
  const lora = { ...DEFAULT_AVLM_CONFIG.lora, ...overrides.lora };
  const cfg: AvlmConfig = { ...DEFAULT_AVLM_CONFIG, ...overrides, projector, lora };
  validateAvlmConfig(cfg);
  return cfg;
}

function positiveInt(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new Error(`model config: field "${name}" must be a positive integer, got ${JSON.stringify(v)}`);
  }
}

/** Throws a message naming the field on any invalid value. */
export function validateAvlmConfig(cfg: AvlmConfig): void {
  for (const k of ['vocab', 'dModel', 'nLayers', 'nHeads', 'ffMult', 'featDim', 'nAudioFrames', 'nVideoFrames', 'maxTextLen'] as const) {
    positiveInt(k, cfg[k]);
  }
  if (cfg.dModel % cfg.nHeads !== 0) throw new Error(`model config: dModel ${cfg.dModel} is not divisible by nHeads ${cfg.nHeads}`);
  if (!Number.isInteger(cfg.seed)) throw new Error(`model config: field "seed" must be an integer, got ${cfg.seed}`);
  if (!(cfg.initStd > 0)) throw new Error(`model config: field "initStd" must be > 0, got ${cfg.initStd}`);
  const p = cfg.projector;
  switch (p.kind) {
    case 'mlp':
      positiveInt('projector.hidden', p.hidden);
      if (p.depth !== 1 && p.depth !== 2) throw new Error(`model config: field "projector.depth" must be 1 or 2, got ${p.depth}`);
      break;
    case 'attnpool':
      positiveInt('projector.nQueries', p.nQueries);
      positiveInt('projector.nHeads', p.nHeads);
      if (cfg.dModel % p.nHeads !== 0) {
        throw new Error(`model config: dModel ${cfg.dModel} is not divisible by projector.nHeads ${p.nHeads}`);
      }
      break;
    default:
      throw new Error(`model config: unknown projector kind ${JSON.stringify((p as { kind: unknown }).kind)}`);
  }
  positiveInt('lora.rank', cfg.lora.rank);
  if (!(cfg.lora.alpha > 0)) throw new Error(`model config: field "lora.alpha" must be > 0, got ${cfg.lora.alpha}`);
  for (const t of cfg.lora.targets) {
    if (!(LORA_TARGETS as readonly string[]).includes(t)) {
      throw new Error(`model config: unknown LoRA target "${t}" (expected one of ${LORA_TARGETS.join(', ')})`);
    }
  }
  if (new Set(cfg.lora.targets).size !== cfg.lora.targets.length) throw new Error('model config: duplicate LoRA target');
}

/** LM tokens one modality contributes: one per frame (MLP) or one per query (attention pooling). */
export function tokensPerModality(cfg: AvlmConfig, frames: number): number {
  const p = cfg.projector;
  switch (p.kind) {
    case 'mlp':
      return frames;
    case 'attnpool':
      return p.nQueries;
  }
}
