/**
 * Table rows for notebooks and CLIs: clips with their cues, feature frames, and planted
 * biases measured across datasets (ours next to the configured strength).
 */
import {
  cueActivations,
  cueById,
  renderClip,
  type ClipSpec,
  type CueModality,
  type WorldConfig,
} from '../world';
import { EMOREALM_TASKS, type EmoRealmItem } from '../formats';
import type { GenerateConfig } from './config';
import type { PreferenceSample } from './preference';
import type { SftExample } from './sft';
import type { TextItem } from './textCorpus';
import type { Datasets } from './datasets';
import { measureBenchmarkAnswers } from './benchmarkAnswers';
import { expectedIrrelevantAssociation, irrelevantAssociation } from './irrelevantAssociation';
import { measurePreference } from './preferenceNoise';
import type { Rate } from './rate';
import { measureSftBiases } from './sftBiases';

/** A clip's emotions, speaker, scene and cues (irrelevant ones marked with *, subtle ones with °). */
export function clipRows(clips: readonly ClipSpec[]): Array<Record<string, string>> {
  const cues = (list: ClipSpec['audio']): string =>
    list
      .map((p) => {
        const c = cueById(p.cue);
        return `${c.phrase}${c.kind === 'irrelevant' ? '*' : ''}${c.salience < 0.5 ? '°' : ''}`;
      })
      .join(', ');
  return clips.map((c) => ({
    id: c.id,
    emotion: c.emotion,
    audio: c.audioEmotion,
    video: c.videoEmotion,
    speaker: c.speaker.noun,
    scene: c.scene,
    audioCues: cues(c.audio),
    visualCues: cues(c.visual),
  }));
}

/** One modality's rendered frames as a matrix `[T][f]` (for a heatmap). */
export function featureFrames(clip: ClipSpec, world: WorldConfig, modality: CueModality): number[][] {
  const { audio, video } = renderClip(clip, world);
  const x = modality === 'audio' ? audio : video;
  const f = world.renderer.f;
  const out: number[][] = [];
  for (let t = 0; t < x.length / f; t++) out.push(Array.from(x.subarray(t * f, (t + 1) * f)));
  return out;
}

/** Matched-filter read-out of each present cue per frame (rows = frames). */
export function cueActivationRows(clip: ClipSpec, world: WorldConfig, modality: CueModality): Array<Record<string, number>> {
  const { audio, video } = renderClip(clip, world);
  const ids = (modality === 'audio' ? clip.audio : clip.visual).map((p) => p.cue);
  const act = cueActivations(modality === 'audio' ? audio : video, ids, world.renderer);
  return act.map((row, t) => ({ frame: t, ...Object.fromEntries(ids.map((id, k) => [cueById(id).phrase, row[k] as number])) }));
}

const pct = (r: Rate): string => `${(100 * r.rate).toFixed(1)}% (n=${r.n})`;

/** Each SFT bias: configured strength next to the strength measured from the SFT text. */
export function sftBiasRows(d: Datasets, cfg: GenerateConfig): Array<Record<string, string>> {
  const m = measureSftBiases(d.sft.examples, new Map(d.sft.clips.map((c) => [c.id, c])));
  const b = cfg.corpus.biases;
  const assoc = irrelevantAssociation(d.sft.clips);
  const want = expectedIrrelevantAssociation(cfg.world.sources.sft);
  const row = (bias: string, knob: string, configured: number, measured: string) => ({ bias, knob, configured: `${(100 * configured).toFixed(1)}%`, measured });
  return [
    row('affirmation: Yes to relevant-cue questions', 'cueYesRate', b.cueYesRate, pct(m.cueYesRate)),
    row('hard negatives among No answers', 'hardNegativeRate', b.hardNegativeRate, pct(m.hardNegativeRate)),
    row('questions about irrelevant cues', 'irrelevantQuestionShare', b.irrelevantQuestionShare, pct(m.irrelevantQuestionShare)),
    row('Yes to irrelevant-cue questions', 'irrelevantCreditRate', b.irrelevantCreditRate, pct(m.irrelevantQuestionYesRate)),
    row('basic answers crediting an irrelevant cue', 'irrelevantCreditRate', b.irrelevantCreditRate, pct(m.basicIrrelevantCreditRate)),
    row('descriptions crediting an irrelevant cue', 'irrelevantCreditRate', b.irrelevantCreditRate, pct(m.descriptionIrrelevantCreditRate)),
    row('descriptions mentioning an absent co-occurring cue', 'descriptionHallucinationRate', b.descriptionHallucinationRate, pct(m.descriptionHallucinationRate)),
    row('single-modality answers leaking the other modality', 'crossModalLeakageRate', b.crossModalLeakageRate, pct(m.crossModalLeakageRate)),
    row('Yes to agreement questions', 'agreementYesRate', b.agreementYesRate, pct(m.agreementYesRate)),
    row('irrelevant cue ↔ emotion association ρ̂', 'sft.irrelevantCorrelation', cfg.world.sources.sft.irrelevantCorrelation, `${assoc.rho.toFixed(3)} (expected ${want.rho.toFixed(3)})`),
  ];
}

