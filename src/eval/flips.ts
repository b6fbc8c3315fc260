/**
 * Two prediction sets on one EmoReAlM benchmark, looked at through one stress-test selection
 * (a subtask × a modality, SPEC §1 item 3): the questions the first model gets wrong and the
 * second right ("fixed") and the reverse ("broken"), each with the cue it asks about, both
 * models' option scores and, when the benchmark's clips are known, the clip's cues; the exact
 * McNemar test on those flips; and both models' errors per group.
 *
 * The released EmoReAlM JSON has no `subtask` field. On such a benchmark the selection is the
 * modality's whole stress task, the errors are grouped by task, and the result says so
 * (`groupedBy: 'task'` and a `note`).
 */
import type { DataFrame } from 'danfojs';
import { readBenchmark, STRESS_SUBTASKS, type BenchmarkItem, type EmoRealmTask, type StressSubtask } from '../formats';
import { summarize, scoreEmoRealm, type EmoRealmReport, type ItemOutcome, type ScoringMode } from './emorealm';
import { compareReports } from './emorealmStats';
import { mcnemarExact } from './stats';
import { errorRows, formatScores, joinOutcomes, rowsFrame, scoreMargin, type GroupKey } from './explorer';
import { checkPredictionIds, readPredictions } from './predictions';

/** The modalities a stress question is about. */
export const STRESS_MODALITIES = ['audio', 'visual'] as const;
export type StressModality = (typeof STRESS_MODALITIES)[number];

/** The stress task of each modality. */
export const STRESS_TASK: Record<StressModality, EmoRealmTask> = { audio: 'reasoning_stress_audio', visual: 'reasoning_stress_video' };

/** One cue present in a clip: its id and whether it is relevant to the emotion (false: an irrelevant scene or sound cue). */
export interface ClipCue {
  cue: string;
  relevant: boolean;
}

/** The cues present in a clip, per modality. */
export interface ClipCues {
  audio: readonly ClipCue[];
  visual: readonly ClipCue[];
}

/** One question whose correctness changed from model A to model B. Pairs are [A, B]. */
export interface FlipRow {
  id: string;
  /** The clip (video key). */
  video: string;
  task: EmoRealmTask;
  subtask: StressSubtask | null;
  modality: string;
  emotion: string | null;
  question: string;
  /** The cue the question asks about (null when the benchmark does not name it). */
  cue: string | null;
  /** Whether that cue is among the clip's cues (null without the clip's cues or without a cue). */
  cuePresent: boolean | null;
  /** The correct letter. */
  answer: string;
  prediction: [string | null, string | null];
  /** Option letter → log-likelihood, when the predictions carried scores. */
  scores: [Record<string, number> | null, Record<string, number> | null];
  /** log p(correct) − max log p(other option); positive when the model ranks the answer first. */
  margin: [number | null, number | null];
  /** The clip's cues (null when the clips are not known, e.g. on the released benchmark). */
  clipCues: ClipCues | null;
}

/** Both models' errors on one group (a stress subtask × modality, or a task). Pairs are [A, B]. */
export interface GroupErrors {
  /** The subtask (`groupedBy: 'subtask'`) or the task (`'task'`). */
  group: string;
  modality: string;
  items: number;
  counted: [number, number];
  errors: [number, number];
  /** % of counted items; null when none is counted. */
  errorRate: [number | null, number | null];
  /** Items counted in both: A wrong and B right, A right and B wrong, and McNemar's exact two-sided p on them. */
  fixed: number;
  broken: number;
  pValue: number;
}

