/**
 * Reader and validator for the EmoReAlM benchmark JSON (SPEC §5; the released file is
 * `emorealm_v1.json`): an array of `{id, video, task, question, choices, answer}` plus the
 * workbench's optional `subtask`, `emotion`, `modality`, `cue`.
 */
import { readFileSync } from 'fs';
import { EMOREALM_TASKS, EMOTIONS, STRESS_SUBTASKS, YES_NO_TASKS, type EmoRealmItem, type EmoRealmTask, type QuestionModality } from './emorealm';
import { formatChoice, MAX_CHOICES, normalizeAnswer, parseChoice } from './choices';
import { inputError } from './errors';
import { decodeUtf8, stripBom, visible } from './text';

export type YesNo = 'yes' | 'no';

/** A validated benchmark item: ids normalised to strings, answer to an upper-case letter, choices to "(A) text". */
export interface BenchmarkItem extends Omit<EmoRealmItem, 'id' | 'modality'> {
  id: string;
  /** The modality the task is about (given, or implied by the task). */
  modality: QuestionModality;
  /** Choice letters in order: ["A", "B", …]. */
  letters: string[];
  /** Choice texts without their "(A) " prefix. */
  options: string[];
  /** 0-based index of the correct choice. */
  answerIndex: number;
  /** Letter of the choice whose text is "Yes" / "No", when there is one. */
  yesLetter?: string;
  noLetter?: string;
  /** For yes/no tasks: whether the correct answer is Yes or No. */
  answerKind?: YesNo;
}

/** The modality each task is about. */
export const TASK_MODALITY: Record<EmoRealmTask, QuestionModality> = {
  reasoning_basic_audio: 'audio',
  reasoning_basic_video: 'visual',
  modality_agreement: 'audiovisual',
  reasoning_stress_audio: 'audio',
  reasoning_stress_video: 'visual',
};

const STRESS_TASKS: readonly EmoRealmTask[] = ['reasoning_stress_audio', 'reasoning_stress_video'];

/** Lower-case, punctuation to spaces, trimmed — the released scorer's `norm`. */
export function normText(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "Yes" / "No" when a choice text starts with that word ("Yes", "No.", "yes, they align"). */
export function yesNoOf(text: string): YesNo | undefined {
  const first = normText(text).split(' ')[0];
  return first === 'yes' ? 'yes' : first === 'no' ? 'no' : undefined;
}

/** Validates parsed JSON; `file` names the source in error messages. */
export function validateBenchmark(data: unknown, file: string): BenchmarkItem[] {
  if (!Array.isArray(data)) throw inputError(file, `expected a JSON array of items, got ${typeName(data)}`);
  if (data.length === 0) throw inputError(file, 'the benchmark has no items');
  const firstIndexOfId = new Map<string, number>();
  return data.map((raw, index) => {
    const item = validateItem(raw, index, file);
    const earlier = firstIndexOfId.get(item.id);
    if (earlier !== undefined) {
      throw inputError(file, `duplicate id (also item #${earlier})`, { index, id: item.id, field: 'id' });
    }
    firstIndexOfId.set(item.id, index);
    return item;
  });
}

/** Parses benchmark JSON text (a leading byte-order mark is skipped). */
export function parseBenchmark(text: string, file: string): BenchmarkItem[] {
  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch (e) {
    throw inputError(file, `malformed JSON: ${visible((e as Error).message)}`);
  }
  return validateBenchmark(data, file);
}

/** Reads and validates a benchmark JSON file. */
export function readBenchmark(path: string): BenchmarkItem[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw inputError(path, `cannot read the benchmark file: ${(e as Error).message}`);
  }
  return parseBenchmark(decodeUtf8(bytes, path), path);
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

function validateItem(raw: unknown, index: number, file: string): BenchmarkItem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw inputError(file, `expected an object, got ${typeName(raw)}`, { index });
  }
  const r = raw as Record<string, unknown>;
  const rawId = r['id'];
  if (!((typeof rawId === 'string' && rawId.trim() !== '') || (typeof rawId === 'number' && Number.isFinite(rawId)))) {
    throw inputError(file, `expected a non-empty string or a number, got ${JSON.stringify(rawId) ?? 'nothing'}`, { index, field: 'id' });
  }
  const id = String(rawId);
  const where = (field: string) => ({ index, id, field });
  const str = (field: string): string => {
    const v = r[field];
    if (typeof v !== 'string') throw inputError(file, `expected a string, got ${typeName(v)}`, where(field));
    return v;
  };

  const video = str('video');
  const question = str('question');
  const taskName = str('task');
  if (!(EMOREALM_TASKS as readonly string[]).includes(taskName)) {
    throw inputError(file, `unknown task "${taskName}" (expected one of ${EMOREALM_TASKS.join(', ')})`, where('task'));
  }
  const task = taskName as EmoRealmTask;

  const choices = r['choices'];
  if (!Array.isArray(choices) || choices.length < 2) {
    throw inputError(file, 'expected an array of at least two choices', where('choices'));
  }
  if (choices.length > MAX_CHOICES) {
    throw inputError(file, `${choices.length} choices; at most ${MAX_CHOICES} (A–Z) can be lettered`, where('choices'));
  }
  const letters: string[] = [];
  const options: string[] = [];
  choices.forEach((c, k) => {
    const expected = String.fromCharCode(65 + k);
    const parsed = parseChoice(c);
    if (parsed === undefined || parsed.letter !== expected) {
      throw inputError(file, `choice ${k} is ${JSON.stringify(c)}; expected the form "(${expected}) text"`, where('choices'));
    }
    letters.push(expected);
    options.push(parsed.text);
  });

  const answer = normalizeAnswer(str('answer'));
  if (answer === undefined) {
    throw inputError(file, `expected one letter, got ${JSON.stringify(r['answer'])}`, where('answer'));
  }
  const answerIndex = answer.charCodeAt(0) - 65;
  if (answerIndex >= choices.length) {
    throw inputError(file, `answer letter "${answer}" is out of range for ${choices.length} choices (A–${letters[letters.length - 1]})`, where('answer'));
  }

  const canonical = options.map((text, k) => formatChoice(letters[k] as string, text));
  const item: BenchmarkItem = { id, video, task, question, choices: canonical, answer, letters, options, answerIndex, modality: TASK_MODALITY[task] };
  options.forEach((text, k) => {
    const yn = yesNoOf(text);
    if (yn === 'yes' && item.yesLetter === undefined) item.yesLetter = letters[k];
    if (yn === 'no' && item.noLetter === undefined) item.noLetter = letters[k];
  });

  if (YES_NO_TASKS.includes(task)) {
    const kind = yesNoOf(options[answerIndex] as string);
    if (kind === undefined) {
      throw inputError(
        file,
        `task ${task} is a Yes/No task but the answer's text is ${JSON.stringify(options[answerIndex])}, neither Yes nor No`,
        where('answer'),
      );
    }
    item.answerKind = kind;
    checkYesNoChoices(options, letters, file, where);
  }

  validateExtensions(r, item, file, where);
  return item;
}

