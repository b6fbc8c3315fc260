/**
 * `npm run -s train -- --objective NAME [--reference base|emotionllama] [--seed N] [--set path=value ...] [--json]`
 *
 * Trains one preference-optimisation run from a reference model (built or loaded from `runs/`),
 * cached by the hash of its full config, and prints its summary: the training metrics of the
 * last step, the held-out loss and reward accuracy, the wall time. `--json` prints one JSON
 * object (see `TrainRunSummary` in trainRun.ts).
 */
import { Command, Option } from 'commander';
import { initBackend } from '../backend';
import { OBJECTIVE_NAMES, type ObjectiveName } from '../losses';
import { defaultReferenceBuildConfig, REFERENCE_NAMES, type ReferenceName } from '../train';
import { exportPredictions, scoreModel, trainRun, type PolicyEvaluator, type TrainRunSummary } from '../experiments';

export function seedArg(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < 0) throw new Error(`--seed: expected a non-negative integer, got "${v}"`);
  return n;
}

const collect = (v: string, prev: string[]) => [...prev, v];

function printSummary(s: TrainRunSummary): void {
  const f = s.training.final;
  const num = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(4));
  const lines = [
    `${s.objective} from ${s.reference.name} (SFT seed ${s.reference.sftSeed}, run ${s.reference.run})`,
    `run ${s.run.dir}${s.run.cached ? ' (cached)' : ''}`,
    `steps ${s.training.steps} in ${s.training.seconds.toFixed(1)} s; wall ${s.wallSeconds.toFixed(1)} s`,
    `last step: loss ${num(f['loss'])}  rewards/accuracies ${num(f['rewards/accuracies'])}  rewards/margins ${num(f['rewards/margins'])}  grad_norm ${num(f['grad_norm'])}`,
    `held-out (${s.heldOut.samples} samples): loss ${num(s.heldOut.loss)}  rewards/accuracies ${num(s.heldOut['rewards/accuracies'])}`,
  ];
  const t5 = s.evaluation['table5'] as Record<string, Record<string, number | null>> | undefined;
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(1));
  for (const [view, m] of Object.entries(t5 ?? {})) {
    lines.push(
      `Table 5 columns (${view}): basic ${pct(m['basic'])}  agree ${pct(m['agree'])}  stress ${pct(m['stress'])}  spur. ${pct(m['spurious'])}  hall. ${pct(m['hallucination'])}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const program = new Command()
    .name('train')
    .description('Train one preference-optimisation run (cached by its full config)')
    .addOption(new Option('--objective <name>', 'objective of the loss registry').choices(OBJECTIVE_NAMES).makeOptionMandatory())
    .addOption(new Option('--reference <name>', 'reference model').choices([...REFERENCE_NAMES]).default('base'))
    .option('--seed <n>', 'SFT seed of the reference and seed of the run', seedArg, 1)
    .option('--set <path=value>', 'override a PreferenceTrainConfig field (repeatable)', collect, [] as string[])
    .option('--runs <dir>', 'root of the run directories (default runs/ or AVERE_RUNS_DIR)')
    .option('--no-progress', 'no progress bars')
    .option('--export-predictions <dir>', 'also write the benchmark predictions in the official layout (<id>.txt per item) under DIR')
    .option('--json', 'print one JSON object');
  program.parse();
  const o = program.opts<{
    objective: ObjectiveName;
    reference: ReferenceName;
    seed: number;
    set: string[];
    runs?: string;
    progress: boolean;
    json?: boolean;
    exportPredictions?: string;
  }>();
  await initBackend({ quiet: o.json === true });
  const build = defaultReferenceBuildConfig();
  // after training: the benchmark in both views (Table 5 columns, the released scorer's keys), recognition, descriptions
  const evaluate: PolicyEvaluator = async (policy, ctx) => {
    const s = await scoreModel(policy, { model: ctx.run.hash, scorer: { kind: 'likelihood' }, build }, { root: ctx.root, progress: o.progress });
    if (o.exportPredictions !== undefined) exportPredictions(s.dir, o.exportPredictions);
    const r = s.result;
    return {
      emorealm: r.official.full,
      text_unsolvable: r.official.textUnsolvable,
      table5: { full: r.table5.full, text_unsolvable: r.table5.textUnsolvable },
      recognition: {
        in_domain: { uar: r.recognition.inDomain.uar, war: r.recognition.inDomain.war },
        shifted: { uar: r.recognition.shifted.uar, war: r.recognition.shifted.war },
      },
      description: r.description,
      score_dir: s.dir,
    };
  };
  const summary = await trainRun({
    objective: o.objective,
    reference: o.reference,
    seed: o.seed,
    set: o.set,
    root: o.runs,
    progress: o.progress,
    build,
    evaluate,
  });
  if (o.json === true) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else printSummary(summary);
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(`train: ${e.message}\n`);
    process.exit(1);
  });
}
