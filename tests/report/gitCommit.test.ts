import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { gitCommit } from '../../src/report';

describe('gitCommit', () => {
  it('marks the commit dirty for uncommitted code only, not for rewritten outputs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'git-commit-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' }).trim();
    git('init', '-q');
    fs.mkdirSync(path.join(dir, 'src'));
    fs.mkdirSync(path.join(dir, 'figures'));
    fs.writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const a = 1;\n');
    fs.writeFileSync(path.join(dir, 'figures', 'report.md'), 'old\n');
    git('add', '-A');
    git('commit', '-qm', 'x');
    const head = git('rev-parse', 'HEAD');
    expect(gitCommit(dir)).toBe(head);
    fs.writeFileSync(path.join(dir, 'figures', 'report.md'), 'rewritten\n');
    expect(gitCommit(dir)).toBe(head);
    fs.writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const a = 2;\n');
    expect(gitCommit(dir)).toBe(`${head}+dirty`);
    expect(gitCommit(os.tmpdir())).toBe('unknown');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
