/**
 * The official EmoReAlM JSON (SPEC §5): an array of `{id, video, task, question, choices,
 * answer}` plus the workbench's optional `subtask`, `emotion`, `modality`, `cue`. A small
 * validating reader and writer, the scoring view used to answer by option likelihood, and
 * the text-only filter hook.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  EMOREALM_TASKS,
  EMOTIONS,
  STRESS_SUBTASKS,
  type EmoRealmItem,
  type EmoRealmTask,
  type QuestionModality,
} from '../formats';
import { fail, optOneOf, optStr, str, withId, oneOf, type Ctx } from './validate';

const MODALITIES: readonly QuestionModality[] = ['audio', 'visual', 'audiovisual'];

/** "A", "B", … for option index 0, 1, … */
export function letter(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= 26) throw new Error(`no option letter for index ${index}`);
  return String.fromCharCode(65 + index);
}

/** Option index of a letter ("A" → 0). */
export function letterIndex(l: string): number {
  if (!/^[A-Z]$/.test(l)) throw new Error(`"${l}" is not an option letter`);
  return l.charCodeAt(0) - 65;
}

const CHOICE = /^\(([A-Z])\) (.+)$/s;

/** The text of a choice without its "(A) " prefix. */
export function choiceText(choice: string): string {
  const m = CHOICE.exec(choice);
  if (m === null) throw new Error(`choice "${choice}" is not of the form "(A) text"`);
  return m[2] as string;
}

/** The item with its fields in the official order, extensions after, undefined ones left out. */
export function canonicalItem(item: EmoRealmItem): EmoRealmItem {
  const out: EmoRealmItem = {
    id: item.id,
    video: item.video,
    task: item.task,
    question: item.question,
    choices: [...item.choices],
    answer: item.answer,
  };
  if (item.subtask !== undefined) out.subtask = item.subtask;
  if (item.emotion !== undefined) out.emotion = item.emotion;
  if (item.modality !== undefined) out.modality = item.modality;
  if (item.cue !== undefined) out.cue = item.cue;
  return out;
}

/** Validates one item of the official JSON. */
export function parseEmoRealmItem(raw: unknown, ctx0: Ctx): EmoRealmItem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(ctx0, '(item)', 'expected an object');
  const o = raw as Record<string, unknown>;
  const ctx = withId(ctx0, o.id);
  if (typeof o.id !== 'string' && typeof o.id !== 'number') fail(ctx, 'id', `expected a string or number, got ${JSON.stringify(o.id)}`);
  const choicesRaw = o.choices;
  if (!Array.isArray(choicesRaw) || choicesRaw.length < 2) fail(ctx, 'choices', 'expected an array of at least 2 choices');
  const choices = choicesRaw.map((c, i) => {
    if (typeof c !== 'string') fail(ctx, `choices[${i}]`, `expected a string, got ${JSON.stringify(c)}`);
    const m = CHOICE.exec(c);
    if (m === null || m[1] !== letter(i)) fail(ctx, `choices[${i}]`, `expected "(${letter(i)}) text", got ${JSON.stringify(c)}`);
    return c;
  });
  const answer = str(o, 'answer', ctx);
  if (!/^[A-Z]$/.test(answer) || letterIndex(answer) >= choices.length) {
    fail(ctx, 'answer', `expected a letter A–${letter(choices.length - 1)}, got ${JSON.stringify(answer)}`);
  }
  const item: EmoRealmItem = {
    id: o.id,
    video: str(o, 'video', ctx),
    task: oneOf(o, 'task', EMOREALM_TASKS, ctx),
    question: str(o, 'question', ctx),
    choices,
    answer,
  };
  const subtask = optOneOf(o, 'subtask', STRESS_SUBTASKS, ctx);
  const emotion = optOneOf(o, 'emotion', EMOTIONS, ctx);
  const modality = optOneOf(o, 'modality', MODALITIES, ctx);
  const cue = optStr(o, 'cue', ctx);
  if (subtask !== undefined) item.subtask = subtask;
  if (emotion !== undefined) item.emotion = emotion;
  if (modality !== undefined) item.modality = modality;
  if (cue !== undefined) item.cue = cue;
  return item;
}

/** Parses and validates the official JSON text (an array of items); ids must be unique. */
export function parseEmoRealmJson(text: string, file: string): EmoRealmItem[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail({ file, item: '(file)' }, '(file)', `invalid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(raw)) fail({ file, item: '(file)' }, '(root)', 'expected a JSON array of items');
  const seen = new Set<string>();
  return raw.map((v, i) => {
    const item = parseEmoRealmItem(v, { file, item: `item ${i}` });
    const key = String(item.id);
    if (seen.has(key)) fail({ file, item: `item ${i} (id ${key})` }, 'id', 'duplicate id');
    seen.add(key);
    return item;
  });
}

export function readEmoRealmJson(file: string): EmoRealmItem[] {
  if (!fs.existsSync(file)) fail({ file, item: '(file)' }, '(file)', 'file not found');
  return parseEmoRealmJson(fs.readFileSync(file, 'utf8'), file);
}

export function writeEmoRealmJson(file: string, items: readonly EmoRealmItem[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(items.map(canonicalItem), null, 1)}\n`);
}

/** What a model scores: the question as prompt, each option's text as a response. */
export interface ScoringView {
  prompt: string;
  /** Option texts without "(A) ", in choice order. */
  options: string[];
  /** Index of the correct option. */
  answerIndex: number;
}

export function scoringView(item: EmoRealmItem): ScoringView {
  return { prompt: item.question, options: item.choices.map(choiceText), answerIndex: letterIndex(item.answer) };
}

export interface TextSolvableFilterResult {
  /** Items a text-only model did not answer correctly. */
  kept: EmoRealmItem[];
  /** Ids of the removed items. */
  removedIds: Array<string | number>;
  /** Removed count per task. */
  removed: Record<EmoRealmTask, number>;
}

/**
 * Removes the questions a text-only model answers correctly (paper §3.3). `textOnlyAnswer`
 * returns the letter the model picks from the question and choices alone.
 */
export function filterTextSolvable(items: readonly EmoRealmItem[], textOnlyAnswer: (item: EmoRealmItem) => string): TextSolvableFilterResult {
  const removed = Object.fromEntries(EMOREALM_TASKS.map((t) => [t, 0])) as Record<EmoRealmTask, number>;
  const kept: EmoRealmItem[] = [];
  const removedIds: Array<string | number> = [];
  for (const item of items) {
    const guess = textOnlyAnswer(item).trim().toUpperCase();
    if (guess === item.answer) {
      removed[item.task] += 1;
      removedIds.push(item.id);
    } else kept.push(item);
  }
  return { kept, removedIds, removed };
}
