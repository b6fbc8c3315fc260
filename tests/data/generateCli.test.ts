/** The generate CLI rejects bad arguments with a clear message and writes nothing (issue 15: `--seed ''`). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/generate';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avere-gen-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('generate CLI arguments', () => {
  it('--seed must be an integer: empty, blank, fractional, hex and out-of-range seeds are rejected', async () => {
    const out = path.join(tmp, 'never');
    for (const seed of ['', ' ', '1.5', 'abc', '0x10', '1e3', '99999999999']) {
      const r = await run(['--out', out, '--seed', seed]);
      expect(r.code, seed).toBe(1);
      expect(r.err, seed).toMatch(/--seed must be an integer in \[0, 4294967295\], got "/);
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  it('--scale must be in (0, 1]', async () => {
    for (const scale of ['', '0', '2', 'x']) {
      const r = await run(['--out', path.join(tmp, 'never'), '--scale', scale]);
      expect(r.code, scale).toBe(1);
      expect(r.err, scale).toMatch(/--scale must be in \(0, 1\]/);
    }
  });

  it('--out is required, not empty, and must not name an existing file or a directory of other files', async () => {
    expect((await run([])).code).toBe(1);
    expect((await run(['--out', ''])).err).toMatch(/--out must name a directory/);
    const root = await run(['--out', '/', '--scale', '0.01']);
    expect(root.code).toBe(1);
    expect(root.err).toMatch(/refusing to replace \/: it holds /);
    const file = path.join(tmp, 'a-file');
    fs.writeFileSync(file, 'x');
    const r = await run(['--out', file, '--scale', '0.01']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/a-file.*not a directory/);
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });
});
