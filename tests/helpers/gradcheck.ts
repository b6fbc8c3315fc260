import * as tf from '@tensorflow/tfjs';

/**
 * Central finite differences of a scalar function of one float tensor input, evaluated
 * element by element: (f(x + h·e_i) − f(x − h·e_i)) / 2h.
 */
export function finiteDifferences(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, h = 1e-2): Float64Array {
  const base = x.dataSync().slice();
  const out = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const eval1 = (delta: number): number =>
      tf.tidy(() => {
        const v = base.slice();
        v[i] = (v[i] as number) + delta;
        return f(tf.tensor(v, x.shape, 'float32')).dataSync()[0] as number;
      });
    out[i] = (eval1(h) - eval1(-h)) / (2 * h);
  }
  return out;
}

/** Largest |a_i − b_i| / (atol + rtol·|b_i|); ≤ 1 means every element is within tolerance. */
export function worstRatio(a: ArrayLike<number>, b: ArrayLike<number>, atol: number, rtol: number): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const r = Math.abs((a[i] as number) - (b[i] as number)) / (atol + rtol * Math.abs(b[i] as number));
    if (!(r <= worst)) worst = Number.isNaN(r) ? Infinity : r;
  }
  return worst;
}

/** Runs `fn` on the pure-JS cpu backend and switches back to the previous backend. */
export async function onCpu<T>(fn: () => T): Promise<T> {
  const prev = tf.getBackend();
  await tf.setBackend('cpu');
  try {
    return fn();
  } finally {
    await tf.setBackend(prev);
  }
}
