/**
 * A notebook as a user opens it: start Debian's Jupyter Notebook server on a free loopback port
 * (its data directory in a temporary folder, so the user's trust database is untouched), serving
 * a copy of the notebook trusted there as `npm run lab` trusts the project's, open it in headless chromium, wait until its
 * figure outputs (`notebookFigureHtml`) have drawn as interactive plotly charts, and report the
 * tables, the charts and any console or page error, with a full-page screenshot.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { CHROMIUM, CHROMIUM_FLAGS } from './render';

export const JUPYTER_NOTEBOOK = process.env.AVERE_JUPYTER_NOTEBOOK ?? '/usr/bin/jupyter-notebook';

export interface NotebookCheck {
  /** The notebook's URL on the server (without the token). */
  url: string;
  /** HTML tables in the rendered outputs. */
  tables: number;
  /** Figure outputs, and how many became interactive plotly charts. */
  figures: number;
  drawn: number;
  errors: string[];
  /** The page as first shown, and the first figure output (scrolled into view). */
  screenshot: Buffer;
  figureShot?: Buffer;
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Notebook 6's page probes for the ipywidgets extension at two fixed URLs whatever is installed
 * (a hard-coded fallback in its main.js); without ipywidgets both 404 and log errors that are the
 * server's, not the notebook's. Only these are ignored.
 */
const WIDGETS_PROBE = /\/nbextensions\/(jupyter-js-widgets\/extension|widgets\/notebook\/js\/extension)\.js/;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(base: string, token: string, server: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`checkNotebook: jupyter-notebook exited with ${server.exitCode}:\n${log()}`);
    try {
      const r = await fetch(`${base}/api/status?token=${token}`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`checkNotebook: jupyter-notebook did not answer within ${timeoutMs} ms:\n${log()}`);
}

/** Opens `notebook` (an .ipynb file with saved outputs) from a running Jupyter server. */
export async function checkNotebook(notebook: string, opts: { timeoutMs?: number } = {}): Promise<NotebookCheck> {
  const timeoutMs = opts.timeoutMs ?? 90_000;
  if (!fs.existsSync(notebook)) throw new Error(`checkNotebook: no file ${notebook}`);
  if (!fs.existsSync(JUPYTER_NOTEBOOK))
    throw new Error(`checkNotebook: no Jupyter server at ${JUPYTER_NOTEBOOK} (apt-get install jupyter-notebook, or set AVERE_JUPYTER_NOTEBOOK)`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`checkNotebook: no chromium at ${CHROMIUM} (apt-get install chromium, or set AVERE_CHROMIUM)`);
  const setup = spawnSync('bash', [path.join(ROOT, 'scripts', 'setup-notebooks.sh')], { encoding: 'utf8' });
  if (setup.status !== 0) throw new Error(`checkNotebook: scripts/setup-notebooks.sh failed:\n${setup.stderr}`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avere-jupyter-'));
  const env = {
    ...process.env,
    JUPYTER_PATH: path.join(ROOT, '.jupyter', 'share', 'jupyter'),
    JUPYTER_DATA_DIR: path.join(tmp, 'data'),
    JUPYTER_CONFIG_DIR: path.join(tmp, 'config'),
    JUPYTER_RUNTIME_DIR: path.join(tmp, 'runtime'),
  };
  const served = path.join(tmp, 'notebooks');
  fs.mkdirSync(served);
  const copy = path.join(served, path.basename(notebook)); // the server may autosave: never the user's file
  fs.copyFileSync(notebook, copy);
  const sign = spawnSync('/usr/bin/python3', ['-m', 'nbformat.sign', copy], { env, encoding: 'utf8' });
  if (sign.status !== 0) throw new Error(`checkNotebook: could not trust ${notebook}:\n${sign.stderr}`);

  const port = await freePort();
  const token = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const args = ['--no-browser', '--ip', '127.0.0.1', '--port', String(port), `--NotebookApp.token=${token}`, '--notebook-dir', served];
  if (process.getuid?.() === 0) args.push('--allow-root');
  let log = '';
  const server = spawn(JUPYTER_NOTEBOOK, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  server.stdout?.on('data', (b: Buffer) => (log += b.toString()));
  server.stderr?.on('data', (b: Buffer) => (log += b.toString()));
  const base = `http://127.0.0.1:${port}`;
  const url = `${base}/notebooks/${encodeURIComponent(path.basename(notebook))}`;
  try {
    await waitForServer(base, token, server, () => log, timeoutMs);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && !WIDGETS_PROBE.test(m.text()) && !WIDGETS_PROBE.test(m.location().url)) errors.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
      page.on('response', (r) => {
        if (r.status() >= 400 && !WIDGETS_PROBE.test(r.url())) errors.push(`http ${r.status()}: ${r.url()}`);
      });
      await page.goto(`${url}?token=${token}`, { waitUntil: 'load', timeout: timeoutMs });
      await page.waitForSelector('#notebook-container .cell', { timeout: timeoutMs });
      const figures = await page.locator('div.avere-figure').count();
      await page
        .waitForFunction(`document.querySelectorAll('div.avere-figure .main-svg').length >= ${figures}`, undefined, { timeout: timeoutMs })
        .catch(() => undefined);
      const drawn = Number(
        await page.evaluate(`Array.from(document.querySelectorAll('div.avere-figure')).filter((d) => d.querySelector('.main-svg') !== null).length`),
      );
      const tables = await page.locator('.output_html table').count();
      const screenshot = await page.screenshot({ type: 'png' });
      const figureShot = figures === 0 ? undefined : await page.locator('div.avere-figure').first().screenshot({ type: 'png' });
      return { url, tables, figures, drawn, errors, screenshot, figureShot };
    } finally {
      await browser.close();
    }
  } finally {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      process.kill(-(server.pid as number), 'SIGTERM'); // the server shuts down the kernel it started
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
