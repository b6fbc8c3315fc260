/**
 * The audiovisual LM (SPEC §4): projectors put audio and video tokens before the text of a
 * causal pre-LayerNorm transformer with learned positions, GELU MLPs and an output head
 * tied to the token embedding. LoRA adapters sit on the configured block matrices.
 *
 * Positions: text positions start at 0 whether or not AV tokens precede the text, and each
 * modality has its own token positions. So the text-only mode (no AV tokens) is exactly the
 * language-model backbone: π_text.
 */
import * as tf from '@tensorflow/tfjs';
import { avlmConfig, tokensPerModality, type AvlmConfig, type AvlmConfigOverrides, type LoraTarget } from './config';
import { predictorRows, prepareText, segmentMatrix, type PreparedText, type SequenceBatch } from './batch';
import { frozenMatMulTransposed, gatherConcat, gatherRows, gelu, isFrozen, layerNorm, linearAuto, matMulFast, releaseTransposes, tokenLogProbs } from '../ops';
import { expandGroups, prepareGroups, type GroupedBatch, type PreparedGroups } from './grouped';
import { attention, loraLinear, qkvProject, type LoraPair } from './layers';
import { createParams, paramGroup, type ParamGroup, type Params } from './params';
import { project } from './projector';
import { selectVariables, type TrainableSet } from './trainable';

let instances = 0;

/** Joins the q, k, v `[Bᵢ, Tᵢ, D]` of a block's streams into their attention contexts. */
type Attend = (q: Array<tf.Tensor3D | undefined>, k: tf.Tensor3D[], v: tf.Tensor3D[]) => { ctx: Array<tf.Tensor3D | undefined>; probs: tf.Tensor[] };

/** Where each kind of token sits in the sequences of a forward pass. */
export interface TokenLayout {
  /** Audio tokens occupy positions [0, nAudio). */
  nAudio: number;
  /** Video tokens occupy [nAudio, nAudio + nVideo). */
  nVideo: number;
  /** Text starts at nAudio + nVideo and runs for the padded text length. */
  textLen: number;
}

/** Per response token log-probs and which sequence each belongs to. */
export interface TokenLogProbs {
  /** log p(token | everything before it), one per response token, sequence by sequence. */
  logps: tf.Tensor1D; // [N]
  /** Sequence index of each entry of `logps`. */
  seqOf: Int32Array;
}

export class Avlm {
  readonly config: AvlmConfig;
  readonly params: Params;
  private readonly loraScale: number;

  /** Builds a model with fresh weights drawn from `config.seed`. Call `dispose()` when done. */
  constructor(config: AvlmConfig | AvlmConfigOverrides = {}) {
    this.config = avlmConfig(config as AvlmConfigOverrides);
    this.params = createParams(this.config, `avlm${instances++}`);
    this.loraScale = this.config.lora.alpha / this.config.lora.rank;
  }

  /** The variables of a training stage's trainable set (see `TRAINABLE_SETS`). */
  variables(set: TrainableSet): tf.Variable[] {
    return selectVariables(this.params, set);
  }

  /**
   * Marks the variables of `set` trainable and every other one frozen, and returns the
   * trainable ones. Frozen weights get no gradient computed (faster on wasm); computing a
   * gradient for a frozen variable gives zeros, so train only what this returned.
   */
  setTrainable(set: TrainableSet): tf.Variable[] {
    const chosen = this.variables(set);
    const keep = new Set(chosen);
    for (const v of Object.values(this.params)) v.trainable = keep.has(v);
    return chosen;
  }

  /** Copies the weights of `groups` (default all) from `other`; names and shapes must match. */
  copyWeightsFrom(other: Avlm, groups: ParamGroup[] = ['lm', 'proj', 'lora']): void {
    for (const [name, v] of Object.entries(this.params)) {
      if (!groups.includes(paramGroup(name))) continue;
      const src = other.params[name];
      if (src === undefined || !tf.util.arraysEqual(src.shape, v.shape)) {
        throw new Error(`copyWeightsFrom: variable "${name}" is missing or has another shape in the source model`);
      }
      v.assign(src);
    }
  }

  dispose(): void {
    releaseTransposes(Object.values(this.params));
    for (const v of Object.values(this.params)) v.dispose();
  }

  private p(name: string): tf.Variable {
    const x = this.params[name];
    if (x === undefined) throw new Error(`model: variable "${name}" is missing`);
    return x;
  }

