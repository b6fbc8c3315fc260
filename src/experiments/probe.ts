/**
 * Perception evidence (issue 11): is what a stress or agreement question asks about
 * linearly readable from what the model is given? Linear probes (`src/eval/probe.ts`) are
 * trained on the SFT clips and scored on the benchmark clips, on the renderer's features or a
 * model's projected AV tokens (a `ClipEncoder`).
 *
 * - Cue presence: for each cue a stress question asks about, a probe "cue c present in the
 *   clip's <modality>" on that modality's rows. On a question it is right when it predicts
 *   present for a `no_hallucination` or `spurious` question (the cue is there) and absent
 *   for a `hallucination` one. Reported per stress subtask × modality.
 * - Modality agreement: "audio emotion = video emotion" on the agreement questions, read out
 *   two ways (`AGREEMENT_READOUTS`).
 *
 * Labels come from the clip specs. Results are plain rows for a CLI table or a notebook.
 */
import { STRESS_SUBTASKS, type EmoRealmItem, type EmoRealmTask, type StressSubtask } from '../formats';
import { predictProbe, probeScores, scoreBinary, type LogisticProbe, type ProbeOptions, type ProbeScore } from '../eval';
import { fitLogisticProbe, fitLogisticProbes } from './probeFit';
import { agrees, cueById, cuesOf, EMOTIONS, modalityEmotion, type ClipSpec, type CueModality } from '../world';
import type { ClipEncoder, FeatureModality } from './probeFeatures';

/** The clips the probes train and test on. */
export interface ProbeData {
  /** Training clips (the SFT source). */
  sftClips: readonly ClipSpec[];
  /** The benchmark's questions and clips. */
  benchmark: { items: readonly EmoRealmItem[]; clips: readonly ClipSpec[] };
}

/** Accuracy of the cue probes on the stress questions of one subtask and modality. */
export interface StressProbeRow {
  encoder: string;
  modality: CueModality;
  subtask: StressSubtask;
  questions: number;
  /** Share of these questions on which the probe gets the asked cue's presence right. */
  accuracy: number;
}

/** One cue's probe. */
export interface CueProbeRow {
  encoder: string;
  modality: CueModality;
  cue: string;
  kind: 'relevant' | 'irrelevant';
  /** SFT clips with the cue present, of all SFT clips. */
  trainPositives: number;
  trainN: number;
  /** Balanced accuracy on the SFT clips (the fit). */
  trainBalancedAccuracy: number;
  /** On every benchmark clip: balanced accuracy of "present". */
  benchmarkBalancedAccuracy: number;
  /** Stress questions about this cue, and the share the probe gets right. */
  questions: number;
  questionAccuracy: number;
}

/**
 * How agreement is read out. `linear`: one probe on the concatenated audio and video rows
 * (equality of two categorical variables is not linear in them, so expect this to be weak);
 * `emotions`: a one-vs-rest emotion probe per modality (7 each) and "agree" iff the two
 * argmax emotions are equal.
 */
export const AGREEMENT_READOUTS = ['linear', 'emotions'] as const;
export type AgreementReadout = (typeof AGREEMENT_READOUTS)[number];

/** Agreement probe on the modality-agreement questions. */
export interface AgreementProbeRow extends ProbeScore {
  encoder: string;
  readout: AgreementReadout;
  /** Accuracy on questions whose answer is Yes (the modalities agree): the official "precision". */
  accuracyAgree: number;
  /** Accuracy on questions whose answer is No: the official "recall". */
  accuracyDisagree: number;
}

export interface ProbeResult {
  stress: StressProbeRow[];
  cues: CueProbeRow[];
  agreement: AgreementProbeRow[];
}

const STRESS_MODALITY: Partial<Record<EmoRealmTask, CueModality>> = { reasoning_stress_audio: 'audio', reasoning_stress_video: 'visual' };
const featureModality = (m: CueModality): FeatureModality => (m === 'audio' ? 'audio' : 'video');
const hasCue = (clip: ClipSpec, m: CueModality, cue: string): boolean => cuesOf(clip, m).some((p) => p.cue === cue);

function byId(clips: readonly ClipSpec[]): Map<string, ClipSpec> {
  return new Map(clips.map((c) => [c.id, c]));
}

function clipOf(clips: ReadonlyMap<string, ClipSpec>, id: string): ClipSpec {
  const c = clips.get(id);
  if (c === undefined) throw new Error(`probe: no benchmark clip "${id}"`);
  return c;
}

