/**
 * A page as a reader's browser shows it: load an HTML file in headless chromium, wait until its
 * plotly charts have drawn, and report what went wrong (console errors, page errors, requests
 * that left the machine, chart containers that stayed empty), with a full-page screenshot.
 */
import * as fs from 'fs';
import { pathToFileURL } from 'url';
import { CHROMIUM, CHROMIUM_FLAGS } from './render';

export interface PageCheck {
  /** Chart containers (`div.chart`) on the page, and how many plotly drew into. */
  charts: number;
  drawn: number;
  errors: string[];
  /** Requests to anything but the file itself (a self-contained page makes none). */
  external: string[];
  screenshot: Buffer;
}

export async function checkPage(file: string, opts: { timeoutMs?: number } = {}): Promise<PageCheck> {
  if (!fs.existsSync(file)) throw new Error(`checkPage: no file ${file}`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`checkPage: no chromium at ${CHROMIUM} (apt-get install chromium, or set AVERE_CHROMIUM)`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const external: string[] = [];
    const url = pathToFileURL(file).href;
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
    page.on('request', (r) => {
      if (r.url() !== url && !r.url().startsWith('data:')) external.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load', timeout: opts.timeoutMs ?? 60_000 });
    const charts = await page.locator('div.chart').count();
    await page
      .waitForFunction(`document.querySelectorAll('div.chart .main-svg').length >= ${charts}`, undefined, { timeout: opts.timeoutMs ?? 60_000 })
      .catch(() => undefined);
    const drawn = Number(await page.evaluate(`Array.from(document.querySelectorAll('div.chart')).filter((d) => d.querySelector('.main-svg') !== null).length`));
    const screenshot = await page.screenshot({ fullPage: true, type: 'png' });
    return { charts, drawn, errors, external, screenshot };
  } finally {
    await browser.close();
  }
}
