/**
 * What the report writer takes (tables with paper numbers, figures without, provenance,
 * calibration, timings) and the shape of the `results.json` it writes.
 */
import type { ReproducedTable, TableRow } from '../experiments';

/** A display row: column name → value (null: not measured). */
export type DisplayRow = Record<string, string | number | null>;

/** A figure the paper gives no numbers for (Figs 5 and 11): its fidelity is "n/a" (the experiments' `FigureData`). */
export type { FigureData as ReportFigure, FigureSeries } from '../experiments';
import type { FigureData as ReportFigure, FigureSeries } from '../experiments';

/** Where the numbers come from. */
export interface Provenance {
  commit: string;
  config: string;
  command: string;
  /** ISO 8601 date and time. */
  generatedAt: string;
  /** A smoke run: the report carries a prominent banner. */
  quick: boolean;
}

/** Wall time of one experiment. */
export interface Timing {
  experiment: string;
  /** Distinct runs, and how many this invocation computed. */
  runs: number;
  computed: number;
  /** Wall time of this invocation. */
  seconds: number;
  /** Sum of the runs' own wall times when they were computed (one process each). */
  computeSeconds: number;
}

export interface ReportInput {
  title: string;
  provenance: Provenance;
  tables: ReproducedTable[];
  figures: ReportFigure[];
  /**
   * JSON summary of the references' calibration status, kept verbatim in `results.json` and shown as
   * a list of criteria. Expected `{ status?: string, criteria?: [{ name, holds, detail? }] }`; read
   * tolerantly (see `calibration.ts`).
   */
  calibration: unknown;
  timings?: Timing[];
}

/** A table row in `results.json`: every column present in `paper` and in `ours` (a reproduced table's row as it is). */
export type ResultsRow = TableRow;

export type ResultsTable = ReproducedTable;

export interface ResultsFigure {
  name: string;
  kind: ReportFigure['kind'];
  xLabel: string;
  yLabel: string;
  series: FigureSeries[];
  labels: string[];
  numbers: DisplayRow[];
  fidelity: 'n/a';
}

/** A table's fidelity without its verdicts. */
export interface FidelitySummary {
  pairs: number;
  fidelity: number | null;
  /** Separated by the paired t-interval over seeds. */
  strict: number | null;
  /** Separated by the paired bootstrap over questions (null: no pair has one). */
  bootstrapStrict: number | null;
}

/** The content of `results.json`. */
export interface ReportResults {
  tables: ResultsTable[];
  figures: ResultsFigure[];
  /** Keyed by `tableKey(table)`: "<name> [<view>]". */
  fidelity: Record<string, FidelitySummary>;
  calibration: unknown;
  provenance: Provenance;
  timings: Timing[];
}
