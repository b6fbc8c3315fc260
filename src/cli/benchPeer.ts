/**
 * `npm run bench:peer`: the workbench's AVEm-DPO step and the PyTorch peer on the same bench
 * config, interleaved, several rounds, in one command. Prints both and their ratio.
 *
 * The workbench runs at its default worker count (one replica per core) and at `--workers 1`
 * (the step in one thread); the ratio is taken on the default.
 *
 * It installs nothing. The peer needs Debian's python3-torch and libopenblas0-pthread and
 * runs under /usr/bin/python3. The peer is run at 1 and 2 threads; the faster counts.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command } from 'commander';
import { median } from 'simple-statistics';

const root = path.resolve(__dirname, '..', '..');

interface BenchLine {
  impl: string;
  ms_per_step: number;
  eval_seq_per_s: number;
  [k: string]: unknown;
}

function runJson(cmd: string, args: string[], what: string): BenchLine {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stderr}`);
  const line = r.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  if (line === undefined) throw new Error(`${what} printed no JSON line:\n${r.stdout}`);
  return JSON.parse(line) as BenchLine;
}

function main(): void {
  const program = new Command()
    .name('bench:peer')
    .description('AVEm-DPO training step: workbench vs the PyTorch peer, same config, interleaved')
    .option('--config <file>', 'bench config JSON', path.join(root, '..', 'shared', 'peer', 'bench.json'))
    .option('--peer <file>', 'peer script', path.join(root, '..', 'shared', 'peer', 'torch_avem_step.py'))
    .option('--python <bin>', 'python with torch', '/usr/bin/python3')
    .option('--rounds <n>', 'interleaved rounds', (v) => Number.parseInt(v, 10), 3)
    .option('--json', 'print one JSON object');
  program.parse();
  const opts = program.opts<{ config: string; peer: string; python: string; rounds: number; json?: boolean }>();
  for (const [name, file] of [
    ['config', opts.config],
    ['peer', opts.peer],
  ] as const) {
    if (!fs.existsSync(file)) throw new Error(`bench:peer: --${name} ${file} not found`);
  }
  const base = JSON.parse(fs.readFileSync(opts.config, 'utf8')) as Record<string, unknown>;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avere-bench-'));
  const peerConfig = (threads: number): string => {
    const file = path.join(tmp, `peer-${threads}.json`);
    fs.writeFileSync(file, JSON.stringify({ ...base, threads }));
    return file;
  };
  const ours: BenchLine[] = [];
  const oursSingle: BenchLine[] = [];
  const peer: Record<number, BenchLine[]> = { 1: [], 2: [] };
  const workbenchArgs = ['tsx', 'src/cli/bench.ts', '--config', opts.config, '--json'];
  for (let round = 0; round < opts.rounds; round++) {
    ours.push(runJson('npx', workbenchArgs, 'workbench bench'));
    oursSingle.push(runJson('npx', [...workbenchArgs, '--workers', '1'], 'workbench bench (--workers 1)'));
    for (const threads of [1, 2]) {
      peer[threads]!.push(runJson(opts.python, [opts.peer, peerConfig(threads)], `peer (${threads} threads)`));
    }
    process.stderr.write(`round ${round + 1}/${opts.rounds} done\n`);
  }
  const med = (xs: BenchLine[], k: 'ms_per_step' | 'eval_seq_per_s') => median(xs.map((x) => x[k]));
  const peerThreads = med(peer[1]!, 'ms_per_step') <= med(peer[2]!, 'ms_per_step') ? 1 : 2;
  const best = peer[peerThreads]!;
  const summary = (xs: BenchLine[]) => ({
    impl: xs[0]!.impl,
    backend: xs[0]!.backend,
    workers: xs[0]!.workers,
    ms_per_step: med(xs, 'ms_per_step'),
    eval_seq_per_s: med(xs, 'eval_seq_per_s'),
  });
  const workbench = summary(ours);
  const workbenchSingle = summary(oursSingle);
  const peerBest = { impl: best[0]!.impl, threads: peerThreads, ms_per_step: med(best, 'ms_per_step'), eval_seq_per_s: med(best, 'eval_seq_per_s') };
  const result = {
    config: base,
    rounds: opts.rounds,
    workbench,
    workbench_single_thread: workbenchSingle,
    peer: peerBest,
    peer_other_threads: { threads: 3 - peerThreads, ms_per_step: med(peer[3 - peerThreads]!, 'ms_per_step') },
    ratio_ms_per_step: workbench.ms_per_step / peerBest.ms_per_step,
    ratio_eval_seq_per_s: workbench.eval_seq_per_s / peerBest.eval_seq_per_s,
  };
  if (opts.json === true) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`config: ${opts.config} (median of ${opts.rounds} interleaved rounds)`);
  const threads = (w: typeof workbench) => (w.workers === 1 ? 'one thread' : `${String(w.workers)} worker threads`);
  const row = (w: typeof workbench) => ({
    impl: `${w.impl} (${String(w.backend)}, ${threads(w)})`,
    ms_per_step: w.ms_per_step,
    eval_seq_per_s: w.eval_seq_per_s,
  });
  console.table({
    workbench: row(workbench),
    'workbench, --workers 1': row(workbenchSingle),
    peer: {
      impl: `${result.peer.impl} (${peerThreads} thread${peerThreads > 1 ? 's' : ''})`,
      ms_per_step: result.peer.ms_per_step,
      eval_seq_per_s: result.peer.eval_seq_per_s,
    },
  });
  console.log(`ms_per_step ratio (workbench / peer): ${result.ratio_ms_per_step.toFixed(2)}  (target ≤ 2.0)`);
  console.log(`eval_seq_per_s ratio (workbench / peer): ${result.ratio_eval_seq_per_s.toFixed(2)}  (target ≥ 0.5)`);
}

try {
  main();
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
