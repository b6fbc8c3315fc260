/**
 * The experiment registry: every experiment of the paper's analysis by name, in order of
 * importance (the order `reproduce` runs them in).
 */
import type { ExperimentDef } from '../experiment';
import { components } from './components';
import { main } from './main';
import { modality } from './modality';
import { recognition } from './recognition';
import { rejectedInputs } from './rejectedInputs';
import { rejectedResponses } from './rejectedResponses';
import { sensitivity } from './sensitivity';

export const EXPERIMENT_NAMES = ['components', 'main', 'modality', 'recognition', 'rejected-inputs', 'rejected-responses', 'sensitivity'] as const;
export type ExperimentName = (typeof EXPERIMENT_NAMES)[number];

export const EXPERIMENTS: Record<ExperimentName, ExperimentDef> = {
  components,
  main,
  modality,
  recognition,
  'rejected-inputs': rejectedInputs,
  'rejected-responses': rejectedResponses,
  sensitivity,
};

/** The experiment of a name; throws listing the names. */
export function experimentByName(name: string): ExperimentDef {
  if (!(EXPERIMENT_NAMES as readonly string[]).includes(name)) throw new Error(`unknown experiment "${name}" (known: ${EXPERIMENT_NAMES.join(', ')})`);
  return EXPERIMENTS[name as ExperimentName];
}

export { COMPONENT_ROWS } from './components';
export { mainRows } from './main';
export { MODALITY_ROWS, MODALITY_COLUMNS, modalityMeasure } from './modality';
export { RECOGNITION_ROWS } from './recognition';
export { REJECTED_INPUT_ROWS } from './rejectedInputs';
export { REJECTED_RESPONSE_ROWS } from './rejectedResponses';
export { SENSITIVITY_AXES } from './sensitivity';
