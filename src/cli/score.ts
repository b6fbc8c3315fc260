/**
 * Score predictions on an EmoReAlM benchmark file.
 *
 *   npm run -s score -- --benchmark FILE --predictions DIR|FILE.jsonl [--mode official|strict] [--json]
 *
 * Without --json: a readable table. With --json: one JSON object with the released scorer's keys
 * (`<task>_overall_accuracy`, yes/no `<task>_precision|_recall|_f1_score|_model_yes_percentage`,
 * `average_accuracy`) plus `<task>_missing` and `<task>_unparseable`; a metric not measured (a task
 * without predictions) is null. Warnings (few ids matched, tasks without predictions) go to stderr.
 * Bad input (including predictions that match no benchmark id): a message naming file, item and
 * field on stderr, exit code 1.
 */
import { Command, CommanderError, Option } from 'commander';
import { InputError, SCORING_MODES, formatReport, officialResults, scoreFiles, type ScoringMode } from '../eval';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** Runs the CLI on `args` (without node and script) and returns the exit code. */
export function main(args: readonly string[], io: CliIo = processIo): number {
  const program = new Command('score')
    .description('Score EmoReAlM predictions (official or strict mode).')
    .requiredOption('--benchmark <file>', 'EmoReAlM benchmark JSON (e.g. emorealm_v1.json)')
    .requiredOption('--predictions <path>', 'directory of <id>.txt files, or a .jsonl file of {id, prediction, scores?}')
    .addOption(new Option('--mode <mode>', 'official: the released scorer; strict: one parsed answer per item').choices(SCORING_MODES).default('strict'))
    .option('--json', "print one JSON object with the released scorer's keys")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  try {
    program.parse([...args], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    throw e;
  }
  const opts = program.opts<{ benchmark: string; predictions: string; mode: ScoringMode; json?: boolean }>();
  try {
    const { report, warnings } = scoreFiles({ benchmark: opts.benchmark, predictions: opts.predictions, mode: opts.mode });
    // The table shows the report's own warnings; JSON has no place for them.
    for (const w of [...warnings, ...(opts.json === true ? report.warnings : [])]) io.err(`warning: ${w}\n`);
    io.out(opts.json === true ? `${JSON.stringify(officialResults(report), null, 2)}\n` : `${formatReport(report)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      io.err(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
