import { describe, expect, it } from 'vitest';
import { figureChart, type ReportFigure } from '../../src/report';

const fig = (kind: ReportFigure['kind'], withCi: boolean): ReportFigure => ({
  name: 'Fig. 11',
  kind,
  xLabel: 'condition',
  yLabel: 'accuracy',
  series: [{ name: 'ours', x: ['audio', 'visual'], y: [50, 60], ...(withCi ? { lo: [45, 50], hi: [52, 75] } : {}) }],
  labels: [],
});

describe('figure charts', () => {
  it('bars carry asymmetric error bars from lo / hi', () => {
    const c = figureChart(fig('bars', true));
    expect(c.data).toEqual([
      {
        type: 'bar',
        name: 'ours',
        x: ['audio', 'visual'],
        y: [50, 60],
        error_y: { type: 'data', symmetric: false, array: [2, 15], arrayminus: [5, 10], visible: true },
      },
    ]);
    expect(figureChart(fig('bars', false)).data[0]).not.toHaveProperty('error_y');
  });

  it('lines have markers and no band without lo / hi; category names make a categorical axis', () => {
    const c = figureChart(fig('lines', false));
    expect(c.data).toHaveLength(1);
    expect(c.data[0]).toMatchObject({ type: 'scatter', mode: 'lines+markers' });
    expect(c.layout.xaxis).toEqual({ title: { text: 'condition' }, type: 'category' });
    expect(figureChart({ ...fig('lines', false), series: [{ name: 'n', x: [1, 2], y: [3, 4] }] }).layout.xaxis).toEqual({
      title: { text: 'condition' },
      type: 'linear',
    });
  });
});
