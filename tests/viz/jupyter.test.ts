import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../src/viz';
import { checkNotebook, JUPYTER_NOTEBOOK } from '../../src/viz/jupyterCheck';

const NOTEBOOK = path.resolve(__dirname, '..', '..', 'notebooks', '04-ablation-components.ipynb');

// CI installs Jupyter Notebook and chromium (.ci/run) and the test must run there; elsewhere it is skipped without them.
const run = (fs.existsSync(JUPYTER_NOTEBOOK) && fs.existsSync(CHROMIUM)) || process.env.CI === 'true' ? describe : describe.skip;

run('notebook 04 from a running Jupyter server', () => {
  it('shows its tables and draws its figure as an interactive plotly chart, with no error, leaving the file as it was', async () => {
    const before = fs.readFileSync(NOTEBOOK);
    const r = await checkNotebook(NOTEBOOK);
    expect(r.errors).toEqual([]);
    expect(r.tables).toBeGreaterThanOrEqual(3); // full view, text-unsolvable view, fidelity verdicts
    expect(r.figures).toBeGreaterThanOrEqual(1);
    expect(r.drawn).toBe(r.figures);
    expect(r.figureShot?.subarray(1, 4).toString()).toBe('PNG');
    expect(fs.readFileSync(NOTEBOOK).equals(before)).toBe(true);
  }, 180_000);
});
