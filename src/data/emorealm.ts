/**
 * The official EmoReAlM JSON (SPEC §5): an array of `{id, video, task, question, choices,
 * answer}` plus the workbench's optional `subtask`, `emotion`, `modality`, `cue`. Reader
 * and writer, the scoring view used to answer by option likelihood, and the text-only
 * filter hook.
 */
import * as fs from 'fs';
import * as path from 'path';
import { choiceText, EMOREALM_TASKS, InputError, letterIndex, parseBenchmark, stripBom, type BenchmarkItem, type EmoRealmItem, type EmoRealmTask } from '../formats';

export { letter, letterIndex, choiceText } from '../formats';

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
 * Parses the official JSON text. Validation and normalisation are the shared EmoReAlM
 * validator's (`src/formats`, the same one that scores real models' benchmarks), which throws
 * an `InputError` naming the file, the item and the field. Items come back in canonical field
 * order with the validator's answer (one upper-case letter), choices ("(A) text") and
 * extensions (null = absent); ids keep their JSON type.
 */
export function parseEmoRealmJson(text: string, file: string): EmoRealmItem[] {
  const validated = parseBenchmark(text, file);
  const raw = JSON.parse(stripBom(text)) as EmoRealmItem[];
  return raw.map((item, k) => {
    const v = validated[k] as BenchmarkItem;
    return canonicalItem({ ...item, answer: v.answer, choices: v.choices, subtask: v.subtask, emotion: v.emotion, cue: v.cue, modality: item.modality ?? undefined });
  });
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
