/**
 * Diagnostics across SFT seeds as table rows and JSON: each seed's key numbers in both views of
 * the benchmark (full, text-unsolvable), their mean ± sd, and the calibration rule per seed with
 * each criterion's margin in across-seed sd units.
 */
import type { ReferenceName } from '../train';
import { sampleSd } from './calibration';
import { diagnosticsJson, REFERENCE_LABEL, round, type Row } from './diagnosticsTables';
import type { ViewResult } from './diagnostics';
import type { SeedDiagnostics } from './seeds';

/** The numbers the calibration rule and the paper's Tables 13/14 look at, for one view. */
export function keyNumbers(v: ViewResult): Record<string, number | null> {
  const t = (name: string) => v.tasks.find((x) => x.task === name);
  const sub = (m: 'audio' | 'visual', s: string) => v.subtasks.find((x) => x.modality === m && x.subtask === s)?.accuracy ?? null;
  const ag = t('modality_agreement');
  const sa = t('reasoning_stress_audio');
  const sv = t('reasoning_stress_video');
  return {
    basic_audio: t('reasoning_basic_audio')?.accuracy ?? null,
    basic_visual: t('reasoning_basic_video')?.accuracy ?? null,
    agree_p: ag?.precision ?? null,
    agree_r: ag?.recall ?? null,
    agree_f1: ag?.f1 ?? null,
    stress_a_p: sa?.precision ?? null,
    stress_a_r: sa?.recall ?? null,
    stress_v_p: sv?.precision ?? null,
    stress_v_r: sv?.recall ?? null,
    spur_a: sub('audio', 'spurious'),
    spur_v: sub('visual', 'spurious'),
    hall_a: sub('audio', 'hallucination'),
    hall_v: sub('visual', 'hallucination'),
    avg: v.averageAccuracy,
  };
}

function aggregate(rows: Array<Record<string, number | null>>): { mean: Record<string, number | null>; sd: Record<string, number | null> } {
  const mean: Record<string, number | null> = {};
  const sd: Record<string, number | null> = {};
  for (const k of Object.keys(rows[0] ?? {})) {
    const xs = rows.map((r) => r[k]).filter((x): x is number => x !== null && x !== undefined && Number.isFinite(x));
    if (xs.length !== rows.length) {
      mean[k] = null;
      sd[k] = null;
      continue;
    }
    mean[k] = xs.reduce((a, b) => a + b, 0) / xs.length;
    sd[k] = sampleSd(xs);
  }
  return { mean, sd };
}

const VIEWS = ['full', 'text_unsolvable'] as const;

function viewOf(sd: SeedDiagnostics, i: number, ref: ReferenceName, view: (typeof VIEWS)[number]): ViewResult {
  const r = sd.perSeed[i]?.references.find((x) => x.reference === ref);
  const v = view === 'full' ? r?.views.audiovisual : sd.textUnsolvableViews[i]?.[ref];
  if (v === undefined) throw new Error(`seed diagnostics: ${ref} seed ${sd.seeds[i]} has no ${view} view`);
  return v;
}

function references(sd: SeedDiagnostics): ReferenceName[] {
  return sd.perSeed[0]?.references.map((r) => r.reference) ?? [];
}

/** Per reference and view: one row per seed, then mean and sd. */
export function seedRows(sd: SeedDiagnostics): Row[] {
  const rows: Row[] = [];
  for (const ref of references(sd)) {
    for (const view of VIEWS) {
      const per = sd.seeds.map((_, i) => keyNumbers(viewOf(sd, i, ref, view)));
      per.forEach((k, i) =>
        rows.push({ model: REFERENCE_LABEL[ref], view, seed: sd.seeds[i] as number, ...Object.fromEntries(Object.entries(k).map(([c, x]) => [c, round(x)])) }),
      );
      const a = aggregate(per);
      rows.push({ model: REFERENCE_LABEL[ref], view, seed: 'mean', ...Object.fromEntries(Object.entries(a.mean).map(([c, x]) => [c, round(x)])) });
      rows.push({ model: REFERENCE_LABEL[ref], view, seed: 'sd', ...Object.fromEntries(Object.entries(a.sd).map(([c, x]) => [c, round(x)])) });
    }
  }
  return rows;
}

/** The calibration rule per reference and criterion: each seed's value, mean ± sd, margin in sd units, pass and fragility. */
export function calibrationSummaryRows(sd: SeedDiagnostics): Row[] {
  const rows: Row[] = [];
  for (const ref of references(sd)) {
    const c = sd.calibration[ref];
    if (c === undefined) continue;
    for (const k of c.criteria) {
      const row: Row = { model: REFERENCE_LABEL[ref], criterion: k.name, target: k.target };
      k.values.forEach((v, i) => (row[`seed ${c.seeds[i]}`] = round(v)));
      row['mean ± sd'] = `${round(k.mean)} ± ${round(k.sd)}`;
      row['margin / sd'] = Number.isFinite(k.marginSd) ? round(k.marginSd, 2) : k.marginSd > 0 ? '∞' : '−∞';
      row['pass'] = k.pass ? 'yes' : 'NO';
      row['fragile'] = k.fragile ? 'FRAGILE' : '';
      rows.push(row);
    }
  }
  return rows;
}

/**
 * `diagnostics --json` across seeds: per reference, the first seed's flat keys (as for one seed),
 * plus `per_seed`, `mean` and `sd` objects of those keys, the text-unsolvable view's released
 * scorer keys per seed, and the calibration summary.
 */
export function seedDiagnosticsJson(sd: SeedDiagnostics): Record<string, Record<string, unknown>> {
  const flat = sd.perSeed.map((r) => diagnosticsJson(r));
  const out: Record<string, Record<string, unknown>> = {};
  for (const ref of references(sd)) {
    const per = flat.map((f) => f[ref] as Record<string, number>);
    const a = aggregate(per);
    out[ref] = {
      ...per[0],
      per_seed: Object.fromEntries(sd.seeds.map((s, i) => [String(s), per[i]])),
      mean: a.mean,
      sd: a.sd,
      text_unsolvable: {
        source: sd.textUnsolvable.source,
        questions: sd.textUnsolvable.ids.length,
        kept: sd.textUnsolvable.kept,
        per_seed: Object.fromEntries(sd.seeds.map((s, i) => [String(s), viewOf(sd, i, ref, 'text_unsolvable').official])),
      },
      calibration: sd.calibration[ref],
    };
  }
  return out;
}

/** The four subtask accuracies the rule bounds to [10, 70], per reference and seed: bar-chart categories and series. */
export function subtaskSeedSeries(sd: SeedDiagnostics): { categories: string[]; series: Array<{ name: string; values: number[] }> } {
  const keys = ['spur_a', 'spur_v', 'hall_a', 'hall_v'] as const;
  const categories = ['spurious, audio', 'spurious, visual', 'hallucination, audio', 'hallucination, visual'];
  const series = references(sd).flatMap((ref) =>
    sd.seeds.map((seed, i) => {
      const k = keyNumbers(viewOf(sd, i, ref, 'full'));
      return { name: `${REFERENCE_LABEL[ref]}, seed ${seed}`, values: keys.map((c) => k[c] ?? NaN) };
    }),
  );
  return { categories, series };
}
