/**
 * `rejected-responses` — the paper's Table 18: AVEm-DPO from "Our base" with one or two of the
 * rejected responses y_l^irr (irrelevant cue), y_l^er (wrong emotion) and y_l^vr (wrong
 * modality), equally weighted. Each row is the `rejectedResponses` override of `avem-dpo`;
 * "y_l^er + y_l^vr" is AVEm-DPO itself (β_er = β_vr = 0.5).
 */
import type { RejectedResponseSource } from '../../losses';
import type { ExperimentDef, ExperimentRow } from '../experiment';
import { benchmarkMeasure, table5Columns } from '../measures';
import { TABLE5_COLUMNS } from '../paperRows';
import { PAPER_TABLE18 } from '../paperTables';
import { preferenceRow, referenceRow } from '../rows';

const SYMBOL: Record<Exclude<RejectedResponseSource, 'random-of-yVr-yEr'>, string> = { yIrr: 'y_l^{irr}', yEr: 'y_l^{er}', yVr: 'y_l^{vr}' };
type Source = keyof typeof SYMBOL;

function responsesRow(sources: readonly Source[]): ExperimentRow {
  const label = sources.map((s) => SYMBOL[s]).join(' + ');
  const isDefault = sources.length === 2 && sources.includes('yEr') && sources.includes('yVr');
  const set = isDefault ? [] : [`rejectedResponses=${JSON.stringify(sources.map((source) => ({ source, weight: 1 / sources.length })))}`];
  return preferenceRow(label, 'base', 'avem-dpo', set);
}

export const REJECTED_RESPONSE_ROWS: readonly ExperimentRow[] = [
  referenceRow('base', 'base'),
  responsesRow(['yIrr']),
  responsesRow(['yEr']),
  responsesRow(['yVr']),
  responsesRow(['yEr', 'yIrr']),
  responsesRow(['yVr', 'yIrr']),
  responsesRow(['yEr', 'yVr']),
];

export const rejectedResponses: ExperimentDef = {
  title: 'Rejected responses (Table 18)',
  tables: () => [
    {
      name: 'Table 18: rejected responses',
      columns: TABLE5_COLUMNS,
      rows: REJECTED_RESPONSE_ROWS,
      views: ['full', 'text_unsolvable'],
      paper: (label) => PAPER_TABLE18[label],
      ...benchmarkMeasure(table5Columns),
    },
  ],
};
