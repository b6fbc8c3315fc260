/**
 * Running experiments of the registry and assembling what the report shows: each experiment's
 * runs go through the runner (finished runs are read from their result files), then its tables
 * (both views) and figures are built, with visible labels for anything that is not the
 * canonical configuration and for the calibration status of the references it started from.
 */
import { stableStringify } from '../runs';
import type { ReferenceBuildConfig, ReferenceName } from '../train';
import { defaultDiagnosticsConfig, type DiagnosticsOptions } from './diagnostics';
import { REFERENCE_LABEL } from './diagnosticsTables';
import { experimentRunSpecs, experimentTables, outcomeLookup, type ExperimentContext, type ExperimentDef } from './experiment';
import type { FigureData } from './figure';
import type { CalibrationSummary } from './calibration';
import { questionSource } from './questionOutcomes';
import { missingRuns, runAll, uniqueRuns, type RunnerOptions } from './runner';
import type { RunOutcome } from './runSpec';
import { runSeedDiagnostics } from './seeds';
import type { ReproducedTable } from './table';

export interface ExperimentResult {
  name: string;
  title: string;
  tables: ReproducedTable[];
  figures: FigureData[];
  /** Distinct runs of the experiment, and how many computed in this invocation. */
  runs: number;
  computed: number;
  /** Wall time of this invocation (near 0 when every run was cached). */
  seconds: number;
  /**
   * What its runs cost when they were computed: the sum of their result files' wall times (one
   * process each, whenever and wherever they ran; the reference builds they start from are not
   * included, and a run shared with another experiment counts in both).
   */
  computeSeconds: number;
}

export interface ExperimentRunOptions extends RunnerOptions {
  seeds: readonly number[];
  build: ReferenceBuildConfig;
  ctx: ExperimentContext;
  labels: readonly string[];
}

/** Runs one experiment (what is missing of it) and builds its tables (with the paired bootstrap over questions) and figures. */
export async function runExperiment(name: string, def: ExperimentDef, opts: ExperimentRunOptions): Promise<ExperimentResult> {
  const t0 = performance.now();
  const specs = experimentRunSpecs(def, opts.seeds, opts.ctx);
  const computed = missingRuns(specs, opts.build, opts.root).length;
  const runs = uniqueRuns(specs, opts.build).length;
  const outcomes = await runAll(specs, opts.build, opts);
  const lookup = outcomeLookup(specs, outcomes);
  const wall = new Map(specs.map((s, i) => [stableStringify(s), (outcomes[i] as RunOutcome).wallSeconds]));
  return {
    name,
    title: def.title,
    tables: experimentTables(def, lookup, opts.seeds, opts.labels, opts.ctx, questionSource(opts.build, lookup, opts.root)),
    figures: def.figures?.(opts.ctx, lookup, opts.seeds, opts.labels) ?? [],
    runs,
    computed,
    seconds: (performance.now() - t0) / 1000,
    computeSeconds: [...wall.values()].reduce((a, b) => a + b, 0),
  };
}

/** What makes an invocation non-canonical. */
export interface InvocationVariant {
  quick: boolean;
  set: readonly string[];
  worldSeed?: number;
  scale?: number;
}

/** The visible labels of a non-canonical invocation (none for the canonical one). */
export function variantLabels(v: InvocationVariant): string[] {
  const out: string[] = [];
  if (v.quick) out.push('QUICK SMOKE RUN: a smaller world and fewer seeds; the numbers are a smoke run, not the reproduction');
  if (v.set.length > 0) out.push(`overrides: --set ${v.set.join(' --set ')}`);
  if (v.worldSeed !== undefined) out.push(`world seed ${v.worldSeed} (not the default world)`);
  if (v.scale !== undefined) out.push(`datasets at ${v.scale} × their default size`);
  return out;
}

/** One label with the calibration status of the references across seeds, naming each failing criterion. */
export function calibrationLabel(calibration: Partial<Record<ReferenceName, CalibrationSummary>>): string {
  const parts = Object.entries(calibration).map(([ref, s]) => {
    const label = REFERENCE_LABEL[ref as ReferenceName] ?? ref;
    if (s === undefined) return `${label}: not checked`;
    if (s.pass) {
      const fragile = s.criteria.filter((c) => c.fragile).map((c) => c.name);
      return `${label}: passes${fragile.length > 0 ? ` (fragile: ${fragile.join('; ')})` : ''}`;
    }
    const failing = s.criteria.filter((c) => !c.pass).map((c) => `${c.name} (${c.target}; per seed ${c.values.map((x) => x.toFixed(1)).join(' / ')})`);
    return `${label}: FAILS ${failing.join('; ')}`;
  });
  return `reference calibration (seeds ${Object.values(calibration)[0]?.seeds.join(', ') ?? '—'}): ${parts.join(' · ')}`;
}

/** The references' calibration across `seeds` (their diagnostics are cached runs; computed when missing). */
export async function referenceCalibration(
  build: ReferenceBuildConfig,
  seeds: readonly number[],
  opts: DiagnosticsOptions = {},
): Promise<Partial<Record<ReferenceName, CalibrationSummary>>> {
  return (await runSeedDiagnostics(defaultDiagnosticsConfig(build), seeds, opts)).calibration;
}
