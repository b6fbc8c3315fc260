/**
 * Predictions I/O: a directory of `<id>.txt` files (the layout the released inference code
 * writes) or JSONL lines `{id, prediction, scores?}` where `scores` maps option letters to
 * log-likelihoods. A null score is −∞: an option the scorer ruled out (contrastive decoding's
 * plausibility constraint), which JSON cannot write as a number.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { BenchmarkItem } from '../formats';
import { decodeUtf8, inputError, stripBom, visible, type InputError } from '../formats';

export interface Prediction {
  id: string;
  /** The model's raw text answer. */
  prediction: string;
  /** Option letter → log-likelihood, when the model scored the options. */
  scores?: Record<string, number>;
}

/** Predictions keyed by item id. */
export type PredictionSet = Map<string, Prediction>;

/** Reads a directory of `<id>.txt` files or a `.jsonl` file. */
export function readPredictions(path: string): PredictionSet {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw inputError(path, `cannot read the predictions: ${(e as Error).message}`);
  }
  return isDir ? readPredictionDir(path) : parsePredictionsJsonl(readText(path), path);
}

/** Why `file` cannot be read, as an `InputError` naming it. */
function unreadable(file: string, e: NodeJS.ErrnoException): InputError {
  const why: Record<string, () => string> = {
    EISDIR: () => 'is a directory, not a prediction file',
    ELOOP: () => 'is a symlink loop',
    ENOENT: () =>
      lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() === true ? 'is a dangling symlink (its target does not exist)' : 'does not exist',
    EACCES: () => 'cannot be read (permission denied)',
  };
  return inputError(file, why[e.code ?? '']?.() ?? `cannot be read: ${e.message}`);
}

/** A file's UTF-8 text without a byte-order mark; unreadable and UTF-16 files give an `InputError`. */
function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw unreadable(file, e as NodeJS.ErrnoException);
  }
  return decodeUtf8(bytes, file);
}

/** Whether `text` is one JSON array spread over lines (a common mistake for JSONL). */
function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

/** Every `<id>.txt` file in `dir` (other entries are ignored; see `ignoredPredictionEntries`). */
export function readPredictionDir(dir: string): PredictionSet {
  const out: PredictionSet = new Map();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.txt')) continue;
    const id = name.slice(0, -'.txt'.length);
    out.set(id, { id, prediction: readText(join(dir, name)) });
  }
  return out;
}

/** The entries of a prediction directory that `readPredictionDir` skips (not named `<id>.txt`). */
export function ignoredPredictionEntries(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.endsWith('.txt'))
    .sort();
}

/** Parses JSONL predictions (a leading byte-order mark is skipped); `file` names the source in error messages. */
export function parsePredictionsJsonl(text: string, file: string): PredictionSet {
  const out: PredictionSet = new Map();
  stripBom(text)
    .split(/\r?\n/)
    .forEach((line, k) => {
      if (line.trim() === '') return;
      const lineFile = `${file}:${k + 1}`;
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch (e) {
        if (isJsonArray(stripBom(text)))
          throw inputError(file, 'a JSON array; predictions are JSONL (one {id, prediction} object per line) or a directory of <id>.txt files');
        throw inputError(lineFile, `malformed JSON: ${visible((e as Error).message)}`);
      }
      if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) throw inputError(lineFile, 'expected a JSON object {id, prediction, scores?}');
      const r = rec as Record<string, unknown>;
      const rawId = r['id'];
      if (!((typeof rawId === 'string' && rawId !== '') || (typeof rawId === 'number' && Number.isFinite(rawId)))) {
        throw inputError(lineFile, `expected a non-empty string or a number, got ${JSON.stringify(rawId) ?? 'nothing'}`, { field: 'id' });
      }
      const id = String(rawId);
      if (typeof r['prediction'] !== 'string') throw inputError(lineFile, 'expected a string', { id, field: 'prediction' });
      if (out.has(id)) throw inputError(lineFile, 'duplicate prediction for this id', { id, field: 'id' });
      const p: Prediction = { id, prediction: r['prediction'] };
      const scores = r['scores'];
      if (scores !== undefined && scores !== null) {
        if (typeof scores !== 'object' || Array.isArray(scores))
          throw inputError(lineFile, 'expected an object {letter: log-likelihood}', { id, field: 'scores' });
        const read: Record<string, number> = {};
        for (const [letter, v] of Object.entries(scores as Record<string, unknown>)) {
          if (!/^[A-Z]$/.test(letter) || !(v === null || (typeof v === 'number' && !Number.isNaN(v)))) {
            throw inputError(lineFile, `entry ${JSON.stringify(letter)}: ${JSON.stringify(v)} is not "letter": number`, { id, field: 'scores' });
          }
          read[letter] = v === null ? -Infinity : (v as number);
        }
        p.scores = read;
      }
      out.set(id, p);
    });
  return out;
}