/** The planted biases side by side in SFT, preference and benchmark data (absent: ≈ 0 or balanced). */
export function plantedBiasRows(d: Datasets): Array<Record<string, string>> {
  const sft = measureSftBiases(d.sft.examples, new Map(d.sft.clips.map((c) => [c.id, c])));
  const pref = measurePreference(d.preference.samples, new Map(d.preference.clips.map((c) => [c.id, c])));
  const bench = measureBenchmarkAnswers(d.benchmark.items, new Map(d.benchmark.clips.map((c) => [c.id, c])));
  const rho = (clips: readonly ClipSpec[]) => irrelevantAssociation(clips).rho.toFixed(3);
  return [
    { bias: 'irrelevant cue ↔ emotion association ρ̂ (clips)', sft: rho(d.sft.clips), preference: rho(d.preference.clips), benchmark: rho(d.benchmark.clips) },
    { bias: 'correct/chosen answers crediting an irrelevant cue', sft: pct(sft.basicIrrelevantCreditRate), preference: pct(pref.yWIrrelevantCreditRate), benchmark: pct(bench.irrelevantCreditRate) },
    { bias: 'single-modality answers leaking the other modality', sft: pct(sft.crossModalLeakageRate), preference: pct(pref.yWLeakageRate), benchmark: pct(bench.leakageRate) },
    { bias: 'Yes share of cue questions', sft: pct(sft.cueQuestionYesShare), preference: pct(pref.cueYesShare), benchmark: pct(bench.stressYesShare) },
    { bias: 'Yes share of agreement questions', sft: pct(sft.agreementYesRate), preference: pct(pref.agreementYesShare), benchmark: pct(bench.agreementYesShare) },
    { bias: 'answers grounded in an absent cue', sft: pct(sft.descriptionHallucinationRate), preference: '–', benchmark: pct(bench.hallucinationRate) },
  ];
}

/** Preference noise: configured next to measured (paper Table 6). */
export function preferenceNoiseRows(d: Datasets, cfg: GenerateConfig): Array<Record<string, string>> {
  const m = measurePreference(d.preference.samples, new Map(d.preference.clips.map((c) => [c.id, c])));
  const n = cfg.corpus.preferenceNoise;
  return [
    { response: 'yW (chosen)', paperCorrect: '91.2%', configuredWrong: `${(100 * n.yWErrorRate).toFixed(1)}%`, measuredWrong: pct(m.yWErrorRate) },
    { response: 'yVr (video-relevant)', paperCorrect: '89.5%', configuredWrong: `${(100 * n.yVrErrorRate).toFixed(1)}%`, measuredWrong: pct(m.yVrErrorRate) },
    { response: 'yEr (emotion-relevant)', paperCorrect: '85.6%', configuredWrong: `${(100 * n.yErErrorRate).toFixed(1)}%`, measuredWrong: pct(m.yErErrorRate) },
  ];
}

/** Preference samples flattened for display (rejected-input references left out). */
export function preferenceRows(samples: readonly PreferenceSample[]): Array<Record<string, string>> {
  return samples.map((s) => ({ id: s.id, format: s.format, modality: s.modality, prompt: s.prompt, yW: s.yW, yVr: s.yVr, yEr: s.yEr, yIrr: s.yIrr }));
}

/** Benchmark items flattened for display: question, choices on one line, answer, subtask, cue. */
export function benchmarkRows(items: readonly EmoRealmItem[]): Array<Record<string, string>> {
  return items.map((i) => ({
    id: String(i.id),
    task: i.task,
    question: i.question,
    choices: i.choices.join('  '),
    answer: i.answer,
    subtask: i.subtask ?? '',
    cue: i.cue ?? '',
  }));
}

/** One representative item of each task (the first of each). */
export function firstOfEachTask(items: readonly EmoRealmItem[]): EmoRealmItem[] {
  return EMOREALM_TASKS.map((t) => items.find((i) => i.task === t)).filter((i): i is EmoRealmItem => i !== undefined);
}

/** Text-corpus items as table rows. */
export function textRows(items: readonly TextItem[]): Array<Record<string, string>> {
  return items.map((i) => ({ id: i.id, kind: i.kind, prompt: i.prompt, response: i.response }));
}

/** SFT examples as table rows. */
export function sftRows(examples: readonly SftExample[]): Array<Record<string, string>> {
  return examples.map((e) => ({ id: e.id, clip: e.clipId, task: e.task, modality: e.modality, prompt: e.prompt, response: e.response }));
}
