/**
 * `rejected-inputs` — the paper's Table 17: AVEm-DPO from "Our base" with the rejected input
 * (a_l, v_l) drawn from {random tensor, random clip, the chosen clip diffused, a clip of a
 * different emotion}, replacing both modalities or only the prompt's (PMP). Each row is the
 * `rejectedInput` override of `avem-dpo`; "Diff. emotion / Prompt-based" is AVEm-DPO itself.
 */
import type { RejectedInputForm, RejectedInputKind, RejectedInputSource } from '../../losses';
import type { ExperimentDef, ExperimentRow } from '../experiment';
import { benchmarkMeasure, table5Columns } from '../measures';
import { PAPER_TABLE17 } from '../paperTables';
import { preferenceRow } from '../rows';

const SOURCE_LABEL: Record<RejectedInputSource, string> = {
  'random-tensor': 'Random tensor',
  'random-clip': 'Random video',
  diffused: 'Diffuse (a_w, v_w)',
  'diff-emotion': 'Diff. emotion',
};
const FORM_LABEL: Record<RejectedInputForm, string> = { both: 'Both a_l, v_l', pmp: 'Prompt-based' };

const PAPER_ORDER: readonly RejectedInputSource[] = ['random-tensor', 'random-clip', 'diffused', 'diff-emotion'];
const FORMS: readonly RejectedInputForm[] = ['both', 'pmp'];

/** The eight rows, in the paper's order (source-major, "Both" before "Prompt-based"). */
export const REJECTED_INPUT_ROWS: readonly ExperimentRow[] = PAPER_ORDER.flatMap((source) =>
  FORMS.map((form) => {
    const kind: RejectedInputKind = `${form}-${source}`;
    return preferenceRow(`${SOURCE_LABEL[source]} / ${FORM_LABEL[form]}`, 'base', 'avem-dpo', kind === 'pmp-diff-emotion' ? [] : [`rejectedInput=${kind}`]);
  }),
);

export const rejectedInputs: ExperimentDef = {
  title: 'Rejected inputs (Table 17)',
  tables: () => [
    {
      name: 'Table 17: rejected inputs',
      columns: ['basic', 'agree', 'stress'],
      rows: REJECTED_INPUT_ROWS,
      views: ['full', 'text_unsolvable'],
      paper: (label) => PAPER_TABLE17[label],
      ...benchmarkMeasure(table5Columns),
    },
  ],
};
