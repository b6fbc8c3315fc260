import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/score';
import { FIXTURES } from './helpers';

const BENCH = join(FIXTURES, 'mini-benchmark.json');
const PREDS = join(FIXTURES, 'mini-preds');
const tmp = mkdtempSync(join(tmpdir(), 'eval-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const TASKS = ['reasoning_basic_audio', 'reasoning_basic_video', 'modality_agreement', 'reasoning_stress_audio', 'reasoning_stress_video'];
const EXPECTED_KEYS = [
  ...TASKS.flatMap((t) => [
    `${t}_overall_accuracy`,
    ...(t.startsWith('reasoning_basic') ? [] : [`${t}_precision`, `${t}_recall`, `${t}_f1_score`, `${t}_model_yes_percentage`]),
    `${t}_missing`,
    `${t}_unparseable`,
  ]),
  'average_accuracy',
].sort();

describe('score CLI', () => {
  it("--json prints one object with exactly the released scorer's keys (plus _missing, _unparseable)", () => {
    const r = run(['--benchmark', BENCH, '--predictions', PREDS, '--mode', 'official', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out) as Record<string, number>;
    expect(Object.keys(json).sort()).toEqual(EXPECTED_KEYS);
    expect(json['average_accuracy']).toBeCloseTo(70, 10); // see emorealm.test.ts
  });

  it('defaults to strict mode and prints a readable table without --json', () => {
    const r = run(['--benchmark', BENCH, '--predictions', PREDS]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/EmoReAlM scores \(strict mode; percentages\)/);
    expect(r.out).toMatch(/average_accuracy\s+55\.0/);
    expect(r.out).toMatch(/modality_agreement\s+3\s+3\s+0\s+1\s+66\.7\s+100\.0\s+50\.0\s+66\.7\s+33\.3/);
  });

  it('reads JSONL predictions', () => {
    const file = join(tmp, 'p.jsonl');
    writeFileSync(file, '{"id": 1, "prediction": "B"}\n{"id": "sv-16", "prediction": "No", "scores": {"A": -2, "B": -0.1}}\n');
    const json = JSON.parse(run(['--benchmark', BENCH, '--predictions', file, '--json']).out) as Record<string, number>;
    expect(json['reasoning_basic_audio_overall_accuracy']).toBeCloseTo(100 / 3, 10); // 1 right of 3 (2 missing)
    expect(json['reasoning_basic_audio_missing']).toBe(2);
    expect(json['reasoning_stress_video_recall']).toBeCloseTo(100 / 3, 10); // sv-16 right of 3 No-items
  });

  it('exits 1 with a message naming file, item and field on bad input', () => {
    const bad = run(['--benchmark', join(FIXTURES, 'bad-task.json'), '--predictions', PREDS, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/bad-task\.json: item #0 \(id "1"\): field "task": unknown task "emotion_guessing"/);
    const malformed = run(['--benchmark', join(FIXTURES, 'bad-malformed.json'), '--predictions', PREDS]);
    expect(malformed.code).toBe(1);
    expect(malformed.err).toMatch(/bad-malformed\.json: malformed JSON/);
    const extra = join(tmp, 'extra.jsonl');
    writeFileSync(extra, '{"id": 404, "prediction": "B"}\n');
    const unknown = run(['--benchmark', BENCH, '--predictions', extra]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/extra\.jsonl: \(id "404"\): field "id": a prediction has id "404", which is not in the benchmark/);
  });

  it('exits 1 on bad arguments', () => {
    expect(run(['--predictions', PREDS]).code).toBe(1);
    const mode = run(['--benchmark', BENCH, '--predictions', PREDS, '--mode', 'lenient']);
    expect(mode.code).toBe(1);
    expect(mode.err).toMatch(/lenient/);
  });

  it('runs as a script: exit code 0 with JSON on stdout, 1 with the error on stderr', () => {
    const tsx = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const script = join(__dirname, '..', '..', 'src', 'cli', 'score.ts');
    const ok = spawnSync(tsx, [script, '--benchmark', BENCH, '--predictions', PREDS, '--mode', 'official', '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(Object.keys(JSON.parse(ok.stdout) as object).sort()).toEqual(EXPECTED_KEYS);
    const fail = spawnSync(tsx, [script, '--benchmark', join(FIXTURES, 'bad-task.json'), '--predictions', PREDS], { encoding: 'utf8' });
    expect(fail.status).toBe(1);
    expect(fail.stderr).toMatch(/field "task": unknown task/);
  });
});
