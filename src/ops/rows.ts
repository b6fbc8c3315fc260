/**
 * Row and column moves done on the host, for the shapes where tfjs-wasm 4.22 is slow:
 * its `GatherV2` costs ~45 ns per element and its `Slice` and `SplitV` copy the whole input
 * first (`readSync`), so an embedding lookup took 6 ms and the Q/K/V split 3 ms per layer.
 * Here rows are copied with `TypedArray.set` straight from the wasm heap (`readValues`); on
 * backends whose data is not in this process (tfjs-node, GPU) the same functions are tfjs's
 * gather / concat / split.
 *
 * - `gatherRows(x, rows)`: `x[rows]` along the first axis; gradient a scatter-add of the
 *   upstream rows (repeated rows sum), O(rows · width), independent of `x`'s first axis.
 * - `splitColumns(x, parts)`: `[N, parts·C]` → `parts` tensors `[N, C]`; each part's gradient
 *   is its columns placed in a zero `[N, parts·C]` (autodiff sums the parts).
 */
import * as tf from '@tensorflow/tfjs';
import { customGrad2 } from './customGrad';
import { readValues, tensorFromView } from './kernels/tfjsHeap';
import { timed } from './kernels/timing';

/**
 * One reusable host buffer for outputs: `tensorFromView` copies it into the backend at
 * once, so each op can build its result here instead of allocating (less GC per step).
 */
let buffer = new Float32Array(0);
function scratch(n: number, zeroed: boolean): Float32Array {
  if (buffer.length < n) buffer = new Float32Array(n);
  const view = buffer.subarray(0, n);
  if (zeroed) view.fill(0);
  return view;
}

/**
 * Whether the host paths run: on wasm and cpu the data is in this process's memory; on
 * other backends (tfjs-node, GPU) reading it back would cost more than tfjs's own gather,
 * concat and split, which those backends run well. `AVERE_HOST_ROWS=0` forces the tfjs ops.
 */
function onHost(): boolean {
  const b = tf.getBackend();
  return (b === 'wasm' || b === 'cpu') && process.env.AVERE_HOST_ROWS !== '0';
}

type Unary = (x: tf.Tensor) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor) => tf.Tensor };
const unary = (f: Unary) => tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor) => tf.Tensor;

/** Rows `rows` (host int indices into the first axis) of float32 `x [R, ...]` → `[rows.length, ...]`. */
export function gatherRows(x: tf.Tensor, rows: Int32Array): tf.Tensor {
  if (x.dtype !== 'float32') throw new Error(`gatherRows: x must be float32, got ${x.dtype}`);
  const [n, ...rest] = x.shape as number[];
  const width = rest.reduce((a, b) => a * b, 1);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    if (!(r >= 0 && r < (n as number))) throw new Error(`gatherRows: index ${i} is ${r}, outside [0, ${n})`);
  }
  if (!onHost()) return tf.gather(x, tf.tensor1d(rows, 'int32'));
  const op = unary((input) => ({
    value: timed('gatherRows (forward)', () => {
      const src = readValues(input);
      const out = scratch(rows.length * width, false);
      for (let i = 0; i < rows.length; i++) {
        const at = (rows[i] as number) * width;
        out.set(src.subarray(at, at + width), i * width);
      }
      return tensorFromView(out, [rows.length, ...rest]); // [rows, ...]
    }),
    gradFunc: (dy) =>
      timed('gatherRows (backward)', () => {
        const g = readValues(dy);
        const acc = scratch((n as number) * width, true);
        for (let i = 0; i < rows.length; i++) {
          const to = (rows[i] as number) * width;
          const from = i * width;
          for (let j = 0; j < width; j++) acc[to + j] += g[from + j] as number;
        }
        return tensorFromView(acc, x.shape); // [R, ...]
      }),
  }));
  return op(x);
}

/**
 * `concat([prefix[rows], x], 1)` in one host pass: row i of the result is the `rows[i]`-th
 * prefix block `[P, ...]` followed by `x[i]` `[T, ...]` → `[rows.length, P + T, ...]`. The
 * gradient scatter-adds the first P positions into the prefix rows and passes the rest to x.
 * (Keys and values of sequences that share a prefix, without tfjs's slow split in the
 * gradient of `concat`.)
 */
