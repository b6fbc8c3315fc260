export { heatmap, groupedBars, lines } from './figure';
export type { Figure, Trace, HeatmapOptions, BarSeries, BarOptions, LineSeries, LineOptions } from './figure';
export { figureHtml, writeFigureHtml, renderPng, plotlyJs } from './render';
export type { RenderSize } from './render';
export { show, showTable, FIGURES_DIR } from './show';
