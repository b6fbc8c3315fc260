/**
 * Base-model diagnostics: builds the two reference models (or loads them from `runs/`),
 * scores them on the benchmark and prints the diagnostics next to the paper's rows.
 *
 *   npx tsx src/cli/diagnose.ts            # tables
 *   npx tsx src/cli/diagnose.ts --json     # {"base": {...}, "emotionllama": {...}}
 */
import { Command } from 'commander';
import { initBackend } from '../backend';
import {
  attentionRows,
  buildRows,
  calibrationRows,
  defaultDiagnosticsConfig,
  diagnosticsJson,
  emorealmRows,
  filterRows,
  recognitionRows,
  runDiagnostics,
  subtaskRows,
  viewRows,
  type Row,
} from '../experiments';
import { REFERENCE_NAMES, type ReferenceName } from '../train';

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

async function main(): Promise<void> {
  const program = new Command()
    .name('diagnose')
    .description('Build (or load) the reference models and print their benchmark diagnostics')
    .option('--json', 'print one JSON object keyed by reference')
    .option('--only <names>', `comma-separated references (${REFERENCE_NAMES.join(', ')})`)
    .option('--runs <dir>', 'run cache directory (default runs/ or $AVERE_RUNS_DIR)')
    .option('--pretrain-seed <n>', 'seed of the pretraining stage (default 11): training-noise checks', (v) => seedArg('--pretrain-seed', v))
    .option('--sft-seed <n>', 'seed of the SFT stage (default 1): training-noise checks', (v) => seedArg('--sft-seed', v))
    .option('--no-progress', 'no progress bars');
  program.parse();
  const opts = program.opts<{ json?: boolean; only?: string; runs?: string; progress: boolean; pretrainSeed?: number; sftSeed?: number }>();
  const cfg = defaultDiagnosticsConfig();
  if (opts.pretrainSeed !== undefined) cfg.build.pretrain.seed = opts.pretrainSeed;
  if (opts.sftSeed !== undefined) cfg.build.sft.seed = opts.sftSeed;
  if (opts.only !== undefined) {
    const names = opts.only.split(',').map((s) => s.trim());
    for (const n of names) {
      if (!(REFERENCE_NAMES as readonly string[]).includes(n)) throw new Error(`--only: unknown reference "${n}" (expected ${REFERENCE_NAMES.join(', ')})`);
    }
    cfg.references = names as ReferenceName[];
  }
  await initBackend({ quiet: opts.json === true });
  const result = await runDiagnostics(cfg, { root: opts.runs, progress: opts.progress && opts.json !== true, log: opts.json !== true });
  if (opts.json === true) {
    process.stdout.write(`${JSON.stringify(diagnosticsJson(result), null, 1)}\n`);
    return;
  }
  process.stdout.write(`diagnostics ${result.hash} (runs: ${Object.entries(result.build.runs).map(([s, h]) => `${s}-${h}`).join(', ')})\n`);
  printTable('EmoReAlM, audio + video (Table 13 columns; paper rows are the paper\'s numbers)', emorealmRows(result));
  printTable('Stress-test subtasks and yes-rate (Table 14)', subtaskRows(result));
  printTable('Masking one modality (Table 13 audio-only / video-only rows) and text only', viewRows(result));
  printTable('Recognition (Table 2: paper DFEW / RAVDESS vs ours in-domain / shifted)', recognitionRows(result));
  printTable('Text-only filter (π_text = the reference without AV tokens)', filterRows(result));
  printTable('Attention on audio tokens, % of AV attention (Fig. 5 left)', attentionRows(result));
  printTable('Calibration rule (SPEC §3)', calibrationRows(result));
  printTable('Build', buildRows(result));
}

main().catch((e: unknown) => {
  process.stderr.write(`diagnose: ${(e as Error).message}\n`);
  process.exit(1);
});
