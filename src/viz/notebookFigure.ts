/**
 * A figure as one notebook output: the PNG as a static fallback, replaced by the interactive
 * plotly chart when the notebook runs its outputs' scripts (Jupyter Notebook 6 does so only for
 * trusted notebooks: `npm run lab` trusts the project's). plotly.js is not inlined (4.7 MB per
 * notebook); the script loads it with the notebook's requirejs (plotly.js 3 is not an AMD
 * module: it sets the global `Plotly`, hence the shim) from the nbextension that
 * `scripts/setup-notebooks.sh` installs under `.jupyter/` (`NOTEBOOK_PLOTLY`). Where there is no
 * requirejs (other front ends, GitHub's viewer) or the script does not run, the PNG stays.
 */
import type { Figure } from './figure';
import { DEFAULT_SIZE, type RenderSize } from './render';

/** The requirejs module path of plotly.js under the notebook server's base URL. */
export const NOTEBOOK_PLOTLY = 'nbextensions/avere-plotly/plotly.min';

const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The output's HTML; `id` must be unique in the notebook (derive it from the figure's file name). */
export function notebookFigureHtml(fig: Figure, id: string, png: Uint8Array | undefined, size: RenderSize = DEFAULT_SIZE): string {
  const domId = `avere-fig-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const spec = JSON.stringify(fig).replace(/</g, '\\u003c');
  const t = fig.layout['title'];
  const title = typeof t === 'string' ? t : ((t as { text?: string } | undefined)?.text ?? id);
  const img =
    png === undefined
      ? ''
      : `<img src="data:image/png;base64,${Buffer.from(png).toString('base64')}" alt="${attr(title.replace(/<[^>]*>/g, ' '))}" width="${size.width}">`;
  return `<div id="${domId}" class="avere-figure" style="width:${size.width}px;min-height:${size.height}px">${img}</div>
<script>(function () {
  var el = document.getElementById(${JSON.stringify(domId)});
  if (el === null || typeof require === 'undefined' || typeof require.config !== 'function') return;
  var base = (window.Jupyter && Jupyter.notebook && Jupyter.notebook.base_url) || '/';
  require.config({ paths: { 'avere-plotly': base + ${JSON.stringify(NOTEBOOK_PLOTLY)} }, shim: { 'avere-plotly': { exports: 'Plotly' } } });
  require(['avere-plotly'], function (Plotly) {
    var f = ${spec};
    el.innerHTML = '';
    el.style.height = '${size.height}px';
    Plotly.newPlot(el, f.data, f.layout);
  });
})();</script>`;
}
