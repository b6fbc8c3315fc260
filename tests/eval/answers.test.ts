import { describe, expect, it } from 'vitest';
import { officialMatch, parseAnswer } from '../../src/eval';
import { items, rawItem } from './helpers';

describe("officialMatch (the released scorer's matches_correct_answer)", () => {
  // Golden values from Python's `re`, with the released code:
  //   prediction = prediction.strip().lower()
  //   pattern = rf'\b[\(\[]?{re.escape(correct_answer)}[\)\]\.\:]?\b'
  //   bool(re.search(pattern, prediction, re.IGNORECASE))
  // over the (prediction, letter) pairs below; printed with json.dumps.
  const golden: [string, string, boolean][] = [
    ['B', 'B', true],
    ['b', 'B', true],
    ['(B)', 'B', true],
    ['[b]', 'B', true],
    ['B.', 'B', true],
    ['Answer: B', 'B', true],
    ['answer:b', 'B', true],
    ['A or B', 'A', true],
    ['A or B', 'B', true],
    ['a sad face', 'A', true],
    ['The answer is A', 'A', true],
    ['Yes', 'A', false],
    ['No', 'B', false],
    ['ab', 'A', false],
    ['a_b', 'A', false],
    ['a-b', 'B', true],
    ['(a)', 'A', true],
    ['x(a)y', 'A', true],
    ['\u00e9 a', 'A', true],
    ['\u00e9a', 'A', false],
    ['a1', 'A', false],
    ['', 'A', false],
    ['  B  ', 'B', true],
    ['Option C:', 'C', true],
    ['bb', 'B', false],
    ['I think B', 'B', true],
    ['Maybe', 'A', false],
    ['A.B', 'B', true],
    ['A:', 'A', true],
  ];
  it.each(golden)('%j contains letter %s → %s', (prediction, letter, expected) => {
    expect(officialMatch(prediction, letter)).toBe(expected);
  });
});

describe('parseAnswer (strict)', () => {
  const [mcq, yn] = items([rawItem('reasoning_basic_audio', 1, 'B'), rawItem('reasoning_stress_video', 2, 'B')]);
  if (mcq === undefined || yn === undefined) throw new Error('fixture');

  const answers: [string, string][] = [
    ['B', 'B'],
    ['(B)', 'B'],
    ['B.', 'B'],
    ['Answer: B', 'B'],
    ['answer: b', 'B'],
    ['The answer is B because of the tone.', 'B'],
    ['(b)', 'B'],
    ['b', 'B'],
    ['  C  \n', 'C'],
    ['[D]', 'D'],
    ['I think the answer is A', 'A'],
    ['Option c', 'C'],
    ['the shirt', 'B'],
    ['(B) the shirt', 'B'],
    ['It is the smile.', 'A'],
  ];
  it.each(answers)('multiple choice: %j → %s', (prediction, letter) => {
    expect(parseAnswer(prediction, mcq)).toEqual({ status: 'answer', letter, candidates: [letter] });
  });

  const yesNo: [string, string][] = [
    ['Yes', 'A'],
    ['yes.', 'A'],
    ['No', 'B'],
    ['NO', 'B'],
    ['No, the audio does not show it.', 'B'],
    ['(A) Yes', 'A'],
    ['A', 'A'],
    ['B. No', 'B'],
    ['Yes, it does.', 'A'],
  ];
  it.each(yesNo)('yes/no: %j → %s', (prediction, letter) => {
    expect(parseAnswer(prediction, yn)).toEqual({ status: 'answer', letter, candidates: [letter] });
  });

  it('calls several answers ambiguous, never correct', () => {
    expect(parseAnswer('A or B', mcq)).toEqual({ status: 'ambiguous', candidates: ['A', 'B'] });
    expect(parseAnswer('A and C', mcq)).toEqual({ status: 'ambiguous', candidates: ['A', 'C'] });
    expect(parseAnswer('Yes and No', yn)).toEqual({ status: 'ambiguous', candidates: ['A', 'B'] });
    expect(parseAnswer('(A) Yes (B) No', yn)).toEqual({ status: 'ambiguous', candidates: ['A', 'B'] });
    expect(parseAnswer('(B) Yes', yn)).toEqual({ status: 'ambiguous', candidates: ['A', 'B'] });
  });

  it('reports empty and unreadable answers', () => {
    expect(parseAnswer('', mcq)).toEqual({ status: 'empty', candidates: [] });
    expect(parseAnswer('  \n ', yn)).toEqual({ status: 'empty', candidates: [] });
    // The article "a" is not a letter (the official scorer credits it to answer A).
    expect(parseAnswer('This is a sad voice', mcq)).toEqual({ status: 'unparseable', candidates: [] });
    expect(parseAnswer('A person is smiling', mcq)).toEqual({ status: 'unparseable', candidates: [] });
    expect(parseAnswer('I am not sure.', yn)).toEqual({ status: 'unparseable', candidates: [] });
    // A letter outside the item's choices is not an answer.
    expect(parseAnswer('E', mcq)).toEqual({ status: 'unparseable', candidates: [] });
    expect(parseAnswer('C', yn)).toEqual({ status: 'unparseable', candidates: [] });
    // "no" on an item without a No option is not an answer.
    expect(parseAnswer('no', mcq)).toEqual({ status: 'unparseable', candidates: [] });
  });

  it('prefers the longer option text when one option text contains another', () => {
    const [item] = items([{ ...rawItem('reasoning_basic_video', 3, 'B'), choices: ['(A) a smile', '(B) a smile and tears', '(C) a lamp', '(D) rain'] }]);
    expect(parseAnswer('He shows a smile and tears.', item!)).toEqual({ status: 'answer', letter: 'B', candidates: ['B'] });
    expect(parseAnswer('He shows a smile.', item!)).toEqual({ status: 'answer', letter: 'A', candidates: ['A'] });
  });
});
