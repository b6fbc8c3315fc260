import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { exploreFiles } from '../../src/eval';
import { explorerFigure, explorerSummary, mcnemarLine } from '../../src/report';

const RELEASED = join(__dirname, '..', 'fixtures', 'released');
const x = exploreFiles({
  benchmark: join(RELEASED, 'emorealm-released.json'),
  predictions: [join(RELEASED, 'model-a.jsonl'), join(RELEASED, 'model-b.jsonl')],
  names: ['A-model', 'B-model'],
  modality: 'visual',
});

describe('the failure explorer shown', () => {
  it("plots both models' error rate per group (the spec, not pixels)", () => {
    const fig = explorerFigure({ ...x, labels: ['QUICK'] });
    // errors per task (see tests/eval/flips.test.ts): basic audio 1/2, 1/2; basic video 0/1, 0/1; agreement 1/1, 0/1; stress audio 1/3, 2/3; stress video 5/7, 2/7
    const tasks = ['reasoning_basic_audio', 'reasoning_basic_video', 'modality_agreement', 'reasoning_stress_audio', 'reasoning_stress_video'];
    expect(fig.data).toEqual([
      { type: 'bar', name: 'A-model', x: tasks, y: [50, 0, 100, 100 / 3, 500 / 7] },
      { type: 'bar', name: 'B-model', x: tasks, y: [50, 0, 0, 200 / 3, 200 / 7] },
    ]);
    expect(fig.layout['barmode']).toBe('group');
    expect((fig.layout['title'] as { text: string }).text).toBe('Errors per task: A-model vs B-model<br><sub>QUICK</sub>');
  });

  it('labels subtask groups with their modality on a second line', () => {
    const e = x.errors[0]!;
    const fig = explorerFigure({
      ...x,
      groupedBy: 'subtask',
      errors: [
        { ...e, group: 'spurious', modality: 'audio' },
        { ...e, group: 'hallucination', modality: 'visual' },
      ],
    });
    expect(fig.data[0]!['x']).toEqual(['spurious<br>audio', 'hallucination<br>visual']);
    expect((fig.layout['title'] as { text: string }).text).toBe('Errors per stress subtask × modality: A-model vs B-model');
  });

  it('says what was compared, why it is grouped by task, and the test', () => {
    expect(explorerSummary(x)).toMatch(
      /^A = A-model, B = B-model, on .*emorealm-released\.json \(strict scoring\)\.\nSelection: reasoning_stress_video — 7 questions; grouped by task\.\nNote: .*no `subtask` field/,
    );
    expect(mcnemarLine(x)).toBe(
      'McNemar (exact, two-sided) on reasoning_stress_video: 7 questions; fixed 4, broken 1, both right 1, both wrong 1; p = 0.375.\n' +
        `Accuracy A-model 28.6 % → B-model 71.4 %: B − A +42.9 points, 95 % paired bootstrap interval [${x.difference.lower >= 0 ? '+' : ''}${x.difference.lower.toFixed(1)}, ${x.difference.upper >= 0 ? '+' : ''}${x.difference.upper.toFixed(1)}].`,
    );
  });
});
