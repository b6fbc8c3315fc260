import { describe, expect, it } from 'vitest';
import { figureHtml, groupedBars, heatmap, lines } from '../../src/viz';

describe('figure specs', () => {
  it('heatmap spec', () => {
    expect(
      heatmap(
        [
          [1, 2],
          [3, 4],
        ],
        { rowLabels: ['a', 'b'], title: 'T' },
      ),
    ).toEqual({
      data: [
        {
          type: 'heatmap',
          z: [
            [1, 2],
            [3, 4],
          ],
          x: ['0', '1'],
          y: ['a', 'b'],
          colorscale: 'RdBu',
          reversescale: true,
        },
      ],
      layout: {
        title: { text: 'T' },
        xaxis: { title: { text: '' } },
        yaxis: { title: { text: '' }, autorange: 'reversed' },
        margin: { l: 120, r: 20, t: 50, b: 50 },
      },
    });
  });

  it('grouped bars carry error bars and a chance line; lengths are checked', () => {
    const fig = groupedBars(['basic', 'stress'], [{ name: 'ours', values: [70, 55], errors: [2, 3] }], {
      reference: { y: 50, label: 'chance' },
    });
    expect(fig.data[0]).toEqual({
      type: 'bar',
      name: 'ours',
      x: ['basic', 'stress'],
      y: [70, 55],
      error_y: { type: 'data', array: [2, 3], visible: true },
    });
    expect((fig.layout.shapes as unknown[]).length).toBe(1);
    expect(() => groupedBars(['a'], [{ name: 's', values: [1, 2] }])).toThrow(/2 values for 1 categories/);
  });

  it('lines with a band add a filled polygon before the line', () => {
    const fig = lines([{ name: 'f1', x: [0.1, 0.2], y: [1, 2], band: { lower: [0.5, 1.5], upper: [1.5, 2.5] } }]);
    expect(fig.data).toHaveLength(2);
    expect(fig.data[0]!.y).toEqual([1.5, 2.5, 1.5, 0.5]);
    expect(fig.data[0]!.x).toEqual([0.1, 0.2, 0.2, 0.1]);
    expect(() => lines([{ name: 'bad', x: [1], y: [1, 2] }])).toThrow(/1 x and 2 y/);
  });

  it('html is self-contained and escapes the spec', () => {
    const html = figureHtml(heatmap([[0]], { title: '</script><b>' }));
    expect(html).toContain('Plotly.newPlot');
    expect(html).not.toContain('</script><b>');
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
  });
});