export interface FlipExploration {
  /** The two models, A then B ("before" and "after"). */
  names: [string, string];
  /** The benchmark (a file name, or what the items came from). */
  source: string;
  mode: ScoringMode;
  /** `task` when the benchmark's stress items have no `subtask` field (the released JSON). */
  groupedBy: 'subtask' | 'task';
  /** Why the grouping is coarser than asked (null when it is not). */
  note: string | null;
  selection: {
    modality: StressModality;
    /** null when grouped by task. */
    subtask: StressSubtask | null;
    task: EmoRealmTask;
    /** "hallucination · visual", or "reasoning_stress_video". */
    label: string;
    /** Selected items counted in both models' scores (the McNemar pairs). */
    items: number;
    /** Accuracy (%) of each model on them. */
    accuracy: [number | null, number | null];
  };
  /** A wrong, B right. */
  fixed: FlipRow[];
  /** A right, B wrong. */
  broken: FlipRow[];
  /**
   * Exact McNemar test on the selection: `fixed` and `broken` are the discordant pairs
   * (they equal `fixed.length` and `broken.length`); two-sided p.
   */
  mcnemar: { fixed: number; broken: number; bothRight: number; bothWrong: number; pValue: number };
  /** Paired bootstrap (resampling the selected questions) of accuracy(B) − accuracy(A), in points. */
  difference: { estimate: number; lower: number; upper: number; level: number; pValue: number };
  /** Both models' errors and the flips between them per stress subtask × modality, or per task. */
  errors: GroupErrors[];
  /** Coverage warnings about the prediction files (see `checkPredictionIds`). */
  warnings: string[];
  reports: [EmoRealmReport, EmoRealmReport];
}

export interface FlipSelection {
  /** The stress subtask. Default `hallucination`. On a benchmark without `subtask` the selection is the modality's stress task. */
  subtask?: StressSubtask;
  /** `audio` or `visual`. Default `visual`. */
  modality?: StressModality;
}

export interface ExploreFlipsOptions extends FlipSelection {
  /** Names of the two models, A then B. Default ["A", "B"]. */
  names?: [string, string];
  /** What the benchmark is, for messages. Default "the benchmark". */
  source?: string;
  /** The cues present in a clip, by its video key; omit when the clips are not known. */
  clipCues?: (video: string) => ClipCues | undefined;
  /** The paired bootstrap of the accuracy difference. Default seed 0, 1000 resamples. */
  bootstrap?: { seed?: number; resamples?: number };
  warnings?: string[];
}

function checked<T extends string>(value: T, known: readonly T[], what: string): T {
  if (!known.includes(value)) throw new Error(`unknown ${what} "${String(value)}" (known: ${known.join(', ')})`);
  return value;
}

const STRESS_TASKS: readonly EmoRealmTask[] = Object.values(STRESS_TASK);

