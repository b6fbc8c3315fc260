/**
 * The paper's numbers in src/experiments/paperTables.ts and paperRows.ts against the paper's
 * tables they were copied from (data/paper-tables/*.csv, vendored from the paper's
 * paper/tables/): every row and column the modules draw from a table is there, and every number
 * equals its CSV cell, so an edit to either side is caught.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import {
  PAPER_MAIN_BASE,
  PAPER_MAIN_EMOTIONLLAMA,
  PAPER_SUBTASKS_BASE,
  PAPER_TABLE15,
  PAPER_TABLE17,
  PAPER_TABLE18,
  PAPER_TABLE2_BASE,
  PAPER_TABLE2_EMOTIONLLAMA,
} from '../../src/experiments';
import { PAPER_TABLE13, PAPER_TABLE14, PAPER_TABLE2, PAPER_TABLE5 } from '../../src/experiments/paperRows';

const DIR = path.join(__dirname, '..', '..', 'data', 'paper-tables');
/** The paper's own copy, next to the repository on the development machine (absent in a clean clone). */
const SHARED = path.join(__dirname, '..', '..', '..', 'shared', 'paper', 'tables');

type CsvRow = Record<string, string>;

/** One CSV line's cells (RFC 4180: quoted cells may hold commas, `""` is a quote). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (out.push(cell), (cell = ''));
    else cell += ch;
  }
  out.push(cell);
  return out;
}

/** A CSV file's header and rows (header → cell). */
function readCsv(name: string): { header: string[]; rows: CsvRow[] } {
  const [head, ...lines] = fs
    .readFileSync(path.join(DIR, name), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = cells(head as string);
  const rows = lines.map((l, k) => {
    const c = cells(l);
    if (c.length !== header.length) throw new Error(`${name}:${k + 2}: ${c.length} cells for ${header.length} columns`);
    return Object.fromEntries(header.map((h, j) => [h, c[j] as string]));
  });
  return { header, rows };
}

/** A cell as the modules hold it: "-" is no number. */
function num(cell: string): number | null {
  if (cell === '-') return null;
  const x = Number(cell);
  if (cell.trim() === '' || !Number.isFinite(x)) throw new Error(`not a number: "${cell}"`);
  return x;
}

/** Our row label of a paper row name: the paper's labels with its typography. */
const LABEL: Record<string, string> = { '+ Vista-DPO-dagger': '+ Vista-DPO†', 'Emot.-LLaMA*': 'EmotionLLaMA*', '+AVEm-DPO': '+ AVEm-DPO' };
const ourLabel = (name: string): string => LABEL[name] ?? name;

/** The `size` rows of the block that starts at the row named `first` (which must be named once). */
function block(rows: readonly CsvRow[], nameColumn: string, first: string, size: number): CsvRow[] {
  const at = rows.findIndex((r) => r[nameColumn] === first);
  expect(
    rows.filter((r) => r[nameColumn] === first),
    first,
  ).toHaveLength(1);
  return rows.slice(at, at + size);
}

/** The module's rows are exactly the CSV rows (same labels, in order) with exactly `columns`, each number equal to its cell. */
function expectSame(ours: Record<string, object>, rows: readonly CsvRow[], label: (r: CsvRow) => string, columns: readonly string[]): void {
  expect(Object.keys(ours)).toEqual(rows.map(label));
  for (const r of rows) {
    const row = ours[label(r)] as Record<string, number | null>;
    expect(Object.keys(row).sort(), label(r)).toEqual([...columns].sort());
    for (const c of columns) expect(row[c], `${label(r)} / ${c}`).toBe(num(r[c] as string));
  }
}

/** A table's numeric columns: its header without the columns that name a row or that the modules do not draw. */
const numericColumns = (header: readonly string[], notDrawn: readonly string[]): string[] => header.filter((h) => !notDrawn.includes(h));

describe("the paper's numbers against its tables", () => {
  it('Table 13: the "Our base" and "Emot.-LLaMA*" blocks (PAPER_MAIN_*, PAPER_TABLE13)', () => {
    const { header, rows } = readCsv('table13_emorealm_expanded.csv');
    const columns = numericColumns(header, ['group', 'model']);
    const base = block(rows, 'model', 'Our base', 4);
    const emotionllama = block(rows, 'model', 'Emot.-LLaMA*', 4);
    // each block ends where the paper's does: its relative-gain row follows
    expect(rows[rows.indexOf(base[3]!) + 1]!['model']).toBe('Delta% (relative)');
    expect(rows[rows.indexOf(emotionllama[3]!) + 1]!['model']).toBe('Delta% (relative)');
    const label = (r: CsvRow) => ourLabel(r['model'] as string);
    expectSame(PAPER_MAIN_BASE, base, label, columns);
    expectSame(PAPER_MAIN_EMOTIONLLAMA, emotionllama, label, columns);
    expectSame({ 'Our base': PAPER_TABLE13.base }, base.slice(0, 1), label, columns);
    expectSame({ 'EmotionLLaMA*': PAPER_TABLE13.emotionllama }, emotionllama.slice(0, 1), label, columns);
  });

  it('Table 14: the "Our base" block (PAPER_SUBTASKS_BASE, PAPER_TABLE14)', () => {
    const { header, rows } = readCsv('table14_stress_subtasks.csv');
    const columns = numericColumns(header, ['group', 'model']);
    const base = block(rows, 'model', 'Our base', 4);
    expect(rows.indexOf(base[3]!)).toBe(rows.length - 1);
    const label = (r: CsvRow) => ourLabel(r['model'] as string);
    expectSame(PAPER_SUBTASKS_BASE, base, label, columns);
    expectSame({ 'Our base': PAPER_TABLE14.base as object }, base.slice(0, 1), label, columns);
    expect(Object.keys(PAPER_TABLE14)).toEqual(['base']); // the paper has no EmotionLLaMA* row
  });

  it('Table 2: the "Our base" and "EmotionLLaMA*" blocks without MER2023 (PAPER_TABLE2_*, PAPER_TABLE2)', () => {
    const { header, rows } = readCsv('table2_recognition_and_emer.csv');
    const columns = numericColumns(header, ['model', 'modalities', 'mer2023_f1']);
    const base = block(rows, 'model', 'Our base', 4);
    const emotionllama = block(rows, 'model', 'EmotionLLaMA*', 4);
    expect(rows.indexOf(emotionllama[3]!)).toBe(rows.length - 1);
    const label = (r: CsvRow) => ourLabel(r['model'] as string);
    expectSame(PAPER_TABLE2_BASE, base, label, columns);
    expectSame(PAPER_TABLE2_EMOTIONLLAMA, emotionllama, label, columns);
    const recognition = ['dfew_uar', 'dfew_war', 'ravdess_uar', 'ravdess_war'];
    expectSame({ 'Our base': PAPER_TABLE2.base }, base.slice(0, 1), label, recognition);
    expectSame({ 'EmotionLLaMA*': PAPER_TABLE2.emotionllama }, emotionllama.slice(0, 1), label, recognition);
  });

  it('Table 15: "Our base" and "+AVEm-DPO" (PAPER_TABLE15)', () => {
    const { header, rows } = readCsv('table15_dfew_classwise_recall.csv');
    const columns = numericColumns(header, ['group', 'model', 'modalities']);
    const ours = block(rows, 'model', 'Our base', 2);
    expect(rows.indexOf(ours[1]!)).toBe(rows.length - 1);
    expectSame(PAPER_TABLE15, ours, (r) => ourLabel(r['model'] as string), columns);
  });

  it('Table 17: every row, keyed "<rejected input> / <change>" (PAPER_TABLE17)', () => {
    const { header, rows } = readCsv('table17_rejected_inputs.csv');
    expectSame(PAPER_TABLE17, rows, (r) => `${r['rejected_input']} / ${r['change']}`, numericColumns(header, ['rejected_input', 'change']));
  });

  it('Table 18: every row, keyed by its rejected responses joined with " + " (PAPER_TABLE18)', () => {
    const { header, rows } = readCsv('table18_rejected_responses.csv');
    const label = (r: CsvRow) => (r['rejected_2'] === '' || r['rejected_2'] === '-' ? (r['rejected_1'] as string) : `${r['rejected_1']} + ${r['rejected_2']}`);
    expectSame(PAPER_TABLE18, rows, label, numericColumns(header, ['rejected_1', 'rejected_2']));
  });

  it('Table 5: every row (PAPER_TABLE5)', () => {
    const { header, rows } = readCsv('table5_ablation_components.csv');
    expectSame(PAPER_TABLE5, rows, (r) => r['method'] as string, numericColumns(header, ['method']));
  });

  it('reads quoted cells and refuses a row of the wrong width or a cell that is not a number', () => {
    expect(cells('"Open-source audiovisual (""omni"") models",OLA,"A,V",1.5')).toEqual(['Open-source audiovisual ("omni") models', 'OLA', 'A,V', '1.5']);
    expect(num('105.')).toBe(105);
    expect(num('-')).toBeNull();
    expect(() => num('')).toThrow(/not a number/);
    expect(() => num('n/a')).toThrow(/not a number/);
  });

  it.skipIf(!fs.existsSync(SHARED))("the vendored tables are the paper's own copies", () => {
    for (const f of fs.readdirSync(DIR)) expect(fs.readFileSync(path.join(DIR, f), 'utf8'), f).toBe(fs.readFileSync(path.join(SHARED, f), 'utf8'));
  });
});
