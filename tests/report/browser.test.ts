import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report';
import { CHROMIUM, checkPage } from '../../src/viz';
import { tinyInput } from './fixture';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'report-browser-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// In CI chromium is installed by .ci/run and the test must run; elsewhere it is skipped without chromium.
const run = fs.existsSync(CHROMIUM) || process.env.CI === 'true' ? describe : describe.skip;

run('the report in headless chromium', () => {
  it('draws every chart, with no error and no request leaving the machine', async () => {
    const paths = writeReport(path.join(tmp, 'ok'), tinyInput(false));
    const r = await checkPage(paths.html);
    expect(r.charts).toBeGreaterThanOrEqual(2);
    expect(r.drawn).toBe(r.charts);
    expect(r.errors).toEqual([]);
    expect(r.external).toEqual([]);
    expect(r.screenshot.subarray(1, 4).toString()).toBe('PNG');
  }, 120_000);

  it('reports a page whose script throws and whose chart stays empty', async () => {
    const file = path.join(tmp, 'broken.html');
    fs.writeFileSync(file, '<html><body><div class="chart" id="a"></div><script>throw new Error("boom")</script></body></html>');
    const r = await checkPage(file, { timeoutMs: 2_000 });
    expect(r.drawn).toBe(0);
    expect(r.charts).toBe(1);
    expect(r.errors.join(' ')).toMatch(/boom/);
  }, 120_000);
});
