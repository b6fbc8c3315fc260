/**
 * Gradient exchange through shared memory: one float32 slot per replica. Every replica sums
 * the slots in the same order, so all of them get bit-identical sums and stay identical.
 */

/** Plain data, so it can travel as workerData or in a message (the buffer stays shared). */
export interface GradientExchange {
  buffer: SharedArrayBuffer;
  replicas: number;
  /** Values per slot. */
  size: number;
}

export function createGradientExchange(replicas: number, size: number): GradientExchange {
  for (const [name, v] of [
    ['replicas', replicas],
    ['size', size],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`createGradientExchange: ${name} must be a positive integer, got ${v}`);
  }
  return { buffer: new SharedArrayBuffer(replicas * size * Float32Array.BYTES_PER_ELEMENT), replicas, size };
}

/** Replica `index`'s slot, a view of the shared buffer. */
export function gradientSlot(ex: GradientExchange, index: number): Float32Array {
  if (!Number.isInteger(index) || index < 0 || index >= ex.replicas) {
    throw new Error(`gradientSlot: replica ${index} out of range [0, ${ex.replicas})`);
  }
  return new Float32Array(ex.buffer, index * ex.size * Float32Array.BYTES_PER_ELEMENT, ex.size);
}

/** out = slot 0 + slot 1 + … in replica order, rounded to float32 after each addition. */
export function sumGradients(ex: GradientExchange, out: Float32Array): Float32Array {
  if (out.length !== ex.size) throw new Error(`sumGradients: output of ${out.length} values, slots hold ${ex.size}`);
  out.set(gradientSlot(ex, 0));
  for (let r = 1; r < ex.replicas; r++) {
    const slot = gradientSlot(ex, r);
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (slot[i] as number);
  }
  return out;
}