/** Cue-presence probes for every cue a stress question asks about, scored on those questions. */
export function stressCueProbes(data: ProbeData, encoder: ClipEncoder, probe: Partial<ProbeOptions> = {}): { stress: StressProbeRow[]; cues: CueProbeRow[] } {
  const bench = byId(data.benchmark.clips);
  const benchClips = data.benchmark.clips;
  const stress: StressProbeRow[] = [];
  const cues: CueProbeRow[] = [];
  for (const m of ['audio', 'visual'] as const) {
    const items = data.benchmark.items.filter((i) => STRESS_MODALITY[i.task] === m);
    if (items.length === 0) continue;
    const fm = featureModality(m);
    const trainX = encoder.encode(
      data.sftClips.map((c) => c.id),
      fm,
    );
    const testX = encoder.encode(
      benchClips.map((c) => c.id),
      fm,
    );
    const rowOf = new Map(benchClips.map((c, i) => [c.id, i]));
    const hits = new Map<StressSubtask, boolean[]>(STRESS_SUBTASKS.map((s) => [s, []]));
    const asked = [...new Set(items.map((i) => i.cue as string))].sort();
    const trainYs = asked.map((cue) => data.sftClips.map((c) => hasCue(c, m, cue))); // [cues][sft clips]
    const probes = fitLogisticProbes(trainX, trainYs, probe);
    asked.forEach((cue, k) => {
      const trainY = trainYs[k] as boolean[];
      const fitted = probes[k] as LogisticProbe;
      const predicted = predictProbe(fitted, testX); // per benchmark clip
      const own = items.filter((i) => i.cue === cue);
      const right = own.map((i) => predicted[rowOf.get(i.video) as number] === hasCue(clipOf(bench, i.video), m, cue));
      own.forEach((i, k) => (hits.get(i.subtask as StressSubtask) as boolean[]).push(right[k] as boolean));
      cues.push({
        encoder: encoder.name,
        modality: m,
        cue,
        kind: cueById(cue).kind,
        trainPositives: trainY.filter(Boolean).length,
        trainN: trainY.length,
        trainBalancedAccuracy: scoreBinary(trainY, predictProbe(fitted, trainX)).balancedAccuracy,
        benchmarkBalancedAccuracy: scoreBinary(
          benchClips.map((c) => hasCue(c, m, cue)),
          predicted,
        ).balancedAccuracy,
        questions: own.length,
        questionAccuracy: right.filter(Boolean).length / own.length,
      });
    });
    for (const subtask of STRESS_SUBTASKS) {
      const h = hits.get(subtask) as boolean[];
      stress.push({ encoder: encoder.name, modality: m, subtask, questions: h.length, accuracy: h.length === 0 ? NaN : h.filter(Boolean).length / h.length });
    }
  }
  return { stress, cues };
}

const concat = (a: Float64Array, b: Float64Array): Float64Array => {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/** Predicted emotion per test row from one-vs-rest emotion probes of one modality. */
function emotionReadout(train: Float64Array[], trainClips: readonly ClipSpec[], test: Float64Array[], m: CueModality, probe: Partial<ProbeOptions>): number[] {
  const fits = fitLogisticProbes(
    train,
    EMOTIONS.map((e) => trainClips.map((c) => modalityEmotion(c, m) === e)),
    probe,
  ); // one-vs-rest
  const scores = fits.map((p) => probeScores(p, test)); // [7][nTest]
  return test.map((_, i) => {
    let best = 0;
    for (let e = 1; e < EMOTIONS.length; e++) if ((scores[e]?.[i] as number) > (scores[best]?.[i] as number)) best = e;
    return best;
  });
}

/** "Audio emotion = video emotion" on the agreement questions, for each readout. */
export function agreementProbes(data: ProbeData, encoder: ClipEncoder, probe: Partial<ProbeOptions> = {}): AgreementProbeRow[] {
  const bench = byId(data.benchmark.clips);
  const testClips = data.benchmark.items.filter((i) => i.task === 'modality_agreement').map((i) => clipOf(bench, i.video));
  if (testClips.length === 0) return [];
  const trainIds = data.sftClips.map((c) => c.id);
  const testIds = testClips.map((c) => c.id);
  const rows = {
    train: { a: encoder.encode(trainIds, 'audio'), v: encoder.encode(trainIds, 'video') },
    test: { a: encoder.encode(testIds, 'audio'), v: encoder.encode(testIds, 'video') },
  };
  const truth = testClips.map(agrees);
  const predict = (readout: AgreementReadout): boolean[] => {
    switch (readout) {
      case 'linear': {
        const x = (r: { a: Float64Array[]; v: Float64Array[] }) => r.a.map((a, i) => concat(a, r.v[i] as Float64Array));
        const y = data.sftClips.map(agrees);
        return predictProbe(fitLogisticProbe(x(rows.train), y, probe), x(rows.test));
      }
      case 'emotions': {
        const audio = emotionReadout(rows.train.a, data.sftClips, rows.test.a, 'audio', probe);
        const video = emotionReadout(rows.train.v, data.sftClips, rows.test.v, 'visual', probe);
        return audio.map((e, i) => e === video[i]);
      }
    }
  };
  return AGREEMENT_READOUTS.map((readout) => {
    const pred = predict(readout);
    const on = (want: boolean): number =>
      scoreBinary(
        truth.filter((t) => t === want),
        pred.filter((_, i) => truth[i] === want),
      ).accuracy;
    return { encoder: encoder.name, readout, ...scoreBinary(truth, pred), accuracyAgree: on(true), accuracyDisagree: on(false) };
  });
}

/** Both probe experiments for every encoder (e.g. the renderer, then each reference's projector). */
export function runProbes(data: ProbeData, encoders: readonly ClipEncoder[], probe: Partial<ProbeOptions> = {}): ProbeResult {
  const out: ProbeResult = { stress: [], cues: [], agreement: [] };
  for (const enc of encoders) {
    const s = stressCueProbes(data, enc, probe);
    out.stress.push(...s.stress);
    out.cues.push(...s.cues);
    out.agreement.push(...agreementProbes(data, enc, probe));
  }
  return out;
}
