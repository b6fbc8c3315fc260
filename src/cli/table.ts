/**
 * `npm run -s table -- NAME [--seeds N] [--quick] [--jobs J] [--dry-run] [--json]`
 *
 * Runs one experiment of the registry through the local executor (missing runs in worker
 * processes; finished runs read from their result files) and prints the paper's numbers beside
 * ours (mean [95 % t-interval] over seeds) in both views, with the table's fidelity.
 */
import * as os from 'os';
import { Command } from 'commander';
import { initBackend } from '../backend';
import { COMPONENT_ROWS, componentsTable, displayRows, experimentSpecs, missingRuns, referenceSeeds, runAll, type ReproducedTable } from '../experiments';
import { defaultReferenceBuildConfig, defaultRunsRoot, quickReferenceBuildConfig } from '../train';

const EXPERIMENTS = ['components'] as const;
type ExperimentName = (typeof EXPERIMENTS)[number];

function printTable(t: ReproducedTable): void {
  const rows = displayRows(t);
  const cols = Object.keys(rows[0] ?? {});
  const cell = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i] as number)).join('  ');
  const f = t.fidelity;
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(0)} %`);
  process.stdout.write(`\n${t.name} — ${t.view === 'full' ? 'full benchmark' : 'text-unsolvable view'}${t.labels.length > 0 ? ` [${t.labels.join('; ')}]` : ''}\n`);
  process.stdout.write(`${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const r of rows) process.stdout.write(`${line(cols.map((c) => cell(r[c])))}\n`);
  process.stdout.write(`fidelity ${pct(f.fidelity)} (strict ${pct(f.strict)}) over ${f.pairs} pairs the paper orders by ≥ 1 point\n`);
}

async function main(): Promise<void> {
  const o = new Command()
    .name('table')
    .description('Run one experiment and print the paper beside ours')
    .argument('<name>', `experiment (${EXPERIMENTS.join(', ')})`)
    .option('--seeds <n>', 'seeds 1 … n (SFT seed s of the reference, then preference seed s)', (v) => Number(v), 3)
    .option('--quick', 'smoke run on a world at 0.1 of its size (labelled as such)')
    .option('--jobs <n>', 'worker processes (default: one per core)', (v) => Number(v), os.availableParallelism())
    .option('--runs <dir>', 'run cache directory')
    .option('--dry-run', 'list the runs that would compute, and stop')
    .option('--no-progress', 'no progress line')
    .option('--json', 'print the tables as JSON (the shape of results.json)');
  o.parse();
  const name = o.args[0] as ExperimentName;
  if (!(EXPERIMENTS as readonly string[]).includes(name)) throw new Error(`unknown experiment "${name}" (known: ${EXPERIMENTS.join(', ')})`);
  const opts = o.opts<{ seeds: number; quick?: boolean; jobs: number; runs?: string; dryRun?: boolean; progress: boolean; json?: boolean }>();
  const seeds = referenceSeeds(opts.seeds);
  const build = opts.quick === true ? quickReferenceBuildConfig() : defaultReferenceBuildConfig();
  const root = opts.runs ?? defaultRunsRoot();
  await initBackend({ quiet: true });
  const specs = experimentSpecs(COMPONENT_ROWS, seeds);
  const missing = missingRuns(specs, build, root);
  if (opts.dryRun === true) {
    process.stdout.write(`${name}: ${specs.length} runs, ${missing.length} to compute\n`);
    for (const s of missing) process.stdout.write(`  ${JSON.stringify(s)}\n`);
    return;
  }
  const outcomes = await runAll(specs, build, { root, jobs: opts.jobs, progress: opts.progress });
  const labels = opts.quick === true ? ['QUICK SMOKE RUN: a world at 0.1 of its size, not the reproduction'] : [];
  const tables = (['full', 'text_unsolvable'] as const).map((v) => componentsTable(outcomes, seeds, v, labels));
  if (opts.json === true) {
    process.stdout.write(`${JSON.stringify({ tables }, null, 1)}\n`);
    return;
  }
  tables.forEach(printTable);
}

main().catch((e: Error) => {
  process.stderr.write(`table: ${e.message}\n`);
  process.exit(1);
});
