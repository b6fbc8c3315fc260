export { heatmap, groupedBars, lines } from './figure';
export type { Figure, Trace, HeatmapOptions, BarSeries, BarOptions, LineSeries, LineOptions } from './figure';
export { figureHtml, writeFigureHtml, renderPng, plotlyJs, CHROMIUM } from './render';
export type { RenderSize } from './render';
export { show, showTable, showFrame, FIGURES_DIR } from './show';
export { checkPage } from './pageCheck';
export type { PageCheck } from './pageCheck';
