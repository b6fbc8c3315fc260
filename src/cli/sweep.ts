/**
 * `npm run -s sweep -- --base avem-dpo --grid gammaTpd=0,0.1,0.2 --grid lambdaAv=0,1 [--seeds N] [--out DIR] [shared options]`
 *
 * A researcher's own grid over any trainer knob (objective knobs by their symbol, anything else
 * by its config path), through the same runner and cache as the registry. Prints the table and
 * writes a report (table + sensitivity plot like Fig. 11) to `figures/sweeps/<hash>/` unless
 * `--out` says otherwise.
 */
import * as path from 'path';
import { Command } from 'commander';
import { initBackend } from '../backend';
import { parseGridAxis, type GridAxis } from '../config';
import { runExperiment, sweepExperiment } from '../experiments';
import { OBJECTIVE_NAMES, type ObjectiveName } from '../losses';
import { configHash } from '../runs';
import { addExperimentOptions, resolveInvocation, runnerOptions, type ExperimentCliOptions } from './experimentOptions';
import { formatTable } from './printTable';
import { writeInvocationReport } from './reportFiles';
import { printPlan } from './table';

async function main(): Promise<void> {
  const cmd = addExperimentOptions(
    new Command()
      .name('sweep')
      .description('Run a grid over trainer knobs and plot its sensitivity')
      .requiredOption('--base <objective>', `objective (${OBJECTIVE_NAMES.join(', ')})`)
      .option('--grid <path=v1,v2,…>', 'one axis of the grid, repeatable', (v: string, acc: GridAxis[]) => [...acc, parseGridAxis(v)], [] as GridAxis[])
      .option('--out <dir>', 'report directory (default figures/sweeps/<hash>)'),
  );
  cmd.parse();
  const o = cmd.opts<ExperimentCliOptions & { base: string; grid: GridAxis[]; out?: string }>();
  if (!(OBJECTIVE_NAMES as readonly string[]).includes(o.base)) throw new Error(`unknown objective "${o.base}" (known: ${OBJECTIVE_NAMES.join(', ')})`);
  const def = sweepExperiment(o.base as ObjectiveName, o.grid);
  const inv = resolveInvocation(o);
  await initBackend({ quiet: true });
  if (o.dryRun === true) return printPlan('sweep', def, inv);
  const r = await runExperiment('sweep', def, { seeds: inv.seeds, build: inv.build, ctx: inv.ctx, labels: inv.labels, ...runnerOptions(o, inv) });
  if (o.json === true) {
    process.stdout.write(`${JSON.stringify({ tables: r.tables, figures: r.figures }, null, 1)}\n`);
    return;
  }
  r.tables.forEach((t) => process.stdout.write(formatTable(t)));
  const out =
    o.out ?? path.join('figures', 'sweeps', configHash({ base: o.base, grid: o.grid, seeds: inv.seeds, set: inv.ctx.set, build: inv.build }).slice(0, 12));
  writeInvocationReport(out, def.title, inv, [r], null);
  process.stdout.write(`\nreport: ${path.join(out, 'index.html')}\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`sweep: ${e.message}\n`);
  process.exit(1);
});
