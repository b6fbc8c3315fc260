/**
 * The report writer: reproduced tables (paper beside ours, fidelity) and figures without paper
 * numbers, with provenance, calibration status and timings, as `results.json`, `report.md` and a
 * self-contained `index.html` (docs/report.md).
 */
export { writeReport, REPORT_FILES } from './write';
export type { ReportPaths } from './write';
export { reportResults, fidelitySummary } from './results';
export { reportMarkdown, markdownTable } from './markdown';
export { reportHtml, htmlTable } from './html';
export { tableChart, figureChart } from './charts';
export { calibrationView, holdsText } from './calibration';
export type { CalibrationView, CalibrationItem } from './calibration';
export { checkFigure, figureNumbers } from './figure';
export { fidelityLine, viewTitle, tableKey, formatNumber, cellText, QUICK_BANNER, NO_FIDELITY, FIGURE_FIDELITY_LINE } from './format';
export { escapeHtml, escapeMarkdown, markdownCode } from './escape';
export type {
  ReportInput,
  ReportFigure,
  FigureSeries,
  DisplayRow,
  Provenance,
  Timing,
  ReportResults,
  ResultsTable,
  ResultsRow,
  ResultsFigure,
  FidelitySummary,
} from './types';
export { experimentReportInput, gitCommit } from './fromExperiments';
export type { ExperimentReportOptions } from './fromExperiments';
export { showExperiment } from './notebook';
export { explorerSummary, showFlips, mcnemarLine, showGroupErrors, explorerFigure, showExplorerFigure } from './explorer';
