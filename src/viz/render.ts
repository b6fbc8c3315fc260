/**
 * Figure output: self-contained HTML always (plotly.js inlined), PNG and SVG through Debian's
 * chromium driven by playwright-core (no browser download; plotly has no DOM in Node).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Figure } from './figure';

let plotlySource: string | undefined;
/** The plotly.js bundle's source, read once from node_modules (for inlining into self-contained HTML). */
export function plotlyJs(): string {
  plotlySource ??= fs.readFileSync(require.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8');
  return plotlySource;
}

export interface RenderSize {
  width: number;
  height: number;
}
export const DEFAULT_SIZE: RenderSize = { width: 900, height: 500 };

/** A standalone HTML page that draws the figure with an inlined plotly.js. */
export function figureHtml(fig: Figure, size: RenderSize = DEFAULT_SIZE): string {
  const spec = JSON.stringify(fig).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><script>${plotlyJs()}</script></head>
<body style="margin:0"><div id="fig" class="chart" style="width:${size.width}px;height:${size.height}px"></div>
<script>const f=${spec};Plotly.newPlot('fig',f.data,f.layout,{staticPlot:false}).then(()=>{document.body.dataset.ready='1'});</script>
</body></html>`;
}

/** Writes `<file>` as self-contained HTML. */
export function writeFigureHtml(fig: Figure, file: string, size: RenderSize = DEFAULT_SIZE): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, figureHtml(fig, size));
}

export const CHROMIUM = process.env.AVERE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A figure as images: PNG bytes and SVG markup, drawn by plotly in headless chromium. */
export interface FigureImages {
  png: Buffer;
  svg: string;
}

/** Renders the figure to PNG and SVG in one headless chromium session. Fails clearly if chromium is absent. */
export async function renderImages(fig: Figure, size: RenderSize = DEFAULT_SIZE): Promise<FigureImages> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`renderImages: no chromium at ${CHROMIUM} (apt-get install chromium, or set AVERE_CHROMIUM)`);
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ viewport: size });
    await page.setContent(figureHtml(fig, size));
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
    const png = await page.locator('#fig').screenshot({ type: 'png' });
    const url = String(await page.evaluate(`Plotly.toImage(document.getElementById('fig'), { format: 'svg', width: ${size.width}, height: ${size.height} })`));
    const prefix = 'data:image/svg+xml,';
    if (!url.startsWith(prefix)) throw new Error(`renderImages: plotly gave no SVG (got "${url.slice(0, 40)}…")`);
    return { png, svg: decodeURIComponent(url.slice(prefix.length)) };
  } finally {
    await browser.close();
  }
}
