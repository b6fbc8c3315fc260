/**
 * `npm run -s table -- NAME [--quick] [--seeds N] [--set path=value ...] [--world-seed N] [--scale F] [--jobs J] [--dry-run] [--json]`
 *
 * Runs one experiment of the registry through the runner (missing runs in worker processes;
 * finished runs read from their result files) and prints the paper's numbers beside ours
 * (mean [95 % t-interval] over seeds) in each view, with each table's fidelity.
 */
import { Command } from 'commander';
import { initBackend } from '../backend';
import { EXPERIMENT_NAMES, experimentByName, experimentPlan, experimentRunSpecs, runExperiment, type ExperimentDef } from '../experiments';
import { addExperimentOptions, resolveInvocation, runnerOptions, type ExperimentCliOptions, type ResolvedInvocation } from './experimentOptions';
import { formatTable } from './printTable';

/** Prints the dry-run plan of an experiment. */
export function printPlan(name: string, def: ExperimentDef, inv: ResolvedInvocation): void {
  const plan = experimentPlan(experimentRunSpecs(def, inv.seeds, inv.ctx), inv.build, inv.root);
  process.stdout.write(`${name}: ${plan.runs} runs, ${plan.missing.length} to compute, about ${(plan.estimatedSeconds / 60).toFixed(1)} min in one process\n`);
  for (const s of plan.missing) process.stdout.write(`  ${JSON.stringify(s)}\n`);
}

async function main(): Promise<void> {
  const cmd = addExperimentOptions(
    new Command()
      .name('table')
      .description('Run one experiment and print the paper beside ours')
      .argument('<name>', `experiment (${EXPERIMENT_NAMES.join(', ')})`),
  );
  cmd.parse();
  const name = cmd.args[0] as string;
  const def = experimentByName(name);
  const o = cmd.opts<ExperimentCliOptions>();
  const inv = resolveInvocation(o);
  await initBackend({ quiet: true });
  if (o.dryRun === true) return printPlan(name, def, inv);
  const r = await runExperiment(name, def, { seeds: inv.seeds, build: inv.build, ctx: inv.ctx, labels: inv.labels, ...runnerOptions(o, inv) });
  if (o.json === true) {
    process.stdout.write(`${JSON.stringify({ tables: r.tables, figures: r.figures }, null, 1)}\n`);
    return;
  }
  r.tables.forEach((t) => process.stdout.write(formatTable(t)));
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(`table: ${e.message}\n`);
    process.exit(1);
  });
}
