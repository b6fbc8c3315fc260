/**
 * The official EmoReAlM JSON (SPEC §5): an array of `{id, video, task, question, choices,
 * answer}` plus the workbench's optional `subtask`, `emotion`, `modality`, `cue`. Reader
 * and writer, the scoring view used to answer by option likelihood, and the text-only
 * filter hook.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EMOREALM_TASKS, InputError, parseBenchmark, type EmoRealmItem, type EmoRealmTask } from '../formats';

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

/**
 * Parses the official JSON text. Validation is the shared EmoReAlM validator of `src/formats`
 * (the same one that scores real models' benchmarks), which throws an `InputError` naming
 * the file, the item and the field; the items are returned as written, in canonical field order.
 */
export function parseEmoRealmJson(text: string, file: string): EmoRealmItem[] {
  parseBenchmark(text, file);
  return (JSON.parse(text) as EmoRealmItem[]).map(canonicalItem);
}

export function readEmoRealmJson(file: string): EmoRealmItem[] {
  if (!fs.existsSync(file)) throw new InputError(`${file}: file not found`, file);
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
