/**
 * Feature binaries. `features.bin` holds, for each clip in `features.json`'s `ids` order,
 * its audio frames then its video frames as little-endian float32:
 * clip i occupies bytes [i·S, (i+1)·S) with S = 4·(nA + nV)·f; audio is row-major [nA, f],
 * video [nV, f].
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderClip, type ClipFeatures, type ClipSpec, type WorldConfig } from '../world';
import { readJson } from './jsonl';
import { asObject, fail, num, strArr, type Ctx } from './validate';

export const FEATURES_FORMAT = 'avere-features-v1';

/** The file is little-endian; on a little-endian host a byte copy is a Float32Array. */
const LITTLE_ENDIAN = os.endianness() === 'LE';

export interface FeatureIndex {
  format: typeof FEATURES_FORMAT;
  nA: number;
  nV: number;
  f: number;
  ids: string[];
}

/** Renders every clip and writes `features.bin` + `features.json` into `dir`. */
export function writeFeatures(dir: string, clips: readonly ClipSpec[], world: WorldConfig): void {
  const { nA, nV, f } = world.renderer;
  const stride = (nA + nV) * f;
  const buf = Buffer.alloc(clips.length * stride * 4);
  clips.forEach((clip, i) => {
    const { audio, video } = renderClip(clip, world);
    let off = i * stride * 4;
    for (const v of audio) off = buf.writeFloatLE(v, off);
    for (const v of video) off = buf.writeFloatLE(v, off);
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'features.bin'), buf);
  const index: FeatureIndex = { format: FEATURES_FORMAT, nA, nV, f, ids: clips.map((c) => c.id) };
  fs.writeFileSync(path.join(dir, 'features.json'), `${JSON.stringify(index)}\n`);
}

/** The float32 values of `data` (a view when the host is little-endian and the buffer aligned, else a copy). */
function floats(data: Buffer): Float32Array {
  if (LITTLE_ENDIAN && data.byteOffset % 4 === 0) return new Float32Array(data.buffer, data.byteOffset, data.length / 4);
  const out = new Float32Array(data.length / 4);
  for (let k = 0; k < out.length; k++) out[k] = data.readFloatLE(4 * k);
  return out;
}

/** Throws a `DataError` naming the clip, the frame and the dimension of the first NaN or infinite value. */
function checkFinite(data: Buffer, index: FeatureIndex, binFile: string): void {
  const values = floats(data);
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as number;
    if (Number.isFinite(v)) continue;
    const { nA, nV, f } = index;
    const clip = Math.floor(k / ((nA + nV) * f));
    const inClip = k % ((nA + nV) * f);
    const [modality, row] = inClip < nA * f ? ['audio', Math.floor(inClip / f)] : ['video', Math.floor((inClip - nA * f) / f)];
    fail({ file: binFile, item: `clip ${index.ids[clip]}` }, `${modality}[${row}][${inClip % f}]`, `${v} (features must be finite)`);
  }
}

/** Read-only access to a features binary by clip (video) id. */
export class FeatureStore {
  private readonly offsets: Map<string, number>;

  private constructor(
    readonly index: FeatureIndex,
    private readonly data: Buffer,
  ) {
    this.offsets = new Map(index.ids.map((id, i) => [id, i]));
  }

  static open(dir: string): FeatureStore {
    const indexFile = path.join(dir, 'features.json');
    const binFile = path.join(dir, 'features.bin');
    const ctx: Ctx = { file: indexFile, item: '(index)' };
    const o = asObject(readJson(indexFile), ctx);
    if (o.format !== FEATURES_FORMAT) fail(ctx, 'format', `expected "${FEATURES_FORMAT}", got ${JSON.stringify(o.format)}`);
    const index: FeatureIndex = {
      format: FEATURES_FORMAT,
      nA: num(o, 'nA', ctx, { int: true, min: 1 }),
      nV: num(o, 'nV', ctx, { int: true, min: 1 }),
      f: num(o, 'f', ctx, { int: true, min: 1 }),
      ids: strArr(o, 'ids', ctx),
    };
    if (new Set(index.ids).size !== index.ids.length) fail(ctx, 'ids', 'duplicate clip ids');
    if (!fs.existsSync(binFile)) fail({ file: binFile, item: '(file)' }, '(file)', 'file not found');
    const data = fs.readFileSync(binFile);
    const expected = index.ids.length * (index.nA + index.nV) * index.f * 4;
    if (data.length !== expected) {
      fail({ file: binFile, item: '(file)' }, '(size)', `expected ${expected} bytes for ${index.ids.length} clips, got ${data.length}`);
    }
    checkFinite(data, index, binFile);
    return new FeatureStore(index, data);
  }

  get ids(): readonly string[] {
    return this.index.ids;
  }

  has(id: string): boolean {
    return this.offsets.has(id);
  }

  /** Features of one clip: `audio [nA, f]`, `video [nV, f]` (fresh arrays). */
  get(id: string): ClipFeatures {
    const i = this.offsets.get(id);
    if (i === undefined) throw new Error(`no features for clip "${id}"`);
    const { nA, nV, f } = this.index;
    const start = i * (nA + nV) * f * 4;
    const read = (from: number, n: number): Float32Array => {
      if (LITTLE_ENDIAN) {
        const at = this.data.byteOffset + from;
        return new Float32Array(this.data.buffer.slice(at, at + 4 * n));
      }
      const out = new Float32Array(n);
      for (let k = 0; k < n; k++) out[k] = this.data.readFloatLE(from + 4 * k);
      return out;
    };
    return { audio: read(start, nA * f), video: read(start + nA * f * 4, nV * f) };
  }
}
