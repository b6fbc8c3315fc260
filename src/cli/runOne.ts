/**
 * Internal: executes one run of an experiment in this process (the local executor's worker).
 *   node --import tsx src/cli/runOne.ts --spec '<RunSpec JSON>' --build <ReferenceBuildConfig JSON file> [--runs DIR]
 */
import * as fs from 'fs';
import { Command } from 'commander';
import { initBackend } from '../backend';
import { executeRun, type RunSpec } from '../experiments';
import type { ReferenceBuildConfig } from '../train';

async function main(): Promise<void> {
  const o = new Command()
    .requiredOption('--spec <json>', 'the run')
    .requiredOption('--build <file>', 'the reference build config (JSON)')
    .option('--runs <dir>', 'run cache directory')
    .parse()
    .opts<{ spec: string; build: string; runs?: string }>();
  const spec = JSON.parse(o.spec) as RunSpec;
  const build = JSON.parse(fs.readFileSync(o.build, 'utf8')) as ReferenceBuildConfig;
  await initBackend({ quiet: true });
  await executeRun(spec, build, { root: o.runs, progress: false });
}

main().catch((e: Error) => {
  process.stderr.write(`runOne: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