  private lora(layer: number, t: LoraTarget): LoraPair | undefined {
    if (!this.config.lora.targets.includes(t)) return undefined;
    return { a: this.p(`lora.l${layer}.${t}.a`) as tf.Tensor2D, b: this.p(`lora.l${layer}.${t}.b`) as tf.Tensor2D };
  }

  private checkFeatures(x: tf.Tensor3D | undefined, frames: number, batch: number, name: string): void {
    if (x === undefined) return;
    const want = [batch, frames, this.config.featDim];
    if (!tf.util.arraysEqual(x.shape, want)) {
      throw new Error(`batch: ${name} features have shape [${x.shape}], expected [${want}]`);
    }
  }

  /**
   * The projector's LM tokens for one modality's frames `[B, F, featDim]` → `[B, n, D]`
   * (modality positions added): what the LM reads of a clip. A new tensor owned by the caller.
   */
  projectTokens(feats: tf.Tensor3D, modality: 'audio' | 'video'): tf.Tensor3D {
    this.checkFeatures(feats, modality === 'audio' ? this.config.nAudioFrames : this.config.nVideoFrames, feats.shape[0], modality);
    return tf.tidy(() => project(feats, this.params, modality, this.config.projector) as tf.Tensor3D); // [B, n, D]
  }

  /** The token layout a batch would get. */
  layout(prep: PreparedText, hasAudio: boolean, hasVideo: boolean): TokenLayout {
    return {
      nAudio: hasAudio ? tokensPerModality(this.config, this.config.nAudioFrames) : 0,
      nVideo: hasVideo ? tokensPerModality(this.config, this.config.nVideoFrames) : 0,
      textLen: prep.textLen,
    };
  }

  /** Validates token ids and lengths, and computes the host-side index arrays. */
  prepare(batch: SequenceBatch): PreparedText {
    const prep = prepareText(batch.prompts, batch.responses, this.config.vocab, this.config.maxTextLen);
    this.checkFeatures(batch.audio, this.config.nAudioFrames, prep.batch, 'audio');
    this.checkFeatures(batch.video, this.config.nVideoFrames, prep.batch, 'video');
    return prep;
  }

  /** Token embeddings plus text positions `[from, from + len)` for `tokens [B·len]` → `[B, len, D]`. */
  private embedText(tokens: Int32Array, batch: number, len: number, from: number): tf.Tensor3D {
    const d = this.config.dModel;
    const emb = gatherRows(this.p('lm.tok_emb'), tokens).reshape([batch, len, d]); // [B, L, D]
    return tf.add(emb, tf.slice(this.p('lm.pos_text'), [from, 0], [len, d])) as tf.Tensor3D; // [B, L, D]
  }

  /** AV tokens then `text` along the time axis: `[B, nA + nV + L, D]`. */
  private withAv(text: tf.Tensor3D, audio: tf.Tensor3D | undefined, video: tf.Tensor3D | undefined): tf.Tensor3D {
    const parts: tf.Tensor[] = [];
    if (audio !== undefined) parts.push(project(audio, this.params, 'audio', this.config.projector)); // [B, nA, D]
    if (video !== undefined) parts.push(project(video, this.params, 'video', this.config.projector)); // [B, nV, D]
    return (parts.length === 0 ? text : tf.concat([...parts, text], 1)) as tf.Tensor3D;
  }

  /**
   * One pre-LN transformer block over several streams of sequences `xs[i] [Bᵢ, Tᵢ, D]`.
   * Every row-wise map runs per stream; `attend` joins the streams' q, k, v. A stream in
   * `kvOnly` only provides keys and values (its queries, attention output and MLP are
   * skipped and it comes back unchanged): for rows whose outputs nothing reads.
   */
  private block(l: number, xs: tf.Tensor3D[], attend: Attend, kvOnly: boolean[] = []): { xs: tf.Tensor3D[]; probs: tf.Tensor[] } {
    const p = `lm.l${l}`;
    const s = this.loraScale;
    const d = this.config.dModel;
    const ln = (x: tf.Tensor, which: string) => layerNorm(x, this.p(`${p}.${which}.g`) as tf.Tensor1D, this.p(`${p}.${which}.b`) as tf.Tensor1D);
    const adapters = [this.lora(l, 'wq'), this.lora(l, 'wk'), this.lora(l, 'wv')] as [LoraPair | undefined, LoraPair | undefined, LoraPair | undefined];
    const qkv = xs.map((x, i) => {
      const [bsz, t] = x.shape;
      const h = ln(x, 'ln1').reshape([bsz * t, d]) as tf.Tensor2D; // [B·T, D]
      return qkvProject(h, this.p(`${p}.wqkv`) as tf.Tensor2D, adapters, s, kvOnly[i] === true).map((y) => y?.reshape([bsz, t, d])) as Array<
        tf.Tensor3D | undefined
      >; // 3 × [B, T, D]
    });
    const att = attend(
      qkv.map((e) => e[0]),
      qkv.map((e) => e[1]!),
      qkv.map((e) => e[2]!),
    );
    const out = xs.map((x, i) => {
      const ctx = att.ctx[i];
      if (ctx === undefined) return x;
      const x1 = tf.add(x, loraLinear(ctx, this.p(`${p}.wo`) as tf.Tensor2D, this.lora(l, 'wo'), s)); // [B, T, D]
      const ff = gelu(loraLinear(ln(x1, 'ln2'), this.p(`${p}.wff1`) as tf.Tensor2D, this.lora(l, 'wff1'), s)); // [B, T, F]
      return tf.add(x1, loraLinear(ff, this.p(`${p}.wff2`) as tf.Tensor2D, this.lora(l, 'wff2'), s)) as tf.Tensor3D; // [B, T, D]
    });
    return { xs: out, probs: att.probs };
  }

