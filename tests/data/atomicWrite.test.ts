/**
 * `writeDatasets` replaces a directory as one step (issue 15): a write that fails leaves the
 * old dataset intact, foreign directories are never replaced, and the leftovers of a killed
 * writer are recovered on the next load or write.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFiles, loadDatasets, writeDatasets, type Datasets } from '../../src/data';
import { makeFixture, removeFixture } from './fixture';

const a = makeFixture(0.02, 1);
const b = makeFixture(0.02, 3);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avere-atomic-'));
afterAll(() => {
  [a, b].forEach(removeFixture);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A pid that belonged to a process that has exited. */
const deadPid = (): number => spawnSync('true').pid as number;

const siblings = (dir: string) => fs.readdirSync(path.dirname(dir)).filter((n) => n.startsWith(`${path.basename(dir)}.`));

describe('writeDatasets replaces the directory atomically', () => {
  it('a write that fails midway leaves the old dataset intact and loadable', () => {
    const dir = path.join(tmp, 'fail');
    writeDatasets(dir, a.data, a.cfg);
    // A description item JSON cannot serialise: the failure comes after most files are written.
    const broken: Datasets = { ...b.data, description: { ...b.data.description, items: [{ ...b.data.description.items[0]!, id: 1n as never }] } };
    expect(() => writeDatasets(dir, broken, b.cfg)).toThrow(/BigInt/);
    expect(hashFiles(dir)).toEqual(a.manifest.files);
    expect(loadDatasets(dir).config.seed).toBe(1);
    expect(siblings(dir)).toEqual([]);
  });

  it('replaces an existing dataset of another seed completely', () => {
    const dir = path.join(tmp, 'replace');
    writeDatasets(dir, a.data, a.cfg);
    const m = writeDatasets(dir, b.data, b.cfg);
    expect(m.files).toEqual(b.manifest.files);
    expect(hashFiles(dir)).toEqual(b.manifest.files);
    expect(loadDatasets(dir).config.seed).toBe(3);
    expect(siblings(dir)).toEqual([]);
  });

  it('refuses to replace a directory that holds files it did not write', () => {
    const dir = path.join(tmp, 'foreign');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'thesis.tex'), 'precious');
    expect(() => writeDatasets(dir, a.data, a.cfg)).toThrow(/refusing to replace .*foreign: it holds thesis\.tex/);
    expect(fs.readdirSync(dir)).toEqual(['thesis.tex']);
    expect(siblings(dir)).toEqual([]);
  });

  it('a writer killed between its two renames: the next load restores the old directory', async () => {
    const dir = path.join(tmp, 'between');
    writeDatasets(dir, a.data, a.cfg);
    const pid = deadPid();
    fs.renameSync(dir, `${dir}.old-${pid}-0`); // old moved aside ...
    fs.cpSync(b.dir, `${dir}.tmp-${pid}-0`, { recursive: true }); // ... new complete, never renamed in
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      expect(loadDatasets(dir).config.seed).toBe(1);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(siblings(dir)).toEqual([]);
    expect(warnings.join('\n')).toMatch(/restored .*between\.old-/);
  });

  it('a writer killed after the swap: the old copy is removed; a live writer\'s files are left alone', () => {
    const dir = path.join(tmp, 'after');
    writeDatasets(dir, b.data, b.cfg);
    fs.cpSync(a.dir, `${dir}.old-${deadPid()}-1`, { recursive: true });
    fs.mkdirSync(`${dir}.tmp-${process.pid}-7`);
    expect(loadDatasets(dir).config.seed).toBe(3);
    expect(siblings(dir)).toEqual([`after.tmp-${process.pid}-7`]);
    fs.rmSync(`${dir}.tmp-${process.pid}-7`, { recursive: true });
  });

  it('a missing directory being replaced by a live process is named in the error', () => {
    const dir = path.join(tmp, 'live');
    fs.mkdirSync(`${dir}.old-${process.pid}-2`);
    expect(() => loadDatasets(dir)).toThrow(new RegExp(`being replaced by process ${process.pid}`));
    fs.rmSync(`${dir}.old-${process.pid}-2`, { recursive: true });
  });
});
