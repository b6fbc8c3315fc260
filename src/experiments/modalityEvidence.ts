/**
 * The measurements behind the paper's Fig. 5, taken on every scored model:
 * - left: the mean share of AV attention on audio tokens (vs video tokens) for audio and for
 *   visual basic-reasoning questions;
 * - right: the log-likelihood of the correct option of visual basic-reasoning questions with the
 *   clip's own audio and with another clip's audio (the adversary a_adv of §E.9). A model that
 *   grounds visual answers on the video shows a negligible shift.
 */
import * as tf from '@tensorflow/tfjs';
import { scoringView, type Tokenizer } from '../data';
import type { EmoRealmItem, EmoRealmTask } from '../formats';
import { attentionShares, scoreChoices, stackFeatures, type Avlm, type ChoiceQuestion } from '../model';
import type { FeatureCache } from '../train';
import type { ChoiceSettings } from './diagnostics';

export interface AttentionEvidence {
  /** Mean audio share of AV attention on audio basic-reasoning questions (NaN when there are none). */
  audioShareOnAudioTasks: number;
  /** The same on visual basic-reasoning questions. */
  audioShareOnVisualTasks: number;
}

export interface AudioSwapEvidence {
  /** Item ids of the visual basic-reasoning questions measured, in order. */
  ids: string[];
  /** Summed log-likelihood of the correct option with the clip's own audio. */
  own: number[];
  /** The same with the audio of another clip (the next measured question's clip, cyclically). */
  swapped: number[];
}

export interface ModalityEvidence {
  attention: AttentionEvidence;
  audioSwap: AudioSwapEvidence;
}

/** Questions per measurement. Default 128 (attention, per task) and 256 (audio swap). */
export interface ModalityEvidenceSettings {
  attentionSample: number;
  swapSample: number;
}

export const DEFAULT_MODALITY_EVIDENCE: ModalityEvidenceSettings = { attentionSample: 128, swapSample: 256 };

function basic(items: readonly EmoRealmItem[], task: EmoRealmTask, n: number): EmoRealmItem[] {
  return items.filter((i) => i.task === task).slice(0, n);
}

/** Mean audio share of attention over the correct responses of up to `n` questions of `task`. */
function audioShare(model: Avlm, items: readonly EmoRealmItem[], task: EmoRealmTask, tok: Tokenizer, features: FeatureCache, n: number): number {
  const sel = basic(items, task, n);
  if (sel.length === 0) return NaN;
  const cfg = model.config;
  const audio = stackFeatures(
    sel.map((it) => features.get(it.video).audio),
    cfg.nAudioFrames,
    cfg.featDim,
  ); // [B, nA, f]
  const video = stackFeatures(
    sel.map((it) => features.get(it.video).video),
    cfg.nVideoFrames,
    cfg.featDim,
  ); // [B, nV, f]
  try {
    const s = attentionShares(model, {
      audio,
      video,
      prompts: sel.map((it) => tok.encodePrompt(scoringView(it).prompt)),
      responses: sel.map((it) => {
        const v = scoringView(it);
        return tok.encode(v.options[v.answerIndex] as string);
      }),
    });
    return s.audioBySequence.reduce((a, b) => a + b, 0) / s.audioBySequence.length;
  } finally {
    tf.dispose([audio, video]);
  }
}

/** Attention shares on audio and on visual basic-reasoning questions (Fig. 5 left). */
export function attentionEvidence(model: Avlm, items: readonly EmoRealmItem[], tok: Tokenizer, features: FeatureCache, n: number): AttentionEvidence {
  return {
    audioShareOnAudioTasks: audioShare(model, items, 'reasoning_basic_audio', tok, features, n),
    audioShareOnVisualTasks: audioShare(model, items, 'reasoning_basic_video', tok, features, n),
  };
}

/** Correct-option log-likelihoods on visual questions with own vs another clip's audio (Fig. 5 right). */
export function audioSwapEvidence(
  model: Avlm,
  items: readonly EmoRealmItem[],
  tok: Tokenizer,
  features: FeatureCache,
  choice: ChoiceSettings,
  n: number,
): AudioSwapEvidence {
  const sel = basic(items, 'reasoning_basic_video', n);
  const question = (it: EmoRealmItem, audioClip: string): ChoiceQuestion => {
    const v = scoringView(it);
    const answer = v.options[v.answerIndex] as string;
    return {
      prompt: tok.encodePrompt(v.prompt),
      options: [choice.optionEos ? tok.encodeResponse(answer) : tok.encode(answer)],
      audio: features.get(audioClip).audio,
      video: features.get(it.video).video,
    };
  };
  const other = (i: number): string => {
    for (let k = 1; k < sel.length; k++) {
      const c = (sel[(i + k) % sel.length] as EmoRealmItem).video;
      if (c !== (sel[i] as EmoRealmItem).video) return c;
    }
    throw new Error('audioSwapEvidence: every measured question shows the same clip; no other audio to swap in');
  };
  const ll = (qs: ChoiceQuestion[]) => scoreChoices(model, qs, { scoring: 'sum', batchSize: choice.batchSize }).map((r) => r.scores[0] as number);
  if (sel.length < 2) return { ids: sel.map((i) => String(i.id)), own: [], swapped: [] };
  return {
    ids: sel.map((i) => String(i.id)),
    own: ll(sel.map((it) => question(it, it.video))),
    swapped: ll(sel.map((it, i) => question(it, other(i)))),
  };
}

/** Both measurements of Fig. 5 on one model. */
export function modalityEvidence(
  model: Avlm,
  items: readonly EmoRealmItem[],
  tok: Tokenizer,
  features: FeatureCache,
  choice: ChoiceSettings,
  settings: ModalityEvidenceSettings = DEFAULT_MODALITY_EVIDENCE,
): ModalityEvidence {
  return {
    attention: attentionEvidence(model, items, tok, features, settings.attentionSample),
    audioSwap: audioSwapEvidence(model, items, tok, features, choice, settings.swapSample),
  };
}