/** Explores the flips between two reports on `items` (both scored in one mode on these items). */
export function exploreFlips(items: readonly BenchmarkItem[], a: EmoRealmReport, b: EmoRealmReport, o: ExploreFlipsOptions = {}): FlipExploration {
  const modality = checked(o.modality ?? 'visual', STRESS_MODALITIES, 'modality');
  const subtask = checked(o.subtask ?? 'hallucination', STRESS_SUBTASKS, 'stress subtask');
  const names = o.names ?? ['A', 'B'];
  const source = o.source ?? 'the benchmark';
  if (a.mode !== b.mode) throw new Error(`exploreFlips: the reports are scored in different modes (${a.mode} vs ${b.mode})`);
  const stress = items.filter((i) => STRESS_TASKS.includes(i.task));
  if (stress.length === 0) throw new Error(`${source}: no stress-test items (tasks ${STRESS_TASKS.join(', ')}); nothing to explore`);
  const without = stress.filter((i) => i.subtask === undefined).length;
  const groupedBy = without === 0 ? 'subtask' : 'task';
  const task = STRESS_TASK[modality];
  const note =
    groupedBy === 'subtask'
      ? null
      : `${source}: ${without} of its ${stress.length} stress-test items have no \`subtask\` field (the released EmoReAlM JSON has none), ` +
        `so the explorer groups by task: the selection is every ${task} question, not only "${subtask}" ones, and the errors are per task`;
  const inSelection = (x: ItemOutcome): boolean => (groupedBy === 'subtask' ? x.task === task && x.subtask === subtask : x.task === task);

  const byId = new Map(items.map((i) => [i.id, i]));
  const label = groupedBy === 'subtask' ? `${subtask} · ${modality}` : task;
  const pairs = joinOutcomes(a.outcomes, b.outcomes).filter((j) => inSelection(j.a) && j.a.counted && j.b.counted);
  if (pairs.length === 0) throw new Error(`${source}: no ${label} question is counted in both prediction sets; nothing to compare`);
  const row = (x: ItemOutcome, y: ItemOutcome): FlipRow => {
    const item = byId.get(x.id);
    if (item === undefined) throw new Error(`exploreFlips: item "${x.id}" of the reports is not in ${source}`);
    const clipCues = o.clipCues?.(item.video) ?? null;
    const cue = x.cue ?? null;
    const present = clipCues === null || cue === null ? null : [...clipCues.audio, ...clipCues.visual].some((c) => c.cue === cue);
    return {
      id: x.id,
      video: item.video,
      task: x.task,
      subtask: x.subtask ?? null,
      modality: x.modality,
      emotion: x.emotion ?? null,
      question: x.question,
      cue,
      cuePresent: present,
      answer: x.answer,
      prediction: [x.prediction, y.prediction],
      scores: [x.scores ?? null, y.scores ?? null],
      margin: [scoreMargin(x), scoreMargin(y)],
      clipCues,
    };
  };
  const fixed = pairs.filter((j) => !j.a.correct && j.b.correct).map((j) => row(j.a, j.b));
  const broken = pairs.filter((j) => j.a.correct && !j.b.correct).map((j) => row(j.a, j.b));

  // B first, so that the bootstrap's difference is B − A and McNemar's "only the first right" is `fixed`.
  const cmp = compareReports(
    summarize(
      pairs.map((j) => j.b),
      b.mode,
    ),
    summarize(
      pairs.map((j) => j.a),
      a.mode,
    ),
    { seed: o.bootstrap?.seed ?? 0, resamples: o.bootstrap?.resamples ?? 1000 },
  );
  const accuracy = (xs: ItemOutcome[]): number | null => (xs.length === 0 ? null : (100 * xs.filter((x) => x.correct).length) / xs.length);

  return {
    names,
    source,
    mode: a.mode,
    groupedBy,
    note,
    selection: {
      modality,
      subtask: groupedBy === 'subtask' ? subtask : null,
      task,
      label,
      items: pairs.length,
      accuracy: [accuracy(pairs.map((j) => j.a)), accuracy(pairs.map((j) => j.b))],
    },
    fixed,
    broken,
    mcnemar: {
      fixed: cmp.mcnemar.onlyA,
      broken: cmp.mcnemar.onlyB,
      bothRight: cmp.mcnemar.bothRight,
      bothWrong: cmp.mcnemar.bothWrong,
      pValue: cmp.mcnemar.pValue,
    },
    difference: {
      estimate: cmp.bootstrap.difference,
      lower: cmp.bootstrap.lower,
      upper: cmp.bootstrap.upper,
      level: cmp.bootstrap.level,
      pValue: cmp.bootstrap.pValue,
    },
    errors: groupErrors(a, b, groupedBy),
    warnings: o.warnings ?? [],
    reports: [a, b],
  };
}

/** Both models' errors per stress subtask × modality (in the paper's order), or per task (in the benchmark's order). */
function groupErrors(a: EmoRealmReport, b: EmoRealmReport, groupedBy: 'subtask' | 'task'): GroupErrors[] {
  const by: GroupKey[] = groupedBy === 'subtask' ? ['subtask', 'modality'] : ['task', 'modality'];
  const filter = groupedBy === 'subtask' ? { task: STRESS_TASKS } : {};
  const [ra, rb] = [errorRows(a.outcomes, by, filter), errorRows(b.outcomes, by, filter)];
  const keys: Array<[string, string]> =
    groupedBy === 'subtask'
      ? STRESS_SUBTASKS.flatMap((s) => STRESS_MODALITIES.map((m): [string, string] => [s, m]))
      : a.tasks.map((t): [string, string] => [t.task, a.outcomes.find((x) => x.task === t.task)?.modality ?? '—']);
  const find = (rows: typeof ra, [g, m]: [string, string]) => rows.find((r) => r.key[by[0] as GroupKey] === g && r.key.modality === m);
  const joined = joinOutcomes(a.outcomes, b.outcomes).filter((j) => j.a.counted && j.b.counted);
  return keys.flatMap((k) => {
    const [x, y] = [find(ra, k), find(rb, k)];
    if (x === undefined || y === undefined) return [];
    const pairs = joined.filter((j) => String(j.a[by[0] as GroupKey] ?? '—') === k[0] && j.a.modality === k[1]);
    const m = mcnemarExact(
      pairs.map((j) => j.b.correct),
      pairs.map((j) => j.a.correct),
    ); // B first: onlyA = fixed
    return [
      {
        group: k[0],
        modality: k[1],
        items: x.items,
        counted: [x.counted, y.counted],
        errors: [x.errors, y.errors],
        errorRate: [x.errorRate, y.errorRate],
        fixed: m.onlyA,
        broken: m.onlyB,
        pValue: m.pValue,
      },
    ];
  });
}

