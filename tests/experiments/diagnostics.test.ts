import * as fs from 'fs';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTokenizer, reducedGenerateConfig } from '../../src/data';
import { EMOREALM_TASKS } from '../../src/formats';
import {
  calibrationRows,
  checkCalibration,
  defaultDiagnosticsConfig,
  diagnoseModel,
  diagnosticsJson,
  emorealmRows,
  PAPER_TABLE13,
  PAPER_TABLE14,
  PAPER_TABLE2,
  PAPER_ROW_NAMES,
  subtaskRows,
  type DiagnosticsResult,
} from '../../src/experiments';
import { Avlm } from '../../src/model';
import { datasetsFor, defaultReferenceBuildConfig, FeatureCache } from '../../src/train';

const task = (t: string, accuracy: number, precision?: number, recall?: number, f1?: number) => ({
  task: t as never, items: 10, counted: 10, correct: 0, missing: 0, unparseable: 0, accuracy, precision, recall, f1, yesPercentage: 50,
});
const sub = (modality: 'audio' | 'visual', subtask: 'spurious' | 'hallucination' | 'no_hallucination', accuracy: number) => ({ modality, subtask, items: 5, counted: 5, correct: 0, accuracy });

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
  it("passes the paper's own Our-base numbers", () => {
    const c = checkCalibration(paperLike);
    expect(c.criteria.map((x) => x.pass)).toEqual([true, true, true, true, true, true]);
    expect(c.pass).toBe(true);
    expect(c.criteria[2]!.value).toBeCloseTo(65.4 - 40.8, 6);
    expect(c.criteria[4]!.value).toBeCloseTo((36.4 + 41.9) / 2 - (45.2 + 49.3) / 2, 6);
  });
  it('fails each criterion on its own counter-example', () => {
    const swap = { ...paperLike, subtasks: [sub('audio', 'spurious', 30), sub('audio', 'hallucination', 60), sub('visual', 'spurious', 30), sub('visual', 'hallucination', 60)] };
    expect(checkCalibration(swap).criteria.map((x) => x.pass)).toEqual([true, true, true, true, false, true]);
    const noBias = { ...paperLike, tasks: paperLike.tasks.map((t) => (t.task === 'reasoning_stress_video' ? task(t.task, 60, 60, 60, 60) : t)) };
    expect(checkCalibration(noBias).criteria[3]!.pass).toBe(false);
    const chance = { ...paperLike, tasks: paperLike.tasks.map((t) => (t.task === 'reasoning_basic_audio' ? task(t.task, 26) : t)) };
    expect(checkCalibration(chance).criteria[0]!.pass).toBe(false);
    const goodAgree = { ...paperLike, tasks: paperLike.tasks.map((t) => (t.task === 'modality_agreement' ? task(t.task, 80, 80, 80, 80) : t)) };
    expect(checkCalibration(goodAgree).criteria[5]!.pass).toBe(false);
    expect(() => checkCalibration({ tasks: [], subtasks: [] })).toThrow(/task reasoning_basic_audio missing/);
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
        if (quoted && ch === '"' && l[i + 1] === '"') (cur += '"'), i++;
        else if (ch === '"') quoted = !quoted;
        else if (ch === ',' && !quoted) out.push(cur), (cur = '');
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
    const model = new Avlm({ vocab: tok.size, dModel: 16, nLayers: 1, nHeads: 2, ffMult: 2, featDim: r.f, nAudioFrames: r.nA, nVideoFrames: r.nV, projector: { kind: 'attnpool', nQueries: 2, nHeads: 2 } });
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
    for (const k of ['reasoning_stress_audio_precision', 'modality_agreement_f1_score', 'reasoning_stress_video_model_yes_percentage', 'average_accuracy', 'reasoning_stress_video_hallucination_accuracy', 'reasoning_basic_audio_overall_accuracy']) {
      expect(json['emotionllama']).toHaveProperty(k);
    }
    expect(emorealmRows(result).map((x) => x['model'])).toEqual(['EmotionLLaMA* (ours)', 'Emot.-LLaMA* (paper, Table 13)']);
    expect(subtaskRows(result)).toHaveLength(1);
    expect(calibrationRows(result)).toHaveLength(6);
  });
});
