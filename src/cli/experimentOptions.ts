/**
 * The options shared by `table`, `sweep` and `reproduce`, and how they resolve to a reference
 * build, seeds, overrides and visible labels. One override mechanism: `--set path=value` on the
 * preference trainer's config (repeatable), as everywhere else.
 */
import * as os from 'os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { defaultGenerateConfig, reducedGenerateConfig } from '../data';
import {
  EXECUTOR_NAMES,
  QUICK_SCALE,
  QUICK_SEEDS,
  referenceSeeds,
  variantLabels,
  type ExecutorName,
  type ExperimentContext,
  type RunnerOptions,
} from '../experiments';
import { defaultReferenceBuildConfig, defaultRunsRoot, type ReferenceBuildConfig } from '../train';

export interface ExperimentCliOptions {
  seeds?: number;
  quick?: boolean;
  jobs: number;
  runs?: string;
  dryRun?: boolean;
  progress: boolean;
  json?: boolean;
  set: string[];
  worldSeed?: number;
  scale?: number;
  executor: ExecutorName;
  queue?: string;
  queueName?: string;
  attempts: number;
}

function positiveInt(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${flag} must be a positive integer, got "${v}"`);
    return n;
  };
}

function positiveNumber(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError(`${flag} must be a positive number, got "${v}"`);
    return n;
  };
}

/** Adds the shared options to a command. */
export function addExperimentOptions(cmd: Command): Command {
  return cmd
    .option('--seeds <n>', 'seeds 1 … n: SFT seed s of the reference, then preference seed s (default 3; 2 with --quick)', positiveInt('--seeds'))
    .option('--quick', `smoke run: datasets at ${QUICK_SCALE} of their size and ${QUICK_SEEDS} seeds (labelled as such)`)
    .option(
      '--set <path=value>',
      'override of the preference trainer config, repeatable (e.g. objective.gammaTpd=0.1)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--world-seed <n>', 'regenerate the world with this root seed and rebuild the references on it', positiveInt('--world-seed'))
    .option('--scale <f>', 'regenerate every dataset at this fraction of its size and rebuild the references', positiveNumber('--scale'))
    .option('--jobs <n>', 'local executor: worker processes (default: one per core)', positiveInt('--jobs'), os.availableParallelism())
    .addOption(new Option('--executor <name>', 'where the missing runs execute').choices(EXECUTOR_NAMES).default('local'))
    .option('--queue <url>', 'queue executor: redis://[user[:password]@]host[:port][/db] or rediss://… (docs/queue.md)')
    .option('--queue-name <name>', "queue executor: BullMQ queue name (the workers' --queue-name)")
    .option('--attempts <n>', 'queue executor: tries per run', positiveInt('--attempts'), 3)
    .option('--runs <dir>', 'run cache directory (default runs/ or $AVERE_RUNS_DIR)')
    .option('--dry-run', 'list the runs that would compute and their estimated time, and stop')
    .option('--no-progress', 'no progress line')
    .option('--json', 'print the tables as JSON (the shape of results.json)');
}

export interface ResolvedInvocation {
  seeds: number[];
  build: ReferenceBuildConfig;
  root: string;
  ctx: ExperimentContext;
  /** Labels of a non-canonical invocation (quick, overrides, world seed, scale). */
  labels: string[];
  quick: boolean;
}

/** The build, seeds, overrides and labels the options name. */
export function resolveInvocation(o: ExperimentCliOptions): ResolvedInvocation {
  const quick = o.quick === true;
  const scale = o.scale ?? (quick ? QUICK_SCALE : undefined);
  const worldSeed = o.worldSeed ?? 1;
  const canonical = scale === undefined && o.worldSeed === undefined;
  const build = canonical
    ? defaultReferenceBuildConfig()
    : { ...defaultReferenceBuildConfig(), data: scale === undefined ? defaultGenerateConfig(worldSeed) : reducedGenerateConfig(scale, worldSeed) };
  return {
    seeds: referenceSeeds(o.seeds ?? (quick ? QUICK_SEEDS : 3)),
    build,
    root: o.runs ?? defaultRunsRoot(),
    ctx: { set: [...o.set] },
    labels: variantLabels({ quick, set: o.set, worldSeed: o.worldSeed, scale: o.scale }),
    quick,
  };
}

/** The runner's options (executor, jobs, queue, progress) the CLI options name. */
export function runnerOptions(o: ExperimentCliOptions, inv: ResolvedInvocation): RunnerOptions {
  return { root: inv.root, jobs: o.jobs, progress: o.progress, executor: o.executor, queue: o.queue, queueName: o.queueName, attempts: o.attempts };
}
