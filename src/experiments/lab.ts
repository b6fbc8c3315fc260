/**
 * One call for a notebook: run an experiment of the registry (or a sweep) on the canonical or
 * the quick build, refusing work estimated above a limit unless allowed, and return its tables
 * and figures with their labels. The same runner and cache as the CLI.
 */
import { quickReferenceBuildConfig, defaultReferenceBuildConfig, type ReferenceBuildConfig } from '../train';
import type { ExperimentDef } from './experiment';
import { experimentRunSpecs } from './experiment';
import { EXPERIMENTS, type ExperimentName } from './registry';
import { runExperiment, variantLabels, type ExperimentResult } from './reproduce';
import { experimentPlan } from './runner';
import type { RunSpec } from './runSpec';
import { referenceSeeds } from './seeds';

/** Quick mode everywhere (CLI `--quick`, notebooks, CI): datasets at this fraction of their size, and this many seeds. */
export const QUICK_SCALE = 0.1;
export const QUICK_SEEDS = 2;

/** How much new work a notebook may start. */
export interface LabLimits {
  /** A world at 0.1 of its size and labelled as a smoke run (CI sets AVERE_QUICK=1). */
  quick: boolean;
  /** Start work estimated above `limitMinutes` (default false). */
  allowLongRuns?: boolean;
  /** Default 15. */
  limitMinutes?: number;
}

export interface LabOptions extends LabLimits {
  /** Seeds 1 … n. Default 3 (2 when quick). */
  seeds?: number;
  /** `path=value` overrides of every preference run. */
  set?: string[];
}

/** The reference build of a notebook: the canonical one, or the quick one. */
export function labBuild(quick: boolean): ReferenceBuildConfig {
  return quick ? quickReferenceBuildConfig(QUICK_SCALE) : defaultReferenceBuildConfig();
}

/**
 * Prints how many of `specs` are missing and their estimated time in one process, and refuses
 * (throws, naming `command`, which runs them with one worker per core) work estimated above
 * the limit unless `allowLongRuns`.
 */
export function checkLabWork(
  title: string,
  specs: readonly RunSpec[],
  build: ReferenceBuildConfig,
  o: LabLimits,
  command: string,
  root?: string,
): ReturnType<typeof experimentPlan> {
  const plan = experimentPlan(specs, build, root);
  const limit = o.limitMinutes ?? 15;
  const minutes = Math.ceil(plan.estimatedSeconds / 60);
  console.log(
    `${o.quick ? 'QUICK SMOKE RUN (not the reproduction). ' : ''}${title}: ${plan.runs} runs, ${plan.missing.length} to compute, about ${minutes} min in one process`,
  );
  if (minutes > limit && o.allowLongRuns !== true) {
    throw new Error(`about ${minutes} min of runs: run \`${command}\` (one worker per core), or pass allowLongRuns: true`);
  }
  return plan;
}

/** The CLI command that runs seeds 1 … n of an experiment. */
export function tableCommand(name: string, seeds: number, quick: boolean): string {
  return `npm run -s table -- ${name} --seeds ${seeds}${quick ? ' --quick' : ''}`;
}

/** Runs `name` (or a given definition, e.g. a sweep) for a notebook. */
export async function labExperiment(
  name: ExperimentName | string,
  o: LabOptions,
  def: ExperimentDef = EXPERIMENTS[name as ExperimentName],
): Promise<ExperimentResult> {
  if (def === undefined) throw new Error(`unknown experiment "${name}"`);
  const build = labBuild(o.quick);
  const seeds = referenceSeeds(o.seeds ?? (o.quick ? QUICK_SEEDS : 3));
  const set = o.set ?? [];
  const ctx = { set };
  checkLabWork(name, experimentRunSpecs(def, seeds, ctx), build, o, tableCommand(name, seeds.length, o.quick));
  return runExperiment(name, def, { seeds, build, ctx, labels: variantLabels({ quick: o.quick, set }), progress: false });
}
