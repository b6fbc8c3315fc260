/**
 * One normalisation of answers and choices (src/formats/choices.ts), shared by the benchmark
 * validator and the data library, and the minor validator defects of issue 15.
 */
import { describe, expect, it } from 'vitest';
import { parseEmoRealmJson, scoringView } from '../../src/data';
import { InputError, parseBenchmark, validateBenchmark } from '../../src/formats';

function inputErrorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

const basic = (extra: Record<string, unknown> = {}) => ({
  id: 1,
  video: 'v1',
  task: 'reasoning_basic_audio',
  question: 'Which cue?',
  choices: ['(A) the smile', '(B) the shirt'],
  answer: 'A',
  ...extra,
});

describe('validator and data library agree', () => {
  it('a lower-case, padded answer and "(A)text" choices load in src/data as canonical items', () => {
    const text = JSON.stringify([basic({ answer: ' b ', choices: ['(A)the smile', '  (B)   the shirt '] })]);
    expect(validateBenchmark(JSON.parse(text), 'b.json')[0]?.answer).toBe('B');
    const [item] = parseEmoRealmJson(text, 'b.json');
    expect(item?.answer).toBe('B');
    expect(item?.choices).toEqual(['(A) the smile', '(B) the shirt']);
    expect(scoringView(item!)).toEqual({ prompt: 'Which cue?', options: ['the smile', 'the shirt'], answerIndex: 1 });
  });

  it('validator items carry the canonical choices too', () => {
    const [item] = validateBenchmark([basic({ choices: ['(A)the smile', '(B) the shirt'] })], 'b.json');
    expect(item?.choices).toEqual(['(A) the smile', '(B) the shirt']);
    expect(item?.options).toEqual(['the smile', 'the shirt']);
  });
});

describe('minor validator defects', () => {
  it('a UTF-8 BOM is stripped', () => {
    const items = parseBenchmark(`\uFEFF${JSON.stringify([basic()])}`, 'bom.json');
    expect(items).toHaveLength(1);
  });

  it('an invisible character in malformed JSON is named visibly', () => {
    const e = inputErrorOf(() => parseBenchmark(`\u200B${JSON.stringify([basic()])}`, 'zw.json'));
    expect(e.message).toMatch(/U\+200B/);
    expect(e.message).not.toMatch(/\u200B/);
  });

  it('more than 26 choices gives a readable message', () => {
    const choices = Array.from({ length: 27 }, (_, k) => `(${String.fromCharCode(65 + Math.min(k, 25))}) c${k}`);
    const e = inputErrorOf(() => validateBenchmark([basic({ choices })], 'many.json'));
    expect(e.field).toBe('choices');
    expect(e.message).toMatch(/27 choices; at most 26 \(A–Z\)/);
    expect(e.message).not.toMatch(/\[/);
  });

  it('a yes/no task needs one Yes and one No choice', () => {
    const yesNo = { ...basic(), task: 'modality_agreement' };
    let e = inputErrorOf(() => validateBenchmark([{ ...yesNo, choices: ['(A) Yes', '(B) Maybe'] }], 'yn.json'));
    expect(e.field).toBe('choices');
    expect(e.message).toMatch(/choice B "Maybe" is neither Yes nor No/);
    e = inputErrorOf(() => validateBenchmark([{ ...yesNo, choices: ['(A) Yes', '(B) Yes, surely'] }], 'yn.json'));
    expect(e.message).toMatch(/expected one Yes and one No choice, found Yes: A, B; No: none/);
    e = inputErrorOf(() => validateBenchmark([{ ...yesNo, choices: ['(A) Yes', '(B) No', '(C) No way'] }], 'yn.json'));
    expect(e.message).toMatch(/expected one Yes and one No choice, found Yes: A; No: B, C/);
  });
});
