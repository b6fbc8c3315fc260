/**
 * `npm run -s check:page -- FILE.html [--screenshot OUT.png]`: opens a report (or any figure
 * page) in headless chromium and fails unless every chart drew, with no console or page error
 * and no request leaving the machine.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { checkPage } from '../viz';

async function main(): Promise<void> {
  const cmd = new Command().name('check:page').argument('<file>', 'HTML file').option('--screenshot <png>', 'write a full-page screenshot');
  cmd.parse();
  const file = cmd.args[0] as string;
  const o = cmd.opts<{ screenshot?: string }>();
  const r = await checkPage(path.resolve(file));
  if (o.screenshot !== undefined) {
    fs.mkdirSync(path.dirname(o.screenshot), { recursive: true });
    fs.writeFileSync(o.screenshot, r.screenshot);
  }
  process.stdout.write(`${file}: ${r.drawn}/${r.charts} charts drawn, ${r.errors.length} errors, ${r.external.length} external requests\n`);
  const problems = [...r.errors, ...r.external.map((u) => `external request: ${u}`), ...(r.drawn < r.charts ? [`${r.charts - r.drawn} charts did not draw`] : [])];
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

main().catch((e: Error) => {
  process.stderr.write(`check:page: ${e.message}\n`);
  process.exit(1);
});
