import { describe, expect, it } from 'vitest';
import { QUICK_BANNER, reportHtml } from '../../src/report';
import { plotlyJs, type Figure } from '../../src/viz';
import { tinyInput } from './fixture';

/** The page without the inlined plotly bundle (which itself mentions URLs in comments and defaults). */
const page = (html: string): string => {
  expect(html).toContain(plotlyJs());
  return html.replace(plotlyJs(), '');
};

const charts = (html: string): Record<string, Figure> => {
  const m = /const CHARTS = (.*);\nfor /.exec(page(html));
  if (m === null) throw new Error('no CHARTS in the page');
  return JSON.parse(m[1] as string) as Record<string, Figure>;
};

describe('index.html', () => {
  const html = reportHtml(tinyInput(true));

  it('is self-contained: the plotly bundle inlined, no external scripts, links or URLs', () => {
    expect(plotlyJs().length).toBeGreaterThan(1_000_000);
    const rest = page(html);
    expect(rest).not.toMatch(/<script[^>]*\bsrc\s*=/i);
    expect(rest).not.toMatch(/<link\b/i);
    expect(rest).not.toMatch(/https?:|\/\/cdn|cdn\.plot\.ly|jsdelivr|unpkg/i);
    expect(html).not.toMatch(/<script[^>]*\bsrc\s*=/i);
  });

  it('escapes every text: labels are banners showing the markup, not markup', () => {
    const rest = page(html);
    expect(rest).toContain('<div class="labels"><p>&lt;b&gt;frozen&lt;/b&gt; references: calibration fails</p></div>');
    expect(rest).toContain('<p>figure &lt;label&gt; &amp; more</p>');
    expect(rest).not.toContain('<b>frozen');
    const input = tinyInput(false);
    input.title = 'A & B';
    input.tables[0]!.rows[0]!.label = '</script><script>alert(1)</script>';
    const evil = page(reportHtml(input));
    expect(evil).not.toContain('<script>alert(1)');
    expect(evil).toContain('<td>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(evil).toContain('<title>A &amp; B</title>');
    expect(charts(reportHtml(input))['table-chart-0']!.data[0]!.name).toBe('</script><script>alert(1)</script>');
  });

  it('shows the paper beside ours, the fidelity line and its pairs, a figure with fidelity n/a, and the quick banner only when quick', () => {
    expect(html).toContain('<th>row</th><th>basic (paper)</th><th>basic (ours)</th><th>agree (paper)</th><th>agree (ours)</th>');
    expect(html).toContain('<tr><td>Our base</td><td>50</td><td>42.0 [37.0, 47.0]</td><td>—</td><td>20.0 [-4.8, 44.8]</td></tr>');
    expect(html).toContain('<p class="fidelity">fidelity 100 % (strict 100 %, bootstrap 100 %) over 1 pairs the paper orders by ≥ 1 point</p>');
    expect(html).toContain('<summary>the 1 pairs</summary>');
    expect(html).toContain('<th>CI excludes 0</th><th>bootstrap CI</th><th>bootstrap excludes 0</th>');
    expect(html).toContain('<td>yes</td><td>yes</td><td>[1.5, 8.5]</td><td>yes</td></tr>');
    expect(html).toContain('<p class="fidelity">fidelity n/a (the paper gives no numbers for this figure)</p>');
    expect(html).toContain('<li class="fails">fails — hallucination accuracy in [10, 70]</li>');
    expect(html).toContain(`<div class="quick" role="alert">${QUICK_BANNER}</div>`);
    expect(reportHtml(tinyInput(false))).not.toContain('QUICK SMOKE RUN');
  });

  it('draws grouped bars of ours with 95 % error bars per table and a banded curve per figure', () => {
    const c = charts(html);
    expect(Object.keys(c)).toEqual(['table-chart-0', 'figure-chart-0']);
    const bars = c['table-chart-0']!;
    expect(bars.data.map((t) => [t.type, t.name, t.x])).toEqual([
      ['bar', 'Our base', ['basic', 'agree']],
      ['bar', '+ AVEm-DPO', ['basic', 'agree']],
    ]);
    expect(bars.data[0]!.y).toEqual([42, 20]);
    const err = (bars.data[0]!.error_y as { array: number[] }).array;
    expect(err[0]).toBeCloseTo((4.302653 * 2) / Math.sqrt(3), 4);
    const fig = c['figure-chart-0']!;
    expect(fig.data[0]).toMatchObject({ fill: 'toself', x: [-1, 0, 1, 1, 0, -1], y: [0.15, 0.6, 0.3, 0.2, 0.4, 0.05] });
    expect(fig.data[1]).toMatchObject({ mode: 'lines', name: 'AVEm-DPO', y: [0.1, 0.5, 0.25] });
  });
});