/**
 * Checks predictions against the benchmark and returns warnings. Throws when a prediction's id
 * is not in the benchmark (a sign of the wrong file pair), when its `scores` name a letter
 * beyond the item's choices, and when no benchmark id has a prediction (an empty file, the
 * wrong directory); `note` is appended to that message (e.g. the files a directory skipped).
 * Warns when fewer than half of the ids have one.
 */
export function checkPredictionIds(predictions: PredictionSet, items: readonly BenchmarkItem[], source: string, note = ''): string[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const p of predictions.values()) {
    const item = byId.get(p.id);
    if (item === undefined) throw inputError(source, `a prediction has id "${p.id}", which is not in the benchmark`, { id: p.id, field: 'id' });
    const beyond = Object.keys(p.scores ?? {}).find((l) => !item.letters.includes(l));
    if (beyond !== undefined) {
      throw inputError(source, `letter "${beyond}" is beyond the item's choices (A–${item.letters[item.letters.length - 1]})`, { id: p.id, field: 'scores' });
    }
  }
  const matched = predictions.size;
  if (matched === 0) {
    throw inputError(source, `0 of the ${items.length} benchmark ids have a prediction (the source holds 0 predictions)${note}`);
  }
  if (2 * matched < items.length) {
    return [`${source}: only ${matched} of the ${items.length} benchmark ids have a prediction (fewer than half); the others count as missing`];
  }
  return [];
}

/** Writes `<id>.txt` files (the official layout), creating `dir`. */
export function writePredictionDir(dir: string, predictions: Iterable<Prediction>): void {
  mkdirSync(dir, { recursive: true });
  for (const p of predictions) {
    if (/[/\\]/.test(p.id) || p.id === '' || p.id === '.' || p.id === '..')
      throw inputError(dir, `id "${p.id}" cannot be a file name`, { id: p.id, field: 'id' });
    writeFileSync(join(dir, `${p.id}.txt`), p.prediction);
  }
}

/** JSONL text, one `{id, prediction, scores?}` per line. */
export function predictionsToJsonl(predictions: Iterable<Prediction>): string {
  let out = '';
  for (const p of predictions) out += `${JSON.stringify(p.scores === undefined ? { id: p.id, prediction: p.prediction } : p)}\n`;
  return out;
}

/** Writes JSONL predictions. */
export function writePredictionsJsonl(file: string, predictions: Iterable<Prediction>): void {
  writeFileSync(file, predictionsToJsonl(predictions));
}

/** A prediction set from a list (duplicate ids are an error). */
export function predictionSet(predictions: Iterable<Prediction>, source = 'predictions'): PredictionSet {
  const out: PredictionSet = new Map();
  for (const p of predictions) {
    if (out.has(p.id)) throw inputError(source, 'duplicate prediction for this id', { id: p.id, field: 'id' });
    out.set(p.id, p);
  }
  return out;
}
