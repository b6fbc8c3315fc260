/**
 * A report from experiment results: their tables and figures, each carrying the calibration label
 * of the references, the provenance (commit, config hash, command, date) and the timings.
 */
import { execFileSync } from 'child_process';
import type { CalibrationSummary, ExperimentResult } from '../experiments';
import { calibrationLabel, REFERENCE_LABEL } from '../experiments';
import type { ReferenceName } from '../train';
import type { ReportInput } from './types';

/** What the numbers depend on: a change elsewhere (the report being rewritten, notebooks, docs) is not a dirty tree. */
const CODE_PATHS = ['src', 'package.json', 'package-lock.json', 'tsconfig.json'];

/** The checkout's commit (with `+dirty` when the code has uncommitted changes), or "unknown". */
export function gitCommit(cwd: string = process.cwd()): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', ...CODE_PATHS], {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() !== '';
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

export interface ExperimentReportOptions {
  title: string;
  /** Hash (or description) of the full config the results came from. */
  config: string;
  command: string;
  quick: boolean;
  /** The references' calibration across the seeds (null: not checked). */
  calibration: Partial<Record<ReferenceName, CalibrationSummary>> | null;
}

/** The report input of experiment results. */
export function experimentReportInput(results: readonly ExperimentResult[], o: ExperimentReportOptions): ReportInput {
  const cal = o.calibration === null ? 'reference calibration: not checked' : calibrationLabel(o.calibration);
  return {
    title: o.title,
    provenance: { commit: gitCommit(), config: o.config, command: o.command, generatedAt: new Date().toISOString(), quick: o.quick },
    tables: results.flatMap((r) => r.tables.map((t) => ({ ...t, labels: [...t.labels, cal] }))),
    figures: results.flatMap((r) => r.figures.map((f) => ({ ...f, labels: [...f.labels, cal] }))),
    calibration: {
      status: cal,
      criteria:
        o.calibration === null
          ? []
          : Object.entries(o.calibration).flatMap(([ref, s]) =>
              (s?.criteria ?? []).map((c) => ({
                name: `${REFERENCE_LABEL[ref as ReferenceName] ?? ref}: ${c.name}`,
                holds: c.pass,
                detail: `${c.target}; per seed ${c.values.map((x) => x.toFixed(1)).join(' / ')}; margin/sd ${Number.isFinite(c.marginSd) ? c.marginSd.toFixed(2) : String(c.marginSd)}${c.fragile ? ' (fragile)' : ''}`,
              })),
            ),
      perReference: o.calibration,
    },
    timings: results.map((r) => ({ experiment: r.name, runs: r.runs, computed: r.computed, seconds: r.seconds, computeSeconds: r.computeSeconds })),
  };
}