export function gatherConcat(prefix: tf.Tensor, rows: Int32Array, x: tf.Tensor): tf.Tensor {
  const [g, p, ...inner] = prefix.shape as number[];
  const [s, t, ...innerX] = x.shape as number[];
  if (prefix.dtype !== 'float32' || x.dtype !== 'float32') throw new Error('gatherConcat: inputs must be float32');
  if (s !== rows.length || !tf.util.arraysEqual(inner, innerX)) {
    throw new Error(`gatherConcat: prefix [${prefix.shape}], x [${x.shape}] and ${rows.length} rows do not fit`);
  }
  rows.forEach((r, i) => {
    if (!(r >= 0 && r < (g as number))) throw new Error(`gatherConcat: index ${i} is ${r}, outside [0, ${g})`);
  });
  if (!onHost()) return tf.concat([tf.gather(prefix, tf.tensor1d(rows, 'int32')), x], 1);
  const w = inner.reduce((a, b) => a * b, 1);
  const pw = (p as number) * w;
  const tw = (t as number) * w;
  const op = customGrad2((pre: tf.Tensor, xi: tf.Tensor) => ({
    value: timed('gatherConcat (forward)', () => {
      const src = readValues(pre);
      const out = scratch(rows.length * (pw + tw), false);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i] as number;
        out.set(src.subarray(r * pw, (r + 1) * pw), i * (pw + tw));
      }
      const xs = readValues(xi);
      for (let i = 0; i < rows.length; i++) out.set(xs.subarray(i * tw, (i + 1) * tw), i * (pw + tw) + pw);
      return tensorFromView(out, [rows.length, (p as number) + (t as number), ...inner]); // [S, P + T, ...]
    }),
    gradFunc: (dy: tf.Tensor) =>
      timed('gatherConcat (backward)', () => {
        const d = readValues(dy);
        const dx = scratch(rows.length * tw, false);
        for (let i = 0; i < rows.length; i++) dx.set(d.subarray(i * (pw + tw) + pw, (i + 1) * (pw + tw)), i * tw);
        const dxT = tensorFromView(dx, x.shape);
        const dd = readValues(dy); // the heap may have moved while dxT was written
        const acc = scratch((g as number) * pw, true);
        for (let i = 0; i < rows.length; i++) {
          const to = (rows[i] as number) * pw;
          const from = i * (pw + tw);
          for (let j = 0; j < pw; j++) acc[to + j] += dd[from + j] as number;
        }
        return [tensorFromView(acc, prefix.shape), dxT];
      }),
  }));
  return op(prefix, x);
}

/** Columns `[from, from + count)` of float32 `x [N, C]` → `[N, count]`. */
function takeColumns(x: tf.Tensor2D, from: number, count: number): tf.Tensor2D {
  const [n, cols] = x.shape;
  const op = unary((input) => ({
    value: timed('splitColumns (forward)', () => {
      const src = readValues(input);
      const out = scratch(n * count, false);
      for (let r = 0; r < n; r++) out.set(src.subarray(r * cols + from, r * cols + from + count), r * count);
      return tensorFromView(out, [n, count]); // [N, count]
    }),
    gradFunc: (dy) =>
      timed('splitColumns (backward)', () => {
        const g = readValues(dy);
        const full = scratch(n * cols, true);
        for (let r = 0; r < n; r++) full.set(g.subarray(r * count, (r + 1) * count), r * cols + from);
        return tensorFromView(full, [n, cols]); // [N, C]
      }),
  }));
  return op(x) as tf.Tensor2D;
}

/** Splits the columns of float32 `x [N, parts·C]` into `parts` tensors `[N, C]`. */
export function splitColumns(x: tf.Tensor2D, parts: number): tf.Tensor2D[] {
  if (x.dtype !== 'float32') throw new Error(`splitColumns: x must be float32, got ${x.dtype}`);
  const cols = x.shape[1];
  if (cols % parts !== 0) throw new Error(`splitColumns: ${cols} columns do not split into ${parts} equal parts`);
  const c = cols / parts;
  if (!onHost()) return tf.split(x, parts, 1) as tf.Tensor2D[];
  return Array.from({ length: parts }, (_, p) => takeColumns(x, p * c, c));
}
