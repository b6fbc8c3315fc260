/**
 * What every experiment measures on a model after training (issue 12, "After training"): the
 * benchmark answered by option scores, in both views (full; text-unsolvable), with the paper's
 * Table 5 columns (App. D.5); 7-class recognition in and out of domain (Table 2); and the
 * description judge (the EMER columns); and the Fig. 5 modality evidence. Options are scored by a registry of option scorers:
 * the model's likelihood, or contrastive decoding (VCD, the paper's Table 5 last row), which is
 * training-free and runs on the reference itself.
 */
import { buildTokenizer, EOS_ID, type Datasets, type DiffusionKnobs, type Tokenizer } from '../data';
import {
  judgeDescriptions,
  scoreEmoRealm,
  summarize,
  validateBenchmark,
  type AblationMetrics,
  type CueEntry,
  type Prediction,
  type RecognitionMetrics,
  type ScoringMode,
} from '../eval';
import type { EmoRealmItem } from '../formats';
import { generateGreedy, scoreChoices, scoreChoicesContrastive, type Avlm, type ChoiceQuestion, type ChoiceResult } from '../model';
import { CUES } from '../world';
import type { FeatureCache } from '../train';
import { contrastiveBenchmarkQuestions } from './contrastive';
import { modalityEvidence, type ModalityEvidence } from './modalityEvidence';
import {
  benchmarkQuestions,
  keepView,
  letterPredictions,
  recognitionFromChoices,
  recognitionQuestions,
  type ChoiceSettings,
  type ViewResult,
} from './diagnostics';

/** How options are scored: the model's summed log-likelihood, or VCD's contrast against diffused inputs. */
export type OptionScorer = { kind: 'likelihood' } | { kind: 'contrastive'; alpha: number; beta: number; noiseSeed: number };
export const OPTION_SCORER_KINDS = ['likelihood', 'contrastive'] as const;

/** VCD's defaults (issue 12): α = 1, β = 0.1, noise = the diffused rejected input of Table 17. */
export const DEFAULT_CONTRASTIVE: OptionScorer = { kind: 'contrastive', alpha: 1, beta: 0.1, noiseSeed: 1 };

export interface EvaluationContext {
  data: Datasets;
  /** Rendered features of the benchmark, recognition and description clips. */
  features: FeatureCache;
  /** Ids of the text-unsolvable questions (see `textUnsolvableSet`). */
  textUnsolvable: ReadonlySet<string>;
  choice: ChoiceSettings;
  mode: ScoringMode;
  /** The noising of the diffused input (the world's `corpus.diffusion`), for contrastive decoding. */
  diffusion: DiffusionKnobs;
}

export interface DescriptionScores {
  n: number;
  clueOverlap: number | null;
  labelOverlap: number;
  spuriousRate: number;
  hallucinationRate: number;
}

export interface ModelEvaluation {
  full: ViewResult;
  textUnsolvable: ViewResult;
  /** The Table 5 columns (basic, stress, agree, spurious, hallucination) of each view. */
  table5: { full: AblationMetrics; textUnsolvable: AblationMetrics };
  recognition: { inDomain: RecognitionMetrics; shifted: RecognitionMetrics };
  description: DescriptionScores;
  /** Fig. 5: attention shares and the correct option's log-likelihood with own vs another clip's audio (the model itself, whatever the option scorer). */
  modality: ModalityEvidence;
  /** Letter predictions with every option's score, one per benchmark item (the JSONL the scorer reads). */
  predictions: Prediction[];
}

function score(model: Avlm, items: readonly EmoRealmItem[], questions: ChoiceQuestion[], ctx: EvaluationContext, scorer: OptionScorer): ChoiceResult[] {
  switch (scorer.kind) {
    case 'likelihood':
      return scoreChoices(model, questions, { scoring: ctx.choice.scoring, batchSize: ctx.choice.batchSize });
    case 'contrastive':
      return scoreChoicesContrastive(model, contrastiveBenchmarkQuestions(items, questions, ctx.features, ctx.diffusion, scorer.noiseSeed), {
        alpha: scorer.alpha,
        beta: scorer.beta,
      });
  }
}

function recognition(
  model: Avlm,
  items: Datasets['recognitionInDomain']['items'],
  tok: Tokenizer,
  ctx: EvaluationContext,
  scorer: OptionScorer,
): RecognitionMetrics {
  const qs = recognitionQuestions(items, tok, ctx.features, ctx.choice.optionEos);
  const asItems = items.map((it) => ({ id: it.clipId, video: it.clipId }) as EmoRealmItem);
  return recognitionFromChoices(items, score(model, asItems, qs, ctx, scorer));
}

/** The judge's cue inventory: every cue of the world with the emotion it signals. */
export const CUE_INVENTORY: readonly CueEntry[] = CUES.map((c) => ({
  phrase: c.phrase,
  id: c.id,
  modality: c.modality,
  relevantTo: c.emotion === undefined ? [] : [c.emotion],
}));

/** Greedy descriptions of the description test set, scored by the exact judge. */
export function describeAndJudge(model: Avlm, data: Datasets, features: FeatureCache, tok: Tokenizer = buildTokenizer()): DescriptionScores {
  const items = data.description.items;
  const out = generateGreedy(
    model,
    items.map((it) => {
      const f = features.get(it.clipId);
      return { prompt: tok.encodePrompt(it.prompt), audio: f.audio, video: f.video };
    }),
    { eosId: EOS_ID },
  );
  const s = judgeDescriptions(
    items.map((it, i) => ({
      text: tok.decode(out[i] as number[]),
      presentRelevant: it.relevantCues,
      presentIrrelevant: it.irrelevantCues,
      emotion: it.emotion,
    })),
    { inventory: CUE_INVENTORY },
  );
  return { n: s.n, clueOverlap: s.clueOverlap, labelOverlap: s.labelOverlap, spuriousRate: s.spuriousRate, hallucinationRate: s.hallucinationRate };
}

/** Benchmark (both views), recognition and descriptions of one model under one option scorer. */
export function evaluateModel(model: Avlm, ctx: EvaluationContext, scorer: OptionScorer = { kind: 'likelihood' }): ModelEvaluation {
  const tok = buildTokenizer();
  const items = ctx.data.benchmark.items;
  const questions = benchmarkQuestions(items, tok, ctx.features, 'audiovisual', ctx.choice.optionEos);
  const predictions = letterPredictions(items, score(model, items, questions, ctx, scorer));
  const bench = validateBenchmark(items, 'generated benchmark');
  const report = scoreEmoRealm(bench, new Map(predictions.map((p) => [p.id, p])), { mode: ctx.mode });
  const sub = summarize(
    report.outcomes.filter((o) => ctx.textUnsolvable.has(o.id)),
    ctx.mode,
  );
  const full = keepView(report);
  const textUnsolvable = keepView(sub);
  return {
    full,
    textUnsolvable,
    table5: { full: full.ablation, textUnsolvable: textUnsolvable.ablation },
    recognition: {
      inDomain: recognition(model, ctx.data.recognitionInDomain.items, tok, ctx, scorer),
      shifted: recognition(model, ctx.data.recognitionShifted.items, tok, ctx, scorer),
    },
    description: describeAndJudge(model, ctx.data, ctx.features, tok),
    modality: modalityEvidence(model, items, tok, ctx.features, ctx.choice),
    predictions,
  };
}
