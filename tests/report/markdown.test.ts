import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownCode, QUICK_BANNER, reportMarkdown } from '../../src/report';
import { tinyInput } from './fixture';

describe('report.md', () => {
  const md = reportMarkdown(tinyInput(true));

  it('puts the paper and ours (mean [lo, hi]) side by side per row, with the fidelity line and the pairs under a fold', () => {
    expect(md).toContain('| row | basic (paper) | basic (ours) | agree (paper) | agree (ours) |');
    // Our base: basic 40, 42, 44 → 42 ± 4.97; agree 10, 20, 30 → 20 ± 24.8; the paper has no agree value
    expect(md).toContain('| Our base | 50 | 42.0 [37.0, 47.0] | — | 20.0 [-4.8, 44.8] |');
    expect(md).toContain('| + AVEm-DPO | 60 | 47.0 [40.4, 53.6] | 34.6 | 12.0 [9.5, 14.5] |');
    expect(md).toContain('fidelity 100 % (strict 100 %, bootstrap 100 %) over 1 pairs the paper orders by ≥ 1 point');
    // B − A per seed 5, 4, 6: t-interval [2.5, 7.5]; the fixture's bootstrap interval [1.5, 8.5]
    expect(md).toContain(
      '<details><summary>the 1 pairs</summary>\n\n| column | paper: higher | paper: lower | paper Δ | our Δ | same order | CI excludes 0 | bootstrap CI | bootstrap excludes 0 |\n' +
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n| basic | + AVEm-DPO | Our base | 10 | 5 | yes | yes | [1.5, 8.5] | yes |\n\n</details>',
    );
  });

  it('shows the quick banner when quick, and only then', () => {
    expect(md).toContain(`> **${QUICK_BANNER}**`);
    expect(md.indexOf(QUICK_BANNER)).toBeLessThan(md.indexOf('## Tables'));
    expect(reportMarkdown(tinyInput(false))).not.toContain('QUICK SMOKE RUN');
  });

  it('has the title, provenance, calibration criteria, bold labels, the figure with fidelity n/a, and timings', () => {
    expect(md.startsWith('# AVERE ablations\n')).toBe(true);
    expect(md).toContain('commit `abc1234` · config `reference build 9f3e` · command `npm run -s report` · generated 2025-01-02T03:04:05Z');
    expect(md).toContain('Status: **fails**');
    expect(md).toContain('- holds — basic accuracy ≥ 45: mean 49.9\n- fails — hallucination accuracy in [10, 70]');
    expect(md).toContain('**\\<b\\>frozen\\</b\\> references: calibration fails**');
    expect(md).toContain('### Fig. 5: reward margin density\n\n**figure \\<label\\> & more**');
    expect(md).toContain('| series | margin | density | density lo | density hi |');
    expect(md).toContain('| AVEm-DPO | -1 | 0.1 | 0.05 | 0.15 |');
    expect(md).toContain('fidelity n/a');
    expect(md).toContain(
      '| experiment | runs | computed now | this invocation (min) | its runs, one process each (min) |\n| --- | --- | --- | --- | --- |\n| components | 18 | 6 | 14.5 | 27.5 |',
    );
  });

  it('escapes Markdown in text and fences code spans around backticks', () => {
    expect(escapeMarkdown('a|b *c* _d_\nnext')).toBe('a\\|b \\*c\\* \\_d\\_ next');
    expect(markdownCode('npm run `x`')).toBe('`` npm run `x` ``');
    const input = tinyInput(false);
    input.tables[0]!.rows[0]!.label = 'a | b';
    expect(reportMarkdown(input)).toContain('| a \\| b | 50 |');
  });
});
