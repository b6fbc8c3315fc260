/**
 * Predictions that do not fit the benchmark (issue 15): a source that matches no id, one that
 * matches few, score letters beyond the choices, and directory entries that are not files.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/score';
import { InputError, checkPredictionIds, parsePredictionsJsonl, readPredictions, scoreFiles } from '../../src/eval';
import { FIXTURES, items, rawItem } from './helpers';

const BENCH = join(FIXTURES, 'mini-benchmark.json');
const tmp = mkdtempSync(join(tmpdir(), 'eval-sources-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function inputErrorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('a predictions source that matches no benchmark id', () => {
  it('an empty JSONL fails, saying how many ids matched', () => {
    const file = join(tmp, 'empty.jsonl');
    writeFileSync(file, '');
    const r = run(['--benchmark', BENCH, '--predictions', file]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/empty\.jsonl: 0 of the 16 benchmark ids have a prediction \(the source holds 0 predictions\)/);
  });

  it('a directory of *.TXT files fails and names the ignored files', () => {
    const dir = join(tmp, 'upper');
    mkdirSync(dir);
    writeFileSync(join(dir, '1.TXT'), 'B');
    writeFileSync(join(dir, '2.TXT'), 'C');
    const e = inputErrorOf(() => scoreFiles({ benchmark: BENCH, predictions: dir }));
    expect(e.message).toMatch(/0 of the 16 benchmark ids have a prediction/);
    expect(e.message).toMatch(/ignored 2 entries not named <id>\.txt \(1\.TXT, 2\.TXT\)/);
  });

  it('fewer than half matched: scores, with a warning on stderr', () => {
    const file = join(tmp, 'few.jsonl');
    writeFileSync(file, '{"id": 1, "prediction": "B"}\n{"id": 2, "prediction": "C"}\n');
    const r = run(['--benchmark', BENCH, '--predictions', file, '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: .*few\.jsonl: only 2 of the 16 benchmark ids have a prediction/m);
    const { warnings } = scoreFiles({ benchmark: BENCH, predictions: file });
    expect(warnings.some((w) => /only 2 of the 16/.test(w))).toBe(true);
  });
});

describe('score letters beyond the choices', () => {
  it('are rejected, naming id and field', () => {
    const bench = items([rawItem('modality_agreement', 5, 'A')]);
    const preds = parsePredictionsJsonl('{"id": 5, "prediction": "A", "scores": {"A": -1, "B": -2, "E": -3}}', 'p.jsonl');
    const e = inputErrorOf(() => checkPredictionIds(preds, bench, 'p.jsonl'));
    expect(e.message).toBe('p.jsonl: (id "5"): field "scores": letter "E" is beyond the item\'s choices (A–B)');
  });
});

describe('prediction directory entries that are not readable files', () => {
  it('a subdirectory named x.txt', () => {
    const dir = join(tmp, 'subdir');
    mkdirSync(join(dir, '3.txt'), { recursive: true });
    const e = inputErrorOf(() => readPredictions(dir));
    expect(e.message).toMatch(/subdir\/3\.txt: .*is a directory, not a prediction file/);
  });

  it('a dangling symlink', () => {
    const dir = join(tmp, 'dangling');
    mkdirSync(dir);
    symlinkSync(join(dir, 'gone'), join(dir, '4.txt'));
    expect(inputErrorOf(() => readPredictions(dir)).message).toMatch(/dangling\/4\.txt: .*dangling symlink/);
  });

  it('a symlink loop', () => {
    const dir = join(tmp, 'loop');
    mkdirSync(dir);
    symlinkSync(join(dir, '6.txt'), join(dir, '5.txt'));
    symlinkSync(join(dir, '5.txt'), join(dir, '6.txt'));
    expect(inputErrorOf(() => readPredictions(dir)).message).toMatch(/loop\/5\.txt: .*symlink loop/);
  });

  it('a good symlink is read', () => {
    const dir = join(tmp, 'linked');
    mkdirSync(dir);
    writeFileSync(join(tmp, 'target.txt'), 'B');
    symlinkSync(join(tmp, 'target.txt'), join(dir, '1.txt'));
    expect(readPredictions(dir).get('1')?.prediction).toBe('B');
  });
});

describe('other bad prediction and benchmark files a user hands over', () => {
  it('a JSON array instead of JSONL is named as such', () => {
    const file = join(tmp, 'preds.json');
    writeFileSync(file, '[\n {"id": 1, "prediction": "B"}\n]\n');
    expect(inputErrorOf(() => readPredictions(file)).message).toMatch(
      /preds\.json: a JSON array; predictions are JSONL \(one \{id, prediction\} object per line\) or a directory of <id>\.txt files/,
    );
  });

  it('UTF-16 files (e.g. written by PowerShell) are named as such', () => {
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const preds = join(tmp, 'utf16.jsonl');
    writeFileSync(preds, utf16('{"id": 1, "prediction": "B"}\n'));
    expect(inputErrorOf(() => readPredictions(preds)).message).toMatch(/utf16\.jsonl: the file is UTF-16 \(byte-order mark FF FE\); save it as UTF-8/);
    const bench = join(tmp, 'utf16.json');
    writeFileSync(bench, utf16('[]'));
    expect(inputErrorOf(() => scoreFiles({ benchmark: bench, predictions: preds })).message).toMatch(/utf16\.json: the file is UTF-16/);
  });
});
