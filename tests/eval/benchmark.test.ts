import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { InputError, parseBenchmark, readBenchmark, validateBenchmark } from '../../src/eval';
import { FIXTURES, rawItem } from './helpers';

function expectError(data: unknown, pattern: RegExp): InputError {
  let caught: unknown;
  try {
    validateBenchmark(data, 'bench.json');
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InputError);
  expect((caught as Error).message).toMatch(/^bench\.json: /);
  expect((caught as Error).message).toMatch(pattern);
  return caught as InputError;
}

describe('benchmark reader', () => {
  it('reads the mini fixture, normalising ids and resolving modality and Yes/No', () => {
    const items = readBenchmark(join(FIXTURES, 'mini-benchmark.json'));
    expect(items).toHaveLength(16);
    expect(items[0]?.id).toBe('1'); // numeric id → string
    expect(items[12]?.id).toBe('sv-13');
    expect(items[0]?.options[1]).toBe('The trembling, high-pitched voice');
    expect(items[0]?.answerIndex).toBe(1);
    expect(items[0]?.modality).toBe('audio');
    expect(items[4]?.modality).toBe('visual');
    expect(items[5]?.modality).toBe('audiovisual');
    expect(items[5]?.answerKind).toBe('yes');
    expect(items[6]?.answerKind).toBe('no');
    expect(items[5]?.yesLetter).toBe('A');
    expect(items[5]?.noLetter).toBe('B');
    expect(items[0]?.answerKind).toBeUndefined();
    expect(items[8]?.subtask).toBe('no_hallucination');
    expect(items[8]?.cue).toBe('chuckling');
  });

  it('accepts a lower-case answer letter (the released scorer upper-cases it) and extra fields', () => {
    const [item] = validateBenchmark([{ ...rawItem('reasoning_basic_audio', 7, 'c'), extra: 1 }], 'b.json');
    expect(item?.answer).toBe('C');
    expect(item?.answerIndex).toBe(2);
  });

  it('rejects malformed JSON, naming the file', () => {
    expect(() => parseBenchmark('[{"id": 1,', 'broken.json')).toThrow(/^broken\.json: malformed JSON/);
    expect(() => readBenchmark(join(FIXTURES, 'bad-malformed.json'))).toThrow(/bad-malformed\.json: malformed JSON/);
  });

  it('rejects a missing file and a non-array top level', () => {
    expect(() => readBenchmark(join(FIXTURES, 'no-such-file.json'))).toThrow(/no-such-file\.json: cannot read/);
    expectError({ items: [] }, /expected a JSON array/);
    expectError([], /no items/);
  });

  it('rejects an unknown task, naming item and field', () => {
    const e = expectError(
      [rawItem('reasoning_basic_audio', 1), rawItem('emotion_guessing', 2)],
      /item #1 \(id "2"\): field "task": unknown task "emotion_guessing"/,
    );
    expect(e.field).toBe('task');
    expect(e.item).toBe('item #1 (id "2")');
  });

  it('rejects an answer letter out of range', () => {
    expectError([rawItem('reasoning_stress_audio', 5, 'C')], /id "5"\): field "answer": answer letter "C" is out of range for 2 choices \(A–B\)/);
    expectError([rawItem('reasoning_basic_video', 5, 'E')], /field "answer": answer letter "E" is out of range for 4 choices/);
    expectError([rawItem('reasoning_basic_video', 5, 'AB')], /field "answer": expected one letter/);
    expectError([rawItem('reasoning_basic_video', 5, '1')], /field "answer": expected one letter/);
  });

  it('rejects duplicate ids, also across number and string spellings', () => {
    expectError(
      [rawItem('reasoning_basic_audio', 3), rawItem('reasoning_basic_audio', 4), rawItem('modality_agreement', 3)],
      /item #2 \(id "3"\): field "id": duplicate id \(also item #0\)/,
    );
    expectError([rawItem('reasoning_basic_audio', 3), rawItem('reasoning_basic_audio', '3')], /item #1 \(id "3"\): field "id": duplicate id/);
  });

  it('rejects choices not in "(A) …" form', () => {
    const bad = (choices: unknown) => [{ ...rawItem('reasoning_basic_audio', 9), choices }];
    expectError(bad(['A) smile', '(B) shirt']), /field "choices": choice 0 is "A\) smile"; expected the form "\(A\) text"/);
    expectError(bad(['(A) smile', '(C) shirt']), /choice 1 is "\(C\) shirt"; expected the form "\(B\) text"/);
    expectError(bad(['(A) smile', '(B) ']), /choice 1 is "\(B\) "/);
    expectError(bad(['(A) smile', 3]), /choice 1 is 3/);
    expectError(bad(['(A) smile']), /field "choices": expected an array of at least two choices/);
    expectError(bad('(A) smile (B) shirt'), /field "choices"/);
  });

  it('rejects a yes/no task whose answer text is neither Yes nor No', () => {
    const item = { ...rawItem('modality_agreement', 11), choices: ['(A) Maybe', '(B) No'] };
    expectError([item], /id "11"\): field "answer": task modality_agreement is a Yes\/No task but the answer's text is "Maybe", neither Yes nor No/);
    // "Not sure" starts with "not", not "no": the released scorer's substring test would call it No.
    expectError([{ ...rawItem('reasoning_stress_video', 12, 'B'), choices: ['(A) Yes', '(B) Not sure'] }], /neither Yes nor No/);
  });

  it('rejects missing or mistyped required fields', () => {
    const { id: _id, ...noId } = rawItem('reasoning_basic_audio', 1);
    expectError([noId], /item #0: field "id": expected a non-empty string or a number/);
    expectError([{ ...rawItem('reasoning_basic_audio', 1), question: 4 }], /field "question": expected a string, got number/);
    expectError([{ ...rawItem('reasoning_basic_audio', 1), video: null }], /field "video": expected a string, got null/);
    expectError(['not an item'], /item #0: expected an object, got string/);
  });

  it('checks the workbench extensions against task and answer', () => {
    expectError([rawItem('reasoning_basic_audio', 1, 'A', { subtask: 'spurious' })], /field "subtask": a subtask is only allowed on stress-test tasks/);
    expectError([rawItem('reasoning_stress_audio', 1, 'A', { subtask: 'hallucination' })], /subtask hallucination needs the answer No, but the answer is Yes/);
    expectError([rawItem('reasoning_stress_audio', 1, 'B', { subtask: 'no_hallucination' })], /subtask no_hallucination needs the answer Yes/);
    expectError([rawItem('reasoning_stress_audio', 1, 'B', { subtask: 'invented' })], /field "subtask": unknown value "invented"/);
    expectError([rawItem('reasoning_stress_audio', 1, 'B', { emotion: 'joy' })], /field "emotion": unknown value "joy"/);
    expectError(
      [rawItem('reasoning_stress_audio', 1, 'B', { modality: 'visual' })],
      /field "modality": modality "visual" contradicts task reasoning_stress_audio/,
    );
    expectError([rawItem('reasoning_stress_audio', 1, 'B', { cue: 3 })], /field "cue": expected a string/);
  });
});
