/**
 * The paired bootstrap over questions of the difference of two rows (src/experiments/questionBootstrap.ts),
 * checked against closed forms, against `compareReports` (the same draws for one seed), and
 * through `fidelityOf`.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { compareReports, summarize, type ItemOutcome } from '../../src/eval';
import {
  fidelityOf,
  ourCell,
  pairedInterval,
  QuestionResampler,
  questionPairBootstrap,
  table13ViewColumns,
  table5Columns,
  type TableRow,
  type ViewColumns,
} from '../../src/experiments';
import { keepView } from '../../src/experiments/diagnostics';
import { outcomesOf, randomOutcomes, syntheticBenchmark } from '../eval/syntheticBenchmark';

/** Basic-audio accuracy alone: one task, so one stratum, for the closed forms. */
const basicAudio: ViewColumns = (v) => ({ acc: v.official['reasoning_basic_audio_overall_accuracy'] ?? null });

/** `n` basic-audio questions: H only right on the first b, L only right on the next c, both right on the next `both`. */
function discordant(n: number, b: number, c: number, both: number): { higher: ItemOutcome[]; lower: ItemOutcome[] } {
  const bench = syntheticBenchmark(n).filter((i) => i.task === 'reasoning_basic_audio');
  return {
    higher: outcomesOf(bench, (i) => i < b || (i >= b + c && i < b + c + both)),
    lower: outcomesOf(bench, (i) => i >= b && i < b + c + both),
  };
}

/** The interval of one column for rows given per seed, as `buildTable` asks for it. */
function interval(higher: ItemOutcome[][], lower: ItemOutcome[][], columns: ViewColumns, column: string, options = {}) {
  const runs: Record<string, ItemOutcome[][]> = { H: higher, L: lower };
  return questionPairBootstrap((label) => runs[label] as ItemOutcome[][], 'strict', columns, options)(column, 'H', 'L');
}

/** Table rows of per-seed outcomes (ours: the columns of each seed's full view) with paper numbers. */
function tableRow(label: string, paper: Record<string, number>, perSeed: ItemOutcome[][], columns: ViewColumns): TableRow {
  const measured = perSeed.map((o) => columns(keepView(summarize(o, 'strict'))));
  return { label, paper, ours: Object.fromEntries(Object.keys(paper).map((c) => [c, ourCell(measured.map((m) => m[c] ?? null))])) };
}

