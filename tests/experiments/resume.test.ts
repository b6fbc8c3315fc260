import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPERIMENTS, experimentRunSpecs, missingRuns, RESULT_STAGE, runAll } from '../../src/experiments';
import { microBuild } from '../fixtures/microBuild';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'resume-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function finishedResults(root: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(root)) return out;
  for (const d of fs.readdirSync(root)) {
    const f = path.join(root, d, 'result.json');
    if (d.startsWith(`${RESULT_STAGE}-`) && fs.existsSync(f)) out.set(d, fs.readFileSync(f, 'utf8'));
  }
  return out;
}

describe('a killed sweep', () => {
  it('keeps every finished result, and a rerun computes only what is missing', async () => {
    const root = path.join(tmp, 'runs');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'fixtures', 'sweepChild.ts'), root], {
      detached: true,
      stdio: 'ignore',
    });
    // kill the whole process group (coordinator and its worker processes) once two runs finished
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (finishedResults(root).size >= 2) {
          clearInterval(timer);
          process.kill(-(child.pid as number), 'SIGKILL');
          resolve();
        }
      }, 100);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the sweep finished before it could be killed'));
      });
    });
    await new Promise((r) => setTimeout(r, 300));
    const before = finishedResults(root);
    const specs = experimentRunSpecs(EXPERIMENTS['rejected-responses'], [1], { set: ['checkpointEvery=0'] });
    const build = microBuild();
    const missing = missingRuns(specs, build, root);
    expect(before.size).toBeGreaterThanOrEqual(2);
    expect(missing.length).toBe(specs.length - before.size);
    expect(missing.length).toBeGreaterThan(0);
    const outcomes = await runAll(specs, build, { root, jobs: 1, progress: false });
    expect(outcomes).toHaveLength(specs.length);
    const after = finishedResults(root);
    expect(after.size).toBe(specs.length);
    // finished results were read, never recomputed or overwritten
    for (const [dir, text] of before) expect(after.get(dir)).toBe(text);
    expect(missingRuns(specs, build, root)).toHaveLength(0);
  }, 600_000);
});
