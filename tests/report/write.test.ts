import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORT_FILES, reportResults, writeReport } from '../../src/report';
import { tinyFigure, tinyInput } from './fixture';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('writeReport', () => {
  it('writes the three files; results.json reads back as the results', () => {
    const dir = path.join(tmp, 'a', 'nested');
    const input = tinyInput(true);
    const p = writeReport(dir, input);
    expect(p).toEqual({ results: path.join(dir, 'results.json'), markdown: path.join(dir, 'report.md'), html: path.join(dir, 'index.html') });
    expect(fs.readdirSync(dir).sort()).toEqual(Object.values(REPORT_FILES).sort());
    expect(JSON.parse(fs.readFileSync(p.results, 'utf8'))).toEqual(JSON.parse(JSON.stringify(reportResults(input))));
    expect(fs.readFileSync(p.markdown, 'utf8')).toContain('QUICK SMOKE RUN');
  });

  it('writing twice replaces each file by a rename (new inode) and leaves no temporary files', () => {
    const dir = path.join(tmp, 'twice');
    const first = writeReport(dir, tinyInput(true));
    const inodes = Object.values(first).map((f) => fs.statSync(f).ino);
    const second = writeReport(dir, tinyInput(false));
    expect(
      Object.values(second)
        .map((f) => fs.statSync(f).ino)
        .some((ino, i) => ino === inodes[i]),
    ).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(['index.html', 'report.md', 'results.json']);
    expect(fs.readFileSync(second.markdown, 'utf8')).not.toContain('QUICK SMOKE RUN');
    expect(JSON.parse(fs.readFileSync(second.results, 'utf8')).provenance.quick).toBe(false);
  });

  it('an input that cannot be rendered leaves the previous report untouched', () => {
    const dir = path.join(tmp, 'bad');
    const p = writeReport(dir, tinyInput(true));
    const before = Object.values(p).map((f) => fs.readFileSync(f, 'utf8'));
    const bad = tinyFigure();
    bad.series[0]!.y = [1];
    expect(() => writeReport(dir, { ...tinyInput(false), figures: [bad] })).toThrow(/has 3 x and 1 y/);
    expect(Object.values(p).map((f) => fs.readFileSync(f, 'utf8'))).toEqual(before);
    expect(fs.readdirSync(dir)).toHaveLength(3);
  });
});
