/// <reference path="./danfojs.d.ts" />
/**
 * Failure explorer (SPEC §1 item 3): filter item outcomes by task, subtask, modality,
 * emotion and cue, count errors per group, and join two models' outcomes to list flips.
 * Results are danfojs DataFrames (plain `danfojs`, which runs in Node; SPEC §6).
 */
import type { DataFrame } from 'danfojs';
import type { EmoRealmTask, Emotion, QuestionModality, StressSubtask } from '../formats';
import type { ItemOutcome, OutcomeStatus } from './emorealm';
import { pairOutcomes } from './emorealmStats';

type Danfo = typeof import('danfojs');
let danfo: Danfo | undefined;
/** danfojs takes ~2 s to load (it pulls in mathjs and plotly): load it on first use, so the CLI starts fast. */
function dfd(): Danfo {
  return (danfo ??= require('danfojs') as Danfo);
}

type OneOrMany<T> = T | readonly T[];

export interface OutcomeFilter {
  task?: OneOrMany<EmoRealmTask>;
  subtask?: OneOrMany<StressSubtask>;
  modality?: OneOrMany<QuestionModality>;
  emotion?: OneOrMany<Emotion>;
  /** Case-insensitive substring of the item's cue. */
  cue?: string;
  correct?: boolean;
  status?: OneOrMany<OutcomeStatus>;
}

function matches<T>(value: T | undefined, want: OneOrMany<T> | undefined): boolean {
  if (want === undefined) return true;
  if (value === undefined) return false;
  return Array.isArray(want) ? (want as readonly T[]).includes(value) : want === value;
}

export function filterOutcomes(outcomes: readonly ItemOutcome[], filter: OutcomeFilter = {}): ItemOutcome[] {
  const cue = filter.cue?.toLowerCase();
  return outcomes.filter(
    (o) =>
      matches(o.task, filter.task) &&
      matches(o.subtask, filter.subtask) &&
      matches(o.modality, filter.modality) &&
      matches(o.emotion, filter.emotion) &&
      matches(o.status, filter.status) &&
      (filter.correct === undefined || o.correct === filter.correct) &&
      (cue === undefined || (o.cue ?? '').toLowerCase().includes(cue)),
  );
}

/** "A:-1.20 B:-0.35", or null without scores. */
export function formatScores(scores: Record<string, number> | undefined): string | null {
  if (scores === undefined) return null;
  return Object.keys(scores)
    .sort()
    .map((k) => `${k}:${(scores[k] as number).toFixed(2)}`)
    .join(' ');
}

/** log p(correct option) − max log p(other options); positive when the model ranks the answer first. */
export function scoreMargin(o: ItemOutcome): number | null {
  if (o.scores === undefined || o.scores[o.answer] === undefined) return null;
  const others = Object.entries(o.scores)
    .filter(([k]) => k !== o.answer)
    .map(([, v]) => v);
  return others.length > 0 ? (o.scores[o.answer] as number) - Math.max(...others) : null;
}

const OUTCOME_COLUMNS = [
  'id',
  'task',
  'subtask',
  'modality',
  'emotion',
  'cue',
  'question',
  'answer',
  'prediction',
  'chosen',
  'status',
  'correct',
  'scores',
  'margin',
];

/** A DataFrame of `rows` with exactly `columns` (missing values null); an empty one keeps the columns. */
export function rowsFrame(rows: readonly Record<string, unknown>[], columns: readonly string[]): DataFrame {
  const { DataFrame: Frame } = dfd();
  return rows.length > 0 ? new Frame(rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])))) : new Frame([], { columns: [...columns] });
}
const frame = rowsFrame;

/** One row per outcome (after filtering). */
export function outcomesFrame(outcomes: readonly ItemOutcome[], filter: OutcomeFilter = {}): DataFrame {
  const rows = filterOutcomes(outcomes, filter).map((o) => ({ ...o, scores: formatScores(o.scores), margin: scoreMargin(o) }));
  return frame(rows, OUTCOME_COLUMNS);
}

export type GroupKey = 'task' | 'subtask' | 'modality' | 'emotion' | 'cue' | 'status';

/** One group of `errorRows`: its value of each key ("—" when an item has none), then the counts (rates in %, null when nothing is counted). */
export interface ErrorRow {
  key: Partial<Record<GroupKey, string>>;
  items: number;
  counted: number;
  errors: number;
  errorRate: number | null;
  accuracy: number | null;
}

