/**
 * `npm run -s bench -- --config FILE [--json] [--workers N]`: one AVEm-DPO training step of
 * the workbench's model at the config's dimensions (the same step as the PyTorch peer), timed,
 * in this thread (`--workers 1`) or data-parallel over N worker threads.
 */
import * as path from 'path';
import { Command, Option } from 'commander';
import { initBackend } from '../backend';
import {
  ablateKernels,
  DEFAULT_BENCH_CONFIG,
  defaultWorkers,
  type BenchForward,
  MATMUL_VARIANTS,
  profileBench,
  readBenchConfig,
  runBench,
  soakBench,
  timeTransformerStep,
} from '../bench';

async function main(): Promise<void> {
  const program = new Command()
    .name('bench')
    .description('time one AVEm-DPO training step (and forward-only scoring) on the active backend')
    .option('--config <file>', 'bench config JSON (the peer format); default: the peer defaults')
    .option('--steps <n>', 'override timed steps', (v) => Number.parseInt(v, 10))
    .option('--profile [n]', 'profile one step with tf.profile and print the top n kernels (default 15)')
    .option('--matmul', 'time a plain two-layer LM step with matMulFast vs tf.matMul (the foundation measurement)')
    .option('--ablate [rounds]', 'each kernel switch off alone, interleaved step by step in this thread (default 25 rounds)')
    .option('--soak <steps>', 'run this many steps and report tensor count and RSS every 100', (v) => Number.parseInt(v, 10))
    .option('--workers <n>', 'replicas for the timed step and --soak: 1 = this thread; default one per core, at most the batch', (v) => Number.parseInt(v, 10))
    .addOption(
      new Option('--forward <kind>', 'grouped: shared AV+prompt prefixes computed once; plain: every sequence in full, as the peer')
        .choices(['grouped', 'plain'])
        .default('grouped'),
    )
    .option('--json', 'print one JSON line');
  program.parse();
  const opts = program.opts<{
    config?: string;
    steps?: number;
    json?: boolean;
    profile?: string | boolean;
    ablate?: string | boolean;
    matmul?: boolean;
    soak?: number;
    workers?: number;
    forward: BenchForward;
  }>();
  const forward = opts.forward;
  const cfg = opts.config === undefined ? { ...DEFAULT_BENCH_CONFIG } : readBenchConfig(path.resolve(opts.config));
  if (opts.steps !== undefined) cfg.steps = opts.steps;
  const inThreadOnly = opts.matmul === true || opts.profile !== undefined || opts.ablate !== undefined;
  if (inThreadOnly && opts.workers !== undefined && opts.workers !== 1) {
    throw new Error(`--workers ${opts.workers}: --profile, --ablate and --matmul run in this thread only`);
  }
  const workers = inThreadOnly ? 1 : (opts.workers ?? defaultWorkers(cfg));
  // Worker threads initialise their own backends; this thread needs one only to run the step itself.
  if (workers === 1) await initBackend({ quiet: opts.json === true });
  if (opts.matmul === true) {
    const ms = Object.fromEntries(MATMUL_VARIANTS.map((v) => [v, Math.round(timeTransformerStep(v) * 10) / 10]));
    console.log(opts.json === true ? JSON.stringify({ two_layer_lm_ms_per_step: ms }) : `two-layer LM step (B=16, T=48, d=128): ${JSON.stringify(ms)} ms`);
    return;
  }
  if (opts.ablate !== undefined) {
    const rows = ablateKernels(cfg, typeof opts.ablate === 'string' ? Number.parseInt(opts.ablate, 10) : 25, forward);
    if (opts.json === true) console.log(JSON.stringify({ ablation: rows }));
    else console.table(rows.map(({ variant, fallback, ms_per_step, eval_seq_per_s }) => ({ variant, ms_per_step, eval_seq_per_s, fallback })));
    return;
  }
  if (opts.soak !== undefined) {
    const samples = await soakBench(cfg, opts.soak, { workers, forward });
    if (opts.json === true) console.log(JSON.stringify({ soak: samples }));
    else console.table(samples);
    return;
  }
  if (opts.profile !== undefined) {
    const top = typeof opts.profile === 'string' ? Number.parseInt(opts.profile, 10) : 15;
    const prof = await profileBench(cfg, forward);
    if (opts.json === true) {
      console.log(JSON.stringify(prof));
      return;
    }
    console.log(
      `profiled step: wall ${prof.wallMs.toFixed(1)} ms, tfjs kernels ${prof.kernelMs.toFixed(1)} ms, our kernels and host ops ${prof.hostMs.toFixed(1)} ms`,
    );
    console.table(prof.byKernel.slice(0, top));
    console.table(prof.byShape.slice(0, top));
    return;
  }
  const result = await runBench(cfg, workers, forward);
  if (opts.json === true) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(
    `backend ${result.backend}, ${workers === 1 ? 'this thread' : `${workers} worker threads`}, ${forward} forward, ${4 * cfg.batch} sequences of ${cfg.nAudioTokens + cfg.nVideoTokens + cfg.promptLen + cfg.responseLen} tokens`,
  );
  console.log(`training step: median ${result.ms_per_step} ms (min ${result.ms_per_step_min} ms) over ${cfg.steps} steps`);
  console.log(`forward-only scoring: ${result.eval_seq_per_s} sequences/s`);
  console.log(`tensors after warm-up ${result.num_tensors.after_warmup}, after steps ${result.num_tensors.after_steps}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
