import * as fs from 'fs';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTokenizer, reducedGenerateConfig } from '../../src/data';
import { EMOREALM_TASKS } from '../../src/formats';
import {
  calibrationRows,
  checkCalibration,
  summarizeCalibration,
  defaultDiagnosticsConfig,
  diagnoseModel,
  diagnosticsJson,
  emorealmRows,
  PAPER_TABLE13,
  PAPER_TABLE14,
  PAPER_TABLE2,
  PAPER_TABLE5,
  PAPER_ROW_NAMES,
  subtaskRows,
  type DiagnosticsResult,
} from '../../src/experiments';
import { Avlm } from '../../src/model';
import { datasetsFor, defaultReferenceBuildConfig, FeatureCache } from '../../src/train';

const task = (t: string, accuracy: number, precision?: number, recall?: number, f1?: number) => ({
  task: t as never,
  items: 10,
  counted: 10,
  correct: 0,
  missing: 0,
  unparseable: 0,
  accuracy,
  precision,
  recall,
  f1,
  yesPercentage: 50,
});
const sub = (modality: 'audio' | 'visual', subtask: 'spurious' | 'hallucination' | 'no_hallucination', accuracy: number) => ({
  modality,
  subtask,
  items: 5,
  counted: 5,
  correct: 0,
  accuracy,
});

describe('checkCalibration', () => {
  const paperLike = {
    tasks: [
      task('reasoning_basic_audio', 69.2),
      task('reasoning_basic_video', 85.3),
      task('modality_agreement', 51.4, 86.3, 21.6, 34.6),
      task('reasoning_stress_audio', 53.1, 65.4, 40.8, 50.3),
      task('reasoning_stress_video', 66.4, 87.2, 45.6, 59.9),
    ],
    subtasks: [sub('audio', 'spurious', 45.2), sub('audio', 'hallucination', 36.4), sub('visual', 'spurious', 49.3), sub('visual', 'hallucination', 41.9)],
  };
  it("passes the paper's own Our-base numbers, with hand-computed values and margins", () => {
    const c = checkCalibration(paperLike);
    expect(c.criteria.map((x) => x.name)).toEqual([
      'basic accuracy (mean of audio, visual)',
      'stress audio precision − recall',
      'stress visual precision − recall',
      'spurious audio accuracy',
      'spurious visual accuracy',
      'hallucination audio accuracy',
      'hallucination visual accuracy',
      'hallucination − spurious accuracy (mean of audio, visual)',
      'agreement F1',
      'agreement precision − recall',
    ]);
    expect(c.criteria.every((x) => x.pass)).toBe(true);
    expect(c.pass).toBe(true);
    expect(c.criteria[0]!.value).toBeCloseTo((69.2 + 85.3) / 2, 6);
    expect(c.criteria[0]!.margin).toBeCloseTo((69.2 + 85.3) / 2 - 45, 6);
    expect(c.criteria[1]!.value).toBeCloseTo(65.4 - 40.8, 6);
    // range [10, 70]: the margin is the distance to the nearer end
    expect(c.criteria[3]!.margin).toBeCloseTo(70 - 45.2, 6);
    expect(c.criteria[7]!.value).toBeCloseTo((36.4 + 41.9) / 2 - (45.2 + 49.3) / 2, 6);
    expect(c.criteria[8]!.margin).toBeCloseTo(50 - 34.6, 6);
    expect(c.criteria[9]!.value).toBeCloseTo(86.3 - 21.6, 6);
  });
  it('fails each criterion on its own counter-example', () => {
    const passes = (x: typeof paperLike) => checkCalibration(x).criteria.map((c) => c.pass);
    const all = (i: number[]) => Array.from({ length: 10 }, (_, k) => !i.includes(k));
    const swap = {
      ...paperLike,
      subtasks: [sub('audio', 'spurious', 30), sub('audio', 'hallucination', 60), sub('visual', 'spurious', 30), sub('visual', 'hallucination', 60)],
    };
    expect(passes(swap)).toEqual(all([7]));
    const floor = {
      ...paperLike,
      subtasks: [sub('audio', 'spurious', 80), sub('audio', 'hallucination', 2), sub('visual', 'spurious', 45), sub('visual', 'hallucination', 9.9)],
    };
    expect(passes(floor)).toEqual(all([3, 5, 6]));
    const noBias = { ...paperLike, tasks: paperLike.tasks.map((t) => (t.task === 'reasoning_stress_video' ? task(t.task, 60, 60, 60, 60) : t)) };
    expect(passes(noBias)).toEqual(all([2]));
    const basicAt = (a: number, v: number) => ({
      ...paperLike,
      tasks: paperLike.tasks.map((t) => (t.task === 'reasoning_basic_audio' ? task(t.task, a) : t.task === 'reasoning_basic_video' ? task(t.task, v) : t)),
    });
    expect(passes(basicAt(40, 45))).toEqual(all([0])); // mean 42.5 < 45
    expect(passes(basicAt(10, 80))).toEqual(all([])); // the rule is on the mean: 45 passes
  });
  it('agreement: F1 above the bound, or recall above precision, fails', () => {
    const agree = (p: number, r: number, f1: number) => ({
      ...paperLike,
      tasks: paperLike.tasks.map((t) => (t.task === 'modality_agreement' ? task(t.task, 50, p, r, f1) : t)),
    });
    expect(
      checkCalibration(agree(80, 80, 80))
        .criteria.slice(8)
        .map((c) => c.pass),
    ).toEqual([false, false]);
    expect(
      checkCalibration(agree(20, 40, 26.7))
        .criteria.slice(8)
        .map((c) => c.pass),
    ).toEqual([true, false]);
    expect(checkCalibration(agree(40, 40, 40)).criteria[9]!.pass).toBe(false); // strictly greater
    expect(() => checkCalibration({ tasks: [], subtasks: [] })).toThrow(/task reasoning_basic_audio missing/);
  });
});

