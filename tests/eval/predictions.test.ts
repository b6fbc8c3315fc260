import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  InputError,
  checkPredictionIds,
  officialResults,
  parsePredictionsJsonl,
  predictionSet,
  predictionsToJsonl,
  readBenchmark,
  readPredictions,
  scoreEmoRealm,
  writePredictionDir,
  writePredictionsJsonl,
} from '../../src/eval';
import { FIXTURES } from './helpers';

const tmp = mkdtempSync(join(tmpdir(), 'eval-preds-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('predictions I/O', () => {
  it('reads the official <id>.txt layout, keeping the raw text and ignoring other files', () => {
    const dir = join(tmp, 'layout');
    writePredictionDir(dir, [
      { id: '7', prediction: ' B\n' },
      { id: 'x.y', prediction: 'Yes' },
    ]);
    writeFileSync(join(dir, 'results.json'), '{}');
    const p = readPredictions(dir);
    expect([...p.keys()].sort()).toEqual(['7', 'x.y']);
    expect(p.get('7')?.prediction).toBe(' B\n');
    expect(readdirSync(dir).sort()).toEqual(['7.txt', 'results.json', 'x.y.txt']);
  });

  it('round-trips JSONL with option scores, and numeric ids become strings', () => {
    const text = '{"id": 3, "prediction": "A", "scores": {"A": -0.1, "B": -2.5}}\n\n{"id": "q4", "prediction": "No"}\n';
    const p = parsePredictionsJsonl(text, 'p.jsonl');
    expect(p.get('3')).toEqual({ id: '3', prediction: 'A', scores: { A: -0.1, B: -2.5 } });
    expect(p.get('q4')).toEqual({ id: 'q4', prediction: 'No' });
    const file = join(tmp, 'round.jsonl');
    writePredictionsJsonl(file, p.values());
    expect(readPredictions(file)).toEqual(p);
    expect(predictionsToJsonl(p.values())).toBe('{"id":"3","prediction":"A","scores":{"A":-0.1,"B":-2.5}}\n{"id":"q4","prediction":"No"}\n');
  });

  it('scores a JSONL copy of the fixture predictions exactly like the directory', () => {
    const bench = readBenchmark(join(FIXTURES, 'mini-benchmark.json'));
    const dir = readPredictions(join(FIXTURES, 'mini-preds'));
    const file = join(tmp, 'mini.jsonl');
    writePredictionsJsonl(file, dir.values());
    for (const mode of ['official', 'strict'] as const) {
      expect(officialResults(scoreEmoRealm(bench, readPredictions(file), { mode }))).toEqual(officialResults(scoreEmoRealm(bench, dir, { mode })));
    }
  });

  it('names file, line, id and field for bad JSONL', () => {
    expect(() => parsePredictionsJsonl('{"id": 1, "prediction": "A"}\n{"id": 2, "pred', 'p.jsonl')).toThrow(/^p\.jsonl:2: malformed JSON/);
    expect(() => parsePredictionsJsonl('[1, 2]', 'p.jsonl')).toThrow(/^p\.jsonl:1: expected a JSON object/);
    expect(() => parsePredictionsJsonl('{"prediction": "A"}', 'p.jsonl')).toThrow(/^p\.jsonl:1: field "id": expected a non-empty string or a number/);
    expect(() => parsePredictionsJsonl('{"id": 5, "prediction": 1}', 'p.jsonl')).toThrow(/^p\.jsonl:1: \(id "5"\): field "prediction": expected a string/);
    expect(() => parsePredictionsJsonl('{"id": 5, "prediction": "A", "scores": {"a": 1}}', 'p.jsonl')).toThrow(
      /field "scores": entry "a": 1 is not "letter": number/,
    );
    expect(() => parsePredictionsJsonl('{"id": 5, "prediction": "A", "scores": {"A": "x"}}', 'p.jsonl')).toThrow(/field "scores"/);
    expect(() => parsePredictionsJsonl('{"id": 5, "prediction": "A", "scores": [1]}', 'p.jsonl')).toThrow(/field "scores": expected an object/);
    expect(() => parsePredictionsJsonl('{"id": 5, "prediction": "A"}\n{"id": "5", "prediction": "B"}', 'p.jsonl')).toThrow(
      /^p\.jsonl:2: \(id "5"\): field "id": duplicate prediction/,
    );
  });

  it('reads a null score as −∞, so the JSONL the scorer writes for a ruled-out option reads back', () => {
    const written = predictionsToJsonl([{ id: '1', prediction: 'B', scores: { A: -Infinity, B: -0.5 } }]);
    expect(written).toContain('"A":null');
    expect(parsePredictionsJsonl(written, 'p.jsonl').get('1')!.scores).toEqual({ A: -Infinity, B: -0.5 });
  });

  it('rejects predictions for ids that are not in the benchmark', () => {
    const bench = readBenchmark(join(FIXTURES, 'mini-benchmark.json'));
    const preds = predictionSet([
      { id: '1', prediction: 'B' },
      { id: '99', prediction: 'A' },
    ]);
    let caught: unknown;
    try {
      checkPredictionIds(preds, bench, 'run/preds');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as Error).message).toBe('run/preds: (id "99"): field "id": a prediction has id "99", which is not in the benchmark');
    expect(() =>
      predictionSet([
        { id: '1', prediction: 'A' },
        { id: '1', prediction: 'B' },
      ]),
    ).toThrow(/duplicate prediction/);
    expect(() => writePredictionDir(join(tmp, 'bad'), [{ id: '../x', prediction: 'A' }])).toThrow(/cannot be a file name/);
  });

  it('names a missing predictions path', () => {
    expect(() => readPredictions(join(tmp, 'nope'))).toThrow(/nope: cannot read the predictions/);
    expect(readFileSync(join(FIXTURES, 'mini-preds', '8.txt'), 'utf8')).toBe('');
  });
});