  /**
   * Final residual stream `[B·T, D]` (before the final LayerNorm) and, with `keepProbs`,
   * each layer's attention probabilities `[B, H, T, T]`. Call inside `tf.tidy`.
   */
  hidden(
    prep: PreparedText,
    audio: tf.Tensor3D | undefined,
    video: tf.Tensor3D | undefined,
    keepProbs = false,
  ): { x: tf.Tensor2D; layout: TokenLayout; probs: tf.Tensor[] } {
    const layout = this.layout(prep, audio !== undefined, video !== undefined);
    let x = this.withAv(this.embedText(prep.tokens, prep.batch, prep.textLen, 0), audio, video); // [B, T, D]
    const attend: Attend = ([q], [k], [v]) => {
      const a = attention(q!, k!, v!, this.config.nHeads, keepProbs);
      return { ctx: [a.ctx], probs: a.probs === undefined ? [] : [a.probs] };
    };
    const probs: tf.Tensor[] = [];
    for (let l = 0; l < this.config.nLayers; l++) {
      const out = this.block(l, [x], attend);
      x = out.xs[0]!;
      probs.push(...out.probs);
    }
    return { x: x.reshape([-1, this.config.dModel]) as tf.Tensor2D, layout, probs };
  }

  /**
   * Σ over response tokens of log p(token) for sequences that share their audio, video and
   * prompt in groups (see `GroupedBatch`): `[S]`, differentiable, equal to `sequenceLogProbs`
   * on the expanded batch. Each group's AV tokens and first prompt tokens run through the
   * model once; the rest of each sequence attends to them. A new tensor owned by the caller.
   */
  groupedSequenceLogProbs(batch: GroupedBatch, prepared?: PreparedGroups): tf.Tensor1D {
    const prep = prepared ?? this.prepareGroups(batch);
    const layout = this.layout(prep.text, batch.audio !== undefined, batch.video !== undefined);
    if (layout.nAudio + layout.nVideo + prep.prefixText === 0) {
      return tf.tidy(() => this.sequenceLogProbs(expandGroups(batch), prep.text)); // nothing to share
    }
    return tf.tidy(() => {
      const d = this.config.dModel;
      const n = prep.text.targets.length;
      if (n === 0) return tf.zeros([prep.sequences]) as tf.Tensor1D;
      let pre = this.withAv(this.embedText(prep.prefixTokens, prep.groups, prep.prefixText, 0), batch.audio, batch.video); // [G, P, D]
      let suf = this.embedText(prep.suffixTokens, prep.sequences, prep.suffixLen, prep.prefixText); // [S, Ls, D]
      const attend: Attend = ([qp, qs], [kp, ks], [vp, vs]) => {
        const ctxP = qp === undefined ? undefined : attention(qp, kp!, vp!, this.config.nHeads, false).ctx; // [G, P, D]
        const kAll = gatherConcat(kp!, prep.groupOf, ks!) as tf.Tensor3D; // [S, P + Ls, D]
        const vAll = gatherConcat(vp!, prep.groupOf, vs!) as tf.Tensor3D; // [S, P + Ls, D]
        const ctxS = attention(qs!, kAll, vAll, this.config.nHeads, false).ctx; // [S, Ls, D]
        return { ctx: [ctxP, ctxS], probs: [] };
      };
      const last = this.config.nLayers - 1;
      for (let l = 0; l <= last; l++) [pre, suf] = this.block(l, [pre, suf], attend, [l === last, false]).xs as [tf.Tensor3D, tf.Tensor3D]; // the head reads suffix rows only
      const logits = this.headAt(suf.reshape([-1, d]) as tf.Tensor2D, prep.predictorRows); // [N, V]
      const logps = tokenLogProbs(logits, tf.tensor1d(prep.text.targets, 'int32')); // [N]
      const seg = tf.tensor2d(segmentMatrix(prep.text), [prep.sequences, n]); // [S, N]
      return matMulFast(seg, logps.reshape([n, 1]) as tf.Tensor2D).reshape([prep.sequences]) as tf.Tensor1D; // [S]
    });
  }

