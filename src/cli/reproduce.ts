/**
 * `npm run reproduce [-- --quick] [--only a,b] [--out DIR] [shared options]` (and `npm start`)
 *
 * Runs every experiment of the registry in order of importance (`components` first) and
 * rewrites the report after each one, so the first table is readable early. Ends by printing
 * where the report is. The canonical run writes `figures/report/`; `--quick` writes
 * `figures/report-quick/` (every table says it is a smoke run); any other variant (`--set`,
 * `--world-seed`, `--scale`) writes `figures/report-variant/` unless `--out` is given, so the
 * committed full report is never overwritten by anything else.
 */
import * as path from 'path';
import { Command } from 'commander';
import { initBackend } from '../backend';
import { EXPERIMENT_NAMES, experimentByName, referenceCalibration, runExperiment, type CalibrationSummary, type ExperimentResult } from '../experiments';
import type { ReferenceName } from '../train';
import { addExperimentOptions, resolveInvocation, runnerOptions, type ExperimentCliOptions } from './experimentOptions';
import { formatTable } from './printTable';
import { writeInvocationReport } from './reportFiles';
import { printPlan } from './table';

function minutes(s: number): string {
  return `${(s / 60).toFixed(1)} min`;
}

async function main(): Promise<void> {
  const cmd = addExperimentOptions(
    new Command()
      .name('reproduce')
      .description("Run every experiment of the paper's analysis and write the paper-vs-ours report")
      .option('--only <names>', `comma-separated experiments (default all: ${EXPERIMENT_NAMES.join(', ')})`)
      .option('--out <dir>', 'report directory (default figures/report, figures/report-quick with --quick, figures/report-variant for other variants)'),
  );
  cmd.parse();
  const o = cmd.opts<ExperimentCliOptions & { only?: string; out?: string }>();
  const names = o.only === undefined ? [...EXPERIMENT_NAMES] : o.only.split(',').map((s) => s.trim());
  const defs = names.map((n) => ({ name: n, def: experimentByName(n) }));
  const inv = resolveInvocation(o);
  const out = o.out ?? path.join('figures', inv.quick ? 'report-quick' : inv.labels.length > 0 ? 'report-variant' : 'report');
  await initBackend({ quiet: true });
  if (o.dryRun === true) {
    for (const { name, def } of defs) printPlan(name, def, inv);
    return;
  }
  const t0 = performance.now();
  const results: ExperimentResult[] = [];
  let calibration: Partial<Record<ReferenceName, CalibrationSummary>> | null = null;
  for (const { name, def } of defs) {
    process.stderr.write(`[reproduce] ${name}: ${def.title}\n`);
    const r = await runExperiment(name, def, { seeds: inv.seeds, build: inv.build, ctx: inv.ctx, labels: inv.labels, ...runnerOptions(o, inv) });
    results.push(r);
    // the references exist once the first experiment ran; their diagnostics are cached runs
    calibration ??= await referenceCalibration(inv.build, inv.seeds, { root: inv.root, progress: false });
    writeInvocationReport(out, inv.quick ? 'AVERE workbench — quick smoke run' : 'AVERE workbench — reproduction', inv, results, calibration);
    process.stderr.write(
      `[reproduce] ${name}: ${r.runs} runs (${r.computed} computed) in ${minutes(r.seconds)}; report rewritten (${minutes((performance.now() - t0) / 1000)} so far)\n`,
    );
    if (o.json !== true) r.tables.filter((t) => t.view === 'full').forEach((t) => process.stdout.write(formatTable(t)));
  }
  if (o.json === true)
    process.stdout.write(`${JSON.stringify({ tables: results.flatMap((r) => r.tables), figures: results.flatMap((r) => r.figures) }, null, 1)}\n`);
  process.stdout.write(`\nreport: ${path.resolve(out, 'index.html')} (also report.md, results.json), ${minutes((performance.now() - t0) / 1000)} in all\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`reproduce: ${e.message}\n`);
  process.exit(1);
});