export interface ExploreFilesOptions extends FlipSelection {
  /** Any EmoReAlM JSON file: the released `emorealm_v1.json` or one the workbench wrote. */
  benchmark: string;
  /** The two prediction sources, A then B: each a directory of `<id>.txt` files or a JSONL file. */
  predictions: [string, string];
  /** Default: the two paths. */
  names?: [string, string];
  /** Default `strict`. */
  mode?: ScoringMode;
}

/**
 * The explorer on files: any EmoReAlM JSON and two prediction sources (a real model's
 * predictions, made elsewhere). Bad input is an `InputError` naming the file, the item and the
 * field. The clips' cues are not known here (`clipCues` is null).
 */
export function exploreFiles(o: ExploreFilesOptions): FlipExploration {
  const items = readBenchmark(o.benchmark);
  const mode = o.mode ?? 'strict';
  const warnings: string[] = [];
  const [a, b] = o.predictions.map((file) => {
    const predictions = readPredictions(file);
    warnings.push(...checkPredictionIds(predictions, items, file));
    return scoreEmoRealm(items, predictions, { mode });
  }) as [EmoRealmReport, EmoRealmReport];
  return exploreFlips(items, a, b, { subtask: o.subtask, modality: o.modality, names: o.names ?? o.predictions, source: o.benchmark, warnings });
}

/** "wide_smile, tears; irrelevant: dim_lighting" (relevant cues first). */
export function formatCues(cues: readonly ClipCue[]): string {
  const rel = cues.filter((c) => c.relevant).map((c) => c.cue);
  const irr = cues.filter((c) => !c.relevant).map((c) => c.cue);
  return [rel.length > 0 ? rel.join(', ') : '—', ...(irr.length > 0 ? [`irrelevant: ${irr.join(', ')}`] : [])].join('; ');
}

/** The fixed or broken questions as a DataFrame: the question, its cue, both models' predictions and option scores, the clip's cues. */
export function flipRowsFrame(rows: readonly FlipRow[], names: [string, string]): DataFrame {
  const [na, nb] = names;
  const columns = [
    'id',
    'emotion',
    'cue',
    'cue in clip',
    'question',
    'answer',
    `prediction (${na})`,
    `prediction (${nb})`,
    `scores (${na})`,
    `scores (${nb})`,
    `margin (${na})`,
    `margin (${nb})`,
    'clip audio cues',
    'clip visual cues',
  ];
  return rowsFrame(
    rows.map((r) => ({
      id: r.id,
      emotion: r.emotion,
      cue: r.cue,
      'cue in clip': r.cuePresent === null ? null : r.cuePresent ? 'yes' : 'no',
      question: r.question,
      answer: r.answer,
      [`prediction (${na})`]: r.prediction[0],
      [`prediction (${nb})`]: r.prediction[1],
      [`scores (${na})`]: formatScores(r.scores[0] ?? undefined),
      [`scores (${nb})`]: formatScores(r.scores[1] ?? undefined),
      [`margin (${na})`]: r.margin[0],
      [`margin (${nb})`]: r.margin[1],
      'clip audio cues': r.clipCues === null ? null : formatCues(r.clipCues.audio),
      'clip visual cues': r.clipCues === null ? null : formatCues(r.clipCues.visual),
    })),
    columns,
  );
}

/** Both models' errors and the flips per group as a DataFrame. */
export function groupErrorsFrame(x: Pick<FlipExploration, 'errors' | 'names' | 'groupedBy'>): DataFrame {
  const [na, nb] = x.names;
  const columns = [x.groupedBy, 'modality', 'items', `errors (${na})`, `error % (${na})`, `errors (${nb})`, `error % (${nb})`, 'fixed', 'broken', 'McNemar p'];
  return rowsFrame(
    x.errors.map((e) => ({
      [x.groupedBy]: e.group,
      modality: e.modality,
      items: e.items,
      [`errors (${na})`]: e.errors[0],
      [`error % (${na})`]: e.errorRate[0],
      [`errors (${nb})`]: e.errors[1],
      [`error % (${nb})`]: e.errorRate[1],
      fixed: e.fixed,
      broken: e.broken,
      'McNemar p': e.pValue < 1e-3 ? e.pValue.toExponential(1) : e.pValue.toFixed(3),
    })),
    columns,
  );
}
