/** Benchmark statistics next to the paper's: Table 1 counts, Fig. 9 subtask shares, Fig. 7 emotion shares. */
import { EMOREALM_TASKS, STRESS_SUBTASKS, type EmoRealmItem, type EmoRealmTask, type StressSubtask } from '../formats';
import { EMOTIONS, type ClipSpec, type Emotion, type EmotionMix } from '../world';
import { TABLE1_COUNTS, TABLE1_UNIQUE_VIDEOS, type BenchmarkCounts } from './config';

export interface TaskStats {
  task: EmoRealmTask;
  questions: number;
  videos: number;
  /** Share of questions whose answer is each letter. */
  letters: Record<string, number>;
  /** Stress tasks: question count per subtask. */
  subtasks: Record<StressSubtask, number>;
}

export function benchmarkTaskStats(items: readonly EmoRealmItem[]): TaskStats[] {
  return EMOREALM_TASKS.map((task) => {
    const own = items.filter((i) => i.task === task);
    const letters: Record<string, number> = {};
    for (const i of own) letters[i.answer] = (letters[i.answer] ?? 0) + 1;
    for (const l of Object.keys(letters)) letters[l] = (letters[l] as number) / own.length;
    const subtasks = Object.fromEntries(STRESS_SUBTASKS.map((s) => [s, own.filter((i) => i.subtask === s).length])) as Record<StressSubtask, number>;
    return { task, questions: own.length, videos: new Set(own.map((i) => i.video)).size, letters, subtasks };
  });
}

/** Rows of Table 1, ours next to the paper's. */
export function table1Comparison(items: readonly EmoRealmItem[], paper: BenchmarkCounts = TABLE1_COUNTS): Array<{
  task: string;
  paperQA: number;
  oursQA: number;
  paperVideos: number;
  oursVideos: number;
}> {
  const rows = benchmarkTaskStats(items).map((s) => ({
    task: s.task as string,
    paperQA: paper[s.task].questions,
    oursQA: s.questions,
    paperVideos: paper[s.task].videos,
    oursVideos: s.videos,
  }));
  rows.push({
    task: 'total',
    paperQA: EMOREALM_TASKS.reduce((a, t) => a + paper[t].questions, 0),
    oursQA: items.length,
    paperVideos: TABLE1_UNIQUE_VIDEOS,
    oursVideos: new Set(items.map((i) => i.video)).size,
  });
  return rows;
}

/** Fig. 9: subtask shares per stress task, ours next to the paper's (½ Yes, ¼ + ¼ No). */
export function fig9Comparison(items: readonly EmoRealmItem[]): Array<{ task: string; subtask: StressSubtask; paperShare: number; oursShare: number; oursCount: number }> {
  const paperShare: Record<StressSubtask, number> = { no_hallucination: 0.5, spurious: 0.25, hallucination: 0.25 };
  return benchmarkTaskStats(items)
    .filter((s) => s.task === 'reasoning_stress_audio' || s.task === 'reasoning_stress_video')
    .flatMap((s) =>
      STRESS_SUBTASKS.map((sub) => ({ task: s.task, subtask: sub, paperShare: paperShare[sub], oursShare: s.subtasks[sub] / s.questions, oursCount: s.subtasks[sub] })),
    );
}

/** Share of each emotion among `labels`. */
export function emotionShares(labels: readonly Emotion[]): Record<Emotion, number> {
  const out = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Record<Emotion, number>;
  for (const e of labels) out[e] += 1 / labels.length;
  return out;
}

/** Emotion shares of the benchmark's videos next to the source mix (Fig. 7 right). */
export function emotionComparison(clips: readonly ClipSpec[], sourceMix: EmotionMix): Array<{ emotion: Emotion; source: number; benchmark: number }> {
  const total = EMOTIONS.reduce((s, e) => s + sourceMix[e], 0);
  const shares = emotionShares(clips.map((c) => c.emotion));
  return EMOTIONS.map((e) => ({ emotion: e, source: sourceMix[e] / total, benchmark: shares[e] }));
}
