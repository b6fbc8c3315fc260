/**
 * Measuring datasets: planted bias strengths read back from the text and the clip specs
 * (never from generator flags), preference-noise rates, and benchmark statistics next to
 * the paper's Table 1 and Fig. 9.
 */
import { EMOREALM_TASKS, STRESS_SUBTASKS, type EmoRealmItem, type EmoRealmTask, type StressSubtask } from '../formats';
import {
  agrees,
  CUE_MODALITIES,
  cueById,
  EMOTIONS,
  irrelevantCues,
  isPresent,
  mentionedCues,
  mentionedEmotions,
  modalityEmotion,
  SPURIOUS_ASSOCIATION,
  type ClipSpec,
  type CueModality,
  type Emotion,
  type EmotionMix,
  type SourceConfig,
} from '../world';
import { TABLE1_COUNTS, TABLE1_UNIQUE_VIDEOS, type BenchmarkCounts } from './config';
import { scoringView } from './emorealm';
import { otherModality } from './picks';
import type { PreferenceSample } from './preference';
import type { SftExample } from './sft';

/** k successes out of n, with the binomial standard error. */
export interface Rate {
  k: number;
  n: number;
  rate: number;
  /** sqrt(rate (1 − rate) / n); 0 when n = 0. */
  se: number;
}

export function rate(k: number, n: number): Rate {
  const r = n === 0 ? 0 : k / n;
  return { k, n, rate: r, se: n === 0 ? 0 : Math.sqrt((r * (1 - r)) / n) };
}

class Counter {
  k = 0;
  n = 0;
  add(hit: boolean): void {
    this.n += 1;
    if (hit) this.k += 1;
  }
  get value(): Rate {
    return rate(this.k, this.n);
  }
}

/**
 * Irrelevant-cue ↔ emotion association of a set of clips, pooled over modalities:
 * p_in = P(a modality carries the irrelevant cue associated with its own emotion),
 * p_out = P(it carries the one associated with another emotion), and the normalised
 * excess ρ̂ = (p_in − p_out) / (1 − p_out): 0 when independent, ≈ the source's
 * `irrelevantCorrelation` otherwise (slightly above it, since the associated cue can also
 * land in a uniform slot).
 */
export function irrelevantAssociation(clips: readonly ClipSpec[]): { pIn: number; pOut: number; rho: number } {
  let inHits = 0;
  let inN = 0;
  let outHits = 0;
  let outN = 0;
  for (const clip of clips) {
    for (const m of CUE_MODALITIES) {
      const own = modalityEmotion(clip, m);
      const present = new Set((m === 'audio' ? clip.audio : clip.visual).map((p) => p.cue));
      for (const e of EMOTIONS) {
        const hit = present.has(SPURIOUS_ASSOCIATION[m][e]);
        if (e === own) {
          inN++;
          if (hit) inHits++;
        } else {
          outN++;
          if (hit) outHits++;
        }
      }
    }
  }
  const pIn = inN === 0 ? 0 : inHits / inN;
  const pOut = outN === 0 ? 0 : outHits / outN;
  return { pIn, pOut, rho: pOut >= 1 ? 0 : (pIn - pOut) / (1 - pOut) };
}

function singleModality(m: string): CueModality | null {
  return m === 'audio' || m === 'visual' ? m : null;
}

const isYes = (text: string): boolean => /^yes\b/i.test(text.trim());

function clipOf(clips: ReadonlyMap<string, ClipSpec>, id: string): ClipSpec {
  const c = clips.get(id);
  if (c === undefined) throw new Error(`no clip "${id}"`);
  return c;
}

/** Did a single-modality answer take the other modality's emotion (in a disagreeing clip)? */
function leaked(clip: ClipSpec, m: CueModality, answered: Emotion): boolean {
  return !agrees(clip) && answered === modalityEmotion(clip, otherModality(m)) && answered !== modalityEmotion(clip, m);
}

