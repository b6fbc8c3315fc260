/**
 * Base-model diagnostics: builds the two reference models for each SFT seed (or loads them
 * from `runs/`), scores them on the benchmark and prints the diagnostics next to the paper's
 * rows, the calibration rule per seed (mean ± sd, margins in sd units) and both views of the
 * benchmark (full, text-unsolvable).
 *
 *   npx tsx src/cli/diagnose.ts                  # 3 SFT seeds, both references, tables
 *   npx tsx src/cli/diagnose.ts --seeds 3 --json # {"base": {..., per_seed, mean, sd}, "emotionllama": {...}}
 *
 * With `--jobs J` (default: one per core) the (seed, reference) builds run in J child
 * processes once the shared pretrained LM exists; each child caches its result, and this
 * process then loads them all.
 */
import { spawn } from 'child_process';
import * as os from 'os';
import { Command } from 'commander';
import { initBackend } from '../backend';
import {
  attentionRows,
  buildRows,
  calibrationSummaryRows,
  defaultDiagnosticsConfig,
  emorealmRows,
  filterRows,
  hasDiagnostics,
  recognitionRows,
  probeAgreementRows,
  probeStressRows,
  referenceSeeds,
  runProbeDiagnostics,
  runDiagnostics,
  runSeedDiagnostics,
  seedDiagnosticsJson,
  seedRows,
  subtaskRows,
  viewRows,
  withSftSeed,
  type DiagnosticsConfig,
  type Row,
} from '../experiments';
import { buildReferences, defaultRunsRoot, quickReferenceBuildConfig, REFERENCE_NAMES, type ReferenceName } from '../train';

function printTable(title: string, rows: Row[]): void {
  process.stdout.write(`\n${title}\n`);
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0] as Row);
  const cell = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i] as number)).join('  ');
  process.stdout.write(`${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const r of rows) process.stdout.write(`${line(cols.map((c) => cell(r[c])))}\n`);
}

function seedArg(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name}: expected a non-negative integer, got "${v}"`);
  return n;
}

/** Runs one (seed, reference) diagnostics in a child process of this CLI (`--child`). */
function runChild(seed: number, ref: ReferenceName, root: string, pretrainSeed: number, quick: boolean): Promise<void> {
  const args = [
    '--import',
    'tsx',
    __filename,
    '--child',
    '--sft-seed',
    String(seed),
    '--only',
    ref,
    '--runs',
    root,
    '--pretrain-seed',
    String(pretrainSeed),
    '--no-progress',
    ...(quick ? ['--quick'] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`diagnostics of ${ref}, SFT seed ${seed}: child process exited with code ${code}`))));
  });
}

