/** One-line names of runs for progress and error lines. */
import type { RunSpec } from '../experiments/runSpec';

/** E.g. `reference base seed 1 (likelihood)` or `avem-dpo from base seed 2 [lr=0.005]`. */
export function describeRun(spec: RunSpec): string {
  switch (spec.kind) {
    case 'reference':
      return `reference ${spec.reference} seed ${spec.seed} (${spec.scorer.kind})`;
    case 'preference':
      return `${spec.objective} from ${spec.reference} seed ${spec.seed}${spec.set.length > 0 ? ` [${spec.set.join(' ')}]` : ''}`;
  }
}
