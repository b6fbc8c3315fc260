import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, checkPage, groupedBars, notebookFigureHtml, NOTEBOOK_PLOTLY, renderImages, showTable, tableFrame, writeFigureHtml } from '../../src/viz';

const fig = groupedBars(['basic', 'agree'], [{ name: 'base </script>', values: [50, 20], errors: [1, 2] }], { title: 'T <b>5</b>', yTitle: '%' });

describe('notebook figure output', () => {
  it('keeps the PNG as the fallback and draws plotly from the nbextension when the script runs', () => {
    const html = notebookFigureHtml(fig, '04 components/1', Uint8Array.of(137, 80, 78, 71));
    expect(html).toMatch(/<div id="avere-fig-04_components_1" class="avere-figure"/);
    expect(html).toContain(`<img src="data:image/png;base64,${Buffer.from([137, 80, 78, 71]).toString('base64')}" alt="T  5 "`);
    expect(html).toContain(JSON.stringify(NOTEBOOK_PLOTLY));
    expect(html).toContain("shim: { 'avere-plotly': { exports: 'Plotly' } }");
    // the spec cannot close the script element early
    const script = html.slice(html.indexOf('<script>') + 8, html.lastIndexOf('</script>'));
    expect(script).not.toContain('</script>');
    expect(script).toContain('base \\u003c/script>');
    expect(notebookFigureHtml(fig, 'x', undefined)).not.toContain('<img');
  });
});

describe('tables', () => {
  it('become danfojs DataFrames with the values unrounded and missing keys as null', () => {
    const frame = tableFrame([
      { row: 'a', x: 1.23456 },
      { row: 'b', y: 2 },
    ]);
    expect(frame.columns).toEqual(['row', 'x', 'y']);
    expect(frame.values).toEqual([
      ['a', 1.23456, null],
      ['b', null, 2],
    ]);
  });

  it('print as text outside a notebook', () => {
    const lines: unknown[] = [];
    const log = console.log;
    const table = console.table;
    console.log = (s: unknown) => lines.push(s);
    console.table = (rows: unknown) => lines.push(rows);
    try {
      showTable([{ row: 'a', x: 1.23456 }], { title: 'T', digits: 2 });
    } finally {
      console.log = log;
      console.table = table;
    }
    expect(lines).toEqual(['T', [{ row: 'a', x: '1.23' }]]);
  });
});

// In CI chromium is installed by .ci/run and the test must run; elsewhere it is skipped without chromium.
const run = fs.existsSync(CHROMIUM) || process.env.CI === 'true' ? describe : describe.skip;
run('figure images', () => {
  it('renders PNG and SVG in one session', async () => {
    const { png, svg } = await renderImages(fig, { width: 400, height: 300 });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('agree');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'svg-')), 'f.svg');
    fs.writeFileSync(file, svg);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
  }, 120_000);

  it('exports a figure page that the page check sees drawn', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fig-')), 'f.html');
    writeFigureHtml(fig, file);
    const r = await checkPage(file);
    expect(r.charts).toBe(1);
    expect(r.drawn).toBe(1);
    expect(r.errors).toEqual([]);
    expect(r.external).toEqual([]);
  }, 120_000);
});