/** Computes the missing (seed, reference) diagnostics, `jobs` child processes at a time. */
async function computeMissing(cfg: DiagnosticsConfig, seeds: number[], jobs: number, root: string, progress: boolean, quick: boolean): Promise<void> {
  const todo = seeds.flatMap((s) => cfg.references.map((r) => ({ seed: s, ref: r }))).filter((x) => !hasDiagnostics(withSftSeed(cfg, x.seed), x.ref, root));
  if (todo.length === 0 || jobs <= 1) return;
  const pre = await buildReferences(cfg.build, { root, progress, only: [] });
  Object.values(pre.models).forEach((m) => m?.dispose());
  process.stderr.write(`[diagnostics] ${todo.length} (seed, reference) builds in ${Math.min(jobs, todo.length)} processes\n`);
  const queue = [...todo];
  const worker = async () => {
    for (let x = queue.shift(); x !== undefined; x = queue.shift()) {
      const t0 = performance.now();
      await runChild(x.seed, x.ref, root, cfg.build.pretrain.seed, quick);
      process.stderr.write(`[diagnostics] ${x.ref}, SFT seed ${x.seed}: done in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, todo.length) }, worker));
}

function positive(name: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < 1) throw new Error(`${name}: expected a positive integer, got "${v}"`);
  return n;
}

async function main(): Promise<void> {
  const program = new Command()
    .name('diagnose')
    .description('Build (or load) the reference models for each SFT seed and print their benchmark diagnostics and the calibration rule')
    .option('--json', 'print one JSON object keyed by reference (first seed at the top level, plus per_seed, mean, sd, text_unsolvable, calibration)')
    .option('--only <names>', `comma-separated references (${REFERENCE_NAMES.join(', ')})`)
    .option('--runs <dir>', 'run cache directory (default runs/ or $AVERE_RUNS_DIR)')
    .option('--seeds <n>', 'SFT seeds 1 … n of each reference (default 3)', (v) => positive('--seeds', v), 3)
    .option('--sft-seed <n>', 'one SFT seed instead of 1 … n', (v) => seedArg('--sft-seed', v))
    .option('--pretrain-seed <n>', 'seed of the shared pretraining stage (default 11)', (v) => seedArg('--pretrain-seed', v))
    .option('--jobs <n>', 'child processes for the missing builds (default: one per core)', (v) => positive('--jobs', v), os.availableParallelism())
    .option('--quick', 'smoke run: every dataset at 0.1 of its size (not the calibrated references)')
    .option('--child', 'internal: compute one (seed, reference) diagnostics and exit')
    .option('--no-progress', 'no progress bars');
  program.parse();
  const opts = program.opts<{
    json?: boolean;
    only?: string;
    runs?: string;
    progress: boolean;
    seeds: number;
    sftSeed?: number;
    pretrainSeed?: number;
    jobs: number;
    child?: boolean;
    quick?: boolean;
  }>();
  const cfg = defaultDiagnosticsConfig(opts.quick === true ? quickReferenceBuildConfig() : undefined);
  if (opts.pretrainSeed !== undefined) cfg.build.pretrain.seed = opts.pretrainSeed;
  if (opts.only !== undefined) {
    const names = opts.only.split(',').map((s) => s.trim());
    for (const n of names) {
      if (!(REFERENCE_NAMES as readonly string[]).includes(n)) throw new Error(`--only: unknown reference "${n}" (expected ${REFERENCE_NAMES.join(', ')})`);
    }
    cfg.references = names as ReferenceName[];
  }
  const seeds = opts.sftSeed !== undefined ? [opts.sftSeed] : referenceSeeds(opts.seeds);
  const root = opts.runs ?? defaultRunsRoot();
  const quiet = opts.json === true || opts.child === true;
  await initBackend({ quiet });
  const progress = opts.progress && !quiet;
  if (opts.child === true) {
    await runDiagnostics(withSftSeed(cfg, seeds[0] as number), { root, progress: false, log: false });
    return;
  }
  const t0 = performance.now();
  await computeMissing(cfg, seeds, opts.jobs, root, progress, opts.quick === true);
  const result = await runSeedDiagnostics(cfg, seeds, { root, progress, log: !quiet });
  const probes = await runProbeDiagnostics(cfg, { root, progress, log: !quiet });
  const wall = (performance.now() - t0) / 1000;
  if (opts.json === true) {
    process.stdout.write(
      `${JSON.stringify({ ...seedDiagnosticsJson(result), seeds, probes: { stress: probes.stress, agreement: probes.agreement }, wall_seconds: wall }, null, 1)}\n`,
    );
    return;
  }
  const first = result.perSeed[0];
  if (first === undefined) return;
  if (opts.quick === true) process.stdout.write('QUICK SMOKE RUN: a world at 0.1 of its size; these are not the calibrated references\n');
  process.stdout.write(
    `diagnostics for SFT seeds ${seeds.join(', ')} in ${wall.toFixed(0)} s; tables for seed ${seeds[0]} first (runs: ${Object.entries(first.build.runs)
      .map(([s, h]) => `${s}-${h}`)
      .join(', ')})\n`,
  );
  printTable("EmoReAlM, audio + video (Table 13 columns; paper rows are the paper's numbers)", emorealmRows(first));
  printTable('Stress-test subtasks and yes-rate (Table 14)', subtaskRows(first));
  printTable('Masking one modality (Table 13 audio-only / video-only rows) and text only', viewRows(first));
  printTable('Recognition (Table 2: paper DFEW / RAVDESS vs ours in-domain / shifted)', recognitionRows(first));
  printTable("Each reference's own text-only filter (π_text = the reference without AV tokens)", filterRows(first));
  printTable('Attention on audio tokens, % of AV attention (Fig. 5 left)', attentionRows(first));
  printTable('Build', buildRows(first));
  printTable(
    `Every seed, full benchmark and text-unsolvable view (${result.textUnsolvable.ids.length} questions that ${result.textUnsolvable.source} gets wrong)`,
    seedRows(result),
  );
  printTable(
    "Perception evidence: linear probe accuracy (%) on the asked cue's presence, per stress subtask (trained on SFT clips, scored on the benchmark questions; SFT seed 1)",
    probeStressRows(probes),
  );
  printTable('Perception evidence: "audio emotion = video emotion" probes on the agreement questions (%)', probeAgreementRows(probes));
  printTable('Calibration rule (SPEC §3) per seed; margin / sd = smallest margin in across-seed sd units (< 1: fragile)', calibrationSummaryRows(result));
  const verdict = Object.entries(result.calibration)
    .map(([r, c]) => `${r}: ${c?.pass ? 'passes' : 'FAILS'}`)
    .join(', ');
  process.stdout.write(`\ncalibration rule over seeds ${seeds.join(', ')}: ${verdict}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`diagnose: ${(e as Error).message}\n`);
  process.exit(1);
});
