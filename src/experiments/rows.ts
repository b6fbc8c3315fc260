/**
 * Row builders of the experiments: a reference scored as it is, or a preference run trained from
 * it (seed s = SFT seed s of the reference, then preference seed s).
 */
import type { ObjectiveName } from '../losses';
import type { ReferenceName } from '../train';
import type { OptionScorer } from './evaluate';
import type { ExperimentRow } from './experiment';

/** The reference itself, scored by `scorer` (default: likelihood). */
export function referenceRow(label: string, reference: ReferenceName, scorer: OptionScorer = { kind: 'likelihood' }): ExperimentRow {
  return { label, spec: (seed) => ({ kind: 'reference', reference, seed, scorer }) };
}

/** A preference run of `objective` from `reference`, with `path=value` overrides of the trainer config. */
export function preferenceRow(label: string, reference: ReferenceName, objective: ObjectiveName, set: readonly string[] = []): ExperimentRow {
  return { label, spec: (seed) => ({ kind: 'preference', reference, seed, objective, set: [...set] }) };
}
