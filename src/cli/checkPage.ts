/**
 * `npm run -s check:page -- FILE.html… [--screenshot OUT.png]`: opens each report (or figure
 * page) in headless chromium and fails unless every page has a chart and every chart drew, with
 * no console or page error and no request leaving the machine.
 * `npm run -s check:page -- NOTEBOOK.ipynb`: opens the notebook from a Jupyter Notebook server
 * (`checkNotebook`) and fails unless it shows a table and every figure drew, with no error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { checkPage } from '../viz';
import { checkNotebook } from '../viz/jupyterCheck';

async function checkOne(file: string, screenshot: string | undefined): Promise<string[]> {
  const save = (png: Buffer | undefined) => {
    if (screenshot === undefined || png === undefined) return;
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    fs.writeFileSync(screenshot, png);
  };
  if (file.endsWith('.ipynb')) {
    const n = await checkNotebook(path.resolve(file));
    save(n.figureShot ?? n.screenshot);
    process.stdout.write(`${file} in Jupyter: ${n.tables} tables, ${n.drawn}/${n.figures} figures drawn, ${n.errors.length} errors\n`);
    return [
      ...n.errors,
      ...(n.tables === 0 ? ['no table shown'] : []),
      ...(n.drawn < n.figures || n.figures === 0 ? [`${n.drawn}/${n.figures} figures drawn`] : []),
    ].map((p) => `${file}: ${p}`);
  }
  const r = await checkPage(path.resolve(file));
  save(r.screenshot);
  process.stdout.write(`${file}: ${r.drawn}/${r.charts} charts drawn, ${r.errors.length} errors, ${r.external.length} external requests\n`);
  return [
    ...r.errors,
    ...r.external.map((u) => `external request: ${u}`),
    ...(r.drawn < r.charts || r.charts === 0 ? [`${r.drawn}/${r.charts} charts drawn`] : []),
  ].map((p) => `${file}: ${p}`);
}

async function main(): Promise<void> {
  const cmd = new Command()
    .name('check:page')
    .argument('<files...>', 'HTML files, or notebooks (.ipynb) to open from Jupyter')
    .option('--screenshot <png>', 'write a screenshot (of the last file)');
  cmd.parse();
  const files = cmd.args;
  const o = cmd.opts<{ screenshot?: string }>();
  const problems: string[] = [];
  for (const [i, file] of files.entries()) problems.push(...(await checkOne(file, i === files.length - 1 ? o.screenshot : undefined)));
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

main().catch((e: Error) => {
  process.stderr.write(`check:page: ${e.message}\n`);
  process.exit(1);
});
