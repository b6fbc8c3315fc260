/** A reduced-size generation shared by the data tests of one file (written to a temp dir). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateDatasets, reducedGenerateConfig, writeDatasets, type Datasets, type GenerateConfig, type Manifest } from '../../src/data';

export interface Fixture {
  dir: string;
  cfg: GenerateConfig;
  data: Datasets;
  manifest: Manifest;
}

export function makeFixture(factor = 0.05, seed = 11): Fixture {
  const cfg = reducedGenerateConfig(factor, seed);
  const data = generateDatasets(cfg);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avere-data-'));
  const manifest = writeDatasets(dir, data, cfg);
  return { dir, cfg, data, manifest };
}

export function removeFixture(f: Fixture): void {
  fs.rmSync(f.dir, { recursive: true, force: true });
}

export function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((x) => [x.id, x]));
}