/** A yes/no task's choices: each one Yes or No, one of each. */
function checkYesNoChoices(
  options: readonly string[],
  letters: readonly string[],
  file: string,
  where: (f: string) => { index: number; id: string; field: string },
): void {
  const yes: string[] = [];
  const no: string[] = [];
  options.forEach((text, k) => {
    const kind = yesNoOf(text);
    if (kind === undefined) throw inputError(file, `choice ${letters[k]} ${JSON.stringify(text)} is neither Yes nor No (a yes/no task)`, where('choices'));
    (kind === 'yes' ? yes : no).push(letters[k] as string);
  });
  if (yes.length !== 1 || no.length !== 1) {
    const list = (xs: string[]) => (xs.length > 0 ? xs.join(', ') : 'none');
    throw inputError(file, `expected one Yes and one No choice, found Yes: ${list(yes)}; No: ${list(no)}`, where('choices'));
  }
}

/** The workbench's optional fields: checked for type and for consistency with task and answer. */
function validateExtensions(
  r: Record<string, unknown>,
  item: BenchmarkItem,
  file: string,
  where: (f: string) => { index: number; id: string; field: string },
): void {
  const opt = (field: string, allowed: readonly string[] | undefined): string | undefined => {
    const v = r[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw inputError(file, `expected a string, got ${typeName(v)}`, where(field));
    if (allowed !== undefined && !allowed.includes(v)) {
      throw inputError(file, `unknown value "${v}" (expected one of ${allowed.join(', ')})`, where(field));
    }
    return v;
  };
  const subtask = opt('subtask', STRESS_SUBTASKS);
  if (subtask !== undefined) {
    if (!STRESS_TASKS.includes(item.task)) throw inputError(file, `a subtask is only allowed on stress-test tasks, not ${item.task}`, where('subtask'));
    const expected: YesNo = subtask === 'no_hallucination' ? 'yes' : 'no';
    if (item.answerKind !== expected) {
      throw inputError(
        file,
        `subtask ${subtask} needs the answer ${expected === 'yes' ? 'Yes' : 'No'}, but the answer is ${item.answerKind === 'yes' ? 'Yes' : 'No'}`,
        where('subtask'),
      );
    }
    item.subtask = subtask as BenchmarkItem['subtask'];
  }
  const emotion = opt('emotion', EMOTIONS);
  if (emotion !== undefined) item.emotion = emotion as BenchmarkItem['emotion'];
  const modality = opt('modality', ['audio', 'visual', 'audiovisual']);
  if (modality !== undefined && modality !== item.modality) {
    throw inputError(file, `modality "${modality}" contradicts task ${item.task} (which is ${item.modality})`, where('modality'));
  }
  const cue = opt('cue', undefined);
  if (cue !== undefined) item.cue = cue;
}
