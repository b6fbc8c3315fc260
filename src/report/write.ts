/**
 * Writing a report directory: `results.json`, `report.md` and `index.html`, each written
 * atomically and durably (a reader sees the previous file or the new one, never a mix). All three
 * are rendered before any is written, so a rendering error leaves the previous report as it was.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic, writeJsonAtomic } from '../runs';
import { reportHtml } from './html';
import { reportMarkdown } from './markdown';
import { reportResults } from './results';
import type { ReportInput } from './types';

/** The file names of a report directory. */
export const REPORT_FILES = { results: 'results.json', markdown: 'report.md', html: 'index.html' } as const;

/** The paths written by {@link writeReport}. */
export interface ReportPaths {
  results: string;
  markdown: string;
  html: string;
}

/** Writes the report of `input` into `dir` (created if missing), replacing a previous one. */
export function writeReport(dir: string, input: ReportInput): ReportPaths {
  const results = reportResults(input);
  const markdown = reportMarkdown(input);
  const html = reportHtml(input);
  fs.mkdirSync(dir, { recursive: true });
  const paths: ReportPaths = {
    results: path.join(dir, REPORT_FILES.results),
    markdown: path.join(dir, REPORT_FILES.markdown),
    html: path.join(dir, REPORT_FILES.html),
  };
  writeJsonAtomic(paths.results, results);
  writeFileAtomic(paths.markdown, markdown);
  writeFileAtomic(paths.html, html);
  return paths;
}