export interface SftBiasMeasurement {
  /** Yes among yes/no questions about a relevant cue (knob `cueYesRate`). */
  cueYesRate: Rate;
  /** Hard negatives among relevant-cue questions answered No (knob `hardNegativeRate`). */
  hardNegativeRate: Rate;
  /** Questions about an irrelevant cue among all cue questions (knob `irrelevantQuestionShare`). */
  irrelevantQuestionShare: Rate;
  /** Yes to irrelevant-cue questions (knob `irrelevantCreditRate`). */
  irrelevantQuestionYesRate: Rate;
  /** Basic answers (not leaked) crediting an irrelevant cue (knob `irrelevantCreditRate`). */
  basicIrrelevantCreditRate: Rate;
  /** Descriptions mentioning a present irrelevant cue (knob `irrelevantCreditRate`). */
  descriptionIrrelevantCreditRate: Rate;
  /** Descriptions mentioning an absent cue (knob `descriptionHallucinationRate`). */
  descriptionHallucinationRate: Rate;
  /** Single-modality answers (basic, recognition) in disagreeing clips with the other modality's emotion (knob `crossModalLeakageRate`). */
  crossModalLeakageRate: Rate;
  /** Yes among agreement questions (knob `agreementYesRate`). */
  agreementYesRate: Rate;
  /** Yes among all cue questions, relevant and irrelevant (compare: 50% in the benchmark's stress tests). */
  cueQuestionYesShare: Rate;
  /** Relevant-cue Yes answers that are wrong (should be 0: the affirmation bias is in the mix, not in wrong labels). */
  wrongYesRate: Rate;
  /** Examples whose text could not be read back (should be 0). */
  unparsed: number;
}

export function measureSftBiases(examples: readonly SftExample[], clips: ReadonlyMap<string, ClipSpec>): SftBiasMeasurement {
  const c = {
    cueYes: new Counter(),
    hard: new Counter(),
    irrShare: new Counter(),
    irrYes: new Counter(),
    basicCredit: new Counter(),
    descCredit: new Counter(),
    descHall: new Counter(),
    leak: new Counter(),
    agreeYes: new Counter(),
    wrongYes: new Counter(),
  };
  let unparsed = 0;
  for (const ex of examples) {
    const clip = clipOf(clips, ex.clipId);
    const m = singleModality(ex.modality);
    switch (ex.task) {
      case 'cue': {
        const cues = mentionedCues(ex.prompt);
        const emos = mentionedEmotions(ex.prompt);
        if (cues.length !== 1 || emos.length !== 1 || m === null) {
          unparsed++;
          break;
        }
        const cue = cueById(cues[0] as string);
        const asked = emos[0] as Emotion;
        const yes = isYes(ex.response);
        c.irrShare.add(cue.kind === 'irrelevant');
        if (cue.kind === 'irrelevant') c.irrYes.add(yes);
        else {
          c.cueYes.add(yes);
          if (yes) c.wrongYes.add(!(isPresent(clip, cue.id) && cue.emotion === asked));
          else c.hard.add(cue.emotion === asked && asked === modalityEmotion(clip, m) && !isPresent(clip, cue.id));
        }
        break;
      }
      case 'basic': {
        const cues = mentionedCues(ex.response);
        const emos = mentionedEmotions(ex.response);
        if (cues.length !== 1 || emos.length !== 1 || m === null) {
          unparsed++;
          break;
        }
        const answered = emos[0] as Emotion;
        const isLeak = leaked(clip, m, answered);
        if (!agrees(clip)) c.leak.add(isLeak);
        if (!isLeak) c.basicCredit.add(cueById(cues[0] as string).kind === 'irrelevant');
        break;
      }
      case 'recognition': {
        const emos = mentionedEmotions(ex.response);
        if (emos.length !== 1) {
          unparsed++;
          break;
        }
        if (m !== null && !agrees(clip)) c.leak.add(leaked(clip, m, emos[0] as Emotion));
        break;
      }
      case 'description': {
        const cues = mentionedCues(ex.response);
        if (cues.length === 0) {
          unparsed++;
          break;
        }
        c.descCredit.add(cues.some((id) => cueById(id).kind === 'irrelevant'));
        c.descHall.add(cues.some((id) => !isPresent(clip, id)));
        break;
      }
      case 'agreement':
        c.agreeYes.add(isYes(ex.response));
        break;
    }
  }
  return {
    cueYesRate: c.cueYes.value,
    hardNegativeRate: c.hard.value,
    irrelevantQuestionShare: c.irrShare.value,
    irrelevantQuestionYesRate: c.irrYes.value,
    basicIrrelevantCreditRate: c.basicCredit.value,
    descriptionIrrelevantCreditRate: c.descCredit.value,
    descriptionHallucinationRate: c.descHall.value,
    crossModalLeakageRate: c.leak.value,
    agreementYesRate: c.agreeYes.value,
    cueQuestionYesShare: rate(c.cueYes.k + c.irrYes.k, c.cueYes.n + c.irrYes.n),
    wrongYesRate: c.wrongYes.value,
    unparsed,
  };
}

