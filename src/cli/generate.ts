/**
 * Generates every default dataset under --out DIR.
 *
 *   npx tsx src/cli/generate.ts --out DIR [--seed N] [--scale F]
 *
 * --scale multiplies every dataset size (the benchmark's Table 1 counts too); 1 = defaults.
 */
import { Command } from 'commander';
import * as path from 'path';
import { datasetPaths, defaultGenerateConfig, generateDatasets, reducedGenerateConfig, writeDatasets } from '../data';

function parseIntArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`--seed must be an integer, got "${v}"`);
  return n;
}

function parseScale(v: string): number {
  const n = Number(v);
  if (!(n > 0 && n <= 1)) throw new Error(`--scale must be in (0, 1], got "${v}"`);
  return n;
}

const program = new Command()
  .name('generate')
  .description('Generate the procedural world datasets: text corpus, SFT, preference, EmoReAlM-style benchmark, recognition and description sets.')
  .requiredOption('--out <dir>', 'output directory')
  .option('--seed <n>', 'root seed', parseIntArg, 1)
  .option('--scale <f>', 'size factor in (0, 1] (1 = default sizes)', parseScale, 1)
  .action((opts: { out: string; seed: number; scale: number }) => {
    const t0 = performance.now();
    const cfg = opts.scale === 1 ? defaultGenerateConfig(opts.seed) : reducedGenerateConfig(opts.scale, opts.seed);
    const datasets = generateDatasets(cfg);
    const t1 = performance.now();
    const out = path.resolve(opts.out);
    const manifest = writeDatasets(out, datasets, cfg);
    const t2 = performance.now();
    console.log(`datasets written to ${out} (seed ${cfg.seed})`);
    console.table(manifest.counts);
    console.log(`benchmark (official format): ${datasetPaths(out).benchmark}`);
    console.log(`time: generate ${((t1 - t0) / 1000).toFixed(1)} s, render + write ${((t2 - t1) / 1000).toFixed(1)} s, total ${((t2 - t0) / 1000).toFixed(1)} s`);
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