/** Items, errors, error rate and accuracy (%) per group, most errors first; items without a value for a key group under "—". */
export function errorRows(outcomes: readonly ItemOutcome[], by: readonly GroupKey[], filter: OutcomeFilter = {}): ErrorRow[] {
  const groups = new Map<string, { key: Record<string, string>; items: number; counted: number; errors: number }>();
  for (const o of filterOutcomes(outcomes, filter)) {
    const key = Object.fromEntries(by.map((k) => [k, String(o[k] ?? '—')]));
    const id = JSON.stringify(key);
    const g = groups.get(id) ?? { key, items: 0, counted: 0, errors: 0 };
    g.items += 1;
    if (o.counted) {
      g.counted += 1;
      if (!o.correct) g.errors += 1;
    }
    groups.set(id, g);
  }
  return [...groups.values()]
    .sort((x, y) => y.errors - x.errors || JSON.stringify(x.key).localeCompare(JSON.stringify(y.key)))
    .map((g) => ({
      key: g.key,
      items: g.items,
      counted: g.counted,
      errors: g.errors,
      errorRate: g.counted > 0 ? (100 * g.errors) / g.counted : null,
      accuracy: g.counted > 0 ? (100 * (g.counted - g.errors)) / g.counted : null,
    }));
}

/** `errorRows` as a DataFrame. */
export function errorTable(outcomes: readonly ItemOutcome[], by: readonly GroupKey[], filter: OutcomeFilter = {}): DataFrame {
  const rows = errorRows(outcomes, by, filter).map(({ key, ...counts }) => ({ ...key, ...counts }));
  return frame(rows, [...by, 'items', 'counted', 'errors', 'errorRate', 'accuracy']);
}

export type FlipKind = 'right→wrong' | 'wrong→right' | 'both right' | 'both wrong';

export interface JoinedOutcome {
  a: ItemOutcome;
  b: ItemOutcome;
  /** From model A to model B. */
  flip: FlipKind;
}

/** Aligns two models' outcomes on the same items and classifies each item's change A → B. */
export function joinOutcomes(a: readonly ItemOutcome[], b: readonly ItemOutcome[]): JoinedOutcome[] {
  const [pa, pb] = pairOutcomes(a, b);
  return pa.map((oa, i) => {
    const ob = pb[i] as ItemOutcome;
    const flip: FlipKind = oa.correct ? (ob.correct ? 'both right' : 'right→wrong') : ob.correct ? 'wrong→right' : 'both wrong';
    return { a: oa, b: ob, flip };
  });
}

export interface FlipOptions {
  /** Only these kinds; default right→wrong and wrong→right. */
  kinds?: readonly FlipKind[];
  /** Filter on the items (applied to model A's outcome, which carries the same item fields). */
  filter?: OutcomeFilter;
  /** Column suffixes for the two models, default "A" and "B". */
  names?: [string, string];
}

/** Side-by-side rows of the items whose correctness changed between two models. */
export function flipsFrame(a: readonly ItemOutcome[], b: readonly ItemOutcome[], options: FlipOptions = {}): DataFrame {
  const kinds = options.kinds ?? ['right→wrong', 'wrong→right'];
  const [na, nb] = options.names ?? ['A', 'B'];
  const keep = new Set(filterOutcomes(a, options.filter ?? {}).map((o) => o.id));
  const rows = joinOutcomes(a, b)
    .filter((j) => kinds.includes(j.flip) && keep.has(j.a.id))
    .map((j) => ({
      id: j.a.id,
      flip: j.flip,
      task: j.a.task,
      subtask: j.a.subtask,
      modality: j.a.modality,
      emotion: j.a.emotion,
      cue: j.a.cue,
      question: j.a.question,
      answer: j.a.answer,
      [`prediction_${na}`]: j.a.prediction,
      [`prediction_${nb}`]: j.b.prediction,
      [`scores_${na}`]: formatScores(j.a.scores),
      [`scores_${nb}`]: formatScores(j.b.scores),
      [`margin_${na}`]: scoreMargin(j.a),
      [`margin_${nb}`]: scoreMargin(j.b),
    }));
  const columns = [
    'id',
    'flip',
    'task',
    'subtask',
    'modality',
    'emotion',
    'cue',
    'question',
    'answer',
    `prediction_${na}`,
    `prediction_${nb}`,
    `scores_${na}`,
    `scores_${nb}`,
    `margin_${na}`,
    `margin_${nb}`,
  ];
  return frame(rows, columns);
}

/** Number of items of each flip kind per group. */
export function flipCounts(a: readonly ItemOutcome[], b: readonly ItemOutcome[], by: readonly GroupKey[]): DataFrame {
  const kinds: FlipKind[] = ['right→wrong', 'wrong→right', 'both right', 'both wrong'];
  const groups = new Map<string, Record<string, string | number>>();
  for (const j of joinOutcomes(a, b)) {
    const key = Object.fromEntries(by.map((k) => [k, String(j.a[k] ?? '—')]));
    const id = JSON.stringify(key);
    const g = groups.get(id) ?? { ...key, ...Object.fromEntries(kinds.map((k) => [k, 0])) };
    g[j.flip] = (g[j.flip] as number) + 1;
    groups.set(id, g);
  }
  const rows = [...groups.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([, g]) => g);
  return frame(rows, [...by, ...kinds]);
}