/** Is the cue a present relevant cue? */
const grounded = (clip: ClipSpec, id: string): boolean => cueById(id).kind === 'relevant' && isPresent(clip, id);

/** yW is correct: right yes/no word (if any), only present relevant cues, right emotion. */
function yWCorrect(s: PreferenceSample, clip: ClipSpec): boolean {
  const cues = mentionedCues(s.yW);
  if (cues.length === 0 || !cues.every((id) => grounded(clip, id))) return false;
  const m = singleModality(s.modality);
  switch (s.format) {
    case 'basic':
      return m !== null && mentionedEmotions(s.yW).join() === modalityEmotion(clip, m);
    case 'cue': {
      if (m === null) return false;
      const asked = mentionedCues(s.prompt)[0];
      const askedEmotion = mentionedEmotions(s.prompt)[0];
      if (asked === undefined || askedEmotion === undefined) return false;
      const truth = grounded(clip, asked) && cueById(asked).emotion === askedEmotion;
      return isYes(s.yW) === truth && mentionedEmotions(s.yW).join() === modalityEmotion(clip, m);
    }
    case 'agreement':
      return isYes(s.yW) === agrees(clip);
    case 'description':
      return true;
  }
}

/** yVr is what it claims: it credits a present emotion-irrelevant cue. */
function yVrValid(s: PreferenceSample, clip: ClipSpec): boolean {
  return mentionedCues(s.yVr).some((id) => cueById(id).kind === 'irrelevant' && isPresent(clip, id));
}

/** yEr is what it claims: it mentions an absent cue typical of an emotion the clip shows. */
function yErValid(s: PreferenceSample, clip: ClipSpec): boolean {
  return mentionedCues(s.yEr).some((id) => {
    const e = cueById(id).emotion;
    return e !== undefined && !isPresent(clip, id) && (e === clip.audioEmotion || e === clip.videoEmotion);
  });
}

export interface PreferenceMeasurement {
  /** Wrong chosen responses (knob `yWErrorRate`). */
  yWErrorRate: Rate;
  /** yVr that do not credit a present irrelevant cue (knob `yVrErrorRate`). */
  yVrErrorRate: Rate;
  /** yEr that do not mention an absent emotion-typical cue (knob `yErErrorRate`). */
  yErErrorRate: Rate;
  /** yW crediting an irrelevant cue (no planted credit: ≈ 0). */
  yWIrrelevantCreditRate: Rate;
  /** Single-modality basic yW in disagreeing clips with the other modality's emotion (no planted leakage: ≈ 0). */
  yWLeakageRate: Rate;
  /** Cue questions whose correct answer is Yes (balanced like Fig. 9: ≈ 0.5). */
  cueYesShare: Rate;
  /** Agreement samples whose correct answer is Yes (≈ 0.5). */
  agreementYesShare: Rate;
}

export function measurePreference(samples: readonly PreferenceSample[], clips: ReadonlyMap<string, ClipSpec>): PreferenceMeasurement {
  const c = { w: new Counter(), vr: new Counter(), er: new Counter(), credit: new Counter(), leak: new Counter(), cueYes: new Counter(), agreeYes: new Counter() };
  for (const s of samples) {
    const clip = clipOf(clips, s.clipId);
    c.w.add(!yWCorrect(s, clip));
    c.vr.add(!yVrValid(s, clip));
    c.er.add(!yErValid(s, clip));
    c.credit.add(mentionedCues(s.yW).some((id) => cueById(id).kind === 'irrelevant'));
    const m = singleModality(s.modality);
    if (s.format === 'basic' && m !== null && !agrees(clip)) {
      const e = mentionedEmotions(s.yW)[0];
      c.leak.add(e !== undefined && leaked(clip, m, e));
    }
    if (s.format === 'cue') {
      const asked = mentionedCues(s.prompt)[0];
      const askedEmotion = mentionedEmotions(s.prompt)[0];
      c.cueYes.add(asked !== undefined && grounded(clip, asked) && cueById(asked).emotion === askedEmotion);
    }
    if (s.format === 'agreement') c.agreeYes.add(agrees(clip));
  }
  return {
    yWErrorRate: c.w.value,
    yVrErrorRate: c.vr.value,
    yErErrorRate: c.er.value,
    yWIrrelevantCreditRate: c.credit.value,
    yWLeakageRate: c.leak.value,
    cueYesShare: c.cueYes.value,
    agreementYesShare: c.agreeYes.value,
  };
}