describe('paired bootstrap over questions', () => {
  it('excludes 0 when one row is right on every question the other gets wrong, and is exactly [0, 0] for identical rows', () => {
    // H right wherever L is, and on 20 more of 100 questions: every resample has H ≥ L, and one without any of the 20 has probability 0.8^100
    const { higher, lower } = discordant(100, 20, 0, 30);
    const ci = interval([higher], [lower], basicAudio, 'acc')!;
    expect(ci.lo).toBeGreaterThan(0);
    expect(ci.hi).toBeLessThanOrEqual(100);
    expect(interval([higher, higher], [higher, higher], basicAudio, 'acc')).toEqual({ lo: 0, hi: 0 });
    // the mean over seeds: three copies of one seed give that seed's interval
    const three = interval([higher, higher, higher], [lower, lower, lower], basicAudio, 'acc')!;
    expect(three.lo).toBeCloseTo(ci.lo, 12);
    expect(three.hi).toBeCloseTo(ci.hi, 12);
  });

  it('has the closed-form sd of a difference of paired proportions, √(b + c − (b − c)²/n)/n (within Monte-Carlo tolerance)', () => {
    // n = 400, b = 60 only-H-right, c = 30 only-L-right: Δ = 100·30/400 = 7.5 points, sd = 100·√(90 − 900/400)/400 = 2.342
    const n = 400;
    const [b, c] = [60, 30];
    const { higher, lower } = discordant(n, b, c, 150);
    const sd = (100 * Math.sqrt(b + c - (b - c) ** 2 / n)) / n;
    const resampler = new QuestionResampler(higher, 'strict', { resamples: 10_000 });
    const [h, l] = [resampler.replicates(higher, basicAudio), resampler.replicates(lower, basicAudio)];
    const d = h.map((x, r) => (x['acc'] as number) - (l[r]!['acc'] as number));
    // 10 000 replicates: the sample sd is within ~0.7 % (1/√(2·10 000), one standard error) of the bootstrap's sd
    expect(Math.abs(sampleStandardDeviation(d) / sd - 1)).toBeLessThan(0.025);
    expect(Math.abs(mean(d) - 7.5)).toBeLessThan(0.1);
    // and the percentile interval of a near-normal statistic is Δ ± 1.96 sd (its ends sit on a 0.25-point grid)
    const ci = interval([higher], [lower], basicAudio, 'acc', { resamples: 4000 })!;
    expect(Math.abs((ci.hi - ci.lo) / (2 * 1.959964) / sd - 1)).toBeLessThan(0.08);
    expect(Math.abs((ci.hi + ci.lo) / 2 - 7.5)).toBeLessThan(0.25);
  });

  it('is compareReports’ paired bootstrap for one seed (the same task-stratified draws), on Table 5 and Table 13 columns', () => {
    const bench = syntheticBenchmark(30);
    const a = randomOutcomes(bench, 0.7, 1);
    const b = randomOutcomes(bench, 0.5, 2);
    const options = { seed: 7, resamples: 300 };
    for (const [columns, column, metric] of [
      [table5Columns, 'basic', 'ablation_basic'],
      [table5Columns, 'stress', 'ablation_stress'],
      [table13ViewColumns, 'avg_acc', 'average_accuracy'],
      [table13ViewColumns, 'agree_f1', 'modality_agreement_f1_score'],
    ] as const) {
      const ours = interval([a], [b], columns, column, options)!;
      const theirs = compareReports(summarize(a, 'strict'), summarize(b, 'strict'), { ...options, metric }).bootstrap;
      expect(ours.lo, column).toBeCloseTo(theirs.lower, 9);
      expect(ours.hi, column).toBeCloseTo(theirs.upper, 9);
    }
  });

  it('is deterministic: the same inputs give the same interval, another seed another one', () => {
    const bench = syntheticBenchmark(40);
    const h = [1, 2, 3].map((s) => randomOutcomes(bench, 0.7, s));
    const l = [1, 2, 3].map((s) => randomOutcomes(bench, 0.6, 10 + s));
    const first = interval(h, l, table5Columns, 'basic');
    expect(interval(h, l, table5Columns, 'basic')).toEqual(first);
    expect(interval(h, l, table5Columns, 'basic', { seed: 1 })).not.toEqual(first);
  });

  it('resamples the questions jointly: breaking the question pairing of two close rows widens the interval', () => {
    // L = H but for 10 of 400 questions: paired sd 100·√(10 − 0.25)/400 ≈ 0.78; unpaired ≈ 100·√(2·0.25/400) ≈ 3.5
    const { higher, lower } = discordant(400, 10, 0, 190);
    const paired = interval([higher], [lower], basicAudio, 'acc')!;
    // the same accuracy on other questions: H right on the last 200 instead of the first 200
    const bench = syntheticBenchmark(400).filter((i) => i.task === 'reasoning_basic_audio');
    const shuffled = outcomesOf(bench, (i) => (higher[399 - i] as ItemOutcome).correct);
    const unpaired = interval([shuffled], [lower], basicAudio, 'acc')!;
    expect(summarize(shuffled, 'strict').tasks[0]!.accuracy).toBe(summarize(higher, 'strict').tasks[0]!.accuracy);
    expect(paired.hi - paired.lo).toBeLessThan(4);
    expect(unpaired.hi - unpaired.lo).toBeGreaterThan(3 * (paired.hi - paired.lo));
  });

  it('pairs seed k of one row with seed k of the other: the t over seeds depends on it, the shared-resample bootstrap cannot', () => {
    // per-seed accuracies H 80, 60, 70 and L 75, 55, 65: paired differences 5, 5, 5 → t separated; shuffled H 60, 70, 80 → −15, 15, 15: not separated
    const bench = syntheticBenchmark(20).filter((i) => i.task === 'reasoning_basic_audio');
    const right = (k: number) => outcomesOf(bench, (i) => i < k);
    const h = [right(16), right(12), right(14)];
    const l = [right(15), right(11), right(13)];
    const rows = (hs: ItemOutcome[][]) => [tableRow('H', { acc: 60 }, hs, basicAudio), tableRow('L', { acc: 50 }, l, basicAudio)];
    const boot = (hs: ItemOutcome[][]) => questionPairBootstrap((label) => (label === 'H' ? hs : l), 'strict', basicAudio);
    const inOrder = fidelityOf(rows(h), ['acc'], undefined, boot(h)).verdicts[0]!;
    const shuffledSeeds = [h[1]!, h[2]!, h[0]!];
    const shuffled = fidelityOf(rows(shuffledSeeds), ['acc'], undefined, boot(shuffledSeeds)).verdicts[0]!;
    expect(inOrder.separated).toBe(true);
    expect(shuffled.separated).toBe(false);
    // Δ*_r = mean_k H_k(w_r) − mean_k L_k(w_r): the seed order drops out of every replicate
    expect(shuffled.bootstrap).toEqual(inOrder.bootstrap);
    expect(inOrder.oursDelta).toBeCloseTo(5, 9);
    // the mean over seeds, not the sum: the interval holds the point estimate
    expect(inOrder.bootstrap!.lo).toBeLessThan(5);
    expect(inOrder.bootstrap!.hi).toBeGreaterThan(5);
  });

  it('in fidelityOf: carries the interval and its separation per pair, the share separated, and null without per-question outcomes', () => {
    const bench = syntheticBenchmark(100).filter((i) => i.task === 'reasoning_basic_audio');
    const seeds = (k: number) => [outcomesOf(bench, (i) => i < k), outcomesOf(bench, (i) => i < k + 2)];
    const runs: Record<string, Array<ItemOutcome[] | null>> = { A: seeds(80), B: seeds(50), C: seeds(49), D: [seeds(10)[0]!, null] };
    const rows = [
      tableRow('A', { acc: 90 }, runs['A'] as ItemOutcome[][], basicAudio),
      tableRow('B', { acc: 60 }, runs['B'] as ItemOutcome[][], basicAudio),
      tableRow('C', { acc: 40 }, runs['C'] as ItemOutcome[][], basicAudio),
      tableRow('D', { acc: 10 }, [seeds(10)[0]!, seeds(10)[1]!], basicAudio),
    ];
    const f = fidelityOf(
      rows,
      ['acc'],
      undefined,
      questionPairBootstrap((label) => runs[label] as ItemOutcome[][], 'strict', basicAudio),
    );
    const v = (h: string, l: string) => f.verdicts.find((x) => x.higher === h && x.lower === l)!;
    // A − B, A − C: 30 and 31 discordant questions of 100, all A's → separated
    expect(v('A', 'B').bootstrapSeparated).toBe(true);
    expect(v('A', 'C').bootstrapSeparated).toBe(true);
    // B − C: one discordant question per seed, drawn 0 times in a resample with probability ≈ e^−2 > 2.5 % → lo = 0
    expect(v('B', 'C').bootstrap!.lo).toBe(0);
    expect(v('B', 'C').bootstrapSeparated).toBe(false);
    // D has no outcomes for its second seed: no bootstrap for its three pairs
    for (const h of ['A', 'B', 'C']) expect(v(h, 'D').bootstrap).toBeNull();
    expect(v('A', 'D').bootstrapSeparated).toBe(false);
    expect(f.pairs).toBe(6);
    expect(f.bootstrapStrict).toBeCloseTo(2 / 6, 12);
    const none = fidelityOf(rows, ['acc']);
    expect(none.verdicts.every((x) => x.bootstrap === null && !x.bootstrapSeparated)).toBe(true);
    expect(none.bootstrapStrict).toBeNull();
  });

  it('leaves out replicates on which a column is unmeasured, and gives null when the seeds do not pair up', () => {
    const r = (xs: Array<number | null>) => xs.map((acc) => ({ acc }));
    // differences 2 and 4 (the null replicate left out); quantiles interpolate linearly (type 7): 2 + 0.025·2, 2 + 0.975·2
    const ci = pairedInterval([r([3, null, 5])], [r([1, 1, 1])], 'acc')!;
    expect(ci.lo).toBeCloseTo(2.05, 12);
    expect(ci.hi).toBeCloseTo(3.95, 12);
    expect(pairedInterval([r([null])], [r([1])], 'acc')).toBeNull();
    expect(pairedInterval([r([1])], [], 'acc')).toBeNull();
  });

  it('aligns runs by question id, and refuses runs on other questions', () => {
    const bench = syntheticBenchmark(10);
    const a = randomOutcomes(bench, 0.5, 1);
    const resampler = new QuestionResampler(a, 'strict', { resamples: 50 });
    expect(resampler.replicates([...a].reverse(), table5Columns)).toEqual(resampler.replicates(a, table5Columns));
    expect(() => resampler.replicates(a.slice(1), table5Columns)).toThrow(/pairOutcomes/);
  });
});
