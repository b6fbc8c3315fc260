/** Writes the report of an invocation's experiment results (atomic files; see `src/report`). */
import type { CalibrationSummary, ExperimentResult } from '../experiments';
import { experimentReportInput, writeReport } from '../report';
import { configHash } from '../runs';
import type { ReferenceName } from '../train';
import type { ResolvedInvocation } from './experimentOptions';

export function writeInvocationReport(
  out: string,
  title: string,
  inv: ResolvedInvocation,
  results: readonly ExperimentResult[],
  calibration: Partial<Record<ReferenceName, CalibrationSummary>> | null,
): void {
  const config = `${configHash({ build: inv.build, seeds: inv.seeds, set: inv.ctx.set })} (seeds ${inv.seeds.join(', ')}${inv.ctx.set.length > 0 ? `; --set ${inv.ctx.set.join(' --set ')}` : ''})`;
  writeReport(
    out,
    experimentReportInput(results, {
      title,
      config,
      command: `npm run ${process.argv
        .slice(1)
        .map((a) => a.replace(/^.*\/src\/cli\/(\w+)\.ts$/, '$1'))
        .join(' ')}`,
      quick: inv.quick,
      calibration,
    }),
  );
}
