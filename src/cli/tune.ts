/**
 * `npm run -s tune -- --grid lr=1e-4,3e-4,1e-3 --grid batchSize=8,16 [--reference base] [--seed N] [--set path=value ...] [--json]`
 *
 * The lr / batch selection: trains AVEm-DPO at the paper's knobs for every grid point (each a
 * cached run) and reports the held-out loss and reward accuracy per point, best held-out loss
 * first. Do not run it on references that are not frozen yet.
 */
import { Command, Option } from 'commander';
import { initBackend } from '../backend';
import { parseGridAxis, type GridAxis } from '../config';
import { REFERENCE_NAMES, type ReferenceName } from '../train';
import { seedArg } from './train';
import { tuneRun } from './tuneRun';

const collect = (v: string, prev: string[]) => [...prev, v];

async function main(): Promise<void> {
  const program = new Command()
    .name('tune')
    .description('Learning-rate / batch-size selection for AVEm-DPO on the held-out preference split')
    .option('--grid <path=v1,v2>', 'a grid axis over a PreferenceTrainConfig field (repeatable)', collect, [] as string[])
    .addOption(new Option('--reference <name>', 'reference model').choices([...REFERENCE_NAMES]).default('base'))
    .option('--seed <n>', 'SFT seed of the reference and seed of the runs', seedArg, 1)
    .option('--set <path=value>', 'fixed override for every point (repeatable)', collect, [] as string[])
    .option('--runs <dir>', 'root of the run directories')
    .option('--no-progress', 'no progress bars')
    .option('--json', 'print one JSON array');
  program.parse();
  const o = program.opts<{ grid: string[]; reference: ReferenceName; seed: number; set: string[]; runs?: string; progress: boolean; json?: boolean }>();
  const grid: GridAxis[] = o.grid.map(parseGridAxis);
  await initBackend({ quiet: o.json === true });
  const points = await tuneRun({ grid, reference: o.reference, seed: o.seed, set: o.set, root: o.runs, progress: o.progress });
  if (o.json === true) {
    process.stdout.write(`${JSON.stringify(points)}\n`);
    return;
  }
  process.stdout.write('point  held-out loss  held-out reward acc  train loss  steps  run\n');
  for (const p of points) {
    process.stdout.write(
      `${JSON.stringify(p.point)}  ${p.heldOutLoss.toFixed(4)}  ${p.heldOutAccuracy.toFixed(3)}  ${p.finalTrainLoss.toFixed(4)}  ${p.steps}  ${p.run}${p.cached ? ' (cached)' : ''}\n`,
    );
  }
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(`tune: ${e.message}\n`);
    process.exit(1);
  });
}