describe('summarizeCalibration', () => {
  const check = (values: number[]) => ({
    pass: true,
    criteria: values.map((v, i) => ({ name: `c${i}`, value: v, target: '≥ 10', margin: v - 10, pass: v >= 10 })),
  });
  it('gives mean, sample sd and the smallest margin in sd units; flags fragile criteria', () => {
    const s = summarizeCalibration([1, 2, 3], [check([12, 30]), check([14, 31]), check([16, 32])]);
    expect(s.seeds).toEqual([1, 2, 3]);
    expect(s.criteria[0]!.mean).toBeCloseTo(14, 9);
    expect(s.criteria[0]!.sd).toBeCloseTo(2, 9); // sqrt((4 + 0 + 4) / 2)
    expect(s.criteria[0]!.marginSd).toBeCloseTo(1, 9); // min margin 2 / sd 2
    expect(s.criteria[0]!.fragile).toBe(false);
    expect(s.criteria[1]!.marginSd).toBeCloseTo(20, 9);
    const f = summarizeCalibration([1, 2], [check([10.5]), check([13.5])]);
    expect(f.criteria[0]!.pass).toBe(true);
    expect(f.criteria[0]!.fragile).toBe(true); // 0.5 / 2.12
    const fail = summarizeCalibration([1, 2], [check([9]), check([20])]);
    expect(fail.pass).toBe(false);
    expect(fail.criteria[0]!.fragile).toBe(false);
  });
  it('rejects mismatched inputs', () => {
    expect(() => summarizeCalibration([1], [])).toThrow(/0 checks for 1 seeds/);
    expect(() =>
      summarizeCalibration([1, 2], [check([12]), { pass: true, criteria: [{ name: 'other', value: 1, target: '', margin: 1, pass: true }] }]),
    ).toThrow(/differs/);
  });
});

