export { heatmap, groupedBars, lines } from './figure';
export type { Figure, Trace, HeatmapOptions, BarSeries, BarOptions, LineSeries, LineOptions } from './figure';
export { figureHtml, writeFigureHtml, renderImages, plotlyJs, CHROMIUM } from './render';
export type { FigureImages, RenderSize } from './render';
export { notebookFigureHtml, NOTEBOOK_PLOTLY } from './notebookFigure';
export { show, showTable, showFrame, tableFrame, FIGURES_DIR } from './show';
export { checkPage } from './pageCheck';
export type { PageCheck } from './pageCheck';