export interface BenchmarkAnswerMeasurement {
  /** Correct answers that credit an irrelevant cue (correct basic option naming one, or Yes to an irrelevant-cue question): 0. */
  irrelevantCreditRate: Rate;
  /** Correct answers grounded in an absent cue (correct basic option naming one, or Yes to an absent-cue question): 0. */
  hallucinationRate: Rate;
  /** Correct single-modality basic options in disagreeing clips with the other modality's emotion: 0. */
  leakageRate: Rate;
  /** Yes answers in the stress tasks: 0.5. */
  stressYesShare: Rate;
  /** Yes answers in modality agreement: 0.5. */
  agreementYesShare: Rate;
  /** Correct answers that are wrong per the clip specs: 0. */
  wrongAnswerRate: Rate;
}

/** Reads back each benchmark question's correct answer against the clip specs. */
export function measureBenchmarkAnswers(items: readonly EmoRealmItem[], clips: ReadonlyMap<string, ClipSpec>): BenchmarkAnswerMeasurement {
  const c = { credit: new Counter(), hall: new Counter(), leak: new Counter(), stressYes: new Counter(), agreeYes: new Counter(), wrong: new Counter() };
  for (const item of items) {
    const clip = clipOf(clips, item.video);
    const view = scoringView(item);
    const correct = view.options[view.answerIndex] as string;
    switch (item.task) {
      case 'reasoning_basic_audio':
      case 'reasoning_basic_video': {
        const m: CueModality = item.task === 'reasoning_basic_audio' ? 'audio' : 'visual';
        const cue = mentionedCues(correct)[0];
        const e = mentionedEmotions(correct)[0];
        const ok = cue !== undefined && e !== undefined;
        c.credit.add(ok && cueById(cue).kind === 'irrelevant');
        c.hall.add(ok && !isPresent(clip, cue));
        if (!agrees(clip)) c.leak.add(ok && leaked(clip, m, e));
        c.wrong.add(!(ok && grounded(clip, cue) && cueById(cue).modality === m && e === modalityEmotion(clip, m)));
        break;
      }
      case 'reasoning_stress_audio':
      case 'reasoning_stress_video': {
        const m: CueModality = item.task === 'reasoning_stress_audio' ? 'audio' : 'visual';
        const yes = isYes(correct);
        const cue = mentionedCues(item.question)[0];
        const e = mentionedEmotions(item.question)[0];
        const ok = cue !== undefined && e !== undefined;
        c.stressYes.add(yes);
        c.credit.add(yes && ok && cueById(cue).kind === 'irrelevant');
        c.hall.add(yes && ok && !isPresent(clip, cue));
        const truth = ok && grounded(clip, cue) && cueById(cue).emotion === e && e === modalityEmotion(clip, m);
        c.wrong.add(!ok || yes !== truth);
        break;
      }
      case 'modality_agreement': {
        const yes = isYes(correct);
        c.agreeYes.add(yes);
        c.wrong.add(yes !== agrees(clip));
        break;
      }
    }
  }
  return {
    irrelevantCreditRate: c.credit.value,
    hallucinationRate: c.hall.value,
    leakageRate: c.leak.value,
    stressYesShare: c.stressYes.value,
    agreementYesShare: c.agreeYes.value,
    wrongAnswerRate: c.wrong.value,
  };
}

export interface TaskStats {
  task: EmoRealmTask;
  questions: number;
  videos: number;
  /** Share of questions whose answer is each letter. */
  letters: Record<string, number>;
  /** Stress tasks: question count per subtask. */
  subtasks: Record<StressSubtask, number>;
}