  /** Validates a grouped batch and computes its host-side index arrays. */
  prepareGroups(batch: GroupedBatch): PreparedGroups {
    const prep = prepareGroups(batch, this.config.vocab, this.config.maxTextLen);
    this.checkFeatures(batch.audio, this.config.nAudioFrames, prep.groups, 'audio');
    this.checkFeatures(batch.video, this.config.nVideoFrames, prep.groups, 'video');
    return prep;
  }

  /** Tied output head on selected rows of the residual stream: LN_f(h) · Eᵀ → logits `[N, V]`. */
  headAt(x: tf.Tensor2D, rows: Int32Array): tf.Tensor2D {
    const picked = gatherRows(x, rows) as tf.Tensor2D; // [N, D]
    const h = layerNorm(picked, this.p('lm.lnf.g') as tf.Tensor1D, this.p('lm.lnf.b') as tf.Tensor1D) as tf.Tensor2D; // [N, D]
    const emb = this.p('lm.tok_emb');
    if (isFrozen(emb)) return frozenMatMulTransposed(h, emb); // [N, V]
    return linearAuto(h, tf.transpose(emb) as tf.Tensor2D) as tf.Tensor2D; // [N, V]
  }

  /**
   * log p of every response token, prompt and AV positions masked: the head runs only at
   * the positions that predict a response token. A new tensor owned by the caller.
   */
  tokenLogProbs(batch: SequenceBatch, prepared?: PreparedText): TokenLogProbs {
    const prep = prepared ?? this.prepare(batch);
    const logps = tf.tidy(() => {
      if (prep.targets.length === 0) return tf.zeros([0]) as tf.Tensor1D;
      const { x, layout } = this.hidden(prep, batch.audio, batch.video);
      const logits = this.headAt(x, predictorRows(prep, layout.nAudio + layout.nVideo)); // [N, V]
      return tokenLogProbs(logits, tf.tensor1d(prep.targets, 'int32'));
    });
    return { logps, seqOf: prep.seqOf };
  }

  /** Σ over response tokens of log p(token): `[B]`, differentiable. A new tensor owned by the caller. */
  sequenceLogProbs(batch: SequenceBatch, prepared?: PreparedText): tf.Tensor1D {
    const prep = prepared ?? this.prepare(batch);
    return tf.tidy(() => {
      const n = prep.targets.length;
      if (n === 0) return tf.zeros([prep.batch]) as tf.Tensor1D;
      const { logps } = this.tokenLogProbs(batch, prep);
      const seg = tf.tensor2d(segmentMatrix(prep), [prep.batch, n]); // [B, N]
      return matMulFast(seg, logps.reshape([n, 1]) as tf.Tensor2D).reshape([prep.batch]) as tf.Tensor1D; // [B]
    });
  }

  /** Logits `[B, V]` of the next token after each sequence's full text (prompt + response). */
  nextTokenLogits(batch: SequenceBatch, prepared?: PreparedText): tf.Tensor2D {
    const prep = prepared ?? this.prepare(batch);
    return tf.tidy(() => {
      const { x, layout } = this.hidden(prep, batch.audio, batch.video);
      const t = layout.nAudio + layout.nVideo + prep.textLen;
      const rows = Int32Array.from(prep.lengths, (len, b) => b * t + layout.nAudio + layout.nVideo + len - 1);
      return this.headAt(x, rows);
    });
  }

  /** Each layer's attention probabilities `[B, H, T, T]` (new tensors owned by the caller) and the token layout. */
  attentionMaps(batch: SequenceBatch): { probs: tf.Tensor4D[]; layout: TokenLayout; prepared: PreparedText } {
    const prep = this.prepare(batch);
    let layout: TokenLayout | undefined;
    const probs = tf.tidy(() => {
      const out = this.hidden(prep, batch.audio, batch.video, true);
      layout = out.layout;
      return out.probs;
    }) as tf.Tensor4D[];
    return { probs, layout: layout as TokenLayout, prepared: prep };
  }
}