describe('paper rows', () => {
  const dir = path.resolve(__dirname, '../../../shared/paper/tables');
  const readCsv = (file: string): Record<string, string>[] => {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').trim().split(/\r?\n/);
    const split = (l: string): string[] => {
      const out: string[] = [];
      let cur = '';
      let quoted = false;
      for (let i = 0; i < l.length; i++) {
        const ch = l[i]!;
        if (quoted && ch === '"' && l[i + 1] === '"') ((cur += '"'), i++);
        else if (ch === '"') quoted = !quoted;
        else if (ch === ',' && !quoted) (out.push(cur), (cur = ''));
        else cur += ch;
      }
      return [...out, cur];
    };
    const head = split(lines[0]!);
    return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [head[i]!, v])));
  };
  it.skipIf(!fs.existsSync(dir))('match the CSV tables of the paper', () => {
    const t13 = readCsv('table13_emorealm_expanded.csv');
    const t14 = readCsv('table14_stress_subtasks.csv');
    const t2 = readCsv('table2_recognition_and_emer.csv');
    for (const name of ['base', 'emotionllama'] as const) {
      const row13 = t13.find((r) => r['model'] === PAPER_ROW_NAMES[name].table13)!;
      for (const [k, v] of Object.entries(PAPER_TABLE13[name])) expect([k, Number(row13[k])]).toEqual([k, v]);
      const row2 = t2.find((r) => r['model'] === PAPER_ROW_NAMES[name].table2)!;
      for (const [k, v] of Object.entries(PAPER_TABLE2[name])) expect([k, Number(row2[k])]).toEqual([k, v]);
    }
    for (const r of readCsv('table5_ablation_components.csv')) {
      for (const [k, v] of Object.entries(PAPER_TABLE5[r['method']!]!)) expect([r['method'], k, Number(r[k])]).toEqual([r['method'], k, v]);
    }
    expect(Object.keys(PAPER_TABLE5)).toHaveLength(readCsv('table5_ablation_components.csv').length);
    const row14 = t14.find((r) => r['model'] === 'Our base')!;
    for (const [k, v] of Object.entries(PAPER_TABLE14.base!)) expect([k, Number(row14[k])]).toEqual([k, v]);
  });
});

describe('diagnoseModel', () => {
  const models: Avlm[] = [];
  afterAll(() => models.forEach((m) => m.dispose()));
  it('scores every view, filters with π_text and reports recognition on a small world (untrained tiny model)', () => {
    const data = reducedGenerateConfig(0.01, 3);
    const build = defaultReferenceBuildConfig();
    build.data = data;
    const cfg = defaultDiagnosticsConfig(build);
    cfg.attentionSample = 4;
    const d = datasetsFor(data);
    const tok = buildTokenizer();
    const r = data.world.renderer;
    const model = new Avlm({
      vocab: tok.size,
      dModel: 16,
      nLayers: 1,
      nHeads: 2,
      ffMult: 2,
      featDim: r.f,
      nAudioFrames: r.nA,
      nVideoFrames: r.nV,
      projector: { kind: 'attnpool', nQueries: 2, nHeads: 2 },
    });
    models.push(model);
    const features = new FeatureCache(data.world).add(d.benchmark.clips).add(d.recognitionInDomain.clips).add(d.recognitionShifted.clips);
    const res = diagnoseModel('emotionllama', model, cfg, d, features);
    const n = d.benchmark.items.length;
    for (const view of ['audiovisual', 'audio_only', 'video_only', 'text_only'] as const) {
      const counted = res.views[view].tasks.reduce((s, t) => s + t.counted, 0);
      expect([view, counted]).toEqual([view, n]);
      expect(res.views[view].official['average_accuracy']).toBeCloseTo(res.views[view].averageAccuracy as number, 10);
    }
    for (const t of EMOREALM_TASKS) {
      const total = d.benchmark.items.filter((i) => i.task === t).length;
      expect(res.textFilter.removed[t] + res.textFilter.kept[t]).toBe(total);
    }
    // π_text's own accuracy on a task = the share the filter removed
    const textAcc = res.views.text_only.tasks.find((t) => t.task === 'reasoning_stress_audio')!;
    expect(res.textFilter.removed.reasoning_stress_audio).toBe(textAcc.correct);
    expect(res.recognition.inDomain.n).toBe(d.recognitionInDomain.items.length);
    expect(res.attention!.audioShareOnAudioTasks).toBeGreaterThan(0);
    expect(res.attention!.audioShareOnAudioTasks).toBeLessThan(1);

    const result = { references: [res], build: { runs: {}, trainSeconds: {}, lossCurves: {} } } as unknown as DiagnosticsResult;
    const json = diagnosticsJson(result);
    expect(Object.keys(json)).toEqual(['emotionllama']);
    for (const k of [
      'reasoning_stress_audio_precision',
      'modality_agreement_f1_score',
      'reasoning_stress_video_model_yes_percentage',
      'average_accuracy',
      'reasoning_stress_video_hallucination_accuracy',
      'reasoning_basic_audio_overall_accuracy',
    ]) {
      expect(json['emotionllama']).toHaveProperty(k);
    }
    expect(emorealmRows(result).map((x) => x['model'])).toEqual(['EmotionLLaMA* (ours)', 'Emot.-LLaMA* (paper, Table 13)']);
    expect(subtaskRows(result)).toHaveLength(1);
    expect(calibrationRows(result)).toHaveLength(10);
  });
});