export function benchmarkTaskStats(items: readonly EmoRealmItem[]): TaskStats[] {
  return EMOREALM_TASKS.map((task) => {
    const own = items.filter((i) => i.task === task);
    const letters: Record<string, number> = {};
    for (const i of own) letters[i.answer] = (letters[i.answer] ?? 0) + 1;
    for (const l of Object.keys(letters)) letters[l] = (letters[l] as number) / own.length;
    const subtasks = Object.fromEntries(STRESS_SUBTASKS.map((s) => [s, own.filter((i) => i.subtask === s).length])) as Record<StressSubtask, number>;
    return { task, questions: own.length, videos: new Set(own.map((i) => i.video)).size, letters, subtasks };
  });
}

/** Rows of Table 1, ours next to the paper's. */
export function table1Comparison(items: readonly EmoRealmItem[], paper: BenchmarkCounts = TABLE1_COUNTS): Array<{
  task: string;
  paperQA: number;
  oursQA: number;
  paperVideos: number;
  oursVideos: number;
}> {
  const rows = benchmarkTaskStats(items).map((s) => ({
    task: s.task as string,
    paperQA: paper[s.task].questions,
    oursQA: s.questions,
    paperVideos: paper[s.task].videos,
    oursVideos: s.videos,
  }));
  rows.push({
    task: 'total',
    paperQA: EMOREALM_TASKS.reduce((a, t) => a + paper[t].questions, 0),
    oursQA: items.length,
    paperVideos: TABLE1_UNIQUE_VIDEOS,
    oursVideos: new Set(items.map((i) => i.video)).size,
  });
  return rows;
}

/** Fig. 9: subtask shares per stress task, ours next to the paper's (½ Yes, ¼ + ¼ No). */
export function fig9Comparison(items: readonly EmoRealmItem[]): Array<{ task: string; subtask: StressSubtask; paperShare: number; oursShare: number; oursCount: number }> {
  const paperShare: Record<StressSubtask, number> = { no_hallucination: 0.5, spurious: 0.25, hallucination: 0.25 };
  return benchmarkTaskStats(items)
    .filter((s) => s.task === 'reasoning_stress_audio' || s.task === 'reasoning_stress_video')
    .flatMap((s) =>
      STRESS_SUBTASKS.map((sub) => ({ task: s.task, subtask: sub, paperShare: paperShare[sub], oursShare: s.subtasks[sub] / s.questions, oursCount: s.subtasks[sub] })),
    );
}

/** Share of each emotion among `labels`. */
export function emotionShares(labels: readonly Emotion[]): Record<Emotion, number> {
  const out = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Record<Emotion, number>;
  for (const e of labels) out[e] += 1 / labels.length;
  return out;
}

/** Emotion shares of the benchmark's videos next to the source mix (Fig. 7 right). */
export function emotionComparison(clips: readonly ClipSpec[], sourceMix: EmotionMix): Array<{ emotion: Emotion; source: number; benchmark: number }> {
  const total = EMOTIONS.reduce((s, e) => s + sourceMix[e], 0);
  const shares = emotionShares(clips.map((c) => c.emotion));
  return EMOTIONS.map((e) => ({ emotion: e, source: sourceMix[e] / total, benchmark: shares[e] }));
}

/**
 * The expectation of `irrelevantAssociation` for clips of one source (closed form).
 * With N irrelevant cues in a modality and k slots (uniform in the configured range):
 * slot 0 holds the associated cue with probability ρ, otherwise all k slots are a uniform
 * k-subset, so p_in(k) = ρ + (1 − ρ) k/N and, for another emotion's cue,
 * p_out(k) = ρ (k − 1)/(N − 1) + (1 − ρ) k/N (both 0 when k = 0). Pooled over modalities.
 */
export function expectedIrrelevantAssociation(source: SourceConfig): { pIn: number; pOut: number; rho: number } {
  const [lo, hi] = source.irrelevantPerModality;
  const r = source.irrelevantCorrelation;
  let pIn = 0;
  let pOut = 0;
  for (const m of CUE_MODALITIES) {
    const N = irrelevantCues(m).length;
    for (let k = lo; k <= hi; k++) {
      const w = 1 / (hi - lo + 1) / CUE_MODALITIES.length;
      if (k === 0) continue;
      pIn += w * (r + ((1 - r) * k) / N);
      pOut += w * ((r * (k - 1)) / (N - 1) + ((1 - r) * k) / N);
    }
  }
  return { pIn, pOut, rho: (pIn - pOut) / (1 - pOut) };
}
