/**
 * Row and column moves done on the host, for the shapes where tfjs-wasm 4.22 is slow:
 * its `GatherV2` costs ~45 ns per element and its `Slice` and `SplitV` copy the whole input
 * first (`readSync`), so an embedding lookup took 6 ms and the Q/K/V split 3 ms per layer.
 * Here rows are copied with `TypedArray.set` straight from the wasm heap (`readValues`).
 *
 * - `gatherRows(x, rows)`: `x[rows]` along the first axis; gradient a scatter-add of the
 *   upstream rows (repeated rows sum), O(rows · width), independent of `x`'s first axis.
 * - `splitColumns(x, parts)`: `[N, parts·C]` → `parts` tensors `[N, C]`; each part's gradient
 *   is its columns placed in a zero `[N, parts·C]` (autodiff sums the parts).
 */
import * as tf from '@tensorflow/tfjs';
import { readValues, tensorFromView } from './kernels/tfjsHeap';

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
  const op = unary((input) => {
    const src = readValues(input);
    const out = scratch(rows.length * width, false);
    for (let i = 0; i < rows.length; i++) {
      const at = (rows[i] as number) * width;
      out.set(src.subarray(at, at + width), i * width);
    }
    return {
      value: tensorFromView(out, [rows.length, ...rest]), // [rows, ...]
      gradFunc: (dy) => {
        const g = readValues(dy);
        const acc = scratch((n as number) * width, true);
        for (let i = 0; i < rows.length; i++) {
          const to = (rows[i] as number) * width;
          const from = i * width;
          for (let j = 0; j < width; j++) acc[to + j] += g[from + j] as number;
        }
        return tensorFromView(acc, x.shape); // [R, ...]
      },
    };
  });
  return op(x);
}

/** Columns `[from, from + count)` of float32 `x [N, C]` → `[N, count]`. */
function takeColumns(x: tf.Tensor2D, from: number, count: number): tf.Tensor2D {
  const [n, cols] = x.shape;
  const op = unary((input) => {
    const src = readValues(input);
    const out = scratch(n * count, false);
    for (let r = 0; r < n; r++) out.set(src.subarray(r * cols + from, r * cols + from + count), r * count);
    return {
      value: tensorFromView(out, [n, count]) as tf.Tensor2D, // [N, count]
      gradFunc: (dy) => {
        const g = readValues(dy);
        const full = scratch(n * cols, true);
        for (let r = 0; r < n; r++) full.set(g.subarray(r * count, (r + 1) * count), r * cols + from);
        return tensorFromView(full, [n, cols]); // [N, C]
      },
    };
  });
  return op(x) as tf.Tensor2D;
}

/** Splits the columns of float32 `x [N, parts·C]` into `parts` tensors `[N, C]`. */
export function splitColumns(x: tf.Tensor2D, parts: number): tf.Tensor2D[] {
  if (x.dtype !== 'float32') throw new Error(`splitColumns: x must be float32, got ${x.dtype}`);
  const cols = x.shape[1];
  if (cols % parts !== 0) throw new Error(`splitColumns: ${cols} columns do not split into ${parts} equal parts`);
  const c = cols / parts;
  return Array.from({ length: parts }, (_, p) => takeColumns(x, p * c, c));
}
