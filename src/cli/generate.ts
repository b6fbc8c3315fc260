/**
 * Generates every default dataset under --out DIR.
 *
 *   npx tsx src/cli/generate.ts --out DIR [--seed N] [--scale F]
 *
 * --seed is a decimal integer in [0, 2³² − 1] (default 1); --scale multiplies every dataset
 * size (the benchmark's Table 1 counts too), in (0, 1], 1 = defaults. DIR is replaced as a
 * whole, atomically (see docs/reliability.md); an existing DIR must be empty or a dataset
 * directory. Bad arguments or a failed write: a message on stderr, exit code 1.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import * as path from 'path';
import { datasetPaths, defaultGenerateConfig, generateDatasets, reducedGenerateConfig, writeDatasets } from '../data';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

const MAX_SEED = 2 ** 32 - 1;

/** A decimal integer in [0, 2³² − 1]: `Rng` keeps 32 bits, so larger seeds would alias smaller ones. */
export function parseSeed(v: string): number {
  const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!(n <= MAX_SEED)) throw new InvalidArgumentError(`--seed must be an integer in [0, ${MAX_SEED}], got "${v}"`);
  return n;
}

/** A non-empty directory path (an empty one would resolve to the working directory). */
export function parseOut(v: string): string {
  if (v.trim() === '') throw new InvalidArgumentError('--out must name a directory, got ""');
  return v;
}

export function parseScale(v: string): number {
  const n = v.trim() === '' ? Number.NaN : Number(v);
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError(`--scale must be in (0, 1], got "${v}"`);
  return n;
}

/** Runs the CLI on `args` (without node and script) and resolves to the exit code. */
export async function main(args: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = new Command('generate')
    .description('Generate the procedural world datasets: text corpus, SFT, preference, EmoReAlM-style benchmark, recognition and description sets.')
    .requiredOption('--out <dir>', 'output directory (replaced as a whole)', parseOut)
    .option('--seed <n>', 'root seed, an integer in [0, 2^32 - 1]', parseSeed, 1)
    .option('--scale <f>', 'size factor in (0, 1] (1 = default sizes)', parseScale, 1)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  try {
    program.parse([...args], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    throw e;
  }
  const opts = program.opts<{ out: string; seed: number; scale: number }>();
  try {
    const t0 = performance.now();
    const cfg = opts.scale === 1 ? defaultGenerateConfig(opts.seed) : reducedGenerateConfig(opts.scale, opts.seed);
    const datasets = generateDatasets(cfg);
    const t1 = performance.now();
    const out = path.resolve(opts.out);
    const manifest = writeDatasets(out, datasets, cfg);
    const t2 = performance.now();
    const width = Math.max(...Object.keys(manifest.counts).map((k) => k.length));
    io.out(`datasets written to ${out} (seed ${cfg.seed})\n`);
    for (const [k, n] of Object.entries(manifest.counts)) io.out(`  ${k.padEnd(width)}  ${n}\n`);
    io.out(`benchmark (official format): ${datasetPaths(out).benchmark}\n`);
    io.out(`time: generate ${((t1 - t0) / 1000).toFixed(1)} s, render + write ${((t2 - t1) / 1000).toFixed(1)} s, total ${((t2 - t0) / 1000).toFixed(1)} s\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    io.err(`error: ${e.message}\n`);
    return 1;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
